// The sponsored services journey in a real browser against the real server (PGlite, no demo data), in Arabic on a
// phone: a seller with points (granted by staff through the API) promotes one of two live services from «خدماتي»,
// paying with points; a buyer's search on /services shows it first, marked «ممول»; the card goes through the
// click-counting link to the service; the seller's /promotions shows it running, with its impressions and the
// click once the batch is saved. Screenshots in Arabic and English, at 360 px and on a desktop. Runs with KAFIIL_E2E=1.
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
  type Login,
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

const skip = skipWithoutChromium('promotions');
const run = newRunId();
const STEP_MS = 45_000;

const app = newJourney();
const setup = guardedSetup();

const moderator = testUser(run, 'pmod', 'Quiet-Fern-Lake');
const seller = testUser(run, 'psel', 'Cedar-Stone-Gate', 'سلمى للخط العربي');
const other = testUser(run, 'poth', 'Olive-Rain-Hill', 'نادر الخطاط');
const buyer = testUser(run, 'pbuy', 'Dune-Light-Path', 'مريم صاحبة المقهى');
/** A word both services' titles share: the buyer's search. */
const query = 'مخطوطة';

const state = { promotedId: 0, otherId: 0, promotionId: 0, promoted: false, clicked: false };
const actors: { seller: Actor | null; buyer: Actor | null } = { seller: null, buyer: null };
const { signUpVerified, publishService, apiLogin } = appHelpers(() => app);
const signedIn = (name: string, who: Login, next: string) => signedInActor(app, name, who, next, { requests: true, viewport: PHONE });

