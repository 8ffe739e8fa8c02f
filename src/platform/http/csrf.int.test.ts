import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, PageClient, signedUpUser, type TestApp } from '../../../test/helpers.ts';

// The CSRF token is the server's HMAC of the session (signed in) or of a random per-visitor cookie (before
// signing in): a token is good for one session or one visitor only, and a cookie + field pair cannot be made up.

type User = Awaited<ReturnType<typeof signedUpUser>>;
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const cookieHeader = (jar: Record<string, string>) =>
  Object.entries(jar)
    .map(([k, v]) => `${k}=${v}`)
    .join('; ');
const jarOf = (c: PageClient) => Object.fromEntries(c.cookies);
let ip = 0;

async function signedIn(t: TestApp, u: User) {
  const b = new PageClient(t.app);
  await b.get('/login');
  expect((await b.post('/login', { login: u.username, password: u.password })).statusCode).toBe(303);
  await b.get('/account');
  return b;
}

describe('CSRF tokens belong to one session or one visitor', () => {
  let t: TestApp;
  let a: User;
  let b: User;
  beforeAll(async () => {
    t = await makeTestApp();
    a = await signedUpUser(t, 'csrfa');
    b = await signedUpUser(t, 'csrfb');
  });
  afterAll(async () => {
    await t.close();
  });

  const post = (url: string, jar: Record<string, string>, form: Record<string, string>) =>
    t.app.inject({
      method: 'POST',
      url,
      remoteAddress: `192.0.2.${++ip % 250}`,
      headers: { ...FORM, cookie: cookieHeader(jar) },
      payload: new URLSearchParams(form).toString(),
    });
  const stillSignedIn = async (jar: Record<string, string>) =>
    (await t.app.inject({ method: 'GET', url: '/account', headers: { cookie: cookieHeader(jar) } })).statusCode === 200;

  it('a form of session A is refused in session B, even with A’s CSRF cookie', async () => {
    const ca = await signedIn(t, a);
    const cb = await signedIn(t, b);
    const tokenA = ca.csrf;
    expect(tokenA).not.toBe('');
    expect(cb.csrf).not.toBe(tokenA);
    // B's browser with everything of A's but the session cookie (one browser, two sign-ins).
    const jar = { ...jarOf(ca), ...Object.fromEntries([...cb.cookies].filter(([k]) => /session/.test(k))) };
    const r = await post('/logout', jar, { _csrf: tokenA });
    expect(r.statusCode).toBe(403);
    expect(await stillSignedIn(jar)).toBe(true);
    const form = await post('/account', jar, { _csrf: tokenA, displayName: 'changed by someone else' });
    expect(form.statusCode).toBe(403);
    // B's own token works.
    expect((await post('/logout', jarOf(cb), { _csrf: cb.csrf })).statusCode).toBe(303);
    expect(await stillSignedIn(jarOf(cb))).toBe(false);
  });

  it('a token is for one session: after signing in again the old one is refused', async () => {
    const c = await signedIn(t, a);
    const old = c.csrf;
    await c.post('/logout', {});
    await c.get('/login');
    await c.post('/login', { login: a.username, password: a.password });
    const r = await post('/logout', jarOf(c), { _csrf: old });
    expect(r.statusCode).toBe(403);
  });

  it('a planted CSRF cookie with the same value in the form is refused (signed in)', async () => {
    const c = await signedIn(t, a);
    const planted = 'A'.repeat(43);
    const jar = Object.fromEntries([...c.cookies].map(([k, v]) => [k, /csrf/.test(k) ? planted : v]));
    if (!Object.keys(jar).some((k) => /csrf/.test(k))) jar.kafiil_csrf = planted;
    const r = await post('/logout', jar, { _csrf: planted });
    expect(r.statusCode).toBe(403);
    expect(await stillSignedIn(jar)).toBe(true);
    // Nor the visitor token of that planted cookie, nor the session cookie's value itself.
    const session = Object.entries(jar).find(([k]) => /session/.test(k))?.[1] ?? '';
    expect((await post('/logout', jar, { _csrf: session })).statusCode).toBe(403);
  });

  it('a planted cookie + field pair is refused on the sign-in form (visitor)', async () => {
    const planted = 'B'.repeat(43);
    const r = await post('/login', { kafiil_csrf: planted }, { _csrf: planted, login: a.username, password: a.password });
    expect(r.statusCode).toBe(403);
    expect(r.cookies.some((c) => /session/.test(c.name) && c.value)).toBe(false);
  });

  it('a visitor’s token is refused for another visitor', async () => {
    const v1 = new PageClient(t.app);
    const v2 = new PageClient(t.app);
    await v1.get('/login');
    await v2.get('/login');
    expect(v1.csrf).not.toBe(v2.csrf);
    const r = await post('/login', jarOf(v2), { _csrf: v1.csrf, login: a.username, password: a.password });
    expect(r.statusCode).toBe(403);
    const ok = await post('/login', jarOf(v2), { _csrf: v2.csrf, login: a.username, password: a.password });
    expect(ok.statusCode).toBe(303);
  });

  it('a form without a token, or with an empty one, is refused', async () => {
    const c = await signedIn(t, a);
    expect((await post('/logout', jarOf(c), {})).statusCode).toBe(403);
    expect((await post('/logout', jarOf(c), { _csrf: '' })).statusCode).toBe(403);
  });

  it('normal forms keep working: sign in, change the profile, sign out', async () => {
    const c = await signedIn(t, b);
    const saved = await c.post('/account', { displayName: 'Basma B' });
    expect([saved.statusCode, saved.headers.location]).toEqual([303, '/account']);
    expect((await c.get('/account')).body).toContain('Basma B');
    expect((await c.post('/logout', {})).statusCode).toBe(303);
  });

  it('the token a page shows right after signing in is the session’s (a form posted at once works)', async () => {
    const c = new PageClient(t.app);
    await c.get('/login');
    await c.post('/login', { login: b.username, password: b.password });
    // As a browser does: the page the sign-in sends to, then its form.
    await c.get(c.last?.headers.location as string);
    expect((await c.post('/account', { displayName: 'Basma again' })).statusCode).toBe(303);
  });
});

