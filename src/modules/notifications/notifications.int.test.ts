import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, PageClient, signedUpUser, type TestApp, testId, topUp } from '../../../test/helpers.ts';
import { createMailer } from '../../platform/mail.ts';
import { createOutboxDrainer, enqueue } from '../../platform/outbox.ts';

type User = Awaited<ReturnType<typeof signedUpUser>>;
let t: TestApp;
let u: User;

const api = (who: User, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown, lang = 'ar') =>
  t.app.inject({ method, url, headers: { ...who.auth, 'accept-language': lang }, payload: payload as object });

async function browserOf(who: User) {
  const b = new PageClient(t.app);
  await b.get('/login');
  await b.post('/login', { login: who.username, password: who.password });
  return b;
}

beforeAll(async () => {
  t = await makeTestApp();
  u = await signedUpUser(t, 'notified');
});
afterAll(async () => {
  await t.close();
});

describe('notifications', () => {
  it('are made by what happens (a deposit credited), titled in the reader’s language, and marked read', async () => {
    await topUp(t, u, 2500);
    const ar = (await api(u, 'GET', '/api/v1/notifications')).json();
    expect(ar.unreadCount).toBe(1);
    expect(ar.items).toEqual([
      {
        id: expect.any(Number),
        type: 'wallet.deposit_paid',
        title: 'أُضيف إيداعك إلى رصيدك',
        url: '/wallet',
        readAt: null,
        createdAt: expect.any(String),
      },
    ]);
    const en = (await api(u, 'GET', '/api/v1/notifications', undefined, 'en')).json();
    expect(en.items[0].title).toBe('Your deposit was added to your balance');

    // The bell shows the count on every page; following the notification marks it read.
    const b = await browserOf(u);
    const home = await b.get('/');
    expect(home.body).toMatch(/data-badge="notifications"[^>]*>1</);
    const list = await b.get('/notifications');
    expect(list.body).toContain('أُضيف إيداعك إلى رصيدك');
    const open = await b.get(`/notifications/${ar.items[0].id}/open`);
    expect(open.statusCode).toBe(303);
    expect(open.headers.location).toBe('/wallet');
    expect((await api(u, 'GET', '/api/v1/notifications')).json().unreadCount).toBe(0);
    expect((await b.get('/')).body).toMatch(
      /data-badge="notifications"[^>]*hidden|class="[^"]*hidden[^"]*"[^>]*data-badge="notifications"/,
    );

    // Someone else's notification is not found.
    const other = await signedUpUser(t, 'other');
    const ob = await browserOf(other);
    expect((await ob.get(`/notifications/${ar.items[0].id}/open`)).statusCode).toBe(404);
  });

  it('marks the given ones, or all, read through the API', async () => {
    await topUp(t, u, 1000);
    await topUp(t, u, 1500);
    const list = (await api(u, 'GET', '/api/v1/notifications')).json();
    expect(list.unreadCount).toBe(2);
    const one = await api(u, 'POST', '/api/v1/notifications/read', { ids: [list.items[0].id] });
    expect(one.json()).toEqual({ unreadCount: 1 });
    // All of them, with no body at all.
    const all = await t.app.inject({ method: 'POST', url: '/api/v1/notifications/read', headers: u.auth });
    expect(all.json()).toEqual({ unreadCount: 0 });
    const paged = (await api(u, 'GET', '/api/v1/notifications?limit=2')).json();
    expect(paged.items).toHaveLength(2);
    const rest = (await api(u, 'GET', `/api/v1/notifications?limit=2&cursor=${paged.nextCursor}`)).json();
    expect(rest).toMatchObject({ items: [expect.objectContaining({ type: 'wallet.deposit_paid' })], nextCursor: null });
    expect((await api(u, 'GET', '/api/v1/notifications?cursor=abc')).statusCode).toBe(400);
  });

  it('send mail per topic as the user chose; in-app ones always', async () => {
    const v = await signedUpUser(t, 'quiet');
    expect((await api(v, 'GET', '/api/v1/notification-settings')).json()).toEqual({
      messages: true,
      orders: true,
      services: true,
      wallet: true,
      works: true,
      community: true,
    });
    const mailsTo = () => t.mails.filter((m) => m.to === v.email && m.subject.includes('رصيدك')).length;
    await topUp(t, v, 1000);
    await t.deps.outbox.drain(new Date('9999-01-01'));
    expect(mailsTo()).toBe(1);

    // Off through the settings page (the form keeps the others on).
    const b = await browserOf(v);
    await b.get('/settings/notifications');
    const saved = await b.post('/settings/notifications', {
      mail_messages: '1',
      mail_orders: '1',
      mail_services: '1',
      mail_works: '1',
      mail_community: '1',
    });
    expect(saved.statusCode).toBe(303);
    expect((await api(v, 'GET', '/api/v1/notification-settings')).json()).toEqual({
      messages: true,
      orders: true,
      services: true,
      wallet: false,
      works: true,
      community: true,
    });
    await topUp(t, v, 1000);
    await t.deps.outbox.drain(new Date('9999-01-01'));
    expect(mailsTo()).toBe(1);
    expect((await api(v, 'GET', '/api/v1/notifications')).json().unreadCount).toBe(2);

    const put = await api(v, 'PUT', '/api/v1/notification-settings', { wallet: true });
    expect(put.json()).toEqual({ messages: true, orders: true, services: true, wallet: true, works: true, community: true });
    expect((await api(v, 'PUT', '/api/v1/notification-settings', { nonsense: true })).statusCode).toBe(400);
  });

  it('mails "new message" once per unread streak, and not at all when switched off', async () => {
    const from = await signedUpUser(t, 'sender');
    const to = await signedUpUser(t, 'reader');
    const mailsTo = () => t.mails.filter((m) => m.to === to.email && m.subject.includes(from.username)).length;
    const r = await api(from, 'POST', '/api/v1/conversations', { withUsername: to.username, body: 'السلام عليكم' });
    const id = r.json().conversationId;
    await api(from, 'POST', `/api/v1/conversations/${id}/messages`, { body: 'هل أنت متاح؟' });
    await t.deps.outbox.drain(new Date('9999-01-01'));
    expect(mailsTo()).toBe(1);
    const mail = t.mails.filter((m) => m.to === to.email).at(-1);
    expect(mail?.text).toContain(`http://kafiil.test/messages/${id}`);
    expect(mail?.text).not.toContain('هل أنت متاح؟');
    // Read, then a new message: a new mail.
    await api(to, 'POST', `/api/v1/conversations/${id}/read`);
    await api(from, 'POST', `/api/v1/conversations/${id}/messages`, { body: 'تذكير' });
    await t.deps.outbox.drain(new Date('9999-01-01'));
    expect(mailsTo()).toBe(2);
    // Switched off.
    await api(to, 'POST', `/api/v1/conversations/${id}/read`);
    await api(to, 'PUT', '/api/v1/notification-settings', { messages: false });
    await api(from, 'POST', `/api/v1/conversations/${id}/messages`, { body: 'مرة أخرى' });
    await t.deps.outbox.drain(new Date('9999-01-01'));
    expect(mailsTo()).toBe(2);
  });
});

