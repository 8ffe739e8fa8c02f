// The trust-and-safety journey in a real browser against the real server (src/main.tsx in a child process, PGlite, no
// demo data, mail written as .eml files): a seller's service is published (API + a moderator made with the CLI); the
// buyer, on a phone in Arabic, tries to give the seller a phone number in Arabic-Indic digits and is refused (the text
// kept), then, on a desktop, reports the service as fraud; the moderator hides it from the reports queue and gives its
// seller a week without selling; visitors no longer find it; the seller reads the sanction, its reason and end and the
// hidden service on their sanctions page, and appeals it with a complaint. Runs with KAFIIL_E2E=1 (see vitest.config.ts).
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatUsername } from '../../src/platform/i18n/index.ts';
import {
  type Actor,
  type ActorOptions,
  appHelpers,
  checkReady,
  DESKTOP,
  expectLanguage,
  fitsWidth,
  flash,
  guardedSetup,
  type Login,
  newActor,
  newJourney,
  newRunId,
  PHONE,
  screenshot as shot,
  signedInActor,
  skipWithoutChromium,
  startJourney,
  stopJourney,
  testUser,
  watchPage,
} from './harness.ts';

const skip = skipWithoutChromium('trust');
const run = newRunId();
/** Each step's time limit: generous, the browser, the server and the CLI share a busy machine with other suites. */
const STEP_MS = 30_000;
const DAY = 86_400_000;

/** The server and the browser; the errors the pages threw or logged and the requests that failed, by actor: none is expected but for `errorPages`. */
const app = newJourney();
const setup = guardedSetup();
/** Pages answered with an error status on purpose (a refused form, a hidden service): Chromium logs each as an error. */
const errorPages: { who: string; status: number; url: string }[] = [];
const onErrorPage = (e: string) =>
  errorPages.some(
    (p) =>
      e.startsWith(`${p.who} console: Failed to load resource: the server responded with a status of ${p.status} `) &&
      e.endsWith(`(${p.url})`),
  );

const moderator = testUser(run, 'tmod', 'Still-Water-Reed');
const seller = testUser(run, 'tsel', 'Tall-Palm-Shade', 'خالد المصمم');
const buyer = testUser(run, 'tbuy', 'Soft-Sand-Dune', 'منى صاحبة المتجر');

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
const state = {
  serviceId: 0,
  servicePath: '',
  sellerId: 0,
  refused: false,
  appealed: false,
  reported: false,
  hidden: false,
  sanctionId: 0,
  endsOn: '',
};
const actors: { buyer: Actor | null; moderator: Actor | null; visitor: Actor | null; seller: Actor | null } = {
  buyer: null,
  moderator: null,
  visitor: null,
  seller: null,
};

const { api, apiLogin, signUpVerified, publishService } = appHelpers(() => app);

/** Page errors and failed requests are collected from every actor. */
const WATCH = { requests: true };
/** A browser of one's own signed in as `who` at `next`. */
const signedIn = (name: string, who: Login, next: string, opts: ActorOptions = {}) =>
  signedInActor(app, name, who, next, { ...WATCH, ...opts });

/** The notice shown once after a form (Layout's or the page's own role="status" alert) with this text. */
const notice = (page: Page, hasText: string) => page.getByRole('status').filter({ hasText });

