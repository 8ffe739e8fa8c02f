// The whole service-order journey in a real browser against the real server (src/main.tsx in a child process, PGlite,
// no demo data, mail written as .eml files): a seller's service with an add-on is published (API + a moderator made
// with the CLI); the buyer, on a phone in Arabic, deposits $50 through the sandbox checkout, orders the service with
// its add-on from the service page and pays from the balance; the seller, on a desktop, opens the order from the
// notification bell, accepts it and delivers a PDF; the buyer asks for changes, the seller delivers again, the buyer
// accepts; both review (double-blind: published with the second); the seller's wallet shows the total less 10% as
// pending until 8 days after completion (a new seller's clearance). Runs with KAFIIL_E2E=1 (see vitest.config.ts).
//
// Live pages: an open order page reloads itself when a message comes in its conversation (order.js on the live
// `message` event): a delivery and a request for changes are checked that way, in the other side's open page. A step
// without a message (accept, complete) is checked by opening the order from the other side's list instead: order.js
// also listens for the live `order` event, but live.js never hands that event to the page (its EventSource has no
// listener for the `order` type), so the test does not wait on it, and does not leave a page on the order while
// such a step happens (once pages get it, that page would reload under the test's own navigation).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AppServer,
  appHelpers,
  buildCssIfMissing,
  collectErrors,
  countHellos,
  createModerator,
  guardedSetup,
  launchBrowser,
  marker,
  newContext,
  newRunId,
  planServer,
  SCREENS_DIR,
  setMarker,
  skipWithoutChromium,
  startServer,
  stopServer,
  waitForHealth,
  liveOpen as waitForLive,
} from './harness.ts';

const skip = skipWithoutChromium('orders');
const run = newRunId();
/** How long a live change may take to show in the other browser. */
const LIVE_MS = 10_000;
/** Each step's time limit: generous, the browser, the server and the CLI share a busy machine with other suites. */
const STEP_MS = 60_000;
const DAY = 86_400_000;

let dataDir = '';
let baseUrl = '';
let server: AppServer | null = null;
let browser: Browser | null = null;
const setup = guardedSetup();
/** Errors the pages threw or logged, by actor; none is expected. */
const pageErrors: string[] = [];

const moderator = { email: `e2e-omod-${run}@example.com`, username: `e2e_omod_${run}`, password: `Quiet-River-Stone-${run}` };
const seller = {
  email: `e2e-oseller-${run}@example.com`,
  username: `e2e_osel_${run}`,
  password: `Bright-Cedar-Hill-${run}`,
  displayName: 'سارة المصممة',
};
const buyer = {
  email: `e2e-obuyer-${run}@example.com`,
  username: `e2e_obuy_${run}`,
  password: `Warm-Olive-Field-${run}`,
  displayName: 'أحمد صاحب المتجر',
};

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
const depositDollars = '50';
const depositCents = 5000;

const text = {
  delivery1: 'إليك النماذج الثلاثة الأولى للشعار في ملف PDF، اختر ما يعجبك وأخبرني بملاحظاتك.',
  changes: 'أعجبني النموذج الثاني، لكن أرجو تكبير اسم المقهى وجعل اللون الأخضر أغمق قليلًا.',
  delivery2: 'عدّلت النموذج الثاني كما طلبت: الاسم أكبر والأخضر أغمق. الملف المعدّل مرفق.',
  buyerReview: 'عمل رائع وتواصل ممتاز، نفّذت سارة التعديلات بسرعة ودقة.',
  sellerReview: 'مشترٍ واضح في طلباته وسريع الرد، سعدت بالعمل معه.',
};
const pdf = (name: string, body: string) => ({
  name,
  mimeType: 'application/pdf',
  buffer: Buffer.from(`%PDF-1.4\n% ${body}\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n`, 'latin1'),
});
const firstPdf = pdf('نماذج-الشعار.pdf', 'drafts');
const secondPdf = pdf('الشعار-المعدل.pdf', 'final');

/** The server's own formats (src/platform/i18n: Latin digits in Arabic, dates in UTC), written out independently. */
const arMoney = (cents: number) => new Intl.NumberFormat('ar-EG-u-nu-latn', { style: 'currency', currency: 'USD' }).format(cents / 100);
const enMoney = (cents: number) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(cents / 100);
const arDate = (d: Date) => new Intl.DateTimeFormat('ar-EG-u-nu-latn', { dateStyle: 'long', timeZone: 'UTC' }).format(d);

