// The projects journey in a real browser against the real server (src/main.tsx in a child process, PGlite, no demo
// data, mail written as .eml files): an owner (a buyer) tops up their balance through the sandbox checkout, posts a
// project from /projects/new and sends it for review; a moderator (made with the CLI) approves it from
// /admin/projects; freelancer A, on a phone in Arabic, finds it by an Arabic word of its title and bids from the
// project page; freelancer B bids too (their active bids: 1); the owner reads both bids in full and hires A: the
// order starts (in progress), the project shows as hired, B's bid as not chosen and B's slot is free again (0 active);
// A delivers with a file, the owner accepts, both review; A's wallet holds the bid less 10% as pending. Runs with
// KAFIIL_E2E=1 (see vitest.config.ts).
//
// Live pages: an open order page reloads itself on the live `message` event (order.js); a step that may send one
// (a delivery) or the `order` event (accept) is taken while the other side's page is elsewhere, and the other side
// opens the order afterwards (see the note at the top of orders-journey.test.ts).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AppServer,
  appHelpers,
  arMoney,
  buildCssIfMissing,
  collectErrors,
  collectFailedRequests,
  createModerator,
  DESKTOP,
  depositThroughSandbox,
  fitsWidth,
  guardedSetup,
  launchBrowser,
  newContext,
  newRunId,
  orderActionWithText,
  pdfFile,
  planServer,
  reviewOrder,
  SCREENS_DIR,
  skipWithoutChromium,
  startServer,
  stopServer,
  waitForHealth,
} from './harness.ts';

const skip = skipWithoutChromium('projects');
const run = newRunId();
/** Each step's time limit: generous, the browser, the server and the CLI share a busy machine with other suites. */
const STEP_MS = 30_000;
const PHONE = { width: 360, height: 780 };

let dataDir = '';
let baseUrl = '';
let server: AppServer | null = null;
let browser: Browser | null = null;
const setup = guardedSetup();
/** Errors the pages threw or logged and requests that failed, by actor; none is expected. */
const pageErrors: string[] = [];

const moderator = { email: `e2e-pmod-${run}@example.com`, username: `e2e_pmod_${run}`, password: `Green-Valley-Mist-${run}` };
const owner = {
  email: `e2e-powner-${run}@example.com`,
  username: `e2e_pown_${run}`,
  password: `Old-Stone-Bridge-${run}`,
  displayName: 'ليلى صاحبة المخبز',
};
const freelancerA = {
  email: `e2e-pfa-${run}@example.com`,
  username: `e2e_pfa_${run}`,
  password: `Red-Desert-Wind-${run}`,
  displayName: 'يوسف المصمم',
};
const freelancerB = {
  email: `e2e-pfb-${run}@example.com`,
  username: `e2e_pfb_${run}`,
  password: `Blue-Harbor-Light-${run}`,
  displayName: 'نور الرسامة',
};

const project = {
  title: 'تصميم هوية بصرية كاملة لمخبز عائلي',
  description:
    'نفتتح مخبزًا عائليًا صغيرًا في الحي ونحتاج هوية بصرية كاملة: شعارًا بسيطًا يسهل تذكره، وألوانًا دافئة، وتصميمًا لأكياس الخبز وعلب الحلويات ولافتة المحل، مع ملف يشرح طريقة استخدام الهوية. نرجو إرفاق أعمال سابقة مشابهة.',
  categoryLabel: 'تصميم شعارات',
  skills: ['هوية بصرية', 'Illustrator'],
  /** The $100–250 range, valued in cents. */
  budget: '10000-25000',
  budgetText: '$100–250',
  days: '14',
};
/** A word of the title the list's search must find it by. */
const query = 'مخبز';
/** The owner's deposit, in dollars: enough to hire A. */
const depositDollars = 150;

