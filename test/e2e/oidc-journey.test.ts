// Sign-in with OpenID Connect in a real browser against the real server and a real provider (the `oidc-provider`
// package, listening on a port of this test process, its own development login and consent pages): a new person on a
// phone, in Arabic, chooses "الدخول عبر TestID" on the login page, signs in at the provider, completes the sign-up
// (username, terms) and lands signed in; their security page lists the link. Someone with a Kafiil account, in
// English, is asked for that account's password and is signed in once it links. Screenshots at 360 px and on a
// desktop. Runs with KAFIIL_E2E=1.
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { Provider } from 'oidc-provider';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
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
  screenshot,
  skipWithoutChromium,
  startJourney,
  stopJourney,
  testUser,
} from './harness.ts';

const skip = skipWithoutChromium('oidc');
const run = newRunId();
const STEP_MS = 60_000;
const app = newJourney();
const setup = guardedSetup();
const CLIENT = { id: 'kafiil-e2e', secret: 'an-e2e-client-secret-0123456789abcdef' };
const people = new Map<string, { email: string; email_verified: boolean; name?: string }>();
const owner = testUser(run, 'oiown', 'Calm-Harbor-Lamp');
const state = { owner: false, newcomer: false };

let providerServer: http.Server | null = null;
let handler: http.RequestListener | null = null;
let issuer = '';

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

/** At the provider's development pages: signs in as `subject`, then consents when asked; waits until back at Kafiil. */
async function signInAtProvider(page: Page, subject: string, backPath: RegExp) {
  await page.waitForURL((u) => u.origin === issuer);
  await page.locator('input[name="login"]').fill(subject);
  await page.locator('input[name="password"]').fill('any');
  await page.locator('button[type="submit"]').click();
  await page.waitForURL((u) => u.origin !== issuer || u.pathname.startsWith('/interaction/'));
  if (new URL(page.url()).origin === issuer) await page.locator('button[type="submit"]').click();
  await page.waitForURL((u) => u.origin === app.baseUrl && backPath.test(u.pathname));
}

