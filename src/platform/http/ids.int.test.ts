import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, PageClient, signedUpUser, staffUser, type TestApp } from '../../../test/helpers.ts';

// Ids a client may type that are not ids of any row: beyond PostgreSQL's int4 and int8, not finite, not whole, not positive.
const BAD_IDS = ['1e308', '99999999999999999999', '9223372036854775808', '2147483648', 'Infinity', '1.5', '-1', '0'];
/** Well-formed, but no row has it: a 404 like any unknown id. */
const UNKNOWN_ID = '2147483647';

/** The field codes of a problem+json answer, by field. */
const fieldsOf = (r: LightMyRequestResponse) =>
  Object.fromEntries(((r.json() as { errors?: { field: string; code: string }[] }).errors ?? []).map((e) => [e.field, e.code]));

let t: TestApp;
let admin: Awaited<ReturnType<typeof staffUser>>;
let browser: PageClient;
beforeAll(async () => {
  t = await makeTestApp();
  admin = await staffUser(t, ['admin', 'moderator', 'finance', 'support'], 'idadmin');
  browser = new PageClient(t.app);
  await browser.get('/login');
  const r = await browser.post('/login', { login: admin.username, password: admin.password });
  expect(r.statusCode).toBe(303);
}, 120_000);
afterAll(async () => {
  await t.close();
});

/** Every route of the app with its methods, read from Fastify's own route tree. */
function routes(): { path: string; methods: string[] }[] {
  const out: { path: string; methods: string[] }[] = [];
  const stack: string[] = [];
  for (const line of t.app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^((?:│ {3}| {4})*)(?:├── |└── )(.*?)(?: \(([^)]*)\))?$/.exec(line);
    if (!m) continue;
    const depth = m[1].length / 4;
    const parent = depth === 0 ? '' : stack[depth - 1];
    const seg = m[2];
    const path = depth === 0 ? seg : parent === '/' ? `/${seg}` : `${parent}${seg}`;
    stack[depth] = path;
    stack.length = depth + 1;
    if (m[3]) out.push({ path, methods: m[3].split(', ').filter((x) => x !== 'HEAD') });
  }
  return out;
}

/** Values for the parameters that are not ids, so a request gets as far as reading its id. */
const OTHER_PARAMS: Record<string, string> = {
  action: 'accept',
  type: 'service',
  kind: 'service',
  username: 'nobody',
  publicId: 'no-such-file',
  slug: 'no-such-article',
  topic: 'account',
  targetType: 'topic',
};
const ID_PARAMS = ['id', 'fileId', 'last', 'version', 'ref', 'entryId', 'awardId', 'commentId', 'requestId'];

function fill(path: string, value: string): string | null {
  if (path.includes('*')) return null;
  let any = false;
  const filled = path.replace(/:(\w+)/g, (_, name: string) => {
    if (ID_PARAMS.includes(name)) {
      any = true;
      return encodeURIComponent(value);
    }
    const other = OTHER_PARAMS[name];
    if (!other) throw new Error(`no value for :${name} in ${path}`);
    return other;
  });
  return any ? filled : null;
}