const bidA = {
  amountCents: 12_000,
  days: 10,
  proposal:
    'أهلًا ليلى، صممت هويات لثلاثة مخابز ومقاهٍ من قبل. أبدأ بثلاثة نماذج للشعار بألوان دافئة، ثم أطبّقه على الأكياس والعلب واللافتة، وأسلّمك دليل الاستخدام بصيغة PDF.',
};
const bidB = {
  amountCents: 15_000,
  days: 12,
  proposal:
    'أرسم شعارات يدوية الطابع تناسب المخابز العائلية، وسأقدّم لك نموذجين مرسومين باليد ثم أحوّل المختار إلى ملفات متجهة جاهزة للطباعة على كل المواد.',
};
/** What A receives: the bid less the 10% commission (half up, as the order page computes it). */
const netA = bidA.amountCents - Math.floor((bidA.amountCents * 1000 + 5000) / 10000);

const text = {
  delivery: 'إليك الهوية كاملة: الشعار بصيغه، وتصاميم الأكياس والعلب واللافتة، ودليل الاستخدام في ملف PDF مرفق.',
  ownerReview: 'عمل متقن وتسليم قبل الموعد، وفهم يوسف ما نريده من أول نموذج.',
  freelancerReview: 'صاحبة مشروع واضحة في طلبها وسريعة الرد، سعدت بالعمل معها.',
};
const deliveryFile = pdfFile('هوية-المخبز.pdf', 'bakery identity');

const orderStatusLabel = { inProgress: 'قيد التنفيذ', delivered: 'سُلّم', completed: 'مكتمل' };
/** "Your active bids: {used} of the {limit} your level allows" (a new seller: 5). */
const slots = (used: number) => `عروضك النشطة: ${used} من 5 يسمح بها مستواك.`;

/** Filled in as the journey goes. */
const state = {
  funded: false,
  projectId: 0,
  approved: false,
  bidAId: 0,
  bidBId: 0,
  orderId: 0,
  delivered: false,
  completed: false,
};
type Actor = { ctx: BrowserContext; page: Page };
const actors: { owner: Actor | null; moderator: Actor | null; a: Actor | null; b: Actor | null } = {
  owner: null,
  moderator: null,
  a: null,
  b: null,
};

const { signUpVerified, signIn } = appHelpers(() => ({ baseUrl, dataDir }));

/** A browser context of its own (cookies apart), Arabic pages, its page errors and failed requests collected. */
async function newActor(name: string, viewport = DESKTOP): Promise<Actor> {
  const ctx = await newContext(browser, viewport);
  const page = await ctx.newPage();
  collectErrors(page, name, pageErrors);
  collectFailedRequests(page, name, pageErrors);
  return { ctx, page };
}

const flash = (page: Page, hasText: string) => page.getByTestId('flash').filter({ hasText });
const trimmed = async (page: Page, testId: string) => (await page.getByTestId(testId).first().textContent())?.trim();
const orderStatus = (page: Page) => page.locator('main').getByTestId('order-status').first();
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENS_DIR, name), fullPage: true });

