import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../../../test/helpers.ts';
import { buildApp } from '../../app.ts';
import { createLiveHub } from '../live.ts';

// A second app on the test database, with the server's logger writing JSON lines into `lines`, and routes that fail.
let t: TestApp;
let app: FastifyInstance;
const lines: string[] = [];
const SECRETS = ['hunter2-password', 'qs-secret-token', 'cookie-secret-value', 'bearer-secret', 'body-secret-text', 'param-secret'];

beforeAll(async () => {
  t = await makeTestApp();
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  const built = await buildApp({ ...t.deps, live: createLiveHub(t.deps.database) }, { log: { level: 'info', stream, slowMs: 50 } });
  app = built.app;
  app.post('/boom', async () => {
    throw new Error('kaboom: the page broke');
  });
  app.post('/api/v1/boom', async () => {
    throw new Error('kaboom: the API broke');
  });
  // A database error carries the query's parameters in its message: they must not reach the log.
  app.get('/db-boom', async () => t.deps.db.execute(sql`select ${'param-secret'}::int`));
  app.get('/slow', async () => {
    await new Promise((r) => setTimeout(r, 80));
    return 'done';
  });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await t.close();
});

const entries = () => lines.map((l) => JSON.parse(l) as Record<string, unknown>);

describe('the server log', () => {
  it('writes a 500 as one JSON line with the request id, the status and the error with its stack, and shows the id on the page', async () => {
    const r = await app.inject({
      method: 'POST',
      url: '/boom?token=qs-secret-token',
      headers: { cookie: 'kafiil_session=cookie-secret-value', 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'password=hunter2-password&body=body-secret-text',
    });
    expect(r.statusCode).toBe(500);
    const id = r.headers['x-request-id'] as string;
    expect(id).toMatch(/^[0-9a-f]{16}$/);
    expect(r.body).toContain(id);
    expect(r.body).toContain('رقم الطلب');

    const line = entries().find((e) => e.reqId === id && e.level === 50);
    expect(line).toBeDefined();
    expect(line).toMatchObject({ reqId: id, status: 500, req: { method: 'POST', url: '/boom?token=[redacted]' } });
    const err = line?.err as { message: string; stack: string; type: string };
    expect(err.message).toContain('kaboom: the page broke');
    expect(err.stack).toContain('logging.int.test.ts');
    for (const s of SECRETS) expect(lines.join('\n')).not.toContain(s);
  });

  it('puts the same request id in the API problem document and its header', async () => {
    const r = await app.inject({
      method: 'POST',
      url: '/api/v1/boom',
      headers: { authorization: 'Bearer bearer-secret' },
      payload: { password: 'hunter2-password', body: 'body-secret-text' },
    });
    // An unknown Bearer token is refused before the route: a 401 with its own id, logged nowhere as an error.
    expect(r.statusCode).toBe(401);
    expect(r.json().requestId).toBe(r.headers['x-request-id']);

    const anon = await app.inject({ method: 'POST', url: '/api/v1/boom', payload: { password: 'hunter2-password' } });
    expect(anon.statusCode).toBe(500);
    const id = anon.headers['x-request-id'];
    expect(anon.json()).toMatchObject({ status: 500, code: 'http.internal', requestId: id });
    const line = entries().find((e) => e.reqId === id && e.level === 50);
    expect(line?.err).toMatchObject({ message: expect.stringContaining('kaboom: the API broke') });
    for (const s of SECRETS) expect(lines.join('\n')).not.toContain(s);
  });

  it("keeps a database error's parameters out of the log", async () => {
    const r = await app.inject({ method: 'GET', url: '/db-boom' });
    expect(r.statusCode).toBe(500);
    const line = entries().find((e) => e.reqId === r.headers['x-request-id'] && e.level === 50);
    expect(JSON.stringify(line)).toContain('select $1::int');
    expect(lines.join('\n')).not.toContain('param-secret');
  });

  it('writes a slow request as a warning with its duration', async () => {
    const r = await app.inject({ method: 'GET', url: '/slow' });
    expect(r.statusCode).toBe(200);
    const line = entries().find((e) => e.reqId === r.headers['x-request-id']);
    expect(line).toMatchObject({ level: 40, status: 200, req: { method: 'GET', url: '/slow' } });
    expect(line?.ms).toBeGreaterThanOrEqual(50);
  });

  it('writes nothing for an ordinary request at level info', async () => {
    const before = lines.length;
    const r = await app.inject({ method: 'GET', url: '/healthz' });
    expect(r.statusCode).toBe(200);
    expect(r.headers['x-request-id']).toMatch(/^[0-9a-f]{16}$/);
    expect(lines.length).toBe(before);
  });
});