describe('cookies in production', () => {
  let t: TestApp;
  let u: User;
  beforeAll(async () => {
    t = await makeTestApp({ config: { production: true, secretKey: 'production-secret-for-tests-0123456789abcdef' } });
    u = await signedUpUser(t, 'prodcookie');
  });
  afterAll(async () => {
    await t.close();
  });

  const setCookies = (r: LightMyRequestResponse) => {
    const h = r.headers['set-cookie'];
    return (Array.isArray(h) ? h : h ? [h] : []).map(String);
  };
  /** A __Host- cookie as browsers accept it: Secure, Path=/, no Domain. */
  const expectHostCookie = (line: string | undefined) => {
    expect(line).toBeDefined();
    expect(line).toMatch(/^__Host-/);
    expect(line).toMatch(/;\s*Secure/i);
    expect(line).toMatch(/;\s*Path=\/(;|$)/i);
    expect(line).not.toMatch(/;\s*Domain=/i);
    expect(line).toMatch(/;\s*HttpOnly/i);
  };

  it('the session, CSRF and flash cookies are __Host- and Secure, and sign-in and forms work with them', async () => {
    const c = new PageClient(t.app);
    const form = await c.get('/login');
    const csrfLine = setCookies(form).find((l) => /kafiil_csrf=/.test(l));
    expectHostCookie(csrfLine);
    expect(csrfLine).toMatch(/^__Host-kafiil_csrf=/);

    const login = await c.post('/login', { login: u.username, password: u.password });
    expect(login.statusCode).toBe(303);
    const sessionLine = setCookies(login).find((l) => /kafiil_session=/.test(l));
    expectHostCookie(sessionLine);
    expect(sessionLine).toMatch(/^__Host-kafiil_session=[^;]+/);
    expect([...c.cookies.keys()].sort()).toEqual(['__Host-kafiil_csrf', '__Host-kafiil_session']);

    const account = await c.get('/account');
    expect(account.statusCode).toBe(200);
    const saved = await c.post('/account', { displayName: 'Production Person' });
    expect([saved.statusCode, saved.headers.location]).toEqual([303, '/account']);
    const flashLine = setCookies(saved).find((l) => /kafiil_flash=/.test(l));
    expectHostCookie(flashLine);
    // The flash is shown once, and cleared with the same attributes (a browser drops a __Host- cookie set without them).
    const after = await c.get('/account');
    expect(after.body).toContain('Production Person');
    expectHostCookie(setCookies(after).find((l) => /kafiil_flash=/.test(l)));

    const out = await c.post('/logout', {});
    expect(out.statusCode).toBe(303);
    const cleared = setCookies(out).find((l) => /kafiil_session=/.test(l));
    expectHostCookie(cleared);
    expect(cleared).toMatch(/^__Host-kafiil_session=;/);
    expect((await t.app.inject({ method: 'GET', url: '/account', headers: { cookie: cookieHeader(jarOf(c)) } })).statusCode).toBe(303);
  });

  it('cookies without the prefix are not read in production', async () => {
    const c = new PageClient(t.app);
    await c.get('/login');
    await c.post('/login', { login: u.username, password: u.password });
    const session = c.cookies.get('__Host-kafiil_session') as string;
    expect(session).toBeTruthy();
    expect(
      (await t.app.inject({ method: 'GET', url: '/account', headers: { cookie: `__Host-kafiil_session=${session}` } })).statusCode,
    ).toBe(200);
    const r = await t.app.inject({ method: 'GET', url: '/account', headers: { cookie: `kafiil_session=${session}` } });
    expect(r.statusCode).toBe(303);
  });
});
