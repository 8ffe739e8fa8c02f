// Sign-up without friction (issue 14) in a real browser against the real server (src/main.tsx in a child process,
// PGlite, mail written as .eml files, the demo data made at the first start): a username typed with capitals is
// saved and shown lower-cased; the check-your-mail page sends the mail again; the mailed link opened in another
// browser confirms the address and asks to sign in, and opened in the browser that signed up signs the person in;
// the country is picked by typing its Arabic name; the demo admin must choose its own password at the first sign-in.
// Runs with KAFIIL_E2E=1 (see vitest.config.ts).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Actor,
  appHelpers,
  checkReady,
  flash,
  guardedSetup,
  mailText,
  newActor,
  newJourney,
  newRunId,
  PHONE,
  screenshot,
  signedInActor,
  skipWithoutChromium,
  sleep,
  startJourney,
  stopJourney,
  testUser,
  VERIFY_LINK,
} from './harness.ts';

const skip = skipWithoutChromium('signup-friction');
const run = newRunId();
const app = newJourney();
const setup = guardedSetup();
const done: { signedUp?: true; link?: string } = {};
let person: Actor;
let other: Actor;

/** The person signs up with capitals in the username; the account is saved in small letters. */
const typed = { email: `e2e-caps-${run}@example.com`, username: `Sara_Caps_${run}`, password: `Quiet-Morning-River-${run}` };
const saved = typed.username.toLowerCase();
/** Someone who fills in their profile (signed up and confirmed through the API). */
const freelancer = testUser(run, 'country', 'Green-Valley-Road');
const { signUpVerified } = appHelpers(() => app);

/** Every verification link mailed to `to` so far, oldest first (waits until there are `count`). */
async function verificationLinks(to: string, count: number): Promise<string[]> {
  const dir = path.join(app.dataDir, 'mail');
  const deadline = Date.now() + 15_000;
  for (;;) {
    const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.eml') && f.includes(to)) : [];
    const links = files
      .sort()
      .map((f) => VERIFY_LINK.exec(mailText(fs.readFileSync(path.join(dir, f), 'utf8')))?.[0])
      .filter((l): l is string => Boolean(l));
    if (links.length >= count) return links;
    if (Date.now() > deadline) throw new Error(`${links.length} verification mails to ${to}, not ${count}: ${files.join(', ')}`);
    await sleep(200);
  }
}

