// The whole service-order journey in a real browser against the real server (src/main.tsx in a child process, PGlite,
// no demo data, mail written as .eml files): a seller's service with an add-on is published (API + a moderator made
// with the CLI); the buyer, on a phone in Arabic, deposits $50 through the sandbox checkout, orders the service with
// its add-on from the service page and pays from the balance; the seller, on a desktop, opens the order from the
// notification bell, accepts it and delivers a PDF; the buyer asks for changes, the seller delivers again, the buyer
// accepts; both review (double-blind: published with the second); the seller's wallet shows the total less 10% as
// pending until 8 days after completion (a new seller's clearance). Runs with KAFIIL_E2E=1 (see vitest.config.ts).
//
// Live pages: an open order page reloads itself when the order changes and when a message comes in its conversation
// (order.js on the live `order` event, which every step sends to both sides, and on the live `message` event; live.js
// hands both to the page). A delivery and a request for changes are checked that way, in the other side's open page
// (marked first, so the test sees order.js loaded it again). A step without a message (accept, complete) is checked by
// opening the order from the other side's list instead: the test does not wait on the `order` event, and leaves no
// page on the order while such a step happens (that page would reload under the test's own navigation).
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatRef } from '../../src/platform/i18n/index.ts';
import {
  type Actor,
  type ActorOptions,
  appHelpers,
  arMoney,
  checkReady,
  DESKTOP,
  depositThroughSandbox,
  enMoney,
  expectDownload,
  expectLanguage,
  fitsWidth,
  guardedSetup,
  type Login,
  marker,
  newJourney,
  newRunId,
  ORDER_STATUS,
  orderActionWithText,
  orderStatus,
  PHONE,
  pdfFile,
  reviewOrder,
  SANDBOX_GATEWAY_ENV,
  screenshot,
  setMarker,
  signedInActor,
  skipWithoutChromium,
  startJourney,
  stopJourney,
  testUser,
  liveOpen as waitForLive,
} from './harness.ts';

const skip = skipWithoutChromium('orders');
const run = newRunId();
/** How long a live change may take to show in the other browser. */
const LIVE_MS = 10_000;
/** Each step's time limit: generous, the browser, the server and the CLI share a busy machine with other suites. */
const STEP_MS = 60_000;
const DAY = 86_400_000;

/** The server and the browser; the errors the pages threw or logged, by actor: none is expected. */
const app = newJourney();
const setup = guardedSetup();

const moderator = testUser(run, 'omod', 'Quiet-River-Stone');
const seller = testUser(run, 'osel', 'Bright-Cedar-Hill', 'سارة المصممة');
const buyer = testUser(run, 'obuy', 'Warm-Olive-Field', 'أحمد صاحب المتجر');

const service = {
  title: 'تصميم شعار أنيق لمقهى أو مطعم',
  priceCents: 2500,
  deliveryDays: 3,
  instructions: 'أرسل اسم المقهى والألوان التي تحبها.',
  addon: { title: 'تسليم خلال يوم واحد', priceCents: 1000, extraDays: 0 },
};
/** $25 + the $10 add-on, once; the seller receives it less the 10% commission. */
const totalCents = service.priceCents + service.addon.priceCents;
const sellerNetCents = totalCents - Math.floor((totalCents * 1000 + 5000) / 10000);
const depositDollars = 50;
const depositCents = depositDollars * 100;

const text = {
  delivery1: 'إليك النماذج الثلاثة الأولى للشعار في ملف PDF، اختر ما يعجبك وأخبرني بملاحظاتك.',
  changes: 'أعجبني النموذج الثاني، لكن أرجو تكبير اسم المقهى وجعل اللون الأخضر أغمق قليلًا.',
  delivery2: 'عدّلت النموذج الثاني كما طلبت: الاسم أكبر والأخضر أغمق. الملف المعدّل مرفق.',
  buyerReview: 'عمل رائع وتواصل ممتاز، نفّذت سارة التعديلات بسرعة ودقة.',
  sellerReview: 'مشترٍ واضح في طلباته وسريع الرد، سعدت بالعمل معه.',
};
const firstPdf = pdfFile('نماذج-الشعار.pdf', 'drafts');
const secondPdf = pdfFile('الشعار-المعدل.pdf', 'final');

