import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, newUser, PageClient, signedUpUser, type TestApp, testId, tokenFrom } from '../../../test/helpers.ts';
import { decodeSignupBinding } from './signup-binding.ts';

/**
 * Sign-up without friction (issue 14): the username is saved lower-cased and shown so; the "check your mail" page
 * sends the mail again (a form with its CSRF token, limited); the mailed link confirms the address on opening and
 * signs the person in only in the browser that signed up — anywhere else (another browser, a mail scanner) it
 * confirms and asks to sign in.
 */
let t: TestApp;
beforeAll(async () => {
  t = await makeTestApp();
});
afterAll(async () => {
  await t.close();
});

/** Signs up from the page in a new browser; returns the browser, the person and the "check your mail" page. */
async function signUpInBrowser(prefix: string, typedUsername?: (u: string) => string) {
  const u = newUser(prefix);
  const b = new PageClient(t.app);
  await b.get('/signup');
  const page = await b.post('/signup', { ...u, username: typedUsername ? typedUsername(u.username) : u.username, acceptTerms: 'yes' });
  expect(page.statusCode).toBe(200);
  return { b, u, page };
}
const linkOf = async (email: string) => `/verify-email?token=${tokenFrom(await t.mailTo(email), '/verify-email')}`;
const signedInAs = async (b: PageClient) => testId((await b.get('/account')).body, 'username');

describe('the username typed at sign-up', () => {
  it('is saved in small letters, and the "check your mail" page shows it so and says why', async () => {
    const { u, page } = await signUpInBrowser('caps', (n) => `  ${n.toUpperCase()} `);
    expect(testId(page.body, 'signup-username')).toContain(`@${u.username}`);
    expect(testId(page.body, 'username-lowered')).toBe('حفظنا اسم المستخدم بحروف صغيرة، ولن يتغير بعد الآن.');
    expect((await t.services.accounts.byUsername(u.username))?.username).toBe(u.username);
    // Typed in small letters already: nothing to explain.
    const plain = await signUpInBrowser('small');
    expect(testId(plain.page.body, 'signup-username')).toContain(`@${plain.u.username}`);
    expect(testId(plain.page.body, 'username-lowered')).toBeNull();
  });
});

describe('"send the mail again" on the check-your-mail page', () => {
  it('mails a new link (the old one stops working), says so, and refuses past the limit with the wait', async () => {
    const { b, u, page } = await signUpInBrowser('resend');
    expect(page.body).toContain('action="/signup/resend"');
    const first = await linkOf(u.email);
    const again = await b.post('/signup/resend', {});
    expect(again.statusCode).toBe(200);
    expect(testId(again.body, 'resent')).toBe(`أرسلنا الرسالة مرة أخرى إلى \u2066${u.email}\u2069.`);
    expect(testId(again.body, 'signup-username')).toContain(`@${u.username}`);
    const second = await linkOf(u.email);
    expect(second).not.toBe(first);
    // The replaced link is refused (and signs nobody in); the new one works.
    const old = await new PageClient(t.app).get(first);
    expect(old.statusCode).toBe(400);
    expect(testId(old.body, 'form-error')).toBe('استُخدم هذا الرابط من قبل. اطلب رابطًا جديدًا إن احتجت.');
    // Three an hour (the existing limit on sending the link again); the fourth says how long to wait.
    await b.post('/signup/resend', {});
    await b.post('/signup/resend', {});
    const limited = await b.post('/en/signup/resend', {});
    expect(limited.statusCode).toBe(429);
    expect(testId(limited.body, 'form-error')).toMatch(
      /^Too many attempts\. Wait (1 (hour|minute|second)|\d+ (hours|minutes|seconds)) and try again\.$/,
    );
    expect(testId(limited.body, 'resent')).toBeNull();
    t.clock.advance(61 * 60_000);
  });

  it('needs the form token, and the browser that signed up', async () => {
    const { b } = await signUpInBrowser('rcsrf');
    const forged = await b.post('/signup/resend', {}, { csrf: 'forged' });
    expect(forged.statusCode).toBe(403);
    expect(testId(forged.body, 'form-error')).toBe('انتهت صلاحية النموذج. راجع البيانات ثم أرسلها مرة أخرى.');
    const stranger = new PageClient(t.app);
    await stranger.get('/signup');
    const r = await stranger.post('/en/signup/resend', {});
    expect(r.statusCode).toBe(422);
    expect(testId(r.body, 'form-error')).toContain('This sign-up page has expired');
  });

  it('answers alike for an address that already had an account (its owner is told again)', async () => {
    const owner = await signedUpUser(t, 'rown');
    const b = new PageClient(t.app);
    await b.get('/signup');
    const page = await b.post('/signup', {
      email: owner.email,
      username: 'someone_else',
      password: 'long enough passphrase',
      acceptTerms: 'yes',
    });
    expect(testId(page.body, 'check-email')).toContain(owner.email);
    await t.mailTo(owner.email);
    const before = t.mails.length;
    const again = await b.post('/signup/resend', {});
    expect(again.statusCode).toBe(200);
    expect(testId(again.body, 'resent')).toBe(`أرسلنا الرسالة مرة أخرى إلى \u2066${owner.email}\u2069.`);
    await t.mailTo(owner.email);
    expect(t.mails.slice(before).filter((m) => m.to === owner.email)).toHaveLength(1);
  });
});

