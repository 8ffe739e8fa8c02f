import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, PageClient, signedUpUser, type TestApp } from '../../../test/helpers.ts';

type Event = { type: string; data: Record<string, unknown> };

/** A server-sent events client: collects events and waits for one that matches. */
function subscribe(base: string, path: string, headers: Record<string, string>) {
  const events: Event[] = [];
  const waiters: { pred: (e: Event) => boolean; resolve: (e: Event) => void }[] = [];
  let status = 0;
  let contentType = '';
  let destroy = () => {};
  const opened = new Promise<void>((resolve, reject) => {
    const req = http.get(`${base}${path}`, { headers: { accept: 'text/event-stream', ...headers } }, (res) => {
      status = res.statusCode ?? 0;
      contentType = String(res.headers['content-type'] ?? '');
      res.setEncoding('utf8');
      let buf = '';
      res.on('data', (chunk: string) => {
        buf += chunk;
        for (let i = buf.indexOf('\n\n'); i >= 0; i = buf.indexOf('\n\n')) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          const type = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (!type || data === undefined) continue;
          const e = { type, data: JSON.parse(data) };
          events.push(e);
          for (const w of [...waiters]) {
            if (w.pred(e)) {
              waiters.splice(waiters.indexOf(w), 1);
              w.resolve(e);
            }
          }
        }
      });
      resolve();
    });
    req.on('error', reject);
    destroy = () => req.destroy();
  });
  const stream = {
    events,
    opened,
    status: () => status,
    contentType: () => contentType,
    close: () => destroy(),
    /** The first event (already received or still to come) matching `pred`, within `ms`. */
    next(pred: (e: Event) => boolean, ms = 1000): Promise<Event> {
      const have = events.find(pred);
      if (have) return Promise.resolve(have);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no matching event within ${ms} ms; got ${JSON.stringify(events)}`)), ms);
        waiters.push({
          pred,
          resolve: (e) => {
            clearTimeout(timer);
            resolve(e);
          },
        });
      });
    },
  };
  return stream;
}

async function listen(app: FastifyInstance) {
  await app.listen({ port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}

let t: TestApp;
let second: Awaited<ReturnType<TestApp['secondInstance']>>;
let base1: string;
let base2: string;
let a: Awaited<ReturnType<typeof signedUpUser>>;
let b: Awaited<ReturnType<typeof signedUpUser>>;

beforeAll(async () => {
  t = await makeTestApp();
  second = await t.secondInstance();
  base1 = await listen(t.app);
  base2 = await listen(second.app);
  a = await signedUpUser(t, 'alive');
  b = await signedUpUser(t, 'blive');
});
afterAll(async () => {
  await second.close();
  await t.close();
});

describe('live events (server-sent events across instances)', () => {
  it('delivers a message sent through one instance to a client of another within a second', async () => {
    const s = subscribe(base2, '/api/v1/events', b.auth);
    await s.opened;
    expect(s.status()).toBe(200);
    expect(s.contentType()).toContain('text/event-stream');
    const hello = await s.next((e) => e.type === 'hello');
    expect(hello.data).toEqual({ unreadNotifications: 0, unreadConversations: 0 });

    const sent = await fetch(`${base1}/api/v1/conversations`, {
      method: 'POST',
      headers: { ...a.auth, 'content-type': 'application/json' },
      body: JSON.stringify({ withUsername: b.username, body: 'رسالة حية' }),
    });
    expect(sent.status).toBe(201);
    const { conversationId, message } = (await sent.json()) as { conversationId: number; message: { id: number } };
    const e = await s.next((x) => x.type === 'message', 1000);
    expect(e.data).toEqual({ conversationId, messageId: message.id, senderId: a.id, unreadConversations: 1 });

    // B reads it on the first instance; A, listening on the second, gets the read receipt.
    const sa = subscribe(base2, '/api/v1/events', a.auth);
    await sa.next((x) => x.type === 'hello');
    const read = await fetch(`${base1}/api/v1/conversations/${conversationId}/read`, { method: 'POST', headers: b.auth });
    expect(read.status).toBe(200);
    const receipt = await sa.next((x) => x.type === 'read', 1000);
    expect(receipt.data).toEqual({ conversationId, userId: b.id, lastReadMessageId: message.id });
    // B's own other tabs hear their badge went down.
    const mine = await s.next((x) => x.type === 'read', 1000);
    expect(mine.data.unreadConversations).toBe(0);
    s.close();
    sa.close();
  });

  it('tells of a new notification with the unread count, and not of a change that was rolled back', async () => {
    const s = subscribe(base2, '/api/v1/events', b.auth);
    await s.next((e) => e.type === 'hello');
    // A step that fails after notifying: nothing is delivered.
    await expect(
      t.deps.db.transaction(async (tx) => {
        await t.services.notifications.notify(tx, {
          userId: b.id,
          type: 'wallet.deposit_paid',
          params: { amount: 500, id: 1 },
          url: '/wallet',
        });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    await t.deps.db.transaction(async (tx) => {
      await t.services.notifications.notify(tx, {
        userId: b.id,
        type: 'wallet.deposit_paid',
        params: { amount: 700, id: 2 },
        url: '/wallet',
      });
    });
    const e = await s.next((x) => x.type === 'notification', 1000);
    expect(e.data).toMatchObject({ type: 'wallet.deposit_paid', url: '/wallet', unread: 1 });
    expect(s.events.filter((x) => x.type === 'notification')).toHaveLength(1);
    const list = await fetch(`${base1}/api/v1/notifications`, { headers: b.auth }).then((r) => r.json());
    expect(list.items).toHaveLength(1);
    s.close();
  });

  it('is open to signed-in pages through /live and closed to everyone else', async () => {
    const anon = await fetch(`${base1}/api/v1/events`);
    expect(anon.status).toBe(401);
    expect((await fetch(`${base1}/live`, { redirect: 'manual' })).status).toBe(303);

    const page = new PageClient(t.app);
    await page.get('/login');
    await page.post('/login', { login: a.username, password: a.password });
    const cookie = [...page.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const s = subscribe(base1, '/live', { cookie });
    const hello = await s.next((e) => e.type === 'hello');
    expect(hello.data).toHaveProperty('unreadNotifications');
    expect(s.contentType()).toContain('text/event-stream');
    expect(t.deps.live.connections()).toBeGreaterThan(0);
    s.close();
  });
});