/** The server's own formats (src/platform/i18n: Latin digits in Arabic, dates in UTC), written out independently. */
const arDate = (d: Date) => new Intl.DateTimeFormat('ar-EG-u-nu-latn', { dateStyle: 'long', timeZone: 'UTC' }).format(d);

const status = ORDER_STATUS;

/** Filled in as the journey goes. */
const state = {
  serviceId: 0,
  addonId: 0,
  servicePath: '',
  funded: false,
  orderId: 0,
  accepted: false,
  delivered: false,
  completedAt: '',
  reviewed: false,
};
const actors: { buyer: Actor | null; seller: Actor | null } = { buyer: null, seller: null };

const { signUpVerified, publishService } = appHelpers(() => app);

/**
 * A browser of one's own signed in as `who` at `next`, its page errors collected. Every page counts the `hello`
 * events of its live stream: the first says the server has subscribed the page, so an event sent after it must reach it.
 */
const signedIn = (name: string, who: Login, next: string, opts: ActorOptions) =>
  signedInActor(app, name, who, next, { timeouts: { action: 15_000, navigation: 20_000 }, live: true, ...opts });

/** Waits until the page's live stream has said hello (the server holds its subscription). */
const liveOpen = (page: Page, who: string) => waitForLive(page, who, LIVE_MS);

/** Waits until the open order page shows `label` as its status (after its own action, or reloaded by a live event). */
async function statusBecomes(page: Page, label: string, who: string, timeout = LIVE_MS) {
  try {
    await orderStatus(page).filter({ hasText: label }).waitFor({ state: 'visible', timeout });
  } catch (err) {
    const now = await orderStatus(page)
      .textContent({ timeout: 1000 })
      .catch(() => '(none)');
    throw new Error(`${who}'s order page did not show the status «${label}» within ${timeout / 1000} s (it shows «${now?.trim()}»)`, {
      cause: err,
    });
  }
}

/** The order page's conversation: the message with `body`, as the viewer sees it. */
const threadMessage = (page: Page, body: string) => page.locator('#order-thread > li', { hasText: body });

