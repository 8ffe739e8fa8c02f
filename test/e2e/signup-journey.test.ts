// The sign-up journey in a real browser against the real server (src/main.tsx in a child process, PGlite,
// mail written as .eml files): sign up in Arabic, confirm the email from the mail (which signs in this browser),
// switch to English, sign out and in again; and the form's field errors for bad input. Runs with KAFIIL_E2E=1 (see vitest.config.ts).
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  appHelpers,
  DESKTOP,
  expectLanguage,
  guardedSetup,
  launchPersistentBrowser,
  newJourney,
  newRunId,
  PHONE,
  screenshot,
  setTimeouts,
  skipWithoutChromium,
  startJourney,
  stopJourney,
} from './harness.ts';

const skip = skipWithoutChromium('signup');
const run = newRunId();

/** The server and the browser: one persistent profile (in the suite's folder), one user. */
const app = newJourney<BrowserContext>();
let page: Page;
const setup = guardedSetup();
const { verificationLink } = appHelpers(() => app);

describe.skipIf(skip)('sign-up journey in Chromium', () => {
  beforeAll(() => setup.run(setUp), 120_000);
  afterAll(() => stopJourney(app), 20_000);

  async function setUp() {
    await startJourney(app, 'signup', { launch: () => launchPersistentBrowser(path.join(app.tmpDir, 'profile')) });
    const ctx = app.browser as BrowserContext;
    setTimeouts(ctx);
    page = ctx.pages()[0] ?? (await ctx.newPage());
    await page.setViewportSize(DESKTOP);
  }

  function ready() {
    setup.check();
  }

  const taken = { username: `e2e_a_${run}`, email: `e2e-a-${run}@example.com`, password: `Wide-Blue-Sea-${run}` };
  const user = { username: `e2e_b_${run}`, email: `e2e-b-${run}@example.com`, password: `Quiet-Morning-River-${run}` };

  it('someone already holds a username (signed up through the API)', async () => {
    ready();
    const r = await fetch(`${app.baseUrl}/api/v1/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...taken, acceptTerms: true }),
    });
    expect(r.status, await r.clone().text()).toBe(201);
  });

  it('the Arabic sign-up page (screenshots at phone and desktop widths)', async () => {
    ready();
    await page.goto(`${app.baseUrl}/signup`);
    const html = page.locator('html');
    await expect.poll(() => html.getAttribute('lang')).toBe('ar');
    expect(await html.getAttribute('dir')).toBe('rtl');
    await page.setViewportSize(PHONE);
    await screenshot(page, 'signup-360.png');
    await page.setViewportSize(DESKTOP);
    await screenshot(page, 'signup-1280.png');
  });

  it('shows a too-short password and a taken username next to the field, keeping the email', async () => {
    ready();
    const form = page.locator('#signup-form');
    // Too short a password.
    await form.locator('#f-email').fill(user.email);
    await form.locator('#f-username').fill(user.username);
    await form.locator('#f-password').fill('short1');
    await form.locator('input[name="acceptTerms"]').check();
    await form.locator('button[type="submit"]').click();
    const pwErr = page.locator('.fieldset', { has: page.locator('#f-password') }).getByTestId('error-password');
    await expect.poll(() => pwErr.isVisible()).toBe(true);
    expect((await pwErr.textContent())?.trim()).not.toBe('');
    expect(await page.locator('#f-password').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#f-email').inputValue()).toBe(user.email);
    expect(await page.locator('#f-username').inputValue()).toBe(user.username);
    expect(await page.getByTestId('error-username').count()).toBe(0);

    // A username someone else holds.
    await form.locator('#f-username').fill(taken.username);
    await form.locator('#f-password').fill(user.password);
    await form.locator('input[name="acceptTerms"]').check();
    await form.locator('button[type="submit"]').click();
    const nameErr = page.locator('.fieldset', { has: page.locator('#f-username') }).getByTestId('error-username');
    await expect.poll(() => nameErr.isVisible()).toBe(true);
    expect((await nameErr.textContent())?.trim()).not.toBe('');
    expect(await page.getByTestId('error-password').count()).toBe(0);
    expect(await page.locator('#f-email').inputValue()).toBe(user.email);
    expect(await page.locator('#f-username').inputValue()).toBe(taken.username);
  });

  it('signs up, confirms the email from the mail (signed in at once), switches to English, signs out and in again', async () => {
    ready();
    // Sign up.
    await page.goto(`${app.baseUrl}/signup`);
    const form = page.locator('#signup-form');
    await form.locator('#f-email').fill(user.email);
    await form.locator('#f-username').fill(user.username);
    await form.locator('#f-password').fill(user.password);
    await form.locator('input[name="acceptTerms"]').check();
    await form.locator('button[type="submit"]').click();
    const checkEmail = page.getByTestId('check-email');
    await expect.poll(() => checkEmail.isVisible()).toBe(true);
    expect(await checkEmail.textContent()).toContain(user.email);

    // The link from the mail, opened in this browser (the one that signed up), confirms the email and signs in.
    const link = await verificationLink(user.email);
    expect(new URL(link).origin).toBe(app.baseUrl);
    await page.goto(link);
    await page.waitForURL((u) => u.pathname === '/');
    const menu = page.getByTestId('user-menu');
    await expect.poll(() => menu.isVisible()).toBe(true);
    expect((await menu.textContent())?.trim()).toBe(user.username);
    const arPath = new URL(page.url()).pathname;

    // Switch to English: the same page under /en.
    await page.getByRole('link', { name: 'English' }).click();
    const enPath = arPath === '/' ? '/en' : `/en${arPath}`;
    await page.waitForURL((u) => u.pathname === enPath);
    await expectLanguage(page, 'en');
    expect(await page.title()).toMatch(/\| Kafiil$/);
    expect(await page.locator('a[hreflang="ar"]').first().getAttribute('href')).toBe(arPath);
    await expect.poll(() => menu.isVisible()).toBe(true);

    // Sign out from the user menu.
    await menu.click();
    await page.getByRole('button', { name: 'Sign out' }).click();
    const signIn = page.getByRole('link', { name: 'Sign in' });
    await expect.poll(() => signIn.isVisible()).toBe(true);
    expect(await menu.count()).toBe(0);
    expect(new URL(page.url()).pathname.startsWith('/en')).toBe(true);

    // Sign in again with the password.
    await signIn.click();
    await page.waitForURL((u) => u.pathname === '/en/login');
    await page.locator('#f-login').fill(user.username);
    await page.locator('#f-password').fill(user.password);
    await page.locator('#login-form button[type="submit"]').click();
    await page.waitForURL((u) => u.pathname !== '/en/login');
    await expect.poll(() => menu.isVisible()).toBe(true);
    expect((await menu.textContent())?.trim()).toBe(user.username);
  });
});
