// The front page in a real browser against the real server (src/main.tsx in a child process, PGlite, no demo data):
// a seller publishes a «شعار» service; a visitor on a 360 px phone finds on `/` a search box, the categories with
// their counts, the popular services, the top freelancers and the open projects (the page fits the screen in both
// languages), and reaches the search from the header icon; on a desktop the header's search box takes «لوجو» — a
// colloquial word no service writes — and the results page finds the «شعار» service and says how many it found.
// A moderator adds a synonyms group at /admin/synonyms and the new word finds the service too. Signed in, `/` is a
// dashboard: the buyer's order waiting for the seller, with its deadline, on both sides; the seller's next steps.
// Runs with KAFIIL_E2E=1 (see vitest.config.ts).
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Actor,
  appHelpers,
  checkReady,
  DESKTOP,
  expectLanguage,
  fitsWidth,
  flash,
  guardedSetup,
  newActor,
  newJourney,
  newRunId,
  PHONE,
  SANDBOX_GATEWAY_ENV,
  screenshot as shot,
  signedInActor,
  skipWithoutChromium,
  startJourney,
  stopJourney,
  testUser,
} from './harness.ts';

const skip = skipWithoutChromium('home');
const run = newRunId();
const STEP_MS = 30_000;

const app = newJourney();
const setup = guardedSetup();

const moderator = testUser(run, 'hmod', 'Quiet-Olive-Grove');
const seller = testUser(run, 'hsel', 'Bright-Sand-Dune', 'سلمى المصممة');
const buyer = testUser(run, 'hbuy', 'Cold-River-Stone', 'مازن المشتري');

const service = {
  title: 'تصميم شعار احترافي لمتجرك الإلكتروني',
  categorySlug: 'logo-design',
  description:
    'أصمم لك شعارًا احترافيًا بسيطًا يسهل تذكره ويعبّر عن متجرك، مع ثلاثة مقترحات أولية وتعديلات حتى ترضى، وأسلّم الملفات المصدرية بكل الصيغ.',
  priceCents: 3000,
  deliveryDays: 3,
};

const state = { serviceId: 0, orderId: 0 };
const actors: { visitor: Actor | null; desktop: Actor | null } = { visitor: null, desktop: null };
const { api, apiLogin, signUpVerified, publishService } = appHelpers(() => app);

const text = async (page: Page, testId: string) =>
  ((await page.getByTestId(testId).first().textContent()) ?? '').replace(/\s+/g, ' ').trim();