describe.skipIf(skip)('projects journey in Chromium', () => {
  beforeAll(() => setup.run(setUp), 120_000);

  async function setUp() {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kafiil-e2e-projects-'));
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
  const O = () => actors.owner?.page as Page;
  const M = () => actors.moderator?.page as Page;
  const A = () => actors.a?.page as Page;
  const B = () => actors.b?.page as Page;
  const projectPath = () => `/projects/${state.projectId}`;
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
    'the owner and two freelancers sign up; the owner deposits $150 through the sandbox checkout',
    async () => {
      ready();
      await Promise.all([signUpVerified(owner), signUpVerified(freelancerA), signUpVerified(freelancerB)]);
      actors.owner = await newActor('owner');
      const page = O();
      await signIn(page, owner, '/wallet');
      expect(await page.locator('html').getAttribute('lang')).toBe('ar');
      expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
      await depositThroughSandbox(page, depositDollars);
      expect(await trimmed(page, 'wallet.available')).toBe(arMoney(depositDollars * 100));
      state.funded = true;
    },
    STEP_MS,
  );

  it(
    'the owner posts a project from /projects/new and sends it for review: pending in their projects',
    async () => {
      ready('owner');
      const page = O();
      await page.goto(`${baseUrl}/my/projects`);
      await page.getByTestId('new-project').click();
      await page.waitForURL((u) => u.pathname === '/projects/new');
      const form = page.locator('#project-form');
      await form.locator('#f-title').fill(project.title);
      await form.locator('#f-description').fill(project.description);
      await form.locator('#f-categoryId').selectOption({ label: project.categoryLabel });
      await form.locator('#f-skills').fill(project.skills.join('، '));
      const budget = form.locator('#f-budget');
      await budget.selectOption(project.budget);
      expect((await budget.locator('option:checked').textContent())?.trim()).toBe(project.budgetText);
      await form.locator('#f-expectedDays').fill(project.days);
      await form.getByTestId('submit').click();

      await page.waitForURL((u) => u.pathname === '/my/projects');
      await flash(page, 'أُرسل مشروعك للمراجعة').waitFor({ state: 'visible' });
      const item = page.getByTestId('my-projects').locator('> li');
      expect(await item.count()).toBe(1);
      state.projectId = Number((await item.getAttribute('data-testid'))?.replace('my-project-', ''));
      expect(state.projectId).toBeGreaterThan(0);
      expect(await item.textContent()).toContain(project.title);
      expect((await item.getByTestId(`status-${state.projectId}`).textContent())?.trim()).toBe('قيد المراجعة');
      expect((await item.getByTestId(`bids-${state.projectId}`).textContent())?.trim()).toBe('لا عروض بعد');
      // Freelancers do not see it yet.
      const res = await fetch(`${baseUrl}${projectPath()}`);
      expect(res.status).toBe(404);
    },
    STEP_MS,
  );

  it(
    'the moderator approves it at /admin/projects',
    async () => {
      ready('projectId');
      actors.moderator = await newActor('moderator');
      const page = M();
      await signIn(page, moderator, '/admin/projects');
      const id = state.projectId;
      const card = page.getByTestId(`queue-${id}`);
      await card.waitFor({ state: 'visible' });
      const shown = (await card.textContent()) ?? '';
      expect(shown).toContain(project.title);
      expect(shown).toContain(project.description);
      expect(shown).toContain(`${owner.displayName} @${owner.username}`);
      expect(shown).toContain(`تصميم › ${project.categoryLabel}`);
      expect(shown).toContain(project.budgetText);
      for (const s of project.skills) expect(shown).toContain(s);
      await card.getByTestId(`approve-${id}`).click();
      await page.waitForURL((u) => u.pathname === '/admin/projects');
      await flash(page, 'وافقت على المشروع').waitFor({ state: 'visible' });
      expect(await page.getByTestId(`queue-${id}`).count(), 'decided: out of the queue').toBe(0);
      state.approved = true;
    },
    STEP_MS,
  );

  it(
    'freelancer A, on a phone, finds it on /projects by an Arabic word of its title and bids from its page',
    async () => {
      ready('approved');
      actors.a = await newActor('freelancer A', PHONE);
      const page = A();
      await signIn(page, freelancerA, '/projects');
      expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
      // The list updates in place as the search is typed (htmx), and its address follows.
      await page.locator('#p-q').fill(query);
      await page
        .getByTestId('results-heading')
        .filter({ hasText: `نتائج البحث عن «${query}»` })
        .waitFor({ state: 'visible' });
      await page.waitForURL((u) => u.pathname === '/projects' && u.searchParams.get('q') === query);
      const card = page.getByTestId(`project-${state.projectId}`);
      await card.waitFor({ state: 'visible' });
      expect((await card.getByTestId('card-budget').textContent())?.trim()).toBe(project.budgetText);
      expect((await card.getByTestId('card-owner').textContent())?.trim()).toBe(owner.displayName);
      expect((await card.getByTestId('card-bids').textContent())?.trim()).toBe('لا عروض بعد');
      await fitsWidth(page, PHONE.width);
      await shot(page, 'projects-list-360.png');

      await card.getByTestId('card-title').click();
      await page.waitForURL((u) => u.pathname === projectPath());
      expect((await page.getByTestId('project-title').textContent())?.trim()).toBe(project.title);
      expect(await page.getByTestId('description').textContent()).toContain(project.description);
      expect(await trimmed(page, 'active-bids')).toBe(slots(0));
      const form = page.locator('#bid-form');
      await form.locator('#f-amount').fill(String(bidA.amountCents / 100));
      await form.locator('#f-days').fill(String(bidA.days));
      await form.locator('#f-proposal').fill(bidA.proposal);
      await form.getByTestId('bid-submit').click();

      await page.waitForURL((u) => u.pathname === projectPath() && u.hash === '#bids');
      await flash(page, 'أُرسل عرضك إلى صاحب المشروع').waitFor({ state: 'visible' });
      const mine = page.locator('#bids li[id^="bid-"]');
      expect(await mine.count()).toBe(1);
      state.bidAId = Number((await mine.getAttribute('id'))?.replace('bid-', ''));
      expect(state.bidAId).toBeGreaterThan(0);
      expect(await trimmed(page, `bid-terms-${state.bidAId}`)).toContain(arMoney(bidA.amountCents));
      expect(await mine.textContent()).toContain(bidA.proposal);
      // The form is now A's bid to edit or withdraw.
      expect(await page.getByTestId('bid-withdraw').count()).toBe(1);
      expect(await trimmed(page, 'active-bids')).toBe(slots(1));
      expect(await trimmed(page, 'fact-bids')).toBe('1');
      await fitsWidth(page, PHONE.width);
      await shot(page, 'project-bid-sent-360.png');
    },
    STEP_MS,
  );

  it(
    'freelancer B bids on a desktop without seeing A’s terms; B’s active bids: 1',
    async () => {
      ready('bidAId');
      actors.b = await newActor('freelancer B');
      const page = B();
      await signIn(page, freelancerB, projectPath());
      // A's bid is listed, its amount and proposal only for the owner (and A).
      await page.getByTestId(`bid-${state.bidAId}`).waitFor({ state: 'visible' });
      expect(await page.getByTestId(`bid-terms-${state.bidAId}`).count()).toBe(0);
      expect(await page.locator('main').textContent()).not.toContain(bidA.proposal);
      const form = page.locator('#bid-form');
      await form.locator('#f-amount').fill(String(bidB.amountCents / 100));
      await form.locator('#f-days').fill(String(bidB.days));
      await form.locator('#f-proposal').fill(bidB.proposal);
      await form.getByTestId('bid-submit').click();
      await page.waitForURL((u) => u.pathname === projectPath() && u.hash === '#bids');
      await flash(page, 'أُرسل عرضك إلى صاحب المشروع').waitFor({ state: 'visible' });
      const ids = await page.locator('#bids li[id^="bid-"]').evaluateAll((els) => els.map((e) => Number(e.id.replace('bid-', ''))));
      expect(ids).toHaveLength(2);
      state.bidBId = ids.find((id) => id !== state.bidAId) ?? 0;
      expect(state.bidBId).toBeGreaterThan(0);

      await page.goto(`${baseUrl}/my/bids`);
      expect(await trimmed(page, 'active-bids')).toBe(slots(1));
      const line = page.getByTestId(`my-bid-${state.bidBId}`);
      expect(await line.textContent()).toContain(project.title);
      expect(await line.textContent()).toContain('نشط');
      expect(await line.textContent()).toContain(arMoney(bidB.amountCents));
    },
    STEP_MS,
  );

  it(
    'the owner reads both bids in full and hires A: the order starts; the project is hired, B not chosen and B’s slot free',
    async () => {
      ready('owner', 'bidBId', 'funded');
      const page = O();
      await page.goto(`${baseUrl}${projectPath()}`);
      expect(await trimmed(page, 'fact-bids')).toBe('2');
      expect(await trimmed(page, 'fact-average')).toBe(arMoney((bidA.amountCents + bidB.amountCents) / 2));
      for (const [id, bid, who] of [
        [state.bidAId, bidA, freelancerA],
        [state.bidBId, bidB, freelancerB],
      ] as const) {
        const item = page.getByTestId(`bid-${id}`);
        expect(await item.textContent()).toContain(who.displayName);
        expect(await item.textContent()).toContain(bid.proposal);
        const terms = await trimmed(page, `bid-terms-${id}`);
        expect(terms).toContain(arMoney(bid.amountCents));
        expect(terms).toContain(`${bid.days}`);
        expect(await trimmed(page, `hire-${id}`)).toBe(`توظيف بمبلغ ${arMoney(bid.amountCents)}`);
      }
      await shot(page, 'project-bids-owner-1280.png');

      await page.getByTestId(`hire-${state.bidAId}`).click();
      await page.waitForURL((u) => /^\/orders\/\d+$/.test(u.pathname));
      state.orderId = Number(new URL(page.url()).pathname.split('/').pop());
      await flash(page, 'تم التوظيف').waitFor({ state: 'visible' });
      expect((await orderStatus(page).textContent())?.trim()).toBe(orderStatusLabel.inProgress);
      expect((await page.getByTestId('order-total').textContent())?.trim()).toBe(arMoney(bidA.amountCents));
      expect(await page.locator('main').textContent()).toContain(`المشتري: ${owner.displayName} · البائع: ${freelancerA.displayName}`);
      expect(await page.getByTestId('timeline').textContent()).toContain('اختار صاحب المشروع العرض وبدأ العمل');

      // The project page: hired, the order linked, A's bid chosen and B's not, nothing left to hire.
      await page.goto(`${baseUrl}${projectPath()}`);
      expect(await page.getByTestId('status-note').textContent()).toContain('وُظّف مستقل لهذا المشروع');
      expect(await page.getByTestId('status-note').getByTestId('project-order').getAttribute('href')).toBe(orderPath());
      expect(await page.getByTestId(`bid-${state.bidAId}`).textContent()).toContain('تم التوظيف');
      expect(await page.getByTestId(`bid-${state.bidBId}`).textContent()).toContain('لم يُختر');
      expect(await page.locator('[data-testid^="hire-"]').count()).toBe(0);
      await shot(page, 'project-hired-owner-1280.png');
      // The money: $120 of the $150 held in escrow.
      await page.goto(`${baseUrl}/wallet`);
      expect(await trimmed(page, 'wallet.available')).toBe(arMoney(depositDollars * 100 - bidA.amountCents));
      expect(await trimmed(page, 'wallet.escrow')).toBe(arMoney(bidA.amountCents));

      // B's slot is free again, the bid not chosen.
      const b = B();
      await b.goto(`${baseUrl}/my/bids`);
      expect(await trimmed(b, 'active-bids')).toBe(slots(0));
      const line = b.getByTestId(`my-bid-${state.bidBId}`);
      expect(await line.textContent()).toContain('لم يُختر');
      await shot(b, 'my-bids-1280.png');
    },
    STEP_MS,
  );

  it(
    'A delivers from the order with a message and a file; the owner accepts: completed',
    async () => {
      ready('a', 'orderId');
      const page = A();
      await page.setViewportSize(DESKTOP);
      await page.goto(`${baseUrl}/my/bids`);
      const line = page.getByTestId(`my-bid-${state.bidAId}`);
      expect(await line.textContent()).toContain('تم التوظيف');
      await line.getByRole('link', { name: `فتح الطلب #${state.orderId}` }).click();
      await page.waitForURL((u) => u.pathname === orderPath());
      expect((await orderStatus(page).textContent())?.trim()).toBe(orderStatusLabel.inProgress);
      // What A receives, less the 10% commission.
      expect(await page.locator('aside').textContent()).toContain(arMoney(netA));
      await orderActionWithText(page, 'deliver', text.delivery, [deliveryFile]);
      await orderStatus(page).filter({ hasText: orderStatusLabel.delivered }).waitFor({ state: 'visible' });
      const sent = page.locator('#order-thread > li', { hasText: text.delivery });
      await sent.waitFor({ state: 'visible' });
      expect(await sent.getByTestId('attachment').textContent()).toContain(deliveryFile.name);
      // A leaves the order while the owner accepts (see the note at the top).
      await page.goto(`${baseUrl}/my/bids`);
      state.delivered = true;

      const o = O();
      await o.goto(`${baseUrl}${orderPath()}`);
      expect((await orderStatus(o).textContent())?.trim()).toBe(orderStatusLabel.delivered);
      const delivered = o.locator('#order-thread > li', { hasText: text.delivery });
      const attachment = delivered.getByTestId('attachment');
      expect(await attachment.textContent()).toContain(deliveryFile.name);
      const file = await o.context().request.get(`${baseUrl}${await attachment.getAttribute('href')}`);
      expect(file.status()).toBe(200);
      expect((await file.body()).equals(deliveryFile.buffer)).toBe(true);
      await o.getByTestId('action-complete').click();
      await orderStatus(o).filter({ hasText: orderStatusLabel.completed }).waitFor({ state: 'visible' });
      const events = await o.getByTestId('timeline').locator('> li strong').allTextContents();
      expect(events).toEqual(['اختار صاحب المشروع العرض وبدأ العمل', 'سُلّم العمل', 'اكتمل الطلب']);
      state.completed = true;
    },
    STEP_MS,
  );

  it(
    'both review from the order page (published with the second); A’s wallet holds the bid less 10% as pending',
    async () => {
      ready('a', 'owner', 'completed');
      const o = O();
      await reviewOrder(o, ['5', '5', '5'], text.ownerReview);
      await o.getByTestId('review-box').filter({ hasText: 'استلمنا تقييمك' }).waitFor({ state: 'visible' });

      const page = A();
      await page.goto(`${baseUrl}${orderPath()}`);
      expect((await orderStatus(page).textContent())?.trim()).toBe(orderStatusLabel.completed);
      expect(await page.getByTestId('review-box').textContent()).toContain(`قيّم تجربتك مع ${owner.displayName}`);
      await reviewOrder(page, ['5', '5', '4'], text.freelancerReview);
      await page.getByTestId('review-box').filter({ hasText: 'نُشر تقييمك.' }).waitFor({ state: 'visible' });
      expect(await page.getByTestId('review-about-me').textContent()).toContain(text.ownerReview);
      await o.reload();
      expect(await o.getByTestId('review-box').textContent()).toContain('نُشر تقييمك.');
      expect(await o.getByTestId('review-about-me').textContent()).toContain(text.freelancerReview);

      await page.goto(`${baseUrl}/wallet`);
      expect(await trimmed(page, 'wallet.pending')).toBe(arMoney(netA));
      expect(await trimmed(page, 'wallet.available')).toBe(arMoney(0));
      const pending = page.getByTestId('pending-list').locator('> li');
      expect(await pending.count()).toBe(1);
      expect(await pending.textContent()).toContain(arMoney(netA));
      // The owner: $30 left, nothing in escrow any more.
      await o.goto(`${baseUrl}/wallet`);
      expect(await trimmed(o, 'wallet.available')).toBe(arMoney(depositDollars * 100 - bidA.amountCents));
      expect(await trimmed(o, 'wallet.escrow')).toBe(arMoney(0));
    },
    STEP_MS,
  );

  it('no page threw or logged an error, and no request failed', () => {
    ready();
    expect(pageErrors).toEqual([]);
  });
});
