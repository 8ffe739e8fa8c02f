import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BYPASSES } from '../../../test/fixtures/open-redirects.ts';
import { makeTestApp, PageClient, signedUpUser, type TestApp } from '../../../test/helpers.ts';

// Sign-in's way back (`next`): any page of this site, in any script, and never another site.
let t: TestApp;
let u: Awaited<ReturnType<typeof signedUpUser>>;
let signedIn: PageClient;
let ip = 0;

const BASE = 'http://kafiil.test';
/** A Location a browser resolves to this site, whose path does not start with two slashes or a backslash. */
function expectSameSite(location: string | undefined) {
  expect(location).toBeDefined();
  const loc = String(location);
  expect(loc).toMatch(/^\/(?![/\\])/);
  expect(loc).toMatch(/^[\x21-\x7e]*$/);
  const url = new URL(loc, BASE);
  expect(url.origin).toBe(BASE);
  expect(url.pathname).not.toMatch(/^\/(en\/)?[/\\]/);
}

/** POST /login as a fresh visitor (first the form, for its token), from its own address (no rate limit). */
async function postLogin(prefix: '' | '/en', next: string): Promise<LightMyRequestResponse> {
  const remoteAddress = `203.0.113.${++ip % 250}`;
  const form = await t.app.inject({ method: 'GET', url: `${prefix}/login`, remoteAddress });
  const cookie = form.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(form.body)?.[1] ?? '';
  return t.app.inject({
    method: 'POST',
    url: `${prefix}/login`,
    remoteAddress,
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: csrf, login: u.username, password: u.password, next }).toString(),
  });
}

beforeAll(async () => {
  t = await makeTestApp();
  u = await signedUpUser(t, 'nexter');
  signedIn = new PageClient(t.app);
  await signedIn.get('/login');
  expect((await signedIn.post('/login', { login: u.username, password: u.password })).statusCode).toBe(303);
});
afterAll(async () => {
  await t.close();
});

describe('sign-in from an Arabic page', () => {
  it('POST /login with an Arabic next signs in and goes back there, percent-encoded', async () => {
    const r = await postLogin('', '/services/61-خدمة');
    expect(r.statusCode).toBe(303);
    expect(r.headers.location).toBe('/services/61-%D8%AE%D8%AF%D9%85%D8%A9');
    expect(r.cookies.some((c) => /kafiil_session$/.test(c.name) && c.value)).toBe(true);
  });

  it('GET /login?next=… when already signed in goes there too, in English under /en', async () => {
    const next = encodeURIComponent('/services/61-خدمة?tab=ملف');
    const ar = await signedIn.get(`/login?next=${next}`);
    expect([ar.statusCode, ar.headers.location]).toEqual([303, '/services/61-%D8%AE%D8%AF%D9%85%D8%A9?tab=%D9%85%D9%84%D9%81']);
    const en = await signedIn.get(`/en/login?next=${next}`);
    expect([en.statusCode, en.headers.location]).toEqual([303, '/en/services/61-%D8%AE%D8%AF%D9%85%D8%A9?tab=%D9%85%D9%84%D9%81']);
  });

  it('keeps a good next as it is: an English page with its query', async () => {
    const r = await signedIn.get(`/login?next=${encodeURIComponent('/en/orders/5?tab=x')}`);
    expect([r.statusCode, r.headers.location]).toEqual([303, '/orders/5?tab=x']);
    const p = await postLogin('/en', '/en/orders/5?tab=x');
    expect([p.statusCode, p.headers.location]).toEqual([303, '/en/orders/5?tab=x']);
  });

  it('the sign-in form carries the Arabic next in its hidden field', async () => {
    const r = await t.app.inject({ method: 'GET', url: `/login?next=${encodeURIComponent('/services/61-خدمة')}` });
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain('name="next" value="/services/61-خدمة"');
  });

  it('a sign-in asked for by an Arabic page (401) comes back to it', async () => {
    const r = await t.app.inject({ method: 'GET', url: `/messages?q=${encodeURIComponent('سلام')}` });
    expect(r.statusCode).toBe(303);
    expectSameSite(r.headers.location);
    expect(r.headers.location).toMatch(/^\/login\?next=/);
  });
});

describe('no open redirect after sign-in', () => {
  it.each(BYPASSES)('GET /login?next=%j when signed in stays on this site', async (next) => {
    for (const prefix of ['', '/en']) {
      const r = await signedIn.get(`${prefix}/login?next=${encodeURIComponent(next)}`);
      expect(r.statusCode).toBe(303);
      expectSameSite(r.headers.location);
      expect(r.headers.location).toBe(prefix || '/');
    }
  });

  it.each(BYPASSES)('GET /login with next=%j typed raw in the URL stays on this site', async (next) => {
    // Some clients send a query string as typed; what a request line can carry must still be refused.
    const raw = next.replace(/[^!-~]|[#&+]/gu, (c) => encodeURIComponent(c));
    const r = await signedIn.get(`/en/login?next=${raw}`);
    if (r.statusCode === 303) {
      expectSameSite(r.headers.location);
      expect(r.headers.location).toBe('/en');
    } else expect(r.statusCode).toBe(400);
  });

  it.each(BYPASSES)('POST /login with next=%j signs in and stays on this site', async (next) => {
    const r = await postLogin('/en', next);
    expect(r.statusCode).toBe(303);
    expectSameSite(r.headers.location);
    expect(r.headers.location).toBe('/en');
  });
});

describe('the test-mode gateway’s way back (r)', () => {
  it('is a path of this site in its language, or the wallet', async () => {
    const d = await t.app.inject({
      method: 'POST',
      url: '/api/v1/wallet/deposits',
      headers: { ...u.auth, 'idempotency-key': 'redirects-sandbox-1' },
      payload: { amountCents: 1000, method: 'sandbox' },
    });
    expect(d.statusCode).toBe(201);
    const url = new URL(d.json().checkoutUrl);
    const back = async (r: string) => {
      const page = await t.app.inject({ method: 'GET', url: `${url.pathname}?s=${url.searchParams.get('s')}&r=${encodeURIComponent(r)}` });
      expect(page.statusCode).toBe(200);
      return /href="([^"]*)"[^>]*data-testid="sandbox-back"/.exec(page.body)?.[1];
    };
    expect(await back('/en/my/purchases')).toBe('/en/my/purchases');
    expect(await back('/orders/5?tab=x')).toBe('/orders/5?tab=x');
    for (const bad of ['/en//evil.example', '/en/%5Cevil.example', '//evil.example', '/%09/evil.example', 'https://evil.example']) {
      expect(await back(bad)).toBe('/wallet');
    }
  });
});
