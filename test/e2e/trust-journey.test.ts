// The trust-and-safety journey in a real browser against the real server (src/main.tsx in a child process, PGlite, no
// demo data, mail written as .eml files): a seller's service is published (API + a moderator made with the CLI); the
// buyer, on a phone in Arabic, tries to give the seller a phone number in Arabic-Indic digits and is refused (the text
// kept), then, on a desktop, reports the service as fraud; the moderator hides it from the reports queue and gives its
// seller a week without selling; visitors no longer find it; the seller reads the sanction, its reason and end and the
// hidden service on their sanctions page, and appeals it with a complaint. Runs with KAFIIL_E2E=1 (see vitest.config.ts).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AppServer,
  appHelpers,
  buildCssIfMissing,
  collectErrors,
  collectFailedRequests,
  createModerator,
  DESKTOP,
  guardedSetup,
  launchBrowser,
  newContext,
  newRunId,
  planServer,
  SCREENS_DIR,
  skipWithoutChromium,
  startServer,
  stopServer,
  waitForHealth,
} from './harness.ts';

const skip = skipWithoutChromium('trust');
const run = newRunId();
/** Each step's time limit: generous, the browser, the server and the CLI share a busy machine with other suites. */
const STEP_MS = 30_000;
const PHONE = { width: 360, height: 780 };
const DAY = 86_400_000;

let dataDir = '';
let baseUrl = '';
let server: AppServer | null = null;
let browser: Browser | null = null;
const setup = guardedSetup();
/** Errors the pages threw or logged and requests that failed, by actor; none is expected but for `errorPages`. */
const pageErrors: string[] = [];
/** Pages answered with an error status on purpose (a refused form, a hidden service): Chromium logs each as an error. */
const errorPages: { who: string; status: number; url: string }[] = [];
const onErrorPage = (e: string) =>
  errorPages.some(
    (p) =>
      e.startsWith(`${p.who} console: Failed to load resource: the server responded with a status of ${p.status} `) &&
      e.endsWith(`(${p.url})`),
  );

const moderator = { email: `e2e-tmod-${run}@example.com`, username: `e2e_tmod_${run}`, password: `Still-Water-Reed-${run}` };
const seller = {
  email: `e2e-tseller-${run}@example.com`,
  username: `e2e_tsel_${run}`,
  password: `Tall-Palm-Shade-${run}`,
  displayName: 'خالد المصمم',
};
const buyer = {
  email: `e2e-tbuyer-${run}@example.com`,
  username: `e2e_tbuy_${run}`,
  password: `Soft-Sand-Dune-${run}`,
  displayName: 'منى صاحبة المتجر',
};

const service = {
  title: 'تصميم بطاقات أعمال فاخرة لشركتك',
  categorySlug: 'logo-design',
  description:
    'أصمم لشركتك بطاقات أعمال فاخرة تعكس هويتها، بوجهين وبثلاثة نماذج أولية تختار منها، مع تعديلات حتى ترضى، ثم أسلمك ملفات جاهزة للطباعة بأعلى جودة.',
  priceCents: 1500,
  deliveryDays: 2,
  skills: ['هوية بصرية', 'طباعة'],
};
/** A search that finds it (words of its title). */
const query = 'بطاقات أعمال';

const text = {
  /** A phone number in Arabic-Indic digits: what the contact guard must find and name. */
  contact: 'كلمني على ٠١٠٠٢٣٤٥٦٧٨ واتساب',
  found: '٠١٠٠٢٣٤٥٦٧٨',
  reportDetails: 'طلب مني البائع الدفع خارج المنصة بتحويل مباشر، ووعد بخصم إن فعلت.',
  hideReason: 'الخدمة تطلب من المشترين الدفع خارج كفيل، وهذا مخالف للشروط.',
  sanctionReason: 'محاولة استدراج المشترين إلى الدفع خارج المنصة بعد بلاغ احتيال.',
  appealSubject: 'اعتراض على إيقاف البيع',
  appealBody: 'لم أطلب من أي مشترٍ الدفع خارج كفيل، وأرجو مراجعة المحادثات قبل تثبيت العقوبة.',
};

