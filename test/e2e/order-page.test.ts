// The order page in Chromium (issue 14, "no dead ends"): every action says what happened (the one-time notice), the
// page shows a status stepper that fits a 360 px phone, the seller's next step (deliver) and the buyer's (accept the
// delivery) come first as the primary action, the stars of a review are chosen with radio buttons (keyboard, focus,
// none chosen beforehand, a message when one is missing), the seller rates what a buyer does, and a hired project's
// order speaks of the project brief and the agreed amount. One server for the file: the seller's service and the
// buyer's project are made through the API; the buyer tops up through the sandbox checkout once.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Actor,
  appHelpers,
  checkReady,
  fitsWidth,
  flash,
  guardedSetup,
  newJourney,
  newRunId,
  orderActionWithText,
  orderStatus,
  PHONE,
  SANDBOX_GATEWAY_ENV,
  screenshot,
  signedInActor,
  skipWithoutChromium,
  startJourney,
  stopJourney,
  testUser,
} from './harness.ts';

const skip = skipWithoutChromium('order page');
const run = newRunId();
const STEP_MS = 45_000;

const app = newJourney();
const setup = guardedSetup();
const { api, apiLogin, signUpVerified, publishService } = appHelpers(() => app);

const moderator = testUser(run, 'opmod', 'Calm-Lake-Shore');
const seller = testUser(run, 'opsel', 'Tall-Pine-Ridge', 'مها المترجمة');
const buyer = testUser(run, 'opbuy', 'Soft-Rain-Meadow', 'خالد صاحب المدونة');

const state = { serviceOrder: 0, projectOrder: 0, accepted: false, delivered: false, completed: false };
const actors: { buyer: Actor | null; seller: Actor | null } = { buyer: null, seller: null };
const B = () => actors.buyer?.page as Page;
const S = () => actors.seller?.page as Page;
const url = (path: string) => `${app.baseUrl}${path}`;

/** A POST to the API that moves money: with its Idempotency-Key; answered 201 with JSON. */
async function postKeyed<T>(path: string, token: string, body: unknown): Promise<T> {
  const r = await fetch(url(path), {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': `${path}-${run}` },
    body: JSON.stringify(body),
  });
  expect(r.status, `POST ${path}: ${await r.clone().text()}`).toBe(201);
  return (await r.json()) as T;
}

