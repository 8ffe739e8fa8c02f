import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, signedUpUser, type TestApp } from '../../test/helpers.ts';
import { queryRows } from './db/index.ts';
import { PRESENCE } from './presence.ts';

/** An open live event stream (GET /api/v1/events), resolved once its first event arrived; `close` hangs up. */
function openStream(base: string, auth: Record<string, string>): Promise<{ close: () => void }> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${base}/api/v1/events`, { headers: { accept: 'text/event-stream', ...auth } }, (res) => {
      res.setEncoding('utf8');
      res.once('data', () => resolve({ close: () => req.destroy() }));
    });
    req.on('error', (err) => {
      if ((err as { code?: string }).code !== 'ECONNRESET') reject(err);
    });
  });
}

async function listen(app: FastifyInstance) {
  await app.listen({ port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}

/** Waits until `check` holds (a stream's close reaches the server a moment after the client hangs up). */
async function until(check: () => boolean | Promise<boolean>, ms = 2000) {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

let t: TestApp;
let b: Awaited<ReturnType<TestApp['secondInstance']>>;
let baseB: string;

beforeAll(async () => {
  t = await makeTestApp();
  b = await t.secondInstance();
  baseB = await listen(b.app);
});
afterAll(async () => {
  await b.close();
  await t.close();
});

const rowsOf = (userId: number) =>
  queryRows<{ instance_id: string }>(t.deps.db, sql`SELECT instance_id FROM presence WHERE user_id = ${userId}`);

describe('online now, across instances (live connections, platform/presence.ts)', () => {
  it('counts a user online on instance A while their stream is open on instance B, and offline once it closed', async () => {
    const u = await signedUpUser(t, 'present');
    const a = t.services.presence;
    expect(await a.isOnline(u.id)).toBe(false);
    const stream = await openStream(baseB, u.auth);
    // Instance B knows at once; it writes its set within a second (no request writes anything).
    expect(await b.services.presence.isOnline(u.id)).toBe(true);
    await until(async () => (await rowsOf(u.id)).length === 1);
    expect((await rowsOf(u.id))[0].instance_id).toBe(b.services.presence.instanceId);
    expect(await a.isOnline(u.id)).toBe(true);
    expect([...(await a.onlineIds([u.id, u.id + 1000]))]).toEqual([u.id]);
    // The directory of instance A says so too (filter and card).
    await t.app.inject({ method: 'PATCH', url: '/api/v1/me', headers: u.auth, payload: { skills: ['ترجمة'] } });
    const dir = await t.app.inject({ method: 'GET', url: '/api/v1/freelancers?online=true' });
    expect(dir.json().items).toEqual([expect.objectContaining({ username: u.username, online: true })]);

    // A second tab on B, then both close: offline for A after B's next heartbeat.
    const second = await openStream(baseB, u.auth);
    stream.close();
    second.close();
    await until(async () => !(await b.services.presence.isOnline(u.id)));
    await b.services.presence.heartbeat();
    expect(await rowsOf(u.id)).toEqual([]);
    expect(await a.isOnline(u.id)).toBe(false);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/freelancers?online=true' })).json().items).toEqual([]);
  });

  it("forgets a crashed instance's users 90 s after its last heartbeat, and sweeps its rows", async () => {
    const u = await signedUpUser(t, 'crashed');
    const c = await t.secondInstance();
    const base = await listen(c.app);
    await openStream(base, u.auth);
    await c.services.presence.heartbeat();
    expect(await t.services.presence.isOnline(u.id)).toBe(true);
    // The instance stops heartbeating (as a crash would), its rows left behind.
    c.services.presence.stop();
    t.clock.advance(PRESENCE.ttlMs - 5_000);
    expect(await t.services.presence.isOnline(u.id)).toBe(true);
    t.clock.advance(10_000);
    expect(await t.services.presence.isOnline(u.id)).toBe(false);
    expect(await t.services.presence.allOnline()).not.toContain(u.id);
    expect(await rowsOf(u.id)).toHaveLength(1);
    // Any live instance's heartbeat sweeps the expired rows of the others (and only theirs).
    await t.services.presence.heartbeat();
    expect(await rowsOf(u.id)).toEqual([]);
    await c.close();
  });

  it('takes a cleanly stopped instance’s users offline at once', async () => {
    const u = await signedUpUser(t, 'leaving');
    const c = await t.secondInstance();
    const base = await listen(c.app);
    await openStream(base, u.auth);
    await c.services.presence.heartbeat();
    expect(await t.services.presence.isOnline(u.id)).toBe(true);
    await c.close();
    expect(await rowsOf(u.id)).toEqual([]);
    expect(await t.services.presence.isOnline(u.id)).toBe(false);
  });
});