const status = {
  pending: 'بانتظار البائع',
  inProgress: 'قيد التنفيذ',
  delivered: 'سُلّم',
  completed: 'مكتمل',
};

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
type Actor = { ctx: BrowserContext; page: Page };
const actors: { buyer: Actor | null; seller: Actor | null } = { buyer: null, seller: null };

const { api, apiLogin, signUpVerified, signIn } = appHelpers(() => ({ baseUrl, dataDir }));

/**
 * A browser context of its own (cookies apart), its page errors collected. Every page counts the `hello` events of
 * its live stream: the first says the server has subscribed the page, so an event sent after it must reach it.
 */
async function newActor(name: string, viewport: { width: number; height: number }): Promise<Actor> {
  const ctx = await newContext(browser, viewport, { action: 15_000, navigation: 20_000 });
  await countHellos(ctx);
  const page = await ctx.newPage();
  collectErrors(page, name, pageErrors);
  return { ctx, page };
}

/** Waits until the page's live stream has said hello (the server holds its subscription). */
const liveOpen = (page: Page, who: string) => waitForLive(page, who, LIVE_MS);

/** The order's status badge (in the page title's row). */
const orderStatus = (page: Page) => page.locator('main').getByTestId('order-status').first();

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

/**
 * Opens an action's form (a <details> on the order page), types its text, attaches files and sends it; the page
 * comes back on the order (POST → 303 → GET). A typed text keeps order.js from reloading the page meanwhile.
 */
async function actWithText(page: Page, action: string, body: string, files: ReturnType<typeof pdf>[] = []) {
  const button = page.getByTestId(`action-${action}`);
  const details = page.locator('details', { has: button });
  await details.locator('summary').click();
  await expect.poll(() => details.evaluate((d: HTMLDetailsElement) => d.open)).toBe(true);
  const form = details.locator('form');
  await form.locator('textarea').fill(body);
  if (files.length) await form.locator('input[name="files"]').setInputFiles(files);
  await button.click();
}

/** The order page's conversation: the message with `body`, as the viewer sees it. */
const threadMessage = (page: Page, body: string) => page.locator('#order-thread > li', { hasText: body });