/** The server's own format of a sanction's end (src/platform/i18n: Latin digits in Arabic, in UTC), written out independently. */
const arDateTime = (d: Date) =>
  new Intl.DateTimeFormat('ar-EG-u-nu-latn', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(d);

/** Filled in as the journey goes. */
const state = { serviceId: 0, servicePath: '', sellerId: 0, refused: false, reported: false, hidden: false, sanctionId: 0, endsOn: '' };
type Actor = { ctx: BrowserContext; page: Page };
const actors: { buyer: Actor | null; moderator: Actor | null; visitor: Actor | null; seller: Actor | null } = {
  buyer: null,
  moderator: null,
  visitor: null,
  seller: null,
};

const { api, apiLogin, signUpVerified, signIn, publishService } = appHelpers(() => ({ baseUrl, dataDir }));

/** A browser context of its own (cookies apart), Arabic pages, its page errors and failed requests collected. */
async function newActor(name: string, viewport = DESKTOP): Promise<Actor> {
  const ctx = await newContext(browser, viewport);
  const page = await ctx.newPage();
  collectErrors(page, name, pageErrors);
  collectFailedRequests(page, name, pageErrors);
  return { ctx, page };
}

/** The notice shown once after a form (Layout's or the page's own role="status" alert) with this text. */
const notice = (page: Page, hasText: string) => page.getByRole('status').filter({ hasText });

/** Nothing wider than the screen. */
const fitsWidth = (page: Page, width: number) =>
  expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENS_DIR, name), fullPage: true });