async function send(method: string, url: string): Promise<LightMyRequestResponse> {
  if (url.startsWith('/api/')) {
    const body = method === 'GET' || method === 'DELETE' ? undefined : '{}';
    return t.app.inject({
      method: method as 'GET',
      url,
      headers: { ...admin.auth, 'idempotency-key': `k-${Math.random()}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      payload: body,
    });
  }
  if (method === 'GET') return browser.get(url);
  return browser.post(url, {});
}

describe('ids out of range in a path', () => {
  it('answers 404 on every route with an id in its path, API and pages, for each malformed id, and never 500 for an unknown one', async () => {
    const bad: string[] = [];
    let tried = 0;
    for (const r of routes()) {
      for (const value of [...BAD_IDS, UNKNOWN_ID]) {
        const url = fill(r.path, value);
        if (!url) continue;
        for (const method of r.methods) {
          const res = await send(method, url);
          tried++;
          // An unknown id is looked up once the rest of the request is right: its empty form or body may be refused first.
          const ok = value === UNKNOWN_ID ? res.statusCode >= 400 && res.statusCode < 500 : res.statusCode === 404;
          if (!ok) bad.push(`${method} ${url} → ${res.statusCode} ${res.body.slice(0, 120).replace(/\s+/g, ' ')}`);
        }
      }
    }
    expect(tried).toBeGreaterThan(800);
    expect(bad).toEqual([]);
  }, 600_000);

  it('answers a well-formed id that no row has with 404, on a page and in the API', async () => {
    for (const url of [
      `/api/v1/wallet/deposits/${UNKNOWN_ID}`,
      `/api/v1/services/${UNKNOWN_ID}`,
      `/api/v1/orders/${UNKNOWN_ID}`,
      `/api/v1/tickets/${UNKNOWN_ID}`,
      `/pay/sandbox/${UNKNOWN_ID}`,
      `/terms/v/${UNKNOWN_ID}`,
      `/services/${UNKNOWN_ID}`,
      `/orders/${UNKNOWN_ID}`,
      `/projects/${UNKNOWN_ID}`,
      `/admin/users/${UNKNOWN_ID}`,
      `/admin/finance/users/${UNKNOWN_ID}`,
      `/admin/finance/tx/${UNKNOWN_ID}`,
    ]) {
      const res = await send('GET', url);
      expect(res.statusCode, url).toBe(404);
    }
  });
});

describe('list cursors out of range (API)', () => {
  it('refuses a cursor whose time is past what a date can hold, or whose id is out of range, with 400 naming it', async () => {
    for (const url of [
      '/api/v1/conversations?cursor=9999999999999999_1',
      '/api/v1/conversations?cursor=1_99999999999999',
      '/api/v1/tickets?cursor=9999999999999999_1',
      '/api/v1/admin/tickets?cursor=1_9999999999999999_1',
    ]) {
      const res = await t.app.inject({ method: 'GET', url, headers: admin.auth });
      expect(res.statusCode, `${url} ${res.body}`).toBe(400);
      expect(fieldsOf(res)).toEqual({ cursor: 'validation.field_invalid' });
    }
  });
});

describe('ids out of range in a body or a query (API)', () => {
  const cases: { method: 'GET' | 'POST' | 'PUT' | 'PATCH'; url: string; body?: (id: string) => string; field: string; zeroOk?: boolean }[] =
    [
      { method: 'POST', url: '/api/v1/notifications/read', body: (id) => `{"ids":[${id}]}`, field: 'ids.0' },
      { method: 'POST', url: '/api/v1/orders', body: (id) => `{"serviceId":${id}}`, field: 'serviceId' },
      { method: 'POST', url: '/api/v1/orders', body: (id) => `{"serviceId":1,"addonIds":[${id}]}`, field: 'addonIds.0' },
      { method: 'POST', url: '/api/v1/services', body: (id) => `{"title":"x","imageIds":[${id}]}`, field: 'imageIds.0' },
      { method: 'POST', url: '/api/v1/services', body: (id) => `{"title":"x","categoryId":${id}}`, field: 'categoryId' },
      { method: 'POST', url: '/api/v1/projects', body: (id) => `{"title":"x","categoryId":${id}}`, field: 'categoryId' },
      { method: 'POST', url: '/api/v1/projects', body: (id) => `{"title":"x","fileIds":[${id}]}`, field: 'fileIds.0' },
      {
        method: 'POST',
        url: '/api/v1/reports',
        body: (id) => `{"targetType":"user","targetId":${id},"reason":"spam"}`,
        field: 'targetId',
      },
      {
        method: 'POST',
        url: '/api/v1/tickets',
        body: (id) => `{"category":"order","subject":"s","body":"b","orderId":${id}}`,
        field: 'orderId',
      },
      {
        method: 'POST',
        url: '/api/v1/conversations',
        body: (id) => `{"withUsername":"nobody","body":"hi","fileIds":[${id}]}`,
        field: 'fileIds.0',
      },
      { method: 'POST', url: '/api/v1/projects/1/hire', body: (id) => `{"bidId":${id}}`, field: 'bidId' },
      {
        method: 'POST',
        url: '/api/v1/projects/1/bids',
        body: (id) => `{"amountCents":5000,"days":3,"proposal":"p","fileIds":[${id}]}`,
        field: 'fileIds.0',
      },
      { method: 'POST', url: '/api/v1/orders/1/deliver', body: (id) => `{"message":"m","fileIds":[${id}]}`, field: 'fileIds.0' },
      { method: 'POST', url: '/api/v1/orders/1/messages', body: (id) => `{"body":"m","fileIds":[${id}]}`, field: 'fileIds.0' },
      { method: 'POST', url: '/api/v1/conversations/1/messages', body: (id) => `{"body":"m","fileIds":[${id}]}`, field: 'fileIds.0' },
      { method: 'POST', url: '/api/v1/tickets/1/messages', body: (id) => `{"body":"m","fileIds":[${id}]}`, field: 'fileIds.0' },
      {
        method: 'POST',
        url: '/api/v1/verification',
        body: (id) => `{"documentKind":"passport","fullName":"Sara Ali","documentFileId":${id},"selfieFileId":1}`,
        field: 'documentFileId',
      },
      {
        method: 'POST',
        url: '/api/v1/verification',
        body: (id) => `{"documentKind":"passport","fullName":"Sara Ali","documentFileId":1,"selfieFileId":${id}}`,
        field: 'selfieFileId',
      },
      { method: 'GET', url: '/api/v1/favorites?kind=service&cursor=', field: 'cursor' },
      { method: 'GET', url: '/api/v1/conversations/1/messages?after=', field: 'after', zeroOk: true },
      { method: 'GET', url: '/api/v1/conversations/1/messages?cursor=', field: 'cursor' },
      { method: 'GET', url: '/api/v1/freelancers?cursor=', field: 'cursor' },
      { method: 'GET', url: '/api/v1/wallet/statement?cursor=', field: 'cursor' },
      { method: 'GET', url: '/api/v1/notifications?cursor=', field: 'cursor' },
      { method: 'GET', url: '/api/v1/admin/users?cursor=', field: 'cursor' },
      { method: 'GET', url: '/api/v1/admin/audit?cursor=', field: 'cursor' },
    ];
  for (const c of cases) {
    it(`${c.method} ${c.url} refuses ${c.field} with 400 validation.failed`, async () => {
      const bad: string[] = [];
      for (const value of BAD_IDS.filter((v) => !(c.zeroOk && v === '0'))) {
        const literal = value === 'Infinity' ? '"Infinity"' : value;
        const url = c.body ? c.url : `${c.url}${encodeURIComponent(value)}`;
        const res = await t.app.inject({
          method: c.method,
          url,
          headers: { ...admin.auth, 'idempotency-key': `k-${Math.random()}`, 'content-type': 'application/json' },
          payload: c.body ? c.body(literal) : undefined,
        });
        const fields = res.statusCode === 400 ? fieldsOf(res) : {};
        if (res.statusCode !== 400 || res.json().code !== 'validation.failed' || !(c.field in fields))
          bad.push(`${value} → ${res.statusCode} ${res.body.slice(0, 200)}`);
      }
      expect(bad).toEqual([]);
    });
  }
});

describe('ids out of range in a page query or form', () => {
  it('never answers 500 to a bad id in a query or a form field', async () => {
    const seller = await signedUpUser(t, 'idseller');
    const gets = (id: string) => [
      `/services?category=${id}`,
      `/projects?category=${id}`,
      `/report?type=user&id=${id}`,
      `/report?type=service&id=${id}`,
      `/admin/audit?actor=${id}`,
      `/messages?cursor=${id}`,
      `/notifications?cursor=${id}`,
      `/wallet?cursor=${id}`,
      `/support?cursor=${id}`,
      `/orders/new?service=${id}`,
      `/messages/new?to=${seller.username}&service=${id}`,
      `/favorites?kind=service&cursor=${id}`,
    ];
    const posts = (id: string): [string, Record<string, string>][] => [
      ['/orders', { serviceId: id, qty: '1', addon: id }],
      ['/report', { targetType: 'user', targetId: id, reason: 'spam' }],
      ['/report', { type: 'service', id, reason: 'spam' }],
      ['/support/new', { category: 'order', subject: 's', body: 'b', orderId: id }],
      ['/notifications/read', { ids: id }],
    ];
    const bad: string[] = [];
    for (const value of BAD_IDS) {
      const id = encodeURIComponent(value);
      for (const url of gets(id)) {
        const res = await browser.get(url);
        if (res.statusCode >= 500) bad.push(`GET ${url} → ${res.statusCode}`);
      }
      for (const [url, form] of posts(value)) {
        const res = await browser.post(url, form);
        if (res.statusCode >= 500) bad.push(`POST ${url} ${JSON.stringify(form)} → ${res.statusCode}`);
      }
    }
    expect(bad).toEqual([]);
  });
});