describe.skipIf(skip)('sign-in with OpenID Connect in Chromium', { timeout: STEP_MS }, () => {
  beforeAll(
    () =>
      setup.run(async () => {
        const port = await freePort();
        issuer = `http://localhost:${port}`;
        // The provider answers once it knows the server's address (its one client's redirect URI).
        providerServer = http.createServer((req, res) => (handler ? handler(req, res) : res.writeHead(503).end()));
        await new Promise<void>((r) => providerServer?.listen(port, '127.0.0.1', r));
        await startJourney(app, 'oidc', {
          env: { OIDC_ISSUER: issuer, OIDC_CLIENT_ID: CLIENT.id, OIDC_CLIENT_SECRET: CLIENT.secret, OIDC_NAME: 'TestID' },
        });
        const provider = new Provider(issuer, {
          clients: [
            {
              client_id: CLIENT.id,
              client_secret: CLIENT.secret,
              redirect_uris: [`${app.baseUrl}/auth/oidc/callback`],
              grant_types: ['authorization_code'],
              response_types: ['code'],
            },
          ],
          async findAccount(_ctx, id) {
            const claims = people.get(id);
            return claims ? { accountId: id, claims: async () => ({ sub: id, ...claims }) } : undefined;
          },
          claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
          conformIdTokenClaims: false,
          cookies: { keys: ['an-e2e-cookie-key-for-the-provider'] },
        });
        handler = provider.callback();
      }),
    120_000,
  );
  afterAll(async () => {
    await stopJourney(app);
    await new Promise((r) => (providerServer ? providerServer.close(r) : r(null)));
  }, 20_000);

  const ready = (...needs: (keyof typeof state)[]) => checkReady(setup, state, needs);
  const { signUpVerified } = appHelpers(() => app);

  it('a new person on a phone signs in with TestID and completes the sign-up in Arabic', async () => {
    ready();
    people.set(`new-${run}`, { email: `oinew${run}@example.com`, email_verified: true, name: 'هالة الجديدة' });
    const { ctx, page } = await newActor(app, 'newcomer', { viewport: PHONE });
    await page.goto(`${app.baseUrl}/login`);
    await expectLanguage(page, 'ar');
    const button = page.getByTestId('oidc-start');
    expect((await button.textContent())?.replace(/[\u2066-\u2069]/g, '').trim()).toBe('الدخول عبر TestID');
    await fitsWidth(page, PHONE.width);
    await screenshot(page, 'oidc-login-ar-360.png');
    await button.click();
    await signInAtProvider(page, `new-${run}`, /^\/auth\/oidc\/complete$/);
    await expectLanguage(page, 'ar');
    expect(await page.getByTestId('oidc-complete-intro').textContent()).toContain(`oinew${run}@example.com`);
    expect(await page.locator('#f-displayName').inputValue()).toBe('هالة الجديدة');
    await fitsWidth(page, PHONE.width);
    await screenshot(page, 'oidc-complete-ar-360.png');
    const username = `oinew_${run}`.slice(0, 30);
    await page.locator('#f-username').fill(username);
    await page.locator('input[name="acceptTerms"]').check();
    await page.locator('#oidc-complete-form button[type="submit"]').click();
    await page.waitForURL((u) => u.pathname === '/');
    await expect.poll(() => flash(page, 'أهلًا بك في كفيل').count()).toBe(1);
    expect((await page.getByTestId('user-menu').textContent())?.trim()).toBe('هالة الجديدة');
    await page.goto(`${app.baseUrl}/account/security`);
    expect(await page.getByTestId('identities').textContent()).toContain(`oinew${run}@example.com`);
    await fitsWidth(page, PHONE.width);
    await screenshot(page, 'oidc-security-ar-360.png');
    await ctx.close();
    state.newcomer = true;
  });

  it('someone with a Kafiil account links it with its password, in English (phone and desktop)', async () => {
    ready();
    await signUpVerified(owner);
    state.owner = true;
    people.set(`own-${run}`, { email: owner.email, email_verified: true });
    // The desktop only looks (the link stays to make); the phone links.
    for (const [viewport, name] of [
      [DESKTOP, 'en-desktop'],
      [PHONE, 'en-360'],
    ] as const) {
      const { ctx, page } = await newActor(app, `owner-${name}`, { viewport });
      await page.goto(`${app.baseUrl}/en/login`);
      await page.getByTestId('oidc-start').click();
      await signInAtProvider(page, `own-${run}`, /^\/en\/auth\/oidc\/link$/);
      await expectLanguage(page, 'en');
      expect(await page.getByTestId('oidc-link-intro').textContent()).toContain(owner.email);
      await fitsWidth(page, viewport.width);
      await screenshot(page, `oidc-link-${name}.png`);
      if (name === 'en-360') {
        await page.locator('#f-password').fill('not the password at all');
        await page.locator('#oidc-link-form button[type="submit"]').click();
        await expect.poll(() => page.getByTestId('error-password').count()).toBe(1);
        await page.locator('#f-password').fill(owner.password);
        await page.locator('#oidc-link-form button[type="submit"]').click();
        await page.waitForURL((u) => u.pathname === '/en');
        await expect.poll(() => flash(page, 'Your account is linked').count()).toBe(1);
        expect((await page.getByTestId('user-menu').textContent())?.trim()).toBe(owner.username);
      }
      await ctx.close();
    }
    // Linked: the identity now signs straight in.
    const { ctx, page } = await newActor(app, 'owner-again', { viewport: PHONE });
    await page.goto(`${app.baseUrl}/en/login`);
    await page.getByTestId('oidc-start').click();
    await signInAtProvider(page, `own-${run}`, /^\/en$/);
    expect((await page.getByTestId('user-menu').textContent())?.trim()).toBe(owner.username);
    await ctx.close();
    // The provider's development pages load a web font and a favicon they cannot have here, and the refused password
    // is answered 400 on purpose: nothing else went wrong on any page.
    const theirs = (e: string) => e.includes(issuer) || e.includes('fonts.googleapis.com');
    const refused = (e: string) => /status of 400 .*\/en\/auth\/oidc\/link\)$/.test(e);
    expect(app.pageErrors.filter((e) => !theirs(e) && !refused(e))).toEqual([]);
  });
});
