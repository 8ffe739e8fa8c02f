import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, newUser, staffUser, type TestApp, tokenFrom } from '../../../test/helpers.ts';
import { auditLog } from '../../platform/db/tables.ts';
import { loginEvents, policyAcceptances } from './schema.ts';

// Who a request comes from decides its rate-limit bucket and what the sessions list, the login history, the policy
// acceptances and the audit log record. X-Forwarded-For is only believed from the proxies TRUST_PROXY names.

let t: TestApp;
let behindProxy: TestApp;
beforeAll(async () => {
  t = await makeTestApp();
  behindProxy = await makeTestApp({ config: { trustProxy: 1 } });
});
afterAll(async () => {
  await t.close();
  await behindProxy.close();
});

/** Signs up, verifies and signs in through the API, every request from `remoteAddress` with `headers`. */
async function member(app: TestApp, remoteAddress: string, headers: Record<string, string>) {
  const u = newUser('fwd');
  const s = await app.app.inject({
    method: 'POST',
    url: '/api/v1/auth/signup',
    payload: { ...u, acceptTerms: true },
    remoteAddress,
    headers,
  });
  expect(s.statusCode).toBe(201);
  const token = tokenFrom(await app.mailTo(u.email), '/verify-email');
  await app.app.inject({ method: 'POST', url: '/api/v1/auth/verify-email', payload: { token }, remoteAddress, headers });
  const l = await app.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { login: u.username, password: u.password },
    remoteAddress,
    headers,
  });
  expect(l.statusCode).toBe(200);
  const body = l.json() as { token: string; user: { id: number } };
  return { ...u, id: body.user.id, auth: { authorization: `Bearer ${body.token}` } };
}

async function recordedAddresses(app: TestApp, u: { id: number; auth: Record<string, string> }) {
  const userId = u.id;
  const sessions = await app.app.inject({ method: 'GET', url: '/api/v1/me/sessions', headers: u.auth });
  const events = await app.deps.db.select({ ip: loginEvents.ip }).from(loginEvents).where(eq(loginEvents.userId, userId));
  const acceptances = await app.deps.db
    .select({ ip: policyAcceptances.ip })
    .from(policyAcceptances)
    .where(eq(policyAcceptances.userId, userId));
  return {
    sessions: (sessions.json().items as { ip: string | null }[]).map((s) => s.ip),
    events: events.map((e) => e.ip),
    acceptances: acceptances.map((a) => a.ip),
  };
}

describe('without TRUST_PROXY (the default)', () => {
  it('keeps a flood of sign-ins with a new forged X-Forwarded-For each in one rate-limit bucket', async () => {
    const codes: (string | number)[] = [];
    for (let i = 0; i < 40; i++) {
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { login: `ghost_${i}`, password: 'whatever password' },
        remoteAddress: '192.0.2.77',
        headers: { 'x-forwarded-for': `10.9.${i}.1` },
      });
      codes.push(r.statusCode === 429 ? r.json().code : r.statusCode);
    }
    expect(codes.slice(0, 30)).toEqual(Array(30).fill(401));
    expect(codes.slice(30)).toEqual(Array(10).fill('http.rate_limited'));
    t.clock.advance(11 * 60_000);
  });

  it('records the connecting address, not the forged one, in sessions, login history, acceptances and the audit log', async () => {
    const forged = { 'x-forwarded-for': '6.6.6.6' };
    const u = await member(t, '192.0.2.10', forged);
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { login: u.username, password: 'not the password at all' },
      remoteAddress: '192.0.2.10',
      headers: forged,
    });
    expect(wrong.statusCode).toBe(401);
    const seen = await recordedAddresses(t, u);
    expect(seen.sessions).toEqual(['192.0.2.10']);
    expect(seen.events).toEqual(['192.0.2.10', '192.0.2.10']);
    expect(seen.acceptances).toEqual(['192.0.2.10', '192.0.2.10']);

    const admin = await staffUser(t, ['admin'], 'fwdadmin');
    const r = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/admin/users/${u.id}/roles`,
      headers: { ...admin.auth, ...forged },
      remoteAddress: '192.0.2.11',
      payload: { roles: ['support'] },
    });
    expect(r.statusCode).toBe(200);
    const rows = await t.deps.db
      .select({ ip: auditLog.ip })
      .from(auditLog)
      .where(and(eq(auditLog.targetType, 'user'), eq(auditLog.targetId, String(u.id))));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.map((x) => x.ip)).toEqual(rows.map(() => '192.0.2.11'));
  });
});

describe('with TRUST_PROXY=1 (one proxy in front, e.g. nginx)', () => {
  it('uses the address the proxy appended, never what the client put before it', async () => {
    // nginx's $proxy_add_x_forwarded_for keeps what the client sent and appends the address it saw.
    const viaProxy = { 'x-forwarded-for': '6.6.6.6, 203.0.113.50' };
    const u = await member(behindProxy, '127.0.0.1', viaProxy);
    const seen = await recordedAddresses(behindProxy, u);
    expect(seen.sessions).toEqual(['203.0.113.50']);
    expect(seen.events).toEqual(['203.0.113.50']);
    expect(seen.acceptances).toEqual(['203.0.113.50', '203.0.113.50']);
  });

  it('counts each forwarded client in its own rate-limit bucket', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 40; i++) {
      const r = await behindProxy.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { login: `ghost_${i}`, password: 'whatever password' },
        remoteAddress: '127.0.0.1',
        headers: { 'x-forwarded-for': `203.0.113.${100 + i}` },
      });
      codes.push(r.statusCode);
    }
    expect(codes).toEqual(Array(40).fill(401));
    // One client behind the proxy flooding is still one bucket.
    const same: (string | number)[] = [];
    for (let i = 0; i < 32; i++) {
      const r = await behindProxy.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { login: `ghost_b${i}`, password: 'whatever password' },
        remoteAddress: '127.0.0.1',
        headers: { 'x-forwarded-for': `10.1.${i}.1, 203.0.113.99` },
      });
      same.push(r.statusCode === 429 ? r.json().code : r.statusCode);
    }
    expect(same.slice(0, 30)).toEqual(Array(30).fill(401));
    expect(same.slice(30)).toEqual(['http.rate_limited', 'http.rate_limited']);
  });
});
