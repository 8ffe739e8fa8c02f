import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, multipart, PageClient, postMultipart, signedUpUser, type TestApp } from '../../../test/helpers.ts';

// PostgreSQL refuses a NUL (U+0000) in any text: one reaching a query made the whole request a 500.
let t: TestApp;
beforeAll(async () => {
  t = await makeTestApp();
});
afterAll(async () => {
  await t.close();
});

const NUL_MESSAGE_AR = 'يحتوي هذا الحقل على محرف غير مسموح به.';

/** The field codes of a problem+json answer, by field. */
const fieldsOf = (r: LightMyRequestResponse) =>
  Object.fromEntries(((r.json() as { errors?: { field: string; code: string }[] }).errors ?? []).map((e) => [e.field, e.code]));

function expectRefused(r: LightMyRequestResponse, field: string) {
  expect(r.statusCode, r.body.slice(0, 300)).toBe(400);
  expect(r.json().code).toBe('validation.failed');
  expect(fieldsOf(r)).toEqual({ [field]: 'validation.nul_character' });
}

describe('a NUL character in an API request', () => {
  it('is refused in a JSON field with 400 naming the field', async () => {
    const r = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: 'a\u0000b', password: 'x' } });
    expectRefused(r, 'login');
  });

  it('is refused at any depth of a JSON body, in arrays too, and in a key', async () => {
    const u = await signedUpUser(t, 'nuljson');
    const skills = await t.app.inject({ method: 'PATCH', url: '/api/v1/me', headers: u.auth, payload: { skills: ['ok', 'b\u0000'] } });
    expectRefused(skills, 'skills.1');
    const deep = await t.app.inject({
      method: 'POST',
      url: '/api/v1/services',
      headers: u.auth,
      payload: {
        title: 't',
        addons: [
          { title: 'ok', priceCents: 500, extraDays: 1 },
          { title: '\u0000', priceCents: 500, extraDays: 1 },
        ],
      },
    });
    expectRefused(deep, 'addons.1.title');
    const key = await t.app.inject({
      method: 'POST',
      url: '/api/v1/wallet/withdrawals',
      headers: { ...u.auth, 'idempotency-key': 'nul-key-1' },
      payload: { amountCents: 1000, method: 'paypal', details: { 'e\u0000mail': 'x@example.com' } },
    });
    expectRefused(key, 'details.e\u0000mail');
  });

  it('is refused in a query parameter and in a path segment', async () => {
    expectRefused(await t.app.inject({ method: 'GET', url: '/api/v1/freelancers?q=a%00b' }), 'q');
    expectRefused(await t.app.inject({ method: 'GET', url: '/api/v1/services?q=x&sort=%00' }), 'sort');
    expectRefused(await t.app.inject({ method: 'GET', url: '/api/v1/users/%00' }), 'username');
  });

  it('is refused in a multipart text field', async () => {
    const u = await signedUpUser(t, 'nulmulti');
    const m = multipart([
      { name: 'purpose', value: 'attach\u0000ment' },
      { name: 'file', filename: 'a.txt', type: 'text/plain', bytes: Buffer.from('hello') },
    ]);
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/v1/files',
      headers: { ...u.auth, 'content-type': m.contentType },
      payload: m.payload,
    });
    expectRefused(r, 'purpose');
  });

  it('lets the same requests through without the NUL', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/v1/freelancers?q=ab' });
    expect(r.statusCode).toBe(200);
    const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { login: 'ab', password: 'x' } });
    expect(login.statusCode).toBe(401);
  });
});

describe('a NUL character in a page request', () => {
  it('answers a path segment or a query parameter with the 400 page naming the problem', async () => {
    for (const url of ['/u/%00', '/services/%00', '/en/services/1-%00', '/services?q=a%00b', '/terms/v/%00']) {
      const r = await t.app.inject({ method: 'GET', url });
      expect(r.statusCode, url).toBe(400);
      expect(r.headers['content-type']).toContain('text/html');
    }
    const ar = await t.app.inject({ method: 'GET', url: '/services?q=a%00b' });
    expect(ar.body).toContain(NUL_MESSAGE_AR);
    const en = await t.app.inject({ method: 'GET', url: '/en/u/%00' });
    expect(en.body).toContain('This field contains a character that is not allowed.');
  });

  it('refuses a urlencoded form field (the contact form) with 400 and the message', async () => {
    const b = new PageClient(t.app);
    await b.get('/contact');
    const r = await b.post('/contact', { name: 'Sara', email: 'sara@example.com', subject: 'hello', body: 'a\u0000b' });
    expect(r.statusCode).toBe(400);
    expect(r.body).toContain(NUL_MESSAGE_AR);
    const ok = await b.post('/contact', { name: 'Sara', email: 'sara@example.com', subject: 'hello', body: 'a message without it' });
    expect(ok.statusCode).toBe(200);
  });

  it('refuses a multipart text field of a page form with 400', async () => {
    const u = await signedUpUser(t, 'nulpage');
    const b = new PageClient(t.app);
    await b.get('/login');
    expect((await b.post('/login', { login: u.username, password: u.password })).statusCode).toBe(303);
    await b.get('/support/new');
    const r = await postMultipart(b, t.app, '/support/new', [
      { name: 'category', value: 'other' },
      { name: 'subject', value: 'sub\u0000ject' },
      { name: 'body', value: 'the body' },
    ]);
    expect(r.statusCode).toBe(400);
    expect(r.body).toContain(NUL_MESSAGE_AR);
  });
});