describe.skipIf(skip)('home page journey in Chromium', { timeout: STEP_MS }, () => {
  beforeAll(
    () =>
      setup.run(async () => {
        await startJourney(app, 'home', { moderator, env: SANDBOX_GATEWAY_ENV });
        await Promise.all([signUpVerified(seller), signUpVerified(buyer)]);
        state.serviceId = (await publishService(seller, moderator, service)).id;
      }),
    120_000,
  );
  afterAll(() => stopJourney(app), 20_000);
  const ready = (...needs: (keyof typeof state | keyof typeof actors)[]) => checkReady(setup, { ...state, ...actors }, needs);

  it('a visitor on a phone: search box, categories with counts, popular services, freelancers, projects; fits 360 px', async () => {
    ready('serviceId');
    actors.visitor = await newActor(app, 'visitor', { viewport: PHONE, requests: true });
    const page = actors.visitor.page;
    await page.goto(`${app.baseUrl}/`);
    await expectLanguage(page, 'ar');
    await page.getByTestId('home-search').waitFor({ state: 'visible' });
    expect(await text(page, 'category-design')).toContain('خدمة واحدة');
    expect(await text(page, 'category-programming')).toContain('لا خدمات بعد');
    await page.getByTestId('home-popular').getByTestId(`card-${state.serviceId}`).waitFor({ state: 'visible' });
    expect(await text(page, `freelancer-${seller.username}`)).toContain(seller.displayName);
    expect(await text(page, 'home-projects')).toContain('لا توجد مشاريع مفتوحة الآن');
    await fitsWidth(page, PHONE.width);
    await shot(page, 'home-visitor-ar-360.png');

    // The header's search on a phone: an icon to the services page.
    await page.getByTestId('header-search-link').click();
    await page.waitForURL((u) => u.pathname === '/services');

    await page.goto(`${app.baseUrl}/en`);
    await expectLanguage(page, 'en');
    expect(await text(page, 'category-design')).toContain('1 service');
    await fitsWidth(page, PHONE.width);
    await shot(page, 'home-visitor-en-360.png');

    // The categories link to their services.
    await page.getByTestId('category-design').click();
    await page.waitForURL((u) => u.pathname === '/en/services' && u.searchParams.get('category') === 'design');
    await page.getByTestId(`card-${state.serviceId}`).waitFor({ state: 'visible' });
  });

  it('the header search on a desktop: «لوجو» finds the «شعار» service, and the page says how many', async () => {
    ready('serviceId');
    actors.desktop = await newActor(app, 'desktop', { viewport: DESKTOP, requests: true });
    const page = actors.desktop.page;
    await page.goto(`${app.baseUrl}/faq`);
    const box = page.getByTestId('header-search').locator('input[name="q"]');
    await box.fill('لوجو');
    await box.press('Enter');
    await page.waitForURL((u) => u.pathname === '/services' && u.searchParams.get('q') === 'لوجو');
    await page.getByTestId(`card-${state.serviceId}`).waitFor({ state: 'visible' });
    expect(await text(page, 'results-count')).toBe('وجدنا خدمة واحدة');
    await shot(page, 'home-synonym-search-ar-1366.png');
  });

  it('a moderator adds a synonyms group at /admin/synonyms: its new word finds the service', async () => {
    ready('desktop');
    const search = async (q: string) =>
      (await api<{ items: { id: number }[] }>('GET', `/api/v1/services?q=${encodeURIComponent(q)}`, { expect: 200 })).items.map(
        (s) => s.id,
      );
    expect(await search('كونسبت')).not.toContain(state.serviceId);
    // The refused form is answered 400 on purpose: Chromium logs that.
    const mod = await signedInActor(app, 'moderator', moderator, '/admin/synonyms', { ignore: /status of 400/ });
    const page = mod.page;
    const field = page.locator('#f-synonyms');
    const list = await field.inputValue();
    expect(list).toContain('شعار = لوجو');
    // A bad line (one word alone) is refused, naming it, with the text kept.
    await field.fill(`${list}\nكونسبت`);
    await page.getByTestId('synonyms-save').click();
    expect(await text(page, 'error-synonyms')).toContain('فيه كلمة واحدة');
    expect(await field.inputValue()).toContain('كونسبت');
    await field.fill(list.replace('شعار = لوجو', 'شعار = كونسبت = لوجو'));
    await page.getByTestId('synonyms-save').click();
    await flash(page, 'حُفظت مرادفات البحث').waitFor({ state: 'visible' });
    await shot(page, 'home-synonyms-admin-ar-1366.png');
    await mod.ctx.close();
    expect(await search('كونسبت')).toContain(state.serviceId);
  });

  it('signed in, the home page is a dashboard: the order under way with its deadline for both sides, next steps', async () => {
    ready('serviceId');
    // The buyer pays in through the sandbox checkout and orders the service.
    const token = await apiLogin(buyer);
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const dep = await fetch(`${app.baseUrl}/api/v1/wallet/deposits`, {
      method: 'POST',
      headers: { ...headers, 'idempotency-key': `home-${run}` },
      body: JSON.stringify({ amountCents: 5000, method: 'sandbox' }),
    });
    expect(dep.status).toBe(201);
    const buyerActor = await signedInActor(app, 'buyer', buyer, '/', { requests: true });
    const page = buyerActor.page;
    await page.goto(((await dep.json()) as { checkoutUrl: string }).checkoutUrl);
    await page.locator('input[name="card"]').fill('4242 4242 4242 4242');
    await page.locator('main form button[type="submit"]').click();
    await page.getByTestId('sandbox-result').waitFor({ state: 'visible' });
    const order = await fetch(`${app.baseUrl}/api/v1/orders`, {
      method: 'POST',
      headers: { ...headers, 'idempotency-key': `home-order-${run}` },
      body: JSON.stringify({ serviceId: state.serviceId, quantity: 1, addonIds: [] }),
    });
    expect(order.status, await order.clone().text()).toBe(201);
    state.orderId = ((await order.json()) as { id: number }).id;

    await page.goto(`${app.baseUrl}/`);
    expect(await text(page, 'dashboard-title')).toContain(buyer.displayName);
    const mine = await text(page, `dashboard-order-${state.orderId}`);
    expect(mine).toContain('أنت المشتري');
    expect(mine).toContain('الرد قبل');
    expect(await text(page, 'stat-buying')).toContain('طلب واحد');
    await page.getByTestId('step-first-service').waitFor({ state: 'visible' });

    const sellerActor = await signedInActor(app, 'seller', seller, '/', { viewport: PHONE, requests: true });
    const sp = sellerActor.page;
    const theirs = await text(sp, `dashboard-order-${state.orderId}`);
    expect(theirs).toContain('أنت البائع');
    expect(theirs).toContain('بانتظار البائع');
    expect(await text(sp, `step-accept-${state.orderId}`)).toContain(service.title);
    await sp.getByTestId('step-profile').waitFor({ state: 'visible' });
    expect(await sp.getByTestId('step-first-service').count()).toBe(0);
    await fitsWidth(sp, PHONE.width);
    await shot(sp, 'home-dashboard-ar-360.png');
    // The next step opens the order.
    await sp.getByTestId(`step-accept-${state.orderId}`).click();
    await sp.waitForURL((u) => u.pathname === `/orders/${state.orderId}`);
    await sellerActor.ctx.close();
    await buyerActor.ctx.close();
  });

  it('no page threw or logged an error', () => {
    ready();
    expect(app.pageErrors).toEqual([]);
  });
});