describe('the mailed link', () => {
  it('confirms the address on opening and signs the person in, in the browser that signed up', async () => {
    const { b, u } = await signUpInBrowser('same');
    const r = await b.get(await linkOf(u.email));
    expect(r.statusCode).toBe(303);
    expect(r.headers.location).toBe('/');
    expect(b.cookies.get('kafiil_session')).toBeTruthy();
    // The binding is spent.
    expect([...b.cookies.keys()]).not.toContain('kafiil_signup');
    const home = await b.get('/');
    expect(testId(home.body, 'flash')).toBe('تم تأكيد بريدك الإلكتروني وسجّلنا دخولك. أهلًا بك في كفيل!');
    expect(await signedInAs(b)).toBe(`@${u.username}`);
    expect((await t.services.accounts.byUsername(u.username))?.emailVerifiedAt).not.toBeNull();
  });

  it('opened in another browser, confirms the address and asks to sign in', async () => {
    const { u } = await signUpInBrowser('other');
    const other = new PageClient(t.app);
    const r = await other.get(`/en${await linkOf(u.email)}`);
    expect(r.statusCode).toBe(303);
    expect(r.headers.location).toBe('/en/login');
    expect(other.cookies.get('kafiil_session')).toBeUndefined();
    expect(testId((await other.get('/en/login')).body, 'flash')).toBe('Your email is confirmed. You can sign in now.');
    expect((await t.services.accounts.byUsername(u.username))?.emailVerifiedAt).not.toBeNull();
  });

  it('fetched first by a mail scanner, still signs the person in when they open it in their browser', async () => {
    const { b, u } = await signUpInBrowser('scan');
    const link = await linkOf(u.email);
    const scanner = await t.app.inject({ method: 'GET', url: link });
    expect(scanner.headers.location).toBe('/login');
    expect(scanner.cookies.find((c) => c.name === 'kafiil_session')).toBeUndefined();
    const r = await b.get(link);
    expect(r.headers.location).toBe('/');
    expect(await signedInAs(b)).toBe(`@${u.username}`);
  });

  it('refuses an unknown link with the way to a new one, and a forged or expired binding signs nobody in', async () => {
    const bad = await new PageClient(t.app).get('/verify-email?token=not-a-real-token');
    expect(bad.statusCode).toBe(400);
    expect(testId(bad.body, 'form-error')).toBe('الرابط غير صالح. اطلب رابطًا جديدًا.');
    expect(bad.body).toContain('سجّل الدخول لنرسل إليك رابطًا جديدًا.');

    const { b, u } = await signUpInBrowser('forge');
    const value = b.cookies.get('kafiil_signup') as string;
    const [v, payload] = value.split('.');
    // Another account's id in the payload, under the old signature: not the server's.
    const other = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), u: 1 })).toString('base64url');
    expect(decodeSignupBinding('secret', `${v}.${other}.x`, t.clock.now())).toBeNull();
    // Past its time the binding is worth nothing either: the link confirms, and the person signs in.
    t.clock.advance(121 * 60_000);
    const r = await b.get(await linkOf(u.email));
    expect(r.headers.location).toBe('/login');
    expect(b.cookies.get('kafiil_session')).toBeUndefined();
  });
});
