// Amounts, ranges, #references and @usernames read the same in Arabic and English (issue 14): each is laid out by
// Chromium and read back in VISUAL order — the characters sorted by where they are drawn, left to right, line by line —
// so "$35" must be drawn "$35" (not "35.00 US$" nor "$US 35.00"), a budget "$50–100" (not "100–$50"), an order "#4"
// (not "4#") and a username "@sara" (not "sara@"), and each sits where its sentence puts it. First the formatter's
// strings inside Arabic and English sentences, then the real pages of a running server: checkout, wallet, sandbox
// gateway, a project's budget (card and form), the seller's services, writing to someone and the admin's user page;
// and the Arabic grammar: an order's countdown in the right plural form, the statement's rows saying what each
// movement was, a public profile's "نبذة".
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as i18n from '../../src/platform/i18n/index.ts';
import {
  type Actor,
  appHelpers,
  checkReady,
  depositThroughSandbox,
  guardedSetup,
  newActor,
  newJourney,
  newRunId,
  PHONE,
  SANDBOX_GATEWAY_ENV,
  screenshot,
  signedInActor,
  skipWithoutChromium,
  startJourney,
  stopJourney,
  testUser,
} from './harness.ts';

const skip = skipWithoutChromium('bidi');
const run = newRunId();
const app = newJourney();
const setup = guardedSetup();
const { api, apiLogin, publishService, signUpVerified } = appHelpers(() => app);

const moderator = testUser(run, 'bmod', 'Amber-Dune-Lamp');
const seller = testUser(run, 'bsel', 'Silver-Fig-Road', 'سارة المصممة');
const buyer = testUser(run, 'bbuy', 'Copper-Palm-Gate', 'أحمد صاحب المتجر');
const serviceTitle = 'تصميم شعار أنيق لمقهى أو مطعم صغير';
const priceCents = 3500;
const depositDollars = 20;
const budget = { minCents: 5000, maxCents: 10_000 };

/** What the setup made, for the steps. */
const made: { serviceId?: number; projectId?: number; sellerId?: number } = {};
const actors: { buyer: Actor | null; moderator: Actor | null; seller: Actor | null } = { buyer: null, moderator: null, seller: null };

/**
 * The text of `el` in visual order: every drawn character (zero-width ones such as the isolates left out) sorted by
 * its box, top to bottom by line, then left to right; lines joined with "\n".
 */
async function visual(el: Locator): Promise<string> {
  return el.evaluate((root) => {
    const boxes: { ch: string; x: number; y: number; h: number }[] = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
      for (let i = 0; i < n.data.length; i++) {
        if (/[\s\u200e\u200f\u2066-\u2069]/.test(n.data[i])) continue;
        const r = document.createRange();
        r.setStart(n, i);
        r.setEnd(n, i + 1);
        const b = r.getBoundingClientRect();
        if (b.width > 0.5) boxes.push({ ch: n.data[i], x: b.left + b.width / 2, y: b.top + b.height / 2, h: b.height });
      }
    }
    boxes.sort((a, b) => a.y - b.y);
    const lines: (typeof boxes)[] = [];
    for (const b of boxes) {
      const line = lines[lines.length - 1];
      if (line && Math.abs(line[0].y - b.y) < line[0].h / 2) line.push(b);
      else lines.push([b]);
    }
    return lines
      .map((l) =>
        l
          .sort((a, b) => a.x - b.x)
          .map((b) => b.ch)
          .join(''),
      )
      .join('\n');
  });
}

/** The horizontal middle of where `text` (a run of `el`'s characters, found in its text) is drawn. */
async function xOf(el: Locator, text: string): Promise<number> {
  return el.evaluate((root, needle) => {
    const nodes: Text[] = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) nodes.push(n);
    const all = nodes.map((n) => n.data).join('');
    const at = all.indexOf(needle);
    if (at < 0) throw new Error(`"${needle}" is not in "${all}"`);
    const place = (offset: number): [Text, number] => {
      let left = offset;
      for (const n of nodes) {
        if (left <= n.data.length) return [n, left];
        left -= n.data.length;
      }
      throw new Error('offset out of the text');
    };
    const r = document.createRange();
    r.setStart(...place(at));
    r.setEnd(...place(at + needle.length));
    const b = r.getBoundingClientRect();
    return b.left + b.width / 2;
  }, text);
}