describe.skipIf(skip)('trust-and-safety journey in Chromium', { timeout: STEP_MS }, () => {
  beforeAll(() => setup.run(() => startJourney(app, 'trust', { moderator })), 120_000);
  afterAll(() => stopJourney(app), 20_000);

  const ready = (...needs: (keyof typeof state | keyof typeof actors)[]) => checkReady(setup, { ...state, ...actors }, needs);
  const B = () => actors.buyer?.page as Page;
  const M = () => actors.moderator?.page as Page;
  const V = () => actors.visitor?.page as Page;
  const searchPath = () => `/services?q=${encodeURIComponent(query)}`;

  it('a seller’s service is published (API, approved by the moderator); a buyer signs up; visitors find the service', async () => {
    ready();
    await Promise.all([signUpVerified(seller), signUpVerified(buyer)]);
    const published = await publishService(seller, moderator, service);
    state.serviceId = published.id;
    const me = await api<{ id: number }>('GET', '/api/v1/me', { token: await apiLogin(seller), expect: 200 });
    state.sellerId = me.id;

    // A visitor (not signed in) finds it by a search, and opens it at its canonical address.
    actors.visitor = await newActor(app, 'visitor', WATCH);
    const page = V();
    await page.goto(`${app.baseUrl}${searchPath()}`);
    const card = page.getByTestId(`card-${state.serviceId}`);
    await card.waitFor({ state: 'visible' });
    await card.getByRole('link', { name: service.title }).click();
    await page.waitForURL((u) => u.pathname.startsWith(`/services/${state.serviceId}-`));
    state.servicePath = new URL(page.url()).pathname;
    expect((await page.getByTestId('service-title').textContent())?.trim()).toBe(service.title);
  });

  it('the buyer, on a phone, writes to the seller from the service page with a phone number in Arabic-Indic digits: refused, the text kept', async () => {
    ready('servicePath');
    actors.buyer = await signedIn('buyer', buyer, '/', { viewport: PHONE });
    const page = B();
    await page.goto(`${app.baseUrl}${state.servicePath}`);
    await expectLanguage(page, 'ar');
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

    // The buyer thinks it a mistake and asks a moderator to review it: the request waits on their appeals page.
    expect(await page.getByTestId('appeal-offer').textContent()).toContain('اطلب من مشرف مراجعتها');
    await page.getByTestId('appeal-send').click();
    await page.waitForURL((u) => u.pathname === '/account/appeals');
    await flash(page, 'أُرسل طلب المراجعة إلى المشرفين').waitFor({ state: 'visible' });
    expect(await page.getByTestId('my-appeals').textContent()).toContain(text.contact);
    expect(await page.getByTestId('my-appeals').textContent()).toContain('بانتظار مشرف');
    await fitsWidth(page, PHONE.width);
    state.appealed = true;
  });

  it('the moderator finds the review request first at /admin/cases and upholds the refusal with a note the buyer reads', async () => {
    ready('appealed');
    actors.moderator ??= await signedIn('moderator', moderator, '/admin/cases');
    const page = M();
    await page.goto(`${app.baseUrl}/admin/cases`);
    const request = page.getByTestId('appeals').locator('> li', { hasText: text.contact });
    await request.waitFor({ state: 'visible' });
    await request.getByLabel('ملاحظة القرار (يقرؤها صاحب الرسالة)').fill('رقم هاتف للتواصل خارج كفيل');
    await shot(page, 'trust-appeals-1280.png');
    await request.getByRole('button', { name: 'أكّد الرفض' }).click();
    await flash(page, 'أُكّد الرفض وأُبلغ صاحب الرسالة.').waitFor({ state: 'visible' });
    expect(await page.getByTestId('appeals').count()).toBe(0);
    const b = B();
    await b.goto(`${app.baseUrl}/account/appeals`);
    expect(await b.getByTestId('my-appeals').textContent()).toContain('رقم هاتف للتواصل خارج كفيل');
    await shot(b, 'trust-my-appeals-360.png');
  });

  it('the buyer, on a desktop, reports the service as fraud and is back on its page with the thanks', async () => {
    ready('buyer', 'servicePath');
    const page = B();
    await page.setViewportSize(DESKTOP);
    await page.goto(`${app.baseUrl}${state.servicePath}`);
    const report = page.getByTestId(`report-service-${state.serviceId}`);
    expect((await report.textContent())?.trim()).toBe('إبلاغ');
    expect(await report.locator('svg[data-icon="flag"][aria-hidden="true"]').count(), 'the flag icon, drawn as SVG').toBe(1);
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
    await page.goto(`${app.baseUrl}/report?type=service&id=${state.serviceId}`);
    await page.getByTestId('report-already').waitFor({ state: 'visible' });
    state.reported = true;
  });

  it('the moderator hides the service from the reports queue, then gives its seller a week without selling', async () => {
    ready('reported', 'sellerId');
    actors.moderator ??= await signedIn('moderator', moderator, '/admin/reports');
    const page = M();
    await page.goto(`${app.baseUrl}/admin/reports`);
    const key = `service-${state.serviceId}`;
    const group = page.getByTestId(`group-${key}`);
    await group.waitFor({ state: 'visible' });
    const shown = (await group.textContent()) ?? '';
    expect(shown).toContain(service.title);
    expect(shown).toContain('احتيال أو نصب');
    expect(shown).toContain(text.reportDetails);
    expect(shown).toContain(`${seller.displayName} ${formatUsername(seller.username)}`);
    await shot(page, 'trust-reports-queue-1280.png');

    // The author's sanctions, opened in a tab of its own (the group leaves the queue once decided).
    const link = group.getByRole('link', { name: 'معاقبة صاحب المحتوى' });
    const href = new URL((await link.getAttribute('href')) ?? '', app.baseUrl);
    const sellerId = Number(/^\/admin\/users\/(\d+)\/sanctions$/.exec(href.pathname)?.[1]);
    expect(sellerId).toBe(state.sellerId);
    expect(href.searchParams.get('source')).toBe(`service:${state.serviceId}`);
    const [tab] = await Promise.all([page.context().waitForEvent('page'), link.click({ modifiers: ['ControlOrMeta'] })]);
    watchPage(tab, 'moderator (tab)', app.pageErrors, WATCH);

    await page.getByTestId(`decision-${key}`).selectOption('hide');
    await page.getByTestId(`reason-${key}`).fill(text.hideReason);
    // Staff decisions ask first (web/components/confirm.tsx).
    await page.getByTestId(`decide-${key}`).click();
    await page.getByTestId(`decide-${key}-confirm`).click();
    await page.waitForURL((u) => u.pathname === '/admin/reports');
    await flash(page, 'نُفّذ القرار').waitFor({ state: 'visible' });
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
    await tab.getByTestId('sanction-create-confirm').click();
    await tab.waitForURL((u) => u.pathname === `/admin/users/${sellerId}/sanctions` && !u.search);
    await flash(tab, 'فُرضت العقوبة').waitFor({ state: 'visible' });
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
  });

  it('visitors no longer see the service: its page is not found and the search does not list it', async () => {
    ready('visitor', 'hidden', 'servicePath');
    const page = V();
    const res = await page.goto(`${app.baseUrl}${state.servicePath}`);
    expect(res?.status()).toBe(404);
    errorPages.push({ who: 'visitor', status: 404, url: page.url() });
    expect(await page.getByTestId('service-title').count()).toBe(0);
    await page.goto(`${app.baseUrl}${searchPath()}`);
    await page.getByTestId('results-heading').waitFor({ state: 'visible' });
    expect(await page.getByTestId(`card-${state.serviceId}`).count()).toBe(0);
    // Through the API too.
    await api('GET', `/api/v1/services/${state.serviceId}`, { expect: 404 });
  });

  it('the seller opens their sanctions from the account menu: the sanction, its reason and end, the hidden service; and appeals', async () => {
    ready('sanctionId', 'endsOn');
    actors.seller = await signedIn('seller', seller, '/');
    const page = actors.seller.page;
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
      (u) => u.pathname === '/support/new' && u.searchParams.get('category') === 'appeal' && u.searchParams.get('sanction') === String(id),
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
  });

  it('no page threw or logged an error, and no request failed (but the pages answered 4xx on purpose)', () => {
    ready();
    expect(app.pageErrors.filter((e) => !onErrorPage(e))).toEqual([]);
  });
});