describe.skipIf(skip)('service order journey in Chromium', { timeout: STEP_MS }, () => {
  beforeAll(() => setup.run(() => startJourney(app, 'orders', { moderator, env: SANDBOX_GATEWAY_ENV })), 120_000);
  afterAll(() => stopJourney(app), 20_000);

  const ready = (...needs: (keyof typeof state | keyof typeof actors)[]) => checkReady(setup, { ...state, ...actors }, needs);
  const B = () => actors.buyer?.page as Page;
  const S = () => actors.seller?.page as Page;
  const orderPath = () => `/orders/${state.orderId}`;

  it('a seller signs up and publishes a service with an add-on (API, approved by a moderator); a buyer signs up', async () => {
    ready();
    await Promise.all([signUpVerified(seller), signUpVerified(buyer)]);
    const published = await publishService(seller, moderator, {
      title: service.title,
      categorySlug: 'logo-design',
      description:
        'أصمم لمقهاك أو مطعمك شعارًا أنيقًا يناسب أجواء المكان وجمهوره، مع نموذجين أوليين تختار منهما، وتعديلات حتى ترضى تمامًا، ثم أسلمك الملفات بصيغ جاهزة للطباعة على الأكواب واللافتات ولمواقع التواصل.',
      priceCents: service.priceCents,
      deliveryDays: service.deliveryDays,
      instructions: service.instructions,
      skills: ['هوية بصرية', 'Illustrator'],
      addons: [service.addon],
    });
    const addon = published.addons.find((a) => a.title === service.addon.title);
    expect(addon?.priceCents).toBe(service.addon.priceCents);
    state.addonId = addon?.id ?? 0;
    state.serviceId = published.id;
  });

  it('the buyer, on a phone, deposits $50 through the sandbox checkout and sees it in the wallet', async () => {
    ready('serviceId');
    actors.buyer = await signedIn('buyer', buyer, '/wallet', { viewport: PHONE });
    const page = B();
    await expectLanguage(page, 'ar');
    expect((await page.getByTestId('wallet.available').textContent())?.trim()).toBe(arMoney(0));
    // The sandbox gateway's own page (its address carries the deposit's secret), then back to the wallet.
    await depositThroughSandbox(page, depositDollars);
    expect((await page.getByTestId('wallet.available').textContent())?.trim()).toBe(arMoney(depositCents));
    const deposits = page.getByTestId('deposits');
    expect(await deposits.locator('> li').count()).toBe(1);
    const line = ((await deposits.locator('> li').textContent()) ?? '').trim();
    expect(line).toContain(arMoney(depositCents));
    expect(line, 'the deposit is settled').toMatch(/· تم$/);
    state.funded = true;
  });

  it('the buyer ticks the add-on on the service page, orders, checks the total and pays from the balance', async () => {
    ready('buyer', 'funded');
    const page = B();
    await page.goto(`${app.baseUrl}/services/${state.serviceId}`);
    state.servicePath = new URL(page.url()).pathname;
    expect((await page.getByTestId('service-title').textContent())?.trim()).toBe(service.title);
    const addon = page.getByTestId('addons').getByRole('checkbox');
    await addon.check();
    // browse.js keeps the total right as the add-on is ticked.
    await expect.poll(async () => (await page.getByTestId('total').textContent())?.trim()).toBe(arMoney(totalCents));

    await page.getByTestId('order-now').click();
    await page.waitForURL((u) => u.pathname === '/orders/new');
    const q = new URL(page.url()).searchParams;
    expect(q.getAll('addon')).toEqual([String(state.addonId)]);
    expect(q.get('qty')).toBe('1');
    expect(await page.getByRole('heading', { name: 'تأكيد الطلب' }).isVisible()).toBe(true);
    expect((await page.getByTestId('checkout-total').textContent())?.trim()).toBe(arMoney(totalCents));
    const checkout = await page.locator('main').textContent();
    expect(checkout).toContain(service.addon.title);
    expect(checkout).toContain(arMoney(service.addon.priceCents));
    expect(checkout).toContain(`رصيدك المتاح: ${arMoney(depositCents)}`);
    expect(await page.getByTestId('checkout-short').count(), 'the balance covers it: nothing to deposit first').toBe(0);
    const pay = page.getByTestId('pay');
    expect((await pay.textContent())?.trim()).toBe(`ادفع ${arMoney(totalCents)} من رصيدك وأرسل الطلب`);
    await fitsWidth(page, PHONE.width);

    await pay.click();
    await page.waitForURL((u) => /^\/orders\/\d+$/.test(u.pathname));
    state.orderId = Number(new URL(page.url()).pathname.split('/').pop());
    expect(state.orderId).toBeGreaterThan(0);
    expect(await page.getByRole('status').filter({ hasText: 'أُرسل طلبك إلى البائع' }).isVisible()).toBe(true);
    expect((await orderStatus(page).textContent())?.trim()).toBe(status.pending);
    expect((await page.getByTestId('order-total').textContent())?.trim()).toBe(arMoney(totalCents));
    const main = await page.locator('main').textContent();
    expect(main).toContain(service.title);
    expect(main).toContain(`+ ${service.addon.title}`);
    expect(main).toContain(service.instructions);
    expect(main).toContain(`المشتري: ${buyer.displayName} · البائع: ${seller.displayName}`);
    // The buyer may still cancel alone before the seller answers; nothing else.
    expect(await page.getByTestId('action-cancel').count()).toBe(1);
    expect(await page.getByTestId('action-complete').count()).toBe(0);
  });

  it('the seller, on a desktop, opens the order from the notification bell and accepts it; the buyer finds it started', async () => {
    ready('buyer', 'orderId');
    // The buyer waits on their purchases (the live `order` event is not relied on: see the note at the top).
    const list = B();
    await list.goto(`${app.baseUrl}/my/purchases`);
    const purchase = list.getByTestId('orders').locator(`a[href="${orderPath()}"]`);
    expect((await purchase.getByTestId('order-status').textContent())?.trim()).toBe(status.pending);
    expect(await purchase.textContent()).toContain(arMoney(totalCents));

    actors.seller = await signedIn('seller', seller, '/', { viewport: DESKTOP });
    const page = S();
    const badge = page.locator('header [data-badge="notifications"]');
    expect(await badge.isVisible(), 'the bell counts the new order').toBe(true);
    expect(Number((await badge.textContent())?.trim())).toBeGreaterThanOrEqual(1);
    await page.getByTestId('bell').click();
    await page.waitForURL((u) => u.pathname === '/notifications');
    const note = page.getByTestId('notifications').locator('a[data-unread]', { hasText: `طلب جديد ${formatRef(state.orderId)}` });
    expect(await note.textContent()).toContain(service.title);
    await note.click();
    await page.waitForURL((u) => u.pathname === orderPath());
    expect((await orderStatus(page).textContent())?.trim()).toBe(status.pending);
    // What the seller receives, less the 10% commission.
    expect(await page.locator('aside').textContent()).toContain(arMoney(sellerNetCents));
    expect(await page.getByTestId('action-decline').count()).toBe(1);

    await page.getByTestId('action-accept').click();
    await statusBecomes(page, status.inProgress, 'seller');
    expect(new URL(page.url()).pathname).toBe(orderPath());
    expect(await page.getByTestId('deadline').textContent()).toContain('موعد التسليم');

    await purchase.click();
    await list.waitForURL((u) => u.pathname === orderPath());
    expect((await orderStatus(list).textContent())?.trim()).toBe(status.inProgress);
    expect(await list.getByTestId('timeline').textContent()).toContain('قُبل الطلب');
    state.accepted = true;
  });

  it('the seller delivers with a message and a PDF; the buyer’s open order page shows the delivery and the file by itself', async () => {
    ready('buyer', 'seller', 'accepted');
    // The buyer's page stays open on the order: the delivery's message reloads it (order.js, live `message` event).
    await liveOpen(B(), 'buyer');
    await setMarker(B());
    const page = S();
    await orderActionWithText(page, 'deliver', text.delivery1, [firstPdf]);
    await statusBecomes(page, status.delivered, 'seller');
    expect(new URL(page.url()).pathname).toBe(orderPath());
    const mine = threadMessage(page, text.delivery1);
    await mine.waitFor({ state: 'visible' });
    expect(await mine.getByTestId('attachment').textContent()).toContain(firstPdf.name);

    await statusBecomes(B(), status.delivered, 'buyer');
    expect(await marker(B()), "the buyer's page was loaded again by order.js, not by the test").toBeNull();
    const delivered = threadMessage(B(), text.delivery1);
    await delivered.waitFor({ state: 'visible' });
    const attachment = delivered.getByTestId('attachment');
    expect(await attachment.textContent()).toContain(firstPdf.name);
    // The file is the PDF itself, for the buyer.
    await expectDownload(app, B(), attachment, firstPdf);
    expect(await B().getByTestId('deadline').textContent()).toContain('يكتمل تلقائيًا');
    expect(await B().getByTestId('action-complete').count()).toBe(1);
    state.delivered = true;
  });

  it('the buyer asks for changes, the seller delivers again, and the buyer accepts: completed for both', async () => {
    ready('buyer', 'seller', 'delivered');
    // The seller's page is open on the order: the buyer's message of changes reloads it by itself.
    const page = S();
    await liveOpen(page, 'seller');
    await setMarker(page);
    await orderActionWithText(B(), 'request-changes', text.changes);
    await statusBecomes(B(), status.inProgress, 'buyer');
    await threadMessage(B(), text.changes).waitFor({ state: 'visible' });

    await statusBecomes(page, status.inProgress, 'seller');
    expect(await marker(page), "the seller's page was loaded again by order.js, not by the test").toBeNull();
    await threadMessage(page, text.changes).waitFor({ state: 'visible' });
    expect(await page.getByTestId('timeline').textContent()).toContain('طُلبت تعديلات');

    // The second delivery; the buyer's open page follows again.
    await liveOpen(B(), 'buyer');
    await setMarker(B());
    await orderActionWithText(page, 'deliver', text.delivery2, [secondPdf]);
    await statusBecomes(page, status.delivered, 'seller');
    await statusBecomes(B(), status.delivered, 'buyer');
    expect(await marker(B())).toBeNull();
    const again = threadMessage(B(), text.delivery2);
    await again.waitFor({ state: 'visible' });
    expect(await again.getByTestId('attachment').textContent()).toContain(secondPdf.name);

    // The seller waits on their sales; the buyer accepts the delivery.
    await page.goto(`${app.baseUrl}/my/sales`);
    const sale = page.getByTestId('orders').locator(`a[href="${orderPath()}"]`);
    expect((await sale.getByTestId('order-status').textContent())?.trim()).toBe(status.delivered);
    // Accepting pays the seller: it asks first (web/components/confirm.tsx).
    await B().getByTestId('action-complete').click();
    await B().getByTestId('action-complete-confirm').click();
    await statusBecomes(B(), status.completed, 'buyer');
    expect(await B().getByTestId('actions').count(), 'nothing left to do but review').toBe(0);
    await sale.click();
    await page.waitForURL((u) => u.pathname === orderPath());
    expect((await orderStatus(page).textContent())?.trim()).toBe(status.completed);

    // The whole history, in order.
    const events = await B().getByTestId('timeline').locator('> li strong').allTextContents();
    expect(events).toEqual(['أُرسل الطلب', 'قُبل الطلب', 'سُلّم العمل', 'طُلبت تعديلات', 'سُلّم العمل', 'اكتمل الطلب']);
    const completed = B().getByTestId('timeline').locator('> li', { hasText: 'اكتمل الطلب' }).locator('time');
    state.completedAt = (await completed.getAttribute('datetime')) ?? '';
    expect(Number.isNaN(Date.parse(state.completedAt))).toBe(false);
  });

  it('both review from the order page; the reviews are published together and the buyer’s shows on the service page', async () => {
    ready('buyer', 'seller', 'completedAt');
    // The buyer first: held back (double-blind) until the seller reviews too.
    await reviewOrder(B(), ['5', '5', '4'], text.buyerReview);
    await B().getByTestId('review-box').filter({ hasText: 'استلمنا تقييمك' }).waitFor({ state: 'visible' });
    expect(await B().getByTestId('form-error').count()).toBe(0);
    expect(await S().getByTestId('review-box').textContent()).toContain(`قيّم تجربتك مع ${buyer.displayName}`);

    await reviewOrder(S(), ['5', '5', '5'], text.sellerReview);
    await S().getByTestId('review-box').filter({ hasText: 'نُشر تقييمك.' }).waitFor({ state: 'visible' });
    await B().reload();
    // The buyer's box says the review is out, and now shows the seller's review of them with a reply form.
    const box = B().getByTestId('review-box');
    expect(await box.textContent()).toContain('نُشر تقييمك.');
    expect(await box.getByTestId('review-about-me').textContent()).toContain(text.sellerReview);
    expect(await box.getByTestId('send-reply').count()).toBe(1);

    // The service page shows the buyer's review (its reviews are cached for 15 s: reload until it appears).
    const page = B();
    await page.goto(`${app.baseUrl}${state.servicePath}`);
    await expect
      .poll(
        async () => {
          const shown = await page.getByTestId('reviews').count();
          if (!shown) await page.reload();
          return shown;
        },
        { timeout: 30_000, interval: 1000, message: "the buyer's review on the service page" },
      )
      .toBe(1);
    const item = page.getByTestId('reviews').locator('> li');
    expect(await item.count()).toBe(1);
    expect(await item.textContent()).toContain(text.buyerReview);
    expect(await item.textContent()).toContain(buyer.displayName);
    // The seller's review of the buyer is not one of the service's.
    expect(await page.getByTestId('reviews').textContent()).not.toContain(text.sellerReview);
    state.reviewed = true;
  });

  it('the seller’s wallet shows the total less 10% as pending until 8 days after completion; the buyer’s the rest', async () => {
    ready('buyer', 'seller', 'completedAt');
    const page = S();
    await page.goto(`${app.baseUrl}/wallet`);
    expect((await page.getByTestId('wallet.pending').textContent())?.trim()).toBe(arMoney(sellerNetCents));
    expect((await page.getByTestId('wallet.available').textContent())?.trim()).toBe(arMoney(0));
    const pending = page.getByTestId('pending-list').locator('> li');
    expect(await pending.count()).toBe(1);
    const line = (await pending.textContent()) ?? '';
    expect(line).toContain(arMoney(sellerNetCents));
    // A new seller's earnings clear 8 days after completion (the minute around the completion, for a date change at midnight UTC).
    const done = Date.parse(state.completedAt);
    const dates = new Set([arDate(new Date(done - 60_000 + 8 * DAY)), arDate(new Date(done + 60_000 + 8 * DAY))]);
    expect(
      [...dates].some((d) => line.includes(`تصبح متاحة في ${d}`)),
      `«${line}» names the date ${[...dates].join(' or ')}`,
    ).toBe(true);
    // The statement says what the movement was, linked to the order: «طلب #1 — title», not «order:1».
    const statement = (await page.getByTestId('statement').textContent()) ?? '';
    expect(statement).toContain(`طلب ${formatRef(state.orderId)} — \u2068${service.title}\u2069`);
    expect(statement).not.toContain(`order:${state.orderId}`);
    expect(await page.getByTestId('statement').locator(`a[href="/orders/${state.orderId}"]`).count()).toBeGreaterThan(0);

    // The buyer paid $35 of the $50: $15 left, nothing held in escrow any more.
    await B().goto(`${app.baseUrl}/wallet`);
    expect((await B().getByTestId('wallet.available').textContent())?.trim()).toBe(arMoney(depositCents - totalCents));
    expect((await B().getByTestId('wallet.escrow').textContent())?.trim()).toBe(arMoney(0));
  });

  it('screenshots: the Arabic order page on the phone, the English sales list on the desktop', async () => {
    ready('buyer', 'seller', 'completedAt');
    const phone = B();
    await phone.goto(`${app.baseUrl}${orderPath()}`);
    expect((await orderStatus(phone).textContent())?.trim()).toBe(status.completed);
    // Nothing wider than the phone's screen.
    await fitsWidth(phone, PHONE.width);
    await screenshot(phone, 'order-page-360.png');

    const desk = S();
    await desk.goto(`${app.baseUrl}/en/my/sales`);
    await expectLanguage(desk, 'en');
    const item = desk.getByTestId('orders').locator(`a[href="/en/orders/${state.orderId}"]`);
    expect(await item.textContent()).toContain(service.title);
    expect(await item.textContent()).toContain(enMoney(totalCents));
    expect((await item.getByTestId('order-status').textContent())?.trim()).toBe('Completed');
    expect(await desk.getByTestId('earnings').textContent()).toContain(enMoney(sellerNetCents));
    expect((await desk.getByTestId('filter-completed').textContent())?.replace(/\s+/g, ' ').trim()).toBe('Completed (1)');
    await screenshot(desk, 'sales-en-1280.png');
  });

  it('no page threw or logged an error', () => {
    ready();
    expect(app.pageErrors).toEqual([]);
  });
});