describe('the outbox', () => {
  it('sends a mail once even when the sender crashes between sending it and recording it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kafiil-mail-'));
    const real = createMailer({ smtpUrl: null, dir, from: 'Kafiil <no-reply@kafiil.test>' });
    let crashes = 1;
    // Sends for real, then dies before the outbox can mark the row done (as a process killed at that point).
    const crashing = {
      kind: real.kind,
      async send(m: Parameters<typeof real.send>[0]) {
        await real.send(m);
        if (crashes-- > 0) throw new Error('killed after sending');
      },
    };
    await t.deps.db.transaction(async (tx) => {
      await enqueue(tx, { kind: 'mail', payload: { to: 'once@kafiil.test', subject: 'مرة واحدة', text: 'نص' } });
    });
    const drainer = createOutboxDrainer(t.deps.db, crashing, () => {});
    expect(await drainer.drain(new Date('9999-01-01'))).toMatchObject({ failed: 1 });
    // The next sweep (after the retry's backoff) finds the row still due and sends it again, under the same Message-ID.
    expect(await drainer.drain(new Date('9999-01-02'))).toMatchObject({ delivered: 1, failed: 0 });
    expect(await drainer.drain(new Date('9999-01-03'))).toMatchObject({ delivered: 0, failed: 0 });
    const files = fs.readdirSync(dir).filter((f) => f.startsWith('once@kafiil.test'));
    expect(files).toHaveLength(1);
    const eml = fs.readFileSync(path.join(dir, files[0]), 'utf8');
    expect(eml).toMatch(/^Message-ID: <outbox-\d+\.\d+@kafiil>$/m);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('the settings page', () => {
  it('shows the mail topics and the blocked users, with unblock', async () => {
    const x = await signedUpUser(t, 'blocker');
    const y = await signedUpUser(t, 'blocked');
    await api(x, 'PUT', `/api/v1/blocks/${y.username}`);
    const b = await browserOf(x);
    const page = await b.get('/settings/notifications');
    expect(page.body).toContain('الإيداعات والسحوبات');
    expect(page.body).toContain(`@${y.username}`);
    const un = await b.post(`/settings/blocks/${y.username}/remove`, {});
    expect(un.statusCode).toBe(303);
    const after = await b.get('/settings/notifications');
    expect(after.body).not.toContain(`@${y.username}`);
    expect(testId(after.body, 'user-menu')).toBeTruthy();
  });
});
