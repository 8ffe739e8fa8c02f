// The affiliate programme in a real browser against the real server: a referrer signs up (API, from an address of their
// own: TRUST_PROXY=loopback lets the test name it in X-Forwarded-For, so the referred person's browser on 127.0.0.1 is a
// different address — the same address would flag the referral as a self-referral); a new person on a phone, in Arabic,
// opens the referrer's link /r/<username>, lands on the sign-up that says who invited them, signs up and confirms the
// mail, deposits through the sandbox, buys a service from its page; the seller accepts and delivers (API); the buyer
// accepts the delivery; the referrer's /referrals page shows the 5% reward pending. Screenshots of the sign-up's
// "invited by" and of /referrals in Arabic and English at 360 px and on a desktop. Runs with KAFIIL_E2E=1.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Actor,
  appHelpers,
  arMoney,
  checkReady,
  DESKTOP,
  depositThroughSandbox,
  enMoney,
  expectLanguage,
  fitsWidth,
  guardedSetup,
  newActor,
  newJourney,
  newRunId,
  ORDER_STATUS,
  orderStatus,
  PHONE,
  SANDBOX_GATEWAY_ENV,
  screenshot,
  skipWithoutChromium,
  startJourney,
  stopJourney,
  testUser,
  VERIFY_LINK,
} from './harness.ts';

const skip = skipWithoutChromium('referrals');
const run = newRunId();
const STEP_MS = 60_000;

const app = newJourney();
const setup = guardedSetup();

const moderator = testUser(run, 'rfmod', 'Quiet-River-Stone');
const seller = testUser(run, 'rfsel', 'Bright-Cedar-Hill', 'سارة المصممة');
const referrer = testUser(run, 'rfref', 'Green-Maple-Road', 'ليلى المسوّقة');
const buyer = testUser(run, 'rfbuy', 'Warm-Olive-Field');
const priceCents = 2500;
/** 5% of the $25 purchase, rounded half up to the cent. */
const rewardCents = Math.floor((priceCents * 500 + 5000) / 10000);

const state = { serviceId: 0, referrer: false, signedUp: false, orderId: 0, completed: false };
const actors: { buyer: Actor | null } = { buyer: null };
const { signUpVerified, publishService, api, apiLogin, mailMatching } = appHelpers(() => app);