/** The WCAG contrast ratio of two `rgb(…)` colours. */
function contrast(a: string, b: string): number {
  const lum = (c: string) => {
    const [r, g, bl] = (c.match(/[\d.]+/g) ?? []).slice(0, 3).map((v) => {
      const s = Number(v) / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

describe.skipIf(skip)('the order page in Chromium', { timeout: STEP_MS }, () => {
  beforeAll(
    () =>
      setup.run(async () => {
        await startJourney(app, 'order-page', { moderator, env: SANDBOX_GATEWAY_ENV });
        await Promise.all([signUpVerified(seller), signUpVerified(buyer)]);
        const service = await publishService(seller, moderator, {
          title: 'ترجمة مقالات المدونات من الإنجليزية',
          categorySlug: 'logo-design',
          description:
            'أترجم مقالات مدونتك من الإنجليزية إلى العربية ترجمة سلسة تحافظ على أسلوبك، مع مراجعة لغوية كاملة وعناوين جذابة، وأسلّم الملف في موعده دائمًا.',
          priceCents: 2000,
          deliveryDays: 3,
          instructions: 'أرسل رابط المقال وعدد الكلمات.',
        });
        // The buyer tops up $100 through the sandbox checkout (in the browser: the gateway's page is a form).
        const buyerToken = await apiLogin(buyer);
        const deposit = await postKeyed<{ checkoutUrl: string }>('/api/v1/wallet/deposits', buyerToken, {
          amountCents: 10_000,
          method: 'sandbox',
        });
        // (the review refused on purpose answers 400: not a page error; the console names no address)
        actors.buyer = await signedInActor(app, 'buyer', buyer, '/wallet', {
          viewport: PHONE,
          ignore: /the server responded with a status of 400 \(Bad Request\)$/,
        });
        await B().goto(deposit.checkoutUrl);
        await B().getByLabel('رقم البطاقة').fill('4242 4242 4242 4242');
        await B().getByRole('button', { name: 'ادفع', exact: true }).click();
        await B().getByTestId('sandbox-result').filter({ hasText: 'تم الدفع' }).waitFor({ state: 'visible' });
        // A service order (placed through the API: the notice after placing one existed before)…
        state.serviceOrder = (
          await postKeyed<{ id: number }>('/api/v1/orders', buyerToken, { serviceId: service.id, quantity: 1, addonIds: [] })
        ).id;
        // …and a project of the buyer's, approved, bid on by the seller and hired: an order of kind 'project'.
        const tree = await api<{ slug: string; children: { id: number; slug: string }[] }[]>('GET', '/api/v1/categories', {
          expect: 200,
        });
        const categoryId = tree.flatMap((t) => t.children).find((c) => c.slug === 'logo-design')?.id;
        const project = await api<{ id: number }>('POST', '/api/v1/projects', {
          token: buyerToken,
          expect: 201,
          body: {
            title: 'ترجمة عشرين مقالًا لمدونة تقنية',
            description:
              'لدي مدونة تقنية بالإنجليزية وأريد ترجمة عشرين مقالًا منها إلى العربية بأسلوب واضح يناسب القارئ العربي، مع الحفاظ على المصطلحات التقنية وشرحها عند الحاجة. أرسل أمثلة من ترجماتك.',
            categoryId,
            skills: ['ترجمة'],
            budgetMinCents: 2500,
            budgetMaxCents: 5000,
            expectedDays: 10,
          },
        });
        await api('POST', `/api/v1/admin/projects/${project.id}/approve`, { token: await apiLogin(moderator), expect: 200 });
        const bid = await api<{ id: number }>('POST', `/api/v1/projects/${project.id}/bids`, {
          token: await apiLogin(seller),
          expect: 201,
          body: {
            amountCents: 4000,
            days: 8,
            proposal: 'ترجمت مدونات تقنية كثيرة من قبل، وأحافظ على المصطلحات وأشرحها، وأسلّم كل خمسة مقالات معًا للمراجعة.',
          },
        });
        const hire = await postKeyed<{ orderId: number }>(`/api/v1/projects/${project.id}/hire`, buyerToken, { bidId: bid.id });
        state.projectOrder = hire.orderId;
        actors.seller = await signedInActor(app, 'seller', seller, '/my/sales', { viewport: PHONE });
      }),
    180_000,
  );
  afterAll(() => stopJourney(app), 20_000);
  const ready = (...needs: (keyof typeof state | keyof typeof actors)[]) => checkReady(setup, { ...state, ...actors }, needs);
  const orderPath = () => `/orders/${state.serviceOrder}`;
  const steps = (page: Page) => page.locator('main ol[aria-label]').filter({ has: page.locator('li[aria-current="step"]') });

  it('shows a status stepper (an ordered list, the current step marked) that fits 360 px in both languages', async () => {
    ready('seller', 'serviceOrder');
    const page = S();
    await page.goto(url(orderPath()));
    await screenshot(page, 'orders-order-pending-ar-360.png');
    const ol = steps(page);
    expect(await ol.getAttribute('aria-label')).toBe('مراحل الطلب');
    expect(await ol.locator('> li').allTextContents()).toEqual(['1أُرسل الطلب', '2قيد التنفيذ', '3التسليم', '4مكتمل']);
    expect(await ol.locator('> li[aria-current="step"]').textContent()).toContain('أُرسل الطلب');
    await fitsWidth(page, 360);
    await page.goto(url(`/en${orderPath()}`));
    const en = steps(page);
    expect(await en.getAttribute('aria-label')).toBe('Order progress');
    expect(await en.locator('> li[aria-current="step"]').textContent()).toContain('Placed');
    await fitsWidth(page, 360);
  });

  it('says what happened after the seller accepts', async () => {
    ready('seller', 'serviceOrder');
    const page = S();
    await page.goto(url(orderPath()));
    await page.getByTestId('action-accept').click();
    await page.waitForURL((u) => u.pathname === orderPath());
    await orderStatus(page).filter({ hasText: 'قيد التنفيذ' }).waitFor({ state: 'visible' });
    state.accepted = true;
    await screenshot(page, 'orders-order-in-progress-seller-ar-360.png');
    await flash(page, 'قبلت الطلب وبدأ العمل').waitFor({ state: 'visible' });
  });

  it('makes delivering the seller’s open, primary next step while the order is in progress', async () => {
    ready('seller', 'accepted');
    const page = S();
    await page.goto(url(orderPath()));
    // Delivering: its text box is there without opening anything, its button the first and the primary one.
    const deliver = page.getByTestId('action-deliver');
    expect(await deliver.isVisible()).toBe(true);
    expect(await page.locator('textarea[name="message"]').isVisible()).toBe(true);
    expect(await deliver.getAttribute('class')).toContain('btn-primary');
    const firstButton = page.getByTestId('actions').locator('[data-testid^="action-"]').first();
    expect(await firstButton.getAttribute('data-testid')).toBe('action-deliver');
    const box = await deliver.boundingBox();
    expect(box && box.width >= 200, 'a wide button on the phone').toBe(true);
    // The stepper moved on: the first step is done (a screen reader hears it), the work is current.
    const current = steps(page).locator('> li[aria-current="step"]');
    expect(await current.textContent()).toContain('قيد التنفيذ');
    expect(await steps(page).locator('> li').first().textContent()).toContain('تمّت');
    await fitsWidth(page, 360);
  });

  it('says what happened after the seller delivers', async () => {
    ready('seller', 'accepted');
    const page = S();
    await orderActionWithText(page, 'deliver', 'الترجمة جاهزة ومراجعة، والملف مرفق في الرسالة.');
    await page.waitForURL((u) => u.pathname === orderPath());
    await orderStatus(page).filter({ hasText: 'سُلّم' }).waitFor({ state: 'visible' });
    state.delivered = true;
    await flash(page, 'سلّمت العمل').waitFor({ state: 'visible' });
    await page.goto(url('/my/sales'));
  });

  it('says what happened after the buyer accepts the delivery (in English), accepting being the buyer’s primary step', async () => {
    ready('buyer', 'delivered');
    const b = B();
    await b.goto(url(`/en${orderPath()}`));
    const firstButton = b.getByTestId('actions').locator('[data-testid^="action-"]').first();
    expect(await firstButton.getAttribute('data-testid')).toBe('action-complete');
    expect(await firstButton.getAttribute('class')).toContain('btn-primary');
    await b.setViewportSize({ width: 1366, height: 900 });
    await screenshot(b, 'orders-order-delivered-buyer-en-1366.png');
    await b.setViewportSize(PHONE);
    await firstButton.click();
    // Accepting pays the seller: the button asks first (web/components/confirm.tsx).
    const confirm = b.getByTestId('action-complete-confirm');
    if (await confirm.count()) await confirm.click();
    await b.waitForURL((u) => u.pathname === `/en${orderPath()}`);
    await orderStatus(b).filter({ hasText: 'Completed' }).waitFor({ state: 'visible' });
    state.completed = true;
    await flash(b, 'You accepted the delivery').waitFor({ state: 'visible' });
    expect(await steps(b).locator('> li[aria-current="step"]').textContent()).toContain('Completed');
  });

  it('chooses stars with keyboard-accessible radio buttons: none chosen beforehand, a message when one is missing', async () => {
    ready('buyer', 'completed');
    const page = B();
    await page.goto(url(orderPath()));
    const box = page.getByTestId('review-box');
    await screenshot(page, 'orders-review-buyer-ar-360.png');
    const quality = box.locator('fieldset', { has: page.locator('input[name="quality"]') });
    expect(await quality.locator('legend').textContent()).toBe('جودة العمل');
    const radios = quality.locator('input[type="radio"]');
    expect(await radios.count()).toBe(5);
    expect(await box.locator('input[type="radio"]:checked').count(), 'nothing chosen for the person').toBe(0);
    expect(await box.locator('select').count()).toBe(0);
    // Each star is named for a screen reader, and is drawn (an SVG), not an emoji or a font's glyph.
    expect(await quality.getByRole('radio', { name: '3 نجوم' }).count()).toBe(1);
    expect(await quality.locator('label svg').count()).toBe(5);

    // The keyboard: Tab reaches the group, the arrows choose (natively), and the focused star shows a ring.
    await box.locator('h3').click();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe('quality');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    const chosen = await quality.locator('input:checked').getAttribute('value');
    expect(Number(chosen)).toBeGreaterThanOrEqual(2);
    const star = quality.locator('label', { has: page.locator('input:checked') });
    const ring = await star.evaluate((l) => getComputedStyle(l).outlineStyle);
    expect(ring).not.toBe('none');
    // The chosen star's colour reads against the card (≥ 4.5:1).
    const [fill, bg] = await star.evaluate((l) => {
      // Computed colours may be oklch(…): painted on a canvas, they read back as sRGB.
      const rgb = (colour: string) => {
        const x = document.createElement('canvas').getContext('2d') as CanvasRenderingContext2D;
        x.fillStyle = colour;
        x.fillRect(0, 0, 1, 1);
        const [r, g, b] = x.getImageData(0, 0, 1, 1).data;
        return `rgb(${r}, ${g}, ${b})`;
      };
      return [
        rgb(getComputedStyle(l.querySelector('svg') as Element).fill),
        rgb(getComputedStyle(l.closest('.card') as Element).backgroundColor),
      ];
    });
    expect(contrast(fill, bg), `${fill} on ${bg}`).toBeGreaterThanOrEqual(4.5);

    // Communication left out: refused with its message; the stars chosen and the comment stay.
    await box.locator('label:has(input[name="onTime"][value="5"])').click();
    await box.locator('#f-comment').fill('ترجمة دقيقة وسريعة.');
    await box.getByTestId('send-review').click();
    await page.getByTestId('error-communication').waitFor({ state: 'visible' });
    expect(await page.getByTestId('error-communication').textContent()).toBe('اختر عدد النجوم، من 1 إلى 5.');
    expect(await page.locator(`input[name="quality"][value="${chosen}"]`).isChecked()).toBe(true);
    expect(await page.locator('#f-comment').inputValue()).toBe('ترجمة دقيقة وسريعة.');
    await screenshot(page, 'orders-review-refused-ar-360.png');
    await fitsWidth(page, 360);

    await page.locator('label:has(input[name="communication"][value="4"])').click();
    await page.getByTestId('send-review').click();
    await page.waitForURL((u) => u.pathname === orderPath());
    await flash(page, 'أُرسل تقييمك، ويُنشر حين يقيّم الطرف الآخر').waitFor({ state: 'visible' });
  });

  it('lets the seller rate the buyer on the brief’s clarity, communication and timely answers, shown so to the buyer', async () => {
    ready('seller', 'buyer', 'completed');
    const page = S();
    await page.goto(url(orderPath()));
    const box = page.getByTestId('review-box');
    await screenshot(page, 'orders-review-seller-ar-360.png');
    expect(await box.locator('legend').allTextContents()).toEqual(['وضوح المطلوب', 'التواصل', 'سرعة الرد']);
    expect(await box.textContent()).not.toContain('جودة العمل');
    for (const name of ['quality', 'communication', 'onTime']) await box.locator(`label:has(input[name="${name}"][value="5"])`).click();
    await box.locator('#f-comment').fill('طلب واضح وردود سريعة.');
    await box.getByTestId('send-review').click();
    await page.waitForURL((u) => u.pathname === orderPath());
    await flash(page, 'أُرسل تقييمك ونُشر مع تقييم الطرف الآخر').waitFor({ state: 'visible' });

    await page.goto(url(`/en${orderPath()}`));
    expect(await page.getByTestId('review-about-me').textContent()).toContain('Quality of work');
    const b = B();
    await b.goto(url(`/en${orderPath()}`));
    const about = (await b.getByTestId('review-about-me').textContent()) ?? '';
    expect(about).toContain('Clarity of the brief');
    expect(about).toContain('Timely answers');
    expect(about).not.toContain('Quality');
    // The buyer's public profile shows the review as one of them as a buyer, under the buyer's criteria.
    await b.goto(url(`/u/${buyer.username}`));
    const reviews = b.getByTestId('profile-reviews');
    await screenshot(b, 'accounts-profile-buyer-ar-360.png');
    // No review as a seller yet: the "as buyer" tab opens first, and its panel is the one on screen.
    expect(await reviews.getByTestId('tab-as-buyer').getAttribute('aria-label')).toBe('بصفته مشتريًا (1)');
    expect(await reviews.getByTestId('tab-as-buyer').isChecked()).toBe(true);
    expect(await reviews.getByTestId('panel-as-buyer').isVisible()).toBe(true);
    const shown = (await reviews.getByTestId('panel-as-buyer').textContent()) ?? '';
    expect(shown).toContain('وضوح المطلوب');
    expect(shown).toContain('طلب واضح وردود سريعة.');
    expect(shown).not.toContain('جودة العمل');
    await fitsWidth(b, 360);
  });

  it('says "project brief" and "agreed amount" on a hired project’s order, in both languages', async () => {
    ready('seller', 'projectOrder');
    const page = S();
    await page.goto(url(`/orders/${state.projectOrder}`));
    await screenshot(page, 'orders-project-order-ar-360.png');
    const main = (await page.locator('main').textContent()) ?? '';
    expect(main).toContain('وصف المشروع');
    expect(main).toContain('المبلغ المتفق عليه');
    expect(main).not.toContain('تعليمات البائع');
    expect(main).not.toContain('سعر الخدمة');
    expect(await steps(page).locator('> li').first().textContent()).toContain('التوظيف');
    await fitsWidth(page, 360);
    await page.goto(url(`/en/orders/${state.projectOrder}`));
    const en = (await page.locator('main').textContent()) ?? '';
    expect(en).toContain('Project brief');
    expect(en).toContain('Agreed amount');
    expect(en).not.toContain('seller’s instructions');
    expect(en).not.toContain('Service price');
  });

  it('no page threw or logged an error', () => {
    ready();
    expect(app.pageErrors).toEqual([]);
  });
});