describe.skipIf(skip)('sign-up without friction in Chromium', () => {
  beforeAll(
    () =>
      setup.run(async () => {
        // The demo data (and its admin with a one-time password) is made at the first start, after the server listens.
        await startJourney(app, 'signup-friction', { env: { SEED_DEMO: 'true' } });
        person = await newActor(app, 'person', { viewport: PHONE });
        other = await newActor(app, 'other browser', { viewport: PHONE });
      }),
    120_000,
  );
  afterAll(() => stopJourney(app), 30_000);

  it('saves a username typed with capitals in small letters and shows it so', async () => {
    checkReady(setup, done, []);
    const { page } = person;
    await page.goto(`${app.baseUrl}/signup`);
    const form = page.locator('#signup-form');
    await form.locator('#f-email').fill(typed.email);
    await form.locator('#f-username').fill(typed.username);
    await form.locator('#f-password').fill(typed.password);
    await form.locator('input[name="acceptTerms"]').check();
    await form.locator('button[type="submit"]').click();
    await page.getByTestId('check-email').waitFor();
    done.signedUp = true;
    await screenshot(page, 'signup-friction-check-email-ar-360.png');
    expect(await page.getByTestId('signup-username').textContent()).toContain(`@${saved}`);
    expect(await page.getByTestId('username-lowered').isVisible()).toBe(true);
  });

  it('sends the mail again from the check-your-mail page', async () => {
    checkReady(setup, done, ['signedUp']);
    const { page } = person;
    done.link = (await verificationLinks(typed.email, 1))[0];
    await page.locator('#resend-form button[type="submit"]').click();
    const resent = page.getByTestId('resent');
    await resent.waitFor();
    expect(await resent.textContent()).toContain(typed.email);
    const links = await verificationLinks(typed.email, 2);
    expect(links[1]).not.toBe(links[0]);
    done.link = links[1];
  });

  it('opened in another browser, the mailed link confirms the address and asks to sign in', async () => {
    checkReady(setup, done, ['link']);
    const { page } = other;
    await page.goto(done.link as string);
    await page.waitForURL((u) => u.pathname === '/login');
    expect(await flash(page, 'تم تأكيد بريدك الإلكتروني. يمكنك الآن تسجيل الدخول.').isVisible()).toBe(true);
    expect(await page.getByTestId('user-menu').count()).toBe(0);
  });

  it('opened in the browser that signed up, the mailed link signs the person in', async () => {
    checkReady(setup, done, ['link']);
    const { page } = person;
    await page.goto(done.link as string);
    await page.waitForURL((u) => u.pathname === '/');
    const menu = page.getByTestId('user-menu');
    await menu.waitFor();
    expect((await menu.textContent())?.trim()).toBe(saved);
    expect(await flash(page, 'وسجّلنا دخولك').isVisible()).toBe(true);
  });

  it('picks the country by typing its Arabic name, stored as its code and shown by name in both languages', async () => {
    checkReady(setup, done, []);
    await signUpVerified(freelancer);
    const { page } = await signedInActor(app, 'freelancer', freelancer, '/account', {
      viewport: PHONE,
      // Leaving the country box fires the live filter's change, and the apply button then replaces that request.
      ignore: /^htmx:(sendAbort|afterRequest)\b/,
    });
    const country = page.locator('#f-country');
    // The list the browser suggests from: every country, by its Arabic name, labelled with the English one.
    const listId = await country.getAttribute('list');
    expect(await page.locator(`datalist#${listId} option[value="مصر"]`).getAttribute('label')).toBe('Egypt · EG');
    await country.fill('');
    await country.pressSequentially('مصر');
    await page.locator('#f-skills').fill('تصميم شعارات');
    await page.locator('form[action="/account"] button[type="submit"]').click();
    await page.waitForURL((u) => u.pathname === '/account');
    await screenshot(page, 'signup-friction-account-ar-360.png');
    expect(await page.getByTestId('error-country').count()).toBe(0);
    expect(await page.locator('#f-country').inputValue()).toBe('مصر');
    const me = await page.context().request.get(`${app.baseUrl}/en/u/${freelancer.username}`);
    expect(await me.text()).toContain('Egypt');
    // The directory's filter takes the Arabic name too.
    await page.goto(`${app.baseUrl}/freelancers`);
    // At 360 px the filters fold under their toggle, as a phone user sees them.
    await page.getByTestId('filters-toggle').click();
    await page.locator('#f-country').pressSequentially('مصر');
    await page.locator('form[action="/freelancers"]').getByRole('button', { name: 'تطبيق' }).click();
    await page.waitForURL((u) => u.pathname === '/freelancers' && u.searchParams.get('country') === 'مصر');
    const card = page.getByTestId(`freelancer-${freelancer.username}`);
    await card.waitFor({ state: 'visible' });
    expect(await card.getByTestId('card-country').textContent()).toBe('مصر');
    expect(await card.locator(`a[href="/u/${freelancer.username}"]`).count()).toBe(1);
  });

  it('makes the demo admin choose its own password at the first sign-in, opening nothing else until then', async () => {
    checkReady(setup, done, []);
    // The one-time password the start-up log shows.
    const deadline = Date.now() + 120_000;
    let m: RegExpExecArray | null = null;
    while (!m && Date.now() < deadline) {
      m = /username: (demo_admin)\n\s+password: (\S+)/.exec(app.server?.output ?? '');
      if (!m) await sleep(300);
    }
    expect(m, 'the demo admin in the start-up log').not.toBeNull();
    const password = (m as RegExpExecArray)[2];
    const admin = await newActor(app, 'demo admin', { viewport: PHONE });
    const { page } = admin;
    await page.goto(`${app.baseUrl}/login?next=%2Fadmin`);
    await page.locator('#f-login').fill('demo_admin');
    await page.locator('#f-password').fill(password);
    await page.locator('#login-form button[type="submit"]').click();
    await page.waitForURL((u) => u.pathname === '/account/new-password');
    await screenshot(page, 'signup-friction-new-password-ar-360.png');
    // Nothing else opens.
    await page.goto(`${app.baseUrl}/admin/users`);
    expect(new URL(page.url()).pathname).toBe('/account/new-password');
    const api = await page.context().request.get(`${app.baseUrl}/api/v1/me`, {
      headers: { authorization: `Bearer ${(await loginToken(password)) ?? ''}` },
    });
    expect(api.status()).toBe(403);
    expect((await api.json()).code).toBe('auth.password_change_required');
    // Choosing its own password opens the rest.
    await page.locator('#f-current').fill(password);
    await page.locator('#f-password').fill(`Own-Chief-Passphrase-${run}`);
    await page.locator('#new-password-form button[type="submit"]').click();
    await page.waitForURL((u) => u.pathname === '/admin/users');
    expect(await flash(page, 'حُفظت كلمة مرورك الجديدة').isVisible()).toBe(true);
    await page.goto(`${app.baseUrl}/account`);
    expect(new URL(page.url()).pathname).toBe('/account');
    await admin.ctx.close();
  }, 150_000);

  it('threw no page errors', () => {
    expect(app.pageErrors).toEqual([]);
  });
});

/** An API token of the demo admin, signed in with the one-time password. */
async function loginToken(password: string): Promise<string | null> {
  const r = await fetch(`${app.baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: 'demo_admin', password }),
  });
  return r.status === 200 ? ((await r.json()) as { token: string }).token : null;
}