describe.skipIf(skip)('referral journey in Chromium', { timeout: STEP_MS }, () => {
  beforeAll(
    () => setup.run(() => startJourney(app, 'referrals', { moderator, env: { ...SANDBOX_GATEWAY_ENV, TRUST_PROXY: 'loopback' } })),
    120_000,
  );
  afterAll(() => stopJourney(app), 20_000);

  const ready = (...needs: (keyof typeof state | keyof typeof actors)[]) => checkReady(setup, { ...state, ...actors }, needs);
  const B = () => actors.buyer?.page as Page;

  it('a seller publishes a service (API); a referrer signs up from an address of their own', async () => {
    ready();
    await signUpVerified(seller);
    const published = await publishService(seller, moderator, {
      title: 'تصميم شعار أنيق لمقهى أو مطعم',
      categorySlug: 'logo-design',
      description:
        'أصمم لمقهاك أو مطعمك شعارًا أنيقًا يناسب أجواء المكان وجمهوره، مع نموذجين أوليين تختار منهما، وتعديلات حتى ترضى تمامًا، ثم أسلمك الملفات بصيغ جاهزة للطباعة.',
      priceCents,
      deliveryDays: 3,
    });
    state.serviceId = published.id;
    const r = await fetch(`${app.baseUrl}/api/v1/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '198.51.100.23' },
      body: JSON.stringify({ ...referrer, acceptTerms: true }),
    });
    expect(r.status, await r.clone().text()).toBe(201);
    const [link] = await mailMatching(referrer.email, VERIFY_LINK);
    await api('POST', '/api/v1/auth/verify-email', { body: { token: new URL(link).searchParams.get('token') }, expect: 200 });
    state.referrer = true;
  });

  it('a visitor on a phone opens the referral link: the sign-up says who invited them (ar and en, phone and desktop)', async () => {
    ready('referrer');
    for (const [lang, viewport, name] of [
      ['en', PHONE, 'en-360'],
      ['en', DESKTOP, 'en-desktop'],
      ['ar', DESKTOP, 'ar-desktop'],
    ] as const) {
      const other = await newActor(app, `visitor-${name}`, { viewport });
      await other.page.goto(`${app.baseUrl}${lang === 'en' ? '/en' : ''}/r/${referrer.username}`);
      await other.page.waitForURL((u) => u.pathname === (lang === 'en' ? '/en/signup' : '/signup'));
      const invited = other.page.getByTestId('invited-by');
      expect((await invited.textContent())?.replace(/[\u2066-\u2069]/g, '').trim()).toBe(
        lang === 'en' ? `${referrer.displayName} invited you to Kafiil` : `دعاك ${referrer.displayName} إلى كفيل`,
      );
      await fitsWidth(other.page, viewport.width);
      await screenshot(other.page, `referrals-signup-invited-${name}.png`);
      await other.ctx.close();
    }
    actors.buyer = await newActor(app, 'buyer', { viewport: PHONE, timeouts: { action: 15_000, navigation: 20_000 } });
    const page = B();
    await page.goto(`${app.baseUrl}/r/${referrer.username}`);
    await page.waitForURL((u) => u.pathname === '/signup');
    await expectLanguage(page, 'ar');
    const cookie = (await actors.buyer.ctx.cookies()).find((c) => c.name === 'kafiil_referral');
    expect(cookie).toMatchObject({ value: referrer.username, httpOnly: true });
    expect((cookie?.expires ?? 0) * 1000 - Date.now()).toBeGreaterThan(29 * 86_400_000);
    expect(await page.getByTestId('invited-by').textContent()).toContain(referrer.displayName);
    await fitsWidth(page, PHONE.width);
    await screenshot(page, 'referrals-signup-invited-ar-360.png');
    const form = page.locator('#signup-form');
    await form.locator('#f-email').fill(buyer.email);
    await form.locator('#f-username').fill(buyer.username);
    await form.locator('#f-password').fill(buyer.password);
    await form.locator('input[name="acceptTerms"]').check();
    await form.locator('button[type="submit"]').click();
    await expect.poll(() => page.getByTestId('check-email').isVisible()).toBe(true);
    const [link] = await mailMatching(buyer.email, VERIFY_LINK);
    await page.goto(link);
    await page.waitForURL((u) => u.pathname === '/');
    expect((await page.getByTestId('user-menu').textContent())?.trim()).toBe(buyer.username);
    state.signedUp = true;
  });

  it('the new person deposits through the sandbox and buys the service from its page', async () => {
    ready('buyer', 'signedUp');
    const page = B();
    await page.goto(`${app.baseUrl}/wallet`);
    await depositThroughSandbox(page, 30);
    await page.goto(`${app.baseUrl}/services/${state.serviceId}`);
    await page.getByTestId('order-now').click();
    await page.waitForURL((u) => u.pathname === '/orders/new');
    expect((await page.getByTestId('checkout-total').textContent())?.trim()).toBe(arMoney(priceCents));
    await page.getByTestId('pay').click();
    await page.waitForURL((u) => /^\/orders\/\d+$/.test(u.pathname));
    state.orderId = Number(new URL(page.url()).pathname.split('/').pop());
    expect((await orderStatus(page).textContent())?.trim()).toBe(ORDER_STATUS.pending);
  });

  it('the seller accepts and delivers (API); the buyer accepts the delivery: completed', async () => {
    ready('buyer', 'orderId');
    const token = await apiLogin(seller);
    await api('POST', `/api/v1/orders/${state.orderId}/accept`, { token, expect: 200 });
    await api('POST', `/api/v1/orders/${state.orderId}/deliver`, { token, body: { message: 'إليك الشعار بصيغه كلها.' }, expect: 200 });
    const page = B();
    await page.goto(`${app.baseUrl}/orders/${state.orderId}`);
    await page.getByTestId('action-complete').click();
    await page.getByTestId('action-complete-confirm').click();
    await orderStatus(page).filter({ hasText: ORDER_STATUS.completed }).waitFor({ state: 'visible' });
    state.completed = true;
  });

  it('the referrer’s /referrals page shows the person by display name and the 5% reward pending (ar and en, phone and desktop)', async () => {
    ready('completed');
    for (const [lang, viewport, name] of [
      ['ar', PHONE, 'ar-360'],
      ['en', PHONE, 'en-360'],
      ['ar', DESKTOP, 'ar-desktop'],
      ['en', DESKTOP, 'en-desktop'],
    ] as const) {
      const r = await newActor(app, `referrer-${name}`, { viewport });
      const prefix = lang === 'en' ? '/en' : '';
      await r.page.goto(`${app.baseUrl}${prefix}/login?next=${encodeURIComponent('/referrals')}`);
      await r.page.locator('#f-login').fill(referrer.username);
      await r.page.locator('#f-password').fill(referrer.password);
      await r.page.locator('#login-form button[type="submit"]').click();
      await r.page.waitForURL((u) => u.pathname === `${prefix}/referrals`);
      await expectLanguage(r.page, lang);
      const money = lang === 'ar' ? arMoney : enMoney;
      expect(await r.page.getByTestId('referral-link').inputValue()).toBe(`${app.baseUrl}/r/${referrer.username}`);
      const person = r.page.getByTestId('referred-list').locator('> li');
      expect(await person.count()).toBe(1);
      expect(await person.textContent()).toContain(buyer.username); // no display name chosen: it is the username
      expect((await person.getByTestId('referred-purchases').textContent())?.trim()).toBe(money(priceCents));
      expect((await person.getByTestId('referred-reward').textContent())?.trim()).toBe(money(rewardCents));
      expect((await r.page.getByTestId('referrals-pending').textContent())?.trim()).toBe(money(rewardCents));
      expect(await r.page.getByTestId('reward-pending').count()).toBe(1);
      if (name === 'ar-360') {
        // The copy button (copy.js) puts the link on the clipboard and says so.
        await r.ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.baseUrl });
        const copy = r.page.locator('[data-copy="referral-link"]');
        await copy.click();
        await expect.poll(async () => (await copy.textContent())?.trim()).toBe('تم النسخ');
        expect(await r.page.evaluate(() => navigator.clipboard.readText())).toBe(`${app.baseUrl}/r/${referrer.username}`);
      }
      await fitsWidth(r.page, viewport.width);
      await screenshot(r.page, `referrals-page-${name}.png`);
      await r.ctx.close();
    }
    expect(app.pageErrors).toEqual([]);
  });
});