describe.skipIf(skip)('trust-and-safety journey in Chromium', () => {
  beforeAll(() => setup.run(setUp), 120_000);

  async function setUp() {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kafiil-e2e-trust-'));
    fs.mkdirSync(SCREENS_DIR, { recursive: true });
    buildCssIfMissing();
    const plan = await planServer(dataDir);
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
  const M = () => actors.moderator?.page as Page;
  const V = () => actors.visitor?.page as Page;
  const searchPath = () => `/services?q=${encodeURIComponent(query)}`;

  afterAll(async () => {
    await browser?.close().catch(() => {});
    try {
      await stopServer(server);
    } finally {
      if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 20_000);

  it(
    'a seller’s service is published (API, approved by the moderator); a buyer signs up; visitors find the service',
    async () => {
      ready();
      await Promise.all([signUpVerified(seller), signUpVerified(buyer)]);
      const published = await publishService(seller, moderator, service);
      state.serviceId = published.id;
      const me = await api<{ id: number }>('GET', '/api/v1/me', { token: await apiLogin(seller), expect: 200 });
      state.sellerId = me.id;

      // A visitor (not signed in) finds it by a search, and opens it at its canonical address.
      actors.visitor = await newActor('visitor');
      const page = V();
      await page.goto(`${baseUrl}${searchPath()}`);
      const card = page.getByTestId(`card-${state.serviceId}`);
      await card.waitFor({ state: 'visible' });
      await card.getByRole('link', { name: service.title }).click();
      await page.waitForURL((u) => u.pathname.startsWith(`/services/${state.serviceId}-`));
      state.servicePath = new URL(page.url()).pathname;
      expect((await page.getByTestId('service-title').textContent())?.trim()).toBe(service.title);
    },
    STEP_MS,
  );

  it(
    'the buyer, on a phone, writes to the seller from the service page with a phone number in Arabic-Indic digits: refused, the text kept',
    async () => {
      ready('servicePath');
      actors.buyer = await newActor('buyer', PHONE);
      const page = B();
      await signIn(page, buyer, '/');
      await page.goto(`${baseUrl}${state.servicePath}`);
      expect(await page.locator('html').getAttribute('lang')).toBe('ar');
      expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
      const contact = page.getByTestId('contact-seller');
      expect((await contact.textContent())?.trim()).toContain('تواصل');
      await contact.click();
      await page.waitForURL((u) => u.pathname === '/messages/new' && u.searchParams.get('to') === seller.username);

      const composer = page.locator('#composer');
      await composer.locator('textarea[name="body"]').fill(text.contact);
      await composer.getByTestId('send').click();
      // The form is sent without JavaScript's help (no thread yet): the page comes back with the refusal.
      const error = page.getByTestId('error-body');
      await error.waitFor({ state: 'visible' });
      expect(new URL(page.url()).pathname).toBe('/messages/new');
      errorPages.push({ who: 'buyer', status: 400, url: page.url() });
      expect((await error.textContent())?.trim()).toContain(`لا يُسمح بتبادل وسائل التواصل خارج كفيل (وُجد: ${text.found})`);
      const box = page.locator('#composer textarea[name="body"]');
      expect(await box.inputValue()).toBe(text.contact);
      expect(await box.getAttribute('aria-invalid')).toBe('true');
      // Nothing was sent: the buyer has no conversation.
      expect(await page.locator('header [data-badge="messages"]').isVisible()).toBe(false);
      await fitsWidth(page, PHONE.width);
      await shot(page, 'trust-contact-refused-360.png');
      state.refused = true;
    },
    STEP_MS,
  );

  it(
    'the buyer, on a desktop, reports the service as fraud and is back on its page with the thanks',
    async () => {
      ready('buyer', 'servicePath');
      const page = B();
      await page.setViewportSize(DESKTOP);
      await page.goto(`${baseUrl}${state.servicePath}`);
      const report = page.getByTestId(`report-service-${state.serviceId}`);
      expect((await report.textContent())?.trim()).toBe('⚑ إبلاغ');
      await report.click();
      await page.waitForURL(
        (u) => u.pathname === '/report' && u.searchParams.get('type') === 'service' && u.searchParams.get('id') === String(state.serviceId),
      );
      expect(await page.getByTestId('report-about').textContent()).toContain(service.title);
      const fraud = page.getByRole('radio', { name: 'احتيال أو نصب' });
      expect(await fraud.getAttribute('value')).toBe('fraud');
      await fraud.check();
      await page.locator('#f-details').fill(text.reportDetails);
      await shot(page, 'trust-report-form-1280.png');
      await page.getByTestId('report-send').click();

      await page.waitForURL((u) => u.pathname === state.servicePath);
      await notice(page, 'شكرًا لك، وصل بلاغك').waitFor({ state: 'visible' });
      // Once: the report form now says it was received.
      await page.goto(`${baseUrl}/report?type=service&id=${state.serviceId}`);
      await page.getByTestId('report-already').waitFor({ state: 'visible' });
      state.reported = true;
    },
    STEP_MS,
  );

  it(
    'the moderator hides the service from the reports queue, then gives its seller a week without selling',
    async () => {
      ready('reported', 'sellerId');
      actors.moderator = await newActor('moderator');
      const page = M();
      await signIn(page, moderator, '/admin/reports');
      const key = `service-${state.serviceId}`;
      const group = page.getByTestId(`group-${key}`);
      await group.waitFor({ state: 'visible' });
      const shown = (await group.textContent()) ?? '';
      expect(shown).toContain(service.title);
      expect(shown).toContain('احتيال أو نصب');
      expect(shown).toContain(text.reportDetails);
      expect(shown).toContain(`${seller.displayName} @${seller.username}`);
      await shot(page, 'trust-reports-queue-1280.png');

      // The author's sanctions, opened in a tab of its own (the group leaves the queue once decided).
      const link = group.getByRole('link', { name: 'معاقبة صاحب المحتوى' });
      const href = new URL((await link.getAttribute('href')) ?? '', baseUrl);
      const sellerId = Number(/^\/admin\/users\/(\d+)\/sanctions$/.exec(href.pathname)?.[1]);
      expect(sellerId).toBe(state.sellerId);
      expect(href.searchParams.get('source')).toBe(`service:${state.serviceId}`);
      const [tab] = await Promise.all([page.context().waitForEvent('page'), link.click({ modifiers: ['ControlOrMeta'] })]);
      collectErrors(tab, 'moderator (tab)', pageErrors);
      collectFailedRequests(tab, 'moderator (tab)', pageErrors);

      await page.getByTestId(`decision-${key}`).selectOption('hide');
      await page.getByTestId(`reason-${key}`).fill(text.hideReason);
      await page.getByTestId(`decide-${key}`).click();
      await page.waitForURL((u) => u.pathname === '/admin/reports');
      await page.getByTestId('flash').filter({ hasText: 'نُفّذ القرار' }).waitFor({ state: 'visible' });
      expect(await page.getByTestId(`group-${key}`).count(), 'decided: no open report left on it').toBe(0);
      state.hidden = true;

      // To the tab (a background tab's page is throttled: actions there wait on its frames).
      await tab.bringToFront();
      await tab.waitForLoadState();
      expect(new URL(tab.url()).pathname).toBe(`/admin/users/${sellerId}/sanctions`);
      expect(new URL(tab.url()).searchParams.get('source')).toBe(`service:${state.serviceId}`);
      const selling = tab.getByTestId('scope-selling');
      expect((await tab.locator('label', { has: selling }).textContent())?.trim()).toBe('البيع');
      await selling.check();
      const endsOn = new Date(Date.now() + 7 * DAY).toISOString().slice(0, 10);
      await tab.locator('input[name="endsAt"]').fill(endsOn);
      await tab.locator('textarea[name="reason"]').fill(text.sanctionReason);
      await tab.getByTestId('sanction-create').click();
      await tab.waitForURL((u) => u.pathname === `/admin/users/${sellerId}/sanctions` && !u.search);
      await tab.getByTestId('flash').filter({ hasText: 'فُرضت العقوبة' }).waitFor({ state: 'visible' });
      const line = tab.getByTestId('sanctions').locator('> li[data-testid^="sanction-"]');
      expect(await line.count()).toBe(1);
      state.sanctionId = Number((await line.getAttribute('data-testid'))?.replace('sanction-', ''));
      expect(state.sanctionId).toBeGreaterThan(0);
      expect((await line.getByTestId(`scope-${state.sanctionId}-selling`).textContent())?.trim()).toBe('البيع');
      expect(await line.textContent()).toContain(text.sanctionReason);
      // A date without a time ends at the end of that day, UTC.
      expect((await line.getByTestId(`end-${state.sanctionId}`).textContent())?.trim()).toBe(
        `حتى ${arDateTime(new Date(`${endsOn}T23:59:59Z`))}`,
      );
      expect(await line.getByTestId(`lift-${state.sanctionId}`).count(), 'in force: it may be lifted').toBe(1);
      // The hidden service is on the record, as it was.
      const record = tab.getByTestId('taken-down-staff').locator('> li', { hasText: service.title });
      expect(await record.count()).toBe(1);
      expect(await record.textContent()).toContain(text.hideReason);
      state.endsOn = endsOn;
      await shot(tab, 'trust-admin-sanctions-1280.png');
      await tab.close();
    },
    STEP_MS,
  );

  it(
    'visitors no longer see the service: its page is not found and the search does not list it',
    async () => {
      ready('visitor', 'hidden', 'servicePath');
      const page = V();
      const res = await page.goto(`${baseUrl}${state.servicePath}`);
      expect(res?.status()).toBe(404);
      errorPages.push({ who: 'visitor', status: 404, url: page.url() });
      expect(await page.getByTestId('service-title').count()).toBe(0);
      await page.goto(`${baseUrl}${searchPath()}`);
      await page.getByTestId('results-heading').waitFor({ state: 'visible' });
      expect(await page.getByTestId(`card-${state.serviceId}`).count()).toBe(0);
      // Through the API too.
      await api('GET', `/api/v1/services/${state.serviceId}`, { expect: 404 });
    },
    STEP_MS,
  );

  it(
    'the seller opens their sanctions from the account menu: the sanction, its reason and end, the hidden service; and appeals',
    async () => {
      ready('sanctionId', 'endsOn');
      actors.seller = await newActor('seller');
      const page = actors.seller.page;
      await signIn(page, seller, '/');
      await page.getByTestId('user-menu').click();
      const menuLink = page.getByRole('link', { name: 'العقوبات والتنبيهات' });
      expect(await menuLink.getAttribute('href')).toBe('/account/sanctions');
      await menuLink.click();
      await page.waitForURL((u) => u.pathname === '/account/sanctions');

      const id = state.sanctionId;
      const line = page.getByTestId('active-sanctions').getByTestId(`sanction-${id}`);
      await line.waitFor({ state: 'visible' });
      expect((await line.getByTestId(`scope-${id}-selling`).textContent())?.trim()).toBe('البيع');
      expect(await line.textContent()).toContain(text.sanctionReason);
      expect((await line.getByTestId(`end-${id}`).textContent())?.trim()).toBe(`حتى ${arDateTime(new Date(`${state.endsOn}T23:59:59Z`))}`);
      const hidden = page.getByTestId('taken-down').locator('> li', { hasText: service.title });
      expect(await hidden.count()).toBe(1);
      const about = (await hidden.textContent()) ?? '';
      expect(about).toContain('إخفاء المحتوى');
      expect(about).toContain(text.hideReason);
      await shot(page, 'trust-my-sanctions-1280.png');

      const appeal = line.getByTestId(`appeal-${id}`);
      expect((await appeal.textContent())?.trim()).toBe('الاعتراض على القرار');
      await appeal.click();
      await page.waitForURL(
        (u) =>
          u.pathname === '/support/new' && u.searchParams.get('category') === 'appeal' && u.searchParams.get('sanction') === String(id),
      );
      expect(await page.locator('#f-category').inputValue()).toBe('appeal');
      expect(await page.getByTestId('appeal-of').textContent()).toContain(text.sanctionReason);
      await page.locator('#f-subject').fill(text.appealSubject);
      await page.locator('#f-body').fill(text.appealBody);
      await page.getByTestId('file-ticket').click();

      await page.waitForURL((u) => /^\/support\/\d+$/.test(u.pathname));
      await notice(page, 'وصلت شكواك').waitFor({ state: 'visible' });
      expect((await page.getByTestId('ticket-subject').textContent())?.trim()).toBe(text.appealSubject);
      const status = page.getByTestId('ticket-status');
      expect(await status.getAttribute('data-status')).toBe('open');
      expect((await status.textContent())?.trim()).toBe('بانتظار الدعم');
      expect(await page.locator('main').textContent()).toContain('تظلم من عقوبة أو تحذير');
      expect(await page.getByTestId('appeal-of').textContent()).toContain(text.sanctionReason);
      expect(await page.getByTestId('ticket-thread').textContent()).toContain(text.appealBody);
      await shot(page, 'trust-appeal-ticket-1280.png');
    },
    STEP_MS,
  );

  it('no page threw or logged an error, and no request failed (but the pages answered 4xx on purpose)', () => {
    ready();
    expect(pageErrors.filter((e) => !onErrorPage(e))).toEqual([]);
  });
});