/**
 * Brackets left out: in a right-to-left run the "(" character is drawn mirrored, as ")", so the characters in visual
 * order do not say which glyph is drawn. What is left still tells "@sara" from "sara@".
 */
const noBrackets = (s: string) => s.replace(/[()]/g, '');

/** Arabic drawn right to left: in visual order its letters come reversed. */
const drawnRtl = (s: string) => [...s].reverse().join('');

describe.skipIf(skip)('money, ranges, #ids and @usernames in visual order', () => {
  beforeAll(
    () =>
      setup.run(async () => {
        await startJourney(app, 'bidi', { moderator, env: SANDBOX_GATEWAY_ENV });
        await Promise.all([signUpVerified(seller), signUpVerified(buyer)]);
        const service = await publishService(seller, moderator, {
          categorySlug: 'logo-design',
          title: serviceTitle,
          description:
            'أصمم لك شعارًا أنيقًا يناسب مقهاك أو مطعمك، مع ثلاثة نماذج أولية تختار منها، وتعديلات حتى ترضى، وملفات نهائية بكل الصيغ التي تحتاجها للطباعة والشاشات.',
          priceCents,
          deliveryDays: 3,
        });
        made.serviceId = service.id;
        const ownerToken = await apiLogin(buyer);
        const tree = await api<{ children: { id: number; slug: string }[] }[]>('GET', '/api/v1/categories', { expect: 200 });
        const categoryId = tree.flatMap((t) => t.children).find((c) => c.slug === 'logo-design')?.id;
        const project = await api<{ id: number }>('POST', '/api/v1/projects', {
          token: ownerToken,
          expect: 201,
          body: {
            title: 'شعار وهوية بصرية لمخبز عائلي صغير',
            description:
              'نفتتح مخبزًا عائليًا صغيرًا في الحي ونحتاج هوية بصرية كاملة: شعارًا بسيطًا يسهل تذكره، وألوانًا دافئة، وتصميمًا لأكياس الخبز وعلب الحلويات ولافتة المحل.',
            categoryId,
            skills: ['هوية بصرية'],
            budgetMinCents: budget.minCents,
            budgetMaxCents: budget.maxCents,
            expectedDays: 14,
          },
        });
        made.projectId = project.id;
        await api('POST', `/api/v1/admin/projects/${project.id}/approve`, { token: await apiLogin(moderator), expect: 200 });
        const me = await api<{ id: number }>('GET', '/api/v1/me', { token: await apiLogin(seller), expect: 200 });
        made.sellerId = me.id;
        actors.buyer = await signedInActor(app, 'buyer', buyer, '/wallet', { viewport: PHONE });
        actors.seller = await signedInActor(app, 'seller', seller, '/my/services', { viewport: PHONE });
        actors.moderator = await signedInActor(app, 'moderator', moderator, '/', { viewport: PHONE });
      }),
    180_000,
  );
  afterAll(() => stopJourney(app), 60_000);

  it('lays out the formatter’s strings the same inside Arabic and English sentences', async () => {
    checkReady(setup, made, ['serviceId']);
    const actor = await newActor(app, 'strings', { viewport: PHONE });
    const page = actor.page;
    const money = i18n.formatMoney('ar', 3500);
    const cents = i18n.formatMoney('en', 123_456);
    const range = i18n.formatMoneyRange('ar', 5000, 10_000);
    const ref = i18n.formatRef(4);
    const user = i18n.formatUsername('ahmad_designs');
    const cases: { id: string; dir: 'rtl' | 'ltr'; text: string }[] = [
      { id: 'money-alone-ar', dir: 'rtl', text: money },
      { id: 'money-ar', dir: 'rtl', text: `ادفع ${money} من رصيدك` },
      { id: 'money-min-ar', dir: 'rtl', text: `أقل مبلغ للشحن ${i18n.formatMoney('ar', 500)}.` },
      { id: 'money-en', dir: 'ltr', text: `Pay ${cents} from your balance` },
      { id: 'range-ar', dir: 'rtl', text: `الميزانية ${range}` },
      { id: 'range-en', dir: 'ltr', text: `Budget ${i18n.formatMoneyRange('en', 5000, 10_000)}` },
      { id: 'ref-ar', dir: 'rtl', text: `الطلب ${ref}` },
      { id: 'ref-en', dir: 'ltr', text: `Order ${ref}` },
      { id: 'user-ar', dir: 'rtl', text: `أحمد (${user})` },
      { id: 'user-en', dir: 'ltr', text: `Ahmad (${user})` },
    ];
    await page.setContent(
      `<!doctype html><html lang="ar" dir="rtl"><body style="font-size:16px">${cases
        .map((k) => `<p id="${k.id}" dir="${k.dir}" style="white-space:nowrap">${k.text}</p>`)
        .join('')}</body></html>`,
    );
    const v = async (id: string) => visual(page.locator(`#${id}`));
    expect(await v('money-alone-ar')).toBe('$35');
    // Right to left: "ادفع" (first) at the right, then the amount, then "من رصيدك" at the left.
    expect(await v('money-ar')).toBe(`${drawnRtl('رصيدك')}${drawnRtl('من')}$35${drawnRtl('ادفع')}`);
    expect(await v('money-min-ar')).toBe(`.$5${drawnRtl('أقلمبلغللشحن')}`);
    expect(await v('money-en')).toBe('Pay$1,234.56fromyourbalance');
    expect(await v('range-ar')).toBe(`$50–100${drawnRtl('الميزانية')}`);
    expect(await v('range-en')).toBe('Budget$50–100');
    expect(await v('ref-ar')).toBe(`#4${drawnRtl('الطلب')}`);
    expect(await v('ref-en')).toBe('Order#4');
    expect(noBrackets(await v('user-ar'))).toBe(`@ahmad_designs${drawnRtl('أحمد')}`);
    expect(noBrackets(await v('user-en'))).toBe('Ahmad@ahmad_designs');
    await actor.ctx.close();
  });

  it('checkout: the price, the total and the amounts in its sentences read "$35", in Arabic and English', async () => {
    checkReady(setup, made, ['serviceId']);
    const page = actors.buyer?.page as Page;
    await page.goto(`${app.baseUrl}/orders/new?service=${made.serviceId}`);
    const total = page.getByTestId('checkout-total');
    await screenshot(page, 'fmt-checkout-ar-360.png');
    expect(await visual(total)).toBe('$35');
    // "ادفع $35 من رصيدك…" or "أودع … وأرسل الطلب": the amount left of the verb that opens the sentence.
    const pay = page.getByTestId('pay');
    const payText = await visual(pay);
    expect(payText).toMatch(/(^|[^\d.,])\$\d+(?![\d.,])/);
    expect(payText).not.toMatch(/US|\.00/);
    const amount = /\$\d+/.exec(payText)?.[0] ?? '';
    const verb = (await pay.textContent())?.trim().split(/\s/)[0] ?? '';
    expect(await xOf(pay, amount)).toBeLessThan(await xOf(pay, verb));
    await page.goto(`${app.baseUrl}/en/orders/new?service=${made.serviceId}`);
    expect(await visual(page.getByTestId('checkout-total'))).toBe('$35');
    const payEn = await visual(page.getByTestId('pay'));
    expect(payEn).toMatch(/^(Pay|Deposit)\$\d+(?![\d.,])/);
  });

  it('wallet and the sandbox gateway: balances, the minimum and the top-up number read left to right', async () => {
    checkReady(setup, made, ['serviceId']);
    const page = actors.buyer?.page as Page;
    await page.goto(`${app.baseUrl}/wallet`);
    expect(await visual(page.getByTestId('wallet.available'))).toBe('$0');
    // "أقل مبلغ للشحن $5. …": the amount just left of "للشحن", never "US 5.00$".
    const intro = page.locator('#deposit-form').locator('xpath=..').locator('p', { hasText: 'أقل مبلغ للشحن' }).first();
    const introText = await visual(intro);
    expect(introText).toContain(`$5${drawnRtl('للشحن')}`);
    // The sandbox page: "المبلغ: $20 · #N".
    const form = page.locator('#deposit-form');
    await form.locator('input[name="amount"]').fill(String(depositDollars));
    await form.getByRole('button', { name: 'متابعة' }).click();
    await page.waitForURL((u) => /^\/pay\/sandbox\/\d+$/.test(u.pathname));
    const id = Number(/\/pay\/sandbox\/(\d+)/.exec(page.url())?.[1]);
    const line = page.locator('main p', { hasText: 'المبلغ' }).first();
    const lineText = await visual(line);
    expect(lineText).toContain(`#${id}`);
    expect(lineText).toContain(`$${depositDollars}`);
    expect(lineText).not.toMatch(/US|\.00/);
    await page.goto(`${app.baseUrl}/wallet`);
    await depositThroughSandbox(page, priceCents / 100);
    expect(await visual(page.getByTestId('wallet.available'))).toBe('$35');
  });

  it('the order’s countdown counts in Arabic: "متبقٍ يوم واحد و23 ساعة", never "1 يوم" or "3 يوم"', async () => {
    checkReady(setup, made, ['serviceId']);
    const page = actors.buyer?.page as Page;
    await page.goto(`${app.baseUrl}/orders/new?service=${made.serviceId}`);
    await page.getByTestId('pay').click();
    await page.waitForURL((u) => /^\/orders\/\d+$/.test(u.pathname));
    const left = (await page.getByTestId('deadline').locator('[data-countdown]').textContent())?.trim() ?? '';
    // The seller has two days to accept: a day and some hours are left.
    expect(left).toMatch(/^متبقٍ /);
    expect(left).toContain('يوم واحد');
    // 1 and 2 take the singular and the dual with no digit, 3–10 the plural (أيام، ساعات), 11 and more the singular.
    expect(left).not.toMatch(/(^|[\sو])[12] (يوم|ساعة)/);
    expect(left).not.toMatch(/(^|[\sو])([3-9]|10) (يوم|ساعة)(\s|$)/);
    expect(left).not.toMatch(/(^|[\sو])(1[1-9]|2\d) (أيام|ساعات)/);
  });

  it('the wallet statement says what each movement was ("طلب #4 — …", linked), never "order:4"', async () => {
    checkReady(setup, made, ['serviceId']);
    const page = actors.buyer?.page as Page;
    await page.goto(`${app.baseUrl}/wallet`);
    // The statement's last column, "المرجع".
    const cells = page.locator('table', { has: page.locator('th', { hasText: 'المرجع' }) }).locator('tbody tr td:last-child');
    await cells.first().scrollIntoViewIfNeeded();
    await screenshot(page, 'fmt-wallet-ar-360.png');
    const texts = (await cells.allTextContents()).map((t) => t.trim());
    expect(texts.length).toBeGreaterThanOrEqual(2);
    for (const t of texts) expect(t).not.toMatch(/^[a-z_]+:\d+$/);
    const order = cells.filter({ hasText: serviceTitle }).first();
    const link = order.locator('a');
    expect(await link.getAttribute('href')).toMatch(/^\/orders\/\d+$/);
    const orderId = /\/orders\/(\d+)/.exec((await link.getAttribute('href')) ?? '')?.[1];
    // On a phone the label may wrap, but the number reads "#N" on its line.
    const linkText = await visual(link);
    expect(linkText).toContain(`#${orderId}`);
    expect(linkText).not.toContain(`${orderId}#`);
    expect(texts.some((t) => t.startsWith('عملية الشحن'))).toBe(true);
    await page.goto(`${app.baseUrl}/en/wallet`);
    const en = page
      .locator('table', { has: page.locator('th', { hasText: 'Reference' }) })
      .locator('tbody tr td:last-child')
      .filter({ hasText: serviceTitle })
      .first();
    expect((await en.textContent())?.trim()).toMatch(/^order\s\S*#\d+\S*\s—\s/);
  });

  it('a public profile titles the bio "نبذة"; only the person’s own form asks "نبذة عنك"', async () => {
    checkReady(setup, made, ['sellerId']);
    const page = actors.buyer?.page as Page;
    await page.goto(`${app.baseUrl}/u/${seller.username}`);
    await expect.poll(() => page.locator('main').getByRole('heading', { name: 'نبذة', exact: true }).count()).toBe(1);
    expect(await page.locator('main').getByText('نبذة عنك').count()).toBe(0);
    const own = actors.seller?.page as Page;
    await own.goto(`${app.baseUrl}/account`);
    expect(await own.getByLabel('نبذة عنك').count()).toBe(1);
  });

  it('a project’s budget reads "$50–100" on its card and in the form’s list of ranges', async () => {
    checkReady(setup, made, ['projectId']);
    const page = actors.buyer?.page as Page;
    await page.goto(`${app.baseUrl}/projects`);
    const card = page.getByTestId(`project-${made.projectId}`);
    await screenshot(page, 'fmt-projects-ar-360.png');
    expect(await visual(card.getByTestId('card-budget'))).toBe('$50–100');
    await page.goto(`${app.baseUrl}/en/projects`);
    expect(await visual(page.getByTestId(`project-${made.projectId}`).getByTestId('card-budget'))).toBe('$50–100');
    // A <select> draws its option's text in its own direction: the same text laid out in a box of that direction.
    await page.goto(`${app.baseUrl}/projects/new`);
    const select = page.locator('select[name="budget"]');
    const option = await select.locator(`option[value="${budget.minCents}-${budget.maxCents}"]`).textContent();
    const dir = await select.evaluate((s) => getComputedStyle(s).direction);
    expect(dir).toBe('rtl');
    await page.evaluate(
      ([text, d]) => {
        const p = document.createElement('p');
        p.id = 'option-probe';
        p.dir = d;
        p.style.whiteSpace = 'nowrap';
        p.textContent = text;
        document.body.append(p);
      },
      [option ?? '', dir],
    );
    expect(await visual(page.locator('#option-probe'))).toBe('$50–100');
  });

  it('the seller’s services list the price as "$35"', async () => {
    checkReady(setup, made, ['serviceId']);
    const page = actors.seller?.page as Page;
    await page.goto(`${app.baseUrl}/my/services`);
    const row = page.locator('p', { hasText: /35/ }).first();
    const text = await visual(row);
    expect(text).toMatch(/\$35(?![\d.,])/);
    expect(text).not.toMatch(/US/);
  });

  it('usernames read "@name": writing to someone and on the admin’s page of the user (an Arabic display name before it)', async () => {
    checkReady(setup, made, ['sellerId']);
    const admin = actors.moderator?.page as Page;
    // Writing to the seller: the username beside the display name.
    await admin.goto(`${app.baseUrl}/messages/new?to=${seller.username}`);
    const card = admin.locator('main .card').first();
    const cardText = noBrackets(await visual(card));
    expect(cardText).toContain(`@${seller.username}`);
    expect(cardText).not.toContain(`${seller.username}@`);
    await admin.goto(`${app.baseUrl}/admin/users/${made.sellerId}`);
    const title = admin.locator('h1', { hasText: seller.username });
    // "سارة المصممة (@name)": at 360 px the username may go to a line of its own, but it reads "@name" either way.
    const titleText = noBrackets(await visual(title));
    expect(titleText).toContain(`@${seller.username}`);
    expect(titleText).not.toContain(`${seller.username}@`);
    expect(titleText).toContain(drawnRtl('سارةالمصممة'));
  });
});