describe.skipIf(skip)('sponsored services journey in Chromium', { timeout: STEP_MS }, () => {
  beforeAll(() => setup.run(() => startJourney(app, 'promotions', { moderator, env: SANDBOX_GATEWAY_ENV })), 120_000);
  afterAll(() => stopJourney(app), 20_000);

  const ready = (...needs: (keyof typeof state | keyof typeof actors)[]) => checkReady(setup, { ...state, ...actors }, needs);
  const S = () => actors.seller?.page as Page;
  const B = () => actors.buyer?.page as Page;

  it('two live services of two sellers; staff grant the first seller 600 points', async () => {
    ready();
    await Promise.all([signUpVerified(seller), signUpVerified(other), signUpVerified(buyer)]);
    const spec = (title: string) => ({
      title,
      categorySlug: 'logo-design',
      description:
        'أكتب لك اسمك أو شعار مشروعك بخط عربي أصيل في مخطوطة أنيقة جاهزة للطباعة والنشر، مع ملف مفرغ بدقة عالية وتعديلين مجانيين.',
      priceCents: 3000,
      deliveryDays: 4,
    });
    const [a, b] = await Promise.all([
      publishService(seller, moderator, spec('مخطوطة بالخط الديواني لاسمك')),
      publishService(other, moderator, spec('مخطوطة بخط الثلث لمشروعك')),
    ]);
    state.promotedId = a.id;
    state.otherId = b.id;
    const [staffToken, sellerToken] = await Promise.all([apiLogin(moderator), apiLogin(seller)]);
    const me = await fetch(`${app.baseUrl}/api/v1/me`, { headers: { authorization: `Bearer ${sellerToken}` } });
    const sellerId = ((await me.json()) as { id: number }).id;
    const grant = await fetch(`${app.baseUrl}/api/v1/admin/users/${sellerId}/points`, {
      method: 'POST',
      headers: { authorization: `Bearer ${staffToken}`, 'content-type': 'application/json', 'idempotency-key': `grant-${run}` },
      body: JSON.stringify({ delta: 600, note: 'نقاط لتجربة ترويج الخدمات' }),
    });
    expect(grant.status, await grant.text()).toBe(200);
  }, 120_000);

  it('the seller promotes a service from «خدماتي», paying 500 points', async () => {
    ready('promotedId');
    actors.seller = await signedIn('seller', seller, '/my/services');
    const page = S();
    await expectLanguage(page, 'ar');
    await page.getByTestId(`promote-${state.promotedId}`).click();
    await page.waitForURL((u) => u.pathname === '/promotions/new');
    expect(await page.getByTestId('pay-points').isChecked()).toBe(true);
    expect(
      await page
        .locator('form')
        .filter({ has: page.getByTestId('promotion-submit') })
        .textContent(),
    ).toContain('600');
    await shot(page, 'promotions-new-ar-360.png');
    await fitsWidth(page, PHONE.width);
    await page.getByTestId('promotion-submit').click();
    await page.waitForURL((u) => u.pathname === '/promotions');
    await flash(page, 'بدأ ترويج خدمتك').waitFor();
    const card = page
      .locator('[data-testid^="promotion-"]')
      .filter({ has: page.getByTestId('promotion-state') })
      .first();
    expect((await card.getByTestId('promotion-state').textContent())?.trim()).toBe('نشط');
    expect((await card.getByTestId('promotion-days-left').textContent())?.trim()).toBe('7 أيام');
    state.promotionId = Number((await card.getAttribute('data-testid'))?.replace('promotion-', ''));
    await shot(page, 'promotions-list-ar-360.png');
    await fitsWidth(page, PHONE.width);
    // The points statement shows the spend.
    await page.goto(`${app.baseUrl}/points`);
    expect(await page.getByTestId('points-balance').textContent()).toContain('100');
    state.promoted = true;
  });

  it('a buyer’s search shows it first, marked «ممول», and its card goes through to the service', async () => {
    ready('promoted');
    actors.buyer = await signedIn('buyer', buyer, '/services');
    const page = B();
    await page.locator('#b-q').fill(query);
    await page.locator('#b-q').press('Enter');
    await page.waitForURL((u) => u.pathname === '/services' && u.searchParams.get('q') === query);
    const sponsored = page.getByTestId(`sponsored-${state.promotedId}`);
    await sponsored.waitFor({ state: 'visible' });
    expect((await sponsored.getByTestId('sponsored-mark').textContent())?.trim()).toBe('ممول');
    // The first result on the page is the sponsored one; the other seller's service is there, not marked.
    const first = page.locator('#results li[data-testid]').first();
    expect(await first.getAttribute('data-testid')).toBe(`sponsored-${state.promotedId}`);
    await page.getByTestId(`card-${state.otherId}`).waitFor({ state: 'visible' });
    expect(await page.getByTestId(`sponsored-${state.otherId}`).count()).toBe(0);
    expect(await page.getByTestId('sponsored-mark').count()).toBeLessThanOrEqual(2);
    await shot(page, 'promotions-search-ar-360.png');
    await fitsWidth(page, PHONE.width);
    await sponsored.getByTestId('card-title').click();
    await page.waitForURL((u) => u.pathname.startsWith(`/services/${state.promotedId}-`));
    state.clicked = true;
  });

  it('the seller sees the impressions and the click, once the batch is saved', async () => {
    ready('clicked', 'seller');
    const page = S();
    await expect
      .poll(
        async () => {
          await page.goto(`${app.baseUrl}/promotions`);
          const card = page.getByTestId(`promotion-${state.promotionId}`);
          return [
            Number(await card.getByTestId('promotion-impressions').textContent()),
            Number(await card.getByTestId('promotion-clicks').textContent()),
          ];
        },
        { timeout: 20_000, interval: 1000 },
      )
      .toEqual([expect.any(Number), 1]);
    const imp = Number(await page.getByTestId(`promotion-${state.promotionId}`).getByTestId('promotion-impressions').textContent());
    expect(imp).toBeGreaterThanOrEqual(1);
  });

  it('in English and on a desktop too', async () => {
    ready('clicked', 'seller', 'buyer');
    const page = B();
    await page.goto(`${app.baseUrl}/en/services?q=${encodeURIComponent(query)}`);
    expect((await page.getByTestId(`sponsored-${state.promotedId}`).getByTestId('sponsored-mark').textContent())?.trim()).toBe('Sponsored');
    await shot(page, 'promotions-search-en-360.png');
    await fitsWidth(page, PHONE.width);
    await page.setViewportSize(DESKTOP);
    await page.goto(`${app.baseUrl}/services?q=${encodeURIComponent(query)}`);
    await page.getByTestId(`sponsored-${state.promotedId}`).waitFor({ state: 'visible' });
    await shot(page, 'promotions-search-ar-desktop.png');
    const s = S();
    await s.goto(`${app.baseUrl}/en/promotions`);
    await shot(s, 'promotions-list-en-360.png');
    await fitsWidth(s, PHONE.width);
    await s.setViewportSize(DESKTOP);
    await s.goto(`${app.baseUrl}/en/promotions/new?service=${state.otherId}`);
    // Another seller's service: refused.
    expect(await s.locator('main').textContent()).toContain('You cannot promote a service that is not yours.');
    await s.goto(`${app.baseUrl}/promotions`);
    await shot(s, 'promotions-list-ar-desktop.png');
  });
});