describe.skipIf(skip)('service order journey in Chromium', () => {
  beforeAll(() => setup.run(setUp), 120_000);

  async function setUp() {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kafiil-e2e-orders-'));
    fs.mkdirSync(SCREENS_DIR, { recursive: true });
    buildCssIfMissing();
    // The sandbox gateway, whatever the calling shell has set.
    const plan = await planServer(dataDir, { STRIPE_SECRET_KEY: '', STRIPE_WEBHOOK_SECRET: '' });
    baseUrl = plan.baseUrl;
    const launching = launchBrowser();
    // Start the browser while the CLI and then the server run; any of them failing fails the suite.
    const booting = (async () => {
      await createModerator(plan.env, moderator);
      server = startServer(plan);
      await waitForHealth(server, 60_000);
    })();
    const [launched, healthy] = await Promise.allSettled([launching, booting]);
    if (launched.status === 'fulfilled') browser = launched.value;
    if (healthy.status === 'rejected') throw healthy.reason;
    if (launched.status === 'rejected') throw launched.reason;
  }

  function ready(...needs: (keyof typeof state | keyof typeof actors)[]) {
    setup.check();
    for (const k of needs) {
      const done = k in state ? state[k as keyof typeof state] : actors[k as keyof typeof actors];
      if (!done) throw new Error(`an earlier step did not finish (no ${k})`);
    }
  }
  const B = () => actors.buyer?.page as Page;
  const S = () => actors.seller?.page as Page;
  const orderPath = () => `/orders/${state.orderId}`;

  afterAll(async () => {
    await browser?.close().catch(() => {});
    try {
      await stopServer(server);
    } finally {
      if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 20_000);

  it(
    'a seller signs up and publishes a service with an add-on (API, approved by a moderator); a buyer signs up',
    async () => {
      ready();
      await Promise.all([signUpVerified(seller), signUpVerified(buyer)]);
      const sellerToken = await apiLogin(seller);
      const tree = await api<{ slug: string; children: { id: number; slug: string }[] }[]>('GET', '/api/v1/categories', { expect: 200 });
      const logos = tree.flatMap((t) => t.children).find((c) => c.slug === 'logo-design');
      expect(logos, 'the seeded "logo-design" subcategory').toBeDefined();
      const form = new FormData();
      const png = await sharp({ create: { width: 120, height: 90, channels: 3, background: '#1a6' } })
        .png()
        .toBuffer();
      form.append('purpose', 'service_image');
      form.append('file', new Blob([new Uint8Array(png)], { type: 'image/png' }), 'cafe-logo.png');
      const up = await fetch(`${baseUrl}/api/v1/files`, {
        method: 'POST',
        headers: { authorization: `Bearer ${sellerToken}` },
        body: form,
      });
      expect(up.status, await up.clone().text()).toBe(201);
      const image = (await up.json()) as { id: number };
      const created = await api<{ id: number; status: string }>('POST', '/api/v1/services', {
        token: sellerToken,
        expect: 201,
        body: {
          title: service.title,
          categoryId: logos?.id,
          description:
            'أصمم لمقهاك أو مطعمك شعارًا أنيقًا يناسب أجواء المكان وجمهوره، مع نموذجين أوليين تختار منهما، وتعديلات حتى ترضى تمامًا، ثم أسلمك الملفات بصيغ جاهزة للطباعة على الأكواب واللافتات ولمواقع التواصل.',
          priceCents: service.priceCents,
          deliveryDays: service.deliveryDays,
          instructions: service.instructions,
          skills: ['هوية بصرية', 'Illustrator'],
          addons: [service.addon],
          imageIds: [image.id],
        },
      });
      expect(created.status).toBe('pending');
      const modToken = await apiLogin(moderator);
      await api('POST', `/api/v1/admin/services/${created.id}/approve`, { token: modToken, expect: 200 });
      const published = await api<{ id: number; status: string; addons: { id: number; title: string; priceCents: number }[] }>(
        'GET',
        `/api/v1/services/${created.id}`,
        { expect: 200 },
      );
      expect(published.status).toBe('published');
      const addon = published.addons.find((a) => a.title === service.addon.title);
      expect(addon?.priceCents).toBe(service.addon.priceCents);
      state.addonId = addon?.id ?? 0;
      state.serviceId = created.id;
    },
    STEP_MS,
  );

  it(
    'the buyer, on a phone, deposits $50 through the sandbox checkout and sees it in the wallet',
    async () => {
      ready('serviceId');
      actors.buyer = await newActor('buyer', { width: 360, height: 780 });
      const page = B();
      await signIn(page, buyer, '/wallet');
      expect(await page.locator('html').getAttribute('lang')).toBe('ar');
      expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
      expect((await page.getByTestId('wallet.available').textContent())?.trim()).toBe(arMoney(0));

      const form = page.locator('#deposit-form');
      await form.locator('input[name="amount"]').fill(depositDollars);
      // The gateway (the sandbox in test mode) is the method chosen by default.
      expect(await form.locator('input[name="method"][value="sandbox"]').isChecked()).toBe(true);
      await form.getByRole('button', { name: 'متابعة' }).click();

      // The sandbox gateway's own page: its address carries the deposit's secret.
      await page.waitForURL((u) => /^\/pay\/sandbox\/\d+$/.test(u.pathname) && (u.searchParams.get('s') ?? '').length > 10);
      expect(await page.locator('main').textContent()).toContain(arMoney(depositCents));
      await page.getByLabel('رقم البطاقة').fill('4242 4242 4242 4242');
      await page.getByRole('button', { name: 'ادفع', exact: true }).click();
      const result = page.getByTestId('sandbox-result');
      await result.waitFor({ state: 'visible' });
      expect(await result.textContent()).toContain('تم الدفع');

      await page.getByRole('link', { name: 'العودة إلى المحفظة' }).click();
      await page.waitForURL((u) => u.pathname === '/wallet');
      expect((await page.getByTestId('wallet.available').textContent())?.trim()).toBe(arMoney(depositCents));
      const deposits = page.getByTestId('deposits');
      expect(await deposits.locator('> li').count()).toBe(1);
      const line = ((await deposits.locator('> li').textContent()) ?? '').trim();
      expect(line).toContain(arMoney(depositCents));
      expect(line, 'the deposit is settled').toMatch(/· تم$/);
      state.funded = true;
    },
    STEP_MS,
  );

  it(
    'the buyer ticks the add-on on the service page, orders, checks the total and pays from the balance',
    async () => {
      ready('buyer', 'funded');
      const page = B();
      await page.goto(`${baseUrl}/services/${state.serviceId}`);
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
      await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

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
    },
    STEP_MS,
  );

  it(
    'the seller, on a desktop, opens the order from the notification bell and accepts it; the buyer finds it started',
    async () => {
      ready('buyer', 'orderId');
      // The buyer waits on their purchases (the live `order` event is not relied on: see the note at the top).
      const list = B();
      await list.goto(`${baseUrl}/my/purchases`);
      const purchase = list.getByTestId('orders').locator(`a[href="${orderPath()}"]`);
      expect((await purchase.getByTestId('order-status').textContent())?.trim()).toBe(status.pending);
      expect(await purchase.textContent()).toContain(arMoney(totalCents));

      actors.seller = await newActor('seller', { width: 1280, height: 860 });
      const page = S();
      await signIn(page, seller, '/');
      const badge = page.locator('header [data-badge="notifications"]');
      expect(await badge.isVisible(), 'the bell counts the new order').toBe(true);
      expect(Number((await badge.textContent())?.trim())).toBeGreaterThanOrEqual(1);
      await page.getByTestId('bell').click();
      await page.waitForURL((u) => u.pathname === '/notifications');
      const note = page.getByTestId('notifications').locator('a[data-unread]', { hasText: `طلب جديد #${state.orderId}` });
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
    },
    STEP_MS,
  );

  it(
    'the seller delivers with a message and a PDF; the buyer’s open order page shows the delivery and the file by itself',
    async () => {
      ready('buyer', 'seller', 'accepted');
      // The buyer's page stays open on the order: the delivery's message reloads it (order.js, live `message` event).
      await liveOpen(B(), 'buyer');
      await setMarker(B());
      const page = S();
      await actWithText(page, 'deliver', text.delivery1, [firstPdf]);
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
      const file = await B()
        .context()
        .request.get(`${baseUrl}${await attachment.getAttribute('href')}`);
      expect(file.status()).toBe(200);
      expect((await file.body()).equals(firstPdf.buffer)).toBe(true);
      expect(await B().getByTestId('deadline').textContent()).toContain('يكتمل تلقائيًا');
      expect(await B().getByTestId('action-complete').count()).toBe(1);
      state.delivered = true;
    },
    STEP_MS,
  );

  it(
    'the buyer asks for changes, the seller delivers again, and the buyer accepts: completed for both',
    async () => {
      ready('buyer', 'seller', 'delivered');
      // The seller's page is open on the order: the buyer's message of changes reloads it by itself.
      const page = S();
      await liveOpen(page, 'seller');
      await setMarker(page);
      await actWithText(B(), 'request-changes', text.changes);
      await statusBecomes(B(), status.inProgress, 'buyer');
      await threadMessage(B(), text.changes).waitFor({ state: 'visible' });

      await statusBecomes(page, status.inProgress, 'seller');
      expect(await marker(page), "the seller's page was loaded again by order.js, not by the test").toBeNull();
      await threadMessage(page, text.changes).waitFor({ state: 'visible' });
      expect(await page.getByTestId('timeline').textContent()).toContain('طُلبت تعديلات');

      // The second delivery; the buyer's open page follows again.
      await liveOpen(B(), 'buyer');
      await setMarker(B());
      await actWithText(page, 'deliver', text.delivery2, [secondPdf]);
      await statusBecomes(page, status.delivered, 'seller');
      await statusBecomes(B(), status.delivered, 'buyer');
      expect(await marker(B())).toBeNull();
      const again = threadMessage(B(), text.delivery2);
      await again.waitFor({ state: 'visible' });
      expect(await again.getByTestId('attachment').textContent()).toContain(secondPdf.name);

      // The seller waits on their sales; the buyer accepts the delivery.
      await page.goto(`${baseUrl}/my/sales`);
      const sale = page.getByTestId('orders').locator(`a[href="${orderPath()}"]`);
      expect((await sale.getByTestId('order-status').textContent())?.trim()).toBe(status.delivered);
      await B().getByTestId('action-complete').click();
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
    },
    STEP_MS,
  );

  it(
    'both review from the order page; the reviews are published together and the buyer’s shows on the service page',
    async () => {
      ready('buyer', 'seller', 'completedAt');
      const review = async (page: Page, scores: [string, string, string], comment: string) => {
        const box = page.getByTestId('review-box');
        await box.getByLabel('جودة العمل').selectOption(scores[0]);
        await box.getByLabel('التواصل').selectOption(scores[1]);
        await box.getByLabel('الالتزام بالموعد').selectOption(scores[2]);
        await box.getByLabel('تعليقك').fill(comment);
        await box.getByTestId('send-review').click();
      };
      // The buyer first: held back (double-blind) until the seller reviews too.
      await review(B(), ['5', '5', '4'], text.buyerReview);
      await B().getByTestId('review-box').filter({ hasText: 'استلمنا تقييمك' }).waitFor({ state: 'visible' });
      expect(await B().getByTestId('form-error').count()).toBe(0);
      expect(await S().getByTestId('review-box').textContent()).toContain(`قيّم تجربتك مع ${buyer.displayName}`);

      await review(S(), ['5', '5', '5'], text.sellerReview);
      await S().getByTestId('review-box').filter({ hasText: 'نُشر تقييمك.' }).waitFor({ state: 'visible' });
      await B().reload();
      // The buyer's box says the review is out, and now shows the seller's review of them with a reply form.
      const box = B().getByTestId('review-box');
      expect(await box.textContent()).toContain('نُشر تقييمك.');
      expect(await box.getByTestId('review-about-me').textContent()).toContain(text.sellerReview);
      expect(await box.getByTestId('send-reply').count()).toBe(1);

      // The service page shows the buyer's review (its reviews are cached for 15 s: reload until it appears).
      const page = B();
      await page.goto(`${baseUrl}${state.servicePath}`);
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
    },
    STEP_MS,
  );

  it(
    'the seller’s wallet shows the total less 10% as pending until 8 days after completion; the buyer’s the rest',
    async () => {
      ready('buyer', 'seller', 'completedAt');
      const page = S();
      await page.goto(`${baseUrl}/wallet`);
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
      expect(await page.getByTestId('statement').textContent()).toContain(`order:${state.orderId}`);

      // The buyer paid $35 of the $50: $15 left, nothing held in escrow any more.
      await B().goto(`${baseUrl}/wallet`);
      expect((await B().getByTestId('wallet.available').textContent())?.trim()).toBe(arMoney(depositCents - totalCents));
      expect((await B().getByTestId('wallet.escrow').textContent())?.trim()).toBe(arMoney(0));
    },
    STEP_MS,
  );

  it(
    'screenshots: the Arabic order page on the phone, the English sales list on the desktop',
    async () => {
      ready('buyer', 'seller', 'completedAt');
      const phone = B();
      await phone.goto(`${baseUrl}${orderPath()}`);
      expect((await orderStatus(phone).textContent())?.trim()).toBe(status.completed);
      // Nothing wider than the phone's screen.
      await expect.poll(() => phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      await phone.screenshot({ path: path.join(SCREENS_DIR, 'order-page-360.png'), fullPage: true });

      const desk = S();
      await desk.goto(`${baseUrl}/en/my/sales`);
      expect(await desk.locator('html').getAttribute('lang')).toBe('en');
      expect(await desk.locator('html').getAttribute('dir')).toBe('ltr');
      const item = desk.getByTestId('orders').locator(`a[href="/en/orders/${state.orderId}"]`);
      expect(await item.textContent()).toContain(service.title);
      expect(await item.textContent()).toContain(enMoney(totalCents));
      expect((await item.getByTestId('order-status').textContent())?.trim()).toBe('Completed');
      expect(await desk.getByTestId('earnings').textContent()).toContain(enMoney(sellerNetCents));
      expect((await desk.getByTestId('filter-completed').textContent())?.replace(/\s+/g, ' ').trim()).toBe('Completed (1)');
      await desk.screenshot({ path: path.join(SCREENS_DIR, 'sales-en-1280.png'), fullPage: true });
    },
    STEP_MS,
  );

  it('no page threw or logged an error', () => {
    ready();
    expect(pageErrors).toEqual([]);
  });
});
