import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, multipart, PageClient, postMultipart, signedUpUser, staffUser, type TestApp, testId } from '../../../test/helpers.ts';
import { queryRows } from '../../platform/db/index.ts';

type User = Awaited<ReturnType<typeof signedUpUser>>;
let t: TestApp;
let buyer: User;
let seller: User;
let outsider: User;
let mod: User;

const api = (u: { auth: Record<string, string> } | null, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: { ...(u?.auth ?? {}), 'accept-language': 'en' }, payload: payload as object });

async function upload(u: User, name: string, bytes: Buffer, type = 'application/pdf') {
  const m = multipart([
    { name: 'purpose', value: 'attachment' },
    { name: 'file', filename: name, type, bytes },
  ]);
  const r = await t.app.inject({
    method: 'POST',
    url: '/api/v1/files',
    headers: { ...u.auth, 'content-type': m.contentType },
    payload: m.payload,
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json() as { id: number; name: string; size: number; type: string };
}

async function browserOf(u: User) {
  const b = new PageClient(t.app);
  await b.get('/login');
  const r = await b.post('/login', { login: u.username, password: u.password });
  expect(r.statusCode).toBe(303);
  return b;
}

const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

beforeAll(async () => {
  t = await makeTestApp();
  buyer = await signedUpUser(t, 'buyer');
  seller = await signedUpUser(t, 'seller');
  outsider = await signedUpUser(t, 'outsider');
  mod = await staffUser(t, ['moderator'], 'mod');
});
afterAll(async () => {
  await t.close();
});

describe('conversations through the API', () => {
  let conversationId: number;

  it('opens a direct conversation with the first message, and reuses it for the next', async () => {
    const r = await api(buyer, 'POST', '/api/v1/conversations', { withUsername: seller.username, body: 'مرحبا، هل تصمم شعارًا بالعربية؟' });
    expect(r.statusCode, r.body).toBe(201);
    const first = r.json();
    conversationId = first.conversationId;
    expect(first.message).toMatchObject({
      body: 'مرحبا، هل تصمم شعارًا بالعربية؟',
      sender: { username: buyer.username },
      files: [],
      removed: false,
    });
    const again = await api(buyer, 'POST', '/api/v1/conversations', {
      withUsername: `@${seller.username.toUpperCase()}`,
      body: 'وأيضًا بطاقات؟',
    });
    expect(again.statusCode).toBe(201);
    expect(again.json().conversationId).toBe(conversationId);
    // The seller writing first to the buyer lands in the same conversation too.
    const back = await api(seller, 'POST', '/api/v1/conversations', { withUsername: buyer.username, body: 'نعم بكل سرور' });
    expect(back.json().conversationId).toBe(conversationId);
  });

  it('lists the inbox with the other party, the last message and the unread count', async () => {
    // The seller answered last (which reads what came before); the buyer has one unread.
    const s = (await api(seller, 'GET', '/api/v1/conversations')).json();
    expect(s.items).toEqual([
      expect.objectContaining({
        id: conversationId,
        kind: 'direct',
        with: { username: buyer.username, displayName: expect.any(String) },
        lastMessage: expect.objectContaining({ body: 'نعم بكل سرور' }),
        unreadCount: 0,
      }),
    ]);
    expect((await api(buyer, 'GET', '/api/v1/conversations')).json().items[0].unreadCount).toBe(1);
    expect((await api(outsider, 'GET', '/api/v1/conversations')).json()).toEqual({ items: [], nextCursor: null });
  });

  it('shows the thread to its participants only, with read receipts after a mark-read', async () => {
    const thread = await api(seller, 'GET', `/api/v1/conversations/${conversationId}/messages`);
    expect(thread.statusCode).toBe(200);
    const body = thread.json();
    expect(body.items.map((m: { body: string }) => m.body)).toEqual(['مرحبا، هل تصمم شعارًا بالعربية؟', 'وأيضًا بطاقات؟', 'نعم بكل سرور']);
    const lastId = body.items[2].id;
    const buyerRead = body.readers.find((r: { username: string }) => r.username === buyer.username);
    expect(buyerRead.lastReadMessageId).toBeLessThan(lastId);

    const read = await api(buyer, 'POST', `/api/v1/conversations/${conversationId}/read`);
    expect(read.json()).toEqual({ lastReadMessageId: lastId });
    const after = (await api(seller, 'GET', `/api/v1/conversations/${conversationId}/messages`)).json();
    expect(after.readers.find((r: { username: string }) => r.username === buyer.username).lastReadMessageId).toBe(lastId);
    expect((await api(buyer, 'GET', '/api/v1/conversations')).json().items[0].unreadCount).toBe(0);

    for (const who of [outsider, mod]) {
      const r = await api(who, 'GET', `/api/v1/conversations/${conversationId}/messages`);
      expect(r.statusCode).toBe(404);
      expect(r.json().code).toBe('messaging.not_found');
      const w = await api(who, 'POST', `/api/v1/conversations/${conversationId}/messages`, { body: 'أنا هنا' });
      expect(w.statusCode).toBe(404);
    }
    expect((await api(null, 'GET', `/api/v1/conversations/${conversationId}/messages`)).statusCode).toBe(401);
  });

  it('pages the thread backwards and gives the messages after one (catching up after a live event)', async () => {
    const newest = (await api(buyer, 'GET', `/api/v1/conversations/${conversationId}/messages?limit=2`)).json();
    expect(newest.items.map((m: { body: string }) => m.body)).toEqual(['وأيضًا بطاقات؟', 'نعم بكل سرور']);
    const older = (await api(buyer, 'GET', `/api/v1/conversations/${conversationId}/messages?limit=2&cursor=${newest.nextCursor}`)).json();
    expect(older.items.map((m: { body: string }) => m.body)).toEqual(['مرحبا، هل تصمم شعارًا بالعربية؟']);
    expect(older.nextCursor).toBeNull();
    const after = (await api(buyer, 'GET', `/api/v1/conversations/${conversationId}/messages?after=${older.items[0].id}`)).json();
    expect(after.items).toHaveLength(2);
  });

  it('refuses empty, over-long and misaddressed messages with clear codes', async () => {
    const empty = await api(buyer, 'POST', `/api/v1/conversations/${conversationId}/messages`, { body: '   \n ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'body', code: 'messaging.body_required' })]),
    );
    const long = await api(buyer, 'POST', `/api/v1/conversations/${conversationId}/messages`, { body: 'ب'.repeat(5001) });
    expect(long.statusCode).toBe(400);
    expect(long.json().errors[0]).toMatchObject({ field: 'body', code: 'messaging.body_too_long' });
    expect(long.json().errors[0].message).toMatch(/5,?000/);
    // Contact details are refused, naming what was found (here a phone number in Arabic-Indic digits).
    const phone = await api(buyer, 'POST', `/api/v1/conversations/${conversationId}/messages`, { body: 'كلمني على ٠٥٠ ١٢٣ ٤٥٦٧ أسرع' });
    expect(phone.statusCode).toBe(400);
    expect(phone.json().errors[0]).toMatchObject({ field: 'body', code: 'trust.contact_info' });
    expect(phone.json().errors[0].message).toContain('٠٥٠ ١٢٣ ٤٥٦٧');
    const exactly = await api(buyer, 'POST', `/api/v1/conversations/${conversationId}/messages`, { body: 'ب'.repeat(5000) });
    expect(exactly.statusCode).toBe(201);
    const self = await api(buyer, 'POST', '/api/v1/conversations', { withUsername: buyer.username, body: 'مرحبا' });
    expect(self.json().code).toBe('messaging.self');
    const nobody = await api(buyer, 'POST', '/api/v1/conversations', { withUsername: 'no_such_user_here', body: 'مرحبا' });
    expect(nobody.statusCode).toBe(404);
    expect(nobody.json().code).toBe('messaging.user_not_found');
    // No conversation can have that id: the address names nothing (404), as an unknown id.
    expect((await api(buyer, 'GET', '/api/v1/conversations/abc/messages')).statusCode).toBe(404);
  });

  it('sends attachments that only the participants (and audited staff) can download', async () => {
    const f = await upload(buyer, 'الكراسة.pdf', pdf);
    const sent = await api(buyer, 'POST', `/api/v1/conversations/${conversationId}/messages`, { body: '', fileIds: [f.id] });
    expect(sent.statusCode, sent.body).toBe(201);
    expect(sent.json().message.files).toEqual([{ id: f.id, name: 'الكراسة.pdf', size: pdf.length, type: 'application/pdf' }]);

    const got = await api(seller, 'GET', `/api/v1/attachments/${f.id}`);
    expect(got.statusCode).toBe(200);
    expect(got.rawPayload.equals(pdf)).toBe(true);
    expect(got.headers['content-type']).toBe('application/octet-stream');
    expect(got.headers['content-disposition']).toMatch(/^attachment; .*filename\*=UTF-8''%D8%A7%D9%84/);
    expect(got.headers['x-content-type-options']).toBe('nosniff');
    expect((await api(outsider, 'GET', `/api/v1/attachments/${f.id}`)).statusCode).toBe(404);

    const before = await queryRows<{ n: number }>(
      t.deps.db,
      sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'file.read' AND target_id = ${String(f.id)}`,
    );
    expect((await api(mod, 'GET', `/api/v1/attachments/${f.id}`)).statusCode).toBe(200);
    const afterRows = await queryRows<{ n: number; actor_id: number }>(
      t.deps.db,
      sql`SELECT count(*)::int AS n, max(actor_id) AS actor_id FROM audit_log WHERE action = 'file.read' AND target_id = ${String(f.id)}`,
    );
    expect(afterRows[0].n).toBe(before[0].n + 1);
    expect(afterRows[0].actor_id).toBe(mod.id);

    // Someone else's upload cannot be attached.
    const theirs = await upload(outsider, 'x.pdf', pdf);
    const stolen = await api(buyer, 'POST', `/api/v1/conversations/${conversationId}/messages`, { body: 'انظر', fileIds: [theirs.id] });
    expect(stolen.statusCode).toBe(400);
    expect(stolen.json().errors[0]).toMatchObject({ field: 'files', code: 'messaging.file_invalid' });
    expect((await api(buyer, 'GET', `/api/v1/attachments/${theirs.id}`)).statusCode).toBe(404);
  });

  it('lets a user block another: the blocked one cannot write, until unblocked', async () => {
    expect((await api(seller, 'PUT', `/api/v1/blocks/${buyer.username}`)).statusCode).toBe(204);
    const refused = await api(buyer, 'POST', `/api/v1/conversations/${conversationId}/messages`, { body: 'هل وصلتك؟' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'messaging.blocked', title: 'You cannot message this user: they blocked you.' });
    const fresh = await api(buyer, 'POST', '/api/v1/conversations', { withUsername: seller.username, body: 'مرحبا مجددًا' });
    expect(fresh.json().code).toBe('messaging.blocked');
    // The blocker is told to unblock first.
    const own = await api(seller, 'POST', `/api/v1/conversations/${conversationId}/messages`, { body: 'مرحبا' });
    expect(own.json().code).toBe('messaging.you_blocked');
    expect((await api(seller, 'DELETE', `/api/v1/blocks/${buyer.username}`)).statusCode).toBe(204);
    expect((await api(buyer, 'POST', `/api/v1/conversations/${conversationId}/messages`, { body: 'هل وصلتك؟' })).statusCode).toBe(201);
  });

  it('rate-limits floods of messages', async () => {
    const a = await signedUpUser(t, 'flood');
    const r0 = await api(a, 'POST', '/api/v1/conversations', { withUsername: outsider.username, body: 'رسالة 0' });
    const id = r0.json().conversationId;
    const codes: number[] = [];
    for (let i = 1; i <= 31; i++)
      codes.push((await api(a, 'POST', `/api/v1/conversations/${id}/messages`, { body: `رسالة ${i}` })).statusCode);
    expect(codes.slice(0, 29).every((c) => c === 201)).toBe(true);
    expect(codes.slice(29)).toEqual([429, 429]);
    t.clock.advance(61_000);
    expect((await api(a, 'POST', `/api/v1/conversations/${id}/messages`, { body: 'بعد دقيقة' })).statusCode).toBe(201);
  });
});

describe('staff reading a conversation', () => {
  it('is closed to users, needs a reason, and every reading is written to the audit log', async () => {
    const c = (await api(buyer, 'GET', '/api/v1/conversations')).json().items[0];
    const user = await browserOf(outsider);
    expect((await user.get(`/admin/conversations/${c.id}`)).statusCode).toBe(403);

    const staff = await browserOf(mod);
    const list = await staff.get(`/admin/conversations?user=${buyer.username}`);
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(`/admin/conversations/${c.id}`);
    const gate = await staff.get(`/admin/conversations/${c.id}`);
    expect(gate.body).not.toContain('نعم بكل سرور');
    const noReason = await staff.post(`/admin/conversations/${c.id}`, { reason: ' ' });
    expect(noReason.statusCode).toBe(400);
    expect(testId(noReason.body, 'error-reason')).toContain('سبب');
    const opened = await staff.post(`/admin/conversations/${c.id}`, { reason: 'بلاغ عن تبادل وسائل تواصل' });
    expect(opened.statusCode).toBe(200);
    expect(opened.body).toContain('نعم بكل سرور');
    const rows = await queryRows<{ actor_id: number; data: { reason: string } }>(
      t.deps.db,
      sql`SELECT actor_id, data FROM audit_log WHERE action = 'conversation.read' AND target_id = ${String(c.id)}`,
    );
    expect(rows).toEqual([{ actor_id: mod.id, data: { reason: 'بلاغ عن تبادل وسائل تواصل' } }]);
  });
});

describe('the messages pages', () => {
  it('writes to a seller from the "contact" page, then keeps the conversation in the inbox and thread', async () => {
    const b = await browserOf(outsider);
    const form = await b.get(`/messages/new?to=${seller.username}`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('name="body"');
    const sent = await postMultipart(b, t.app, `/messages/new?to=${seller.username}`, [
      { name: 'body', value: 'هل يمكنك تسليم الشعار خلال يومين؟' },
      { name: 'files', filename: 'brief.pdf', type: 'application/pdf', bytes: pdf },
    ]);
    expect(sent.statusCode, sent.body.slice(0, 300)).toBe(303);
    const threadPath = String(sent.headers.location);
    expect(threadPath).toMatch(/^\/messages\/\d+$/);
    const thread = await b.get(threadPath);
    expect(thread.body).toContain('هل يمكنك تسليم الشعار خلال يومين؟');
    expect(thread.body).toContain('brief.pdf');
    expect(thread.body).toContain('data-receipt="sent"');
    // Asking again goes straight to the existing conversation.
    const again = await b.get(`/messages/new?to=${seller.username}`);
    expect(again.headers.location).toBe(threadPath);

    const s = await browserOf(seller);
    const inbox = await s.get('/messages');
    expect(inbox.body).toContain(threadPath);
    expect(testId(inbox.body, 'inbox-link')).toBeDefined();
    const badge = (html: string) => Number(/data-badge="messages"[^>]*>(\d+)</.exec(html)?.[1]);
    const unreadBefore = badge(inbox.body);
    expect(unreadBefore).toBeGreaterThan(0);
    const opened = await s.get(threadPath);
    // Opening it read it: the header's count is already down on this page.
    expect(badge(opened.body)).toBe(unreadBefore - 1);
    const link = /href="(\/messages\/files\/\d+)"/.exec(opened.body)?.[1];
    expect(link).toBeTruthy();
    expect((await s.get(link as string)).statusCode).toBe(200);
    // The seller opened the thread: the buyer now sees "seen".
    expect((await b.get(threadPath)).body).toContain('data-receipt="seen"');
    // English, under /en.
    const en = await s.get(`/en${threadPath}`);
    expect(en.body).toContain('lang="en"');
    expect(en.body).toContain('Send');
  });

  it('keeps the text typed when a message is refused, and leaves no stored file behind', async () => {
    const b = await browserOf(outsider);
    const c = (await api(outsider, 'GET', '/api/v1/conversations')).json().items[0];
    await b.get(`/messages/${c.id}`);
    const filesBefore = await queryRows<{ n: number }>(
      t.deps.db,
      sql`SELECT count(*)::int AS n FROM files WHERE owner_id = ${outsider.id}`,
    );
    const long = 'نص طويل '.repeat(700);
    const r = await postMultipart(b, t.app, `/messages/${c.id}`, [
      { name: 'body', value: long },
      { name: 'files', filename: 'a.pdf', type: 'application/pdf', bytes: pdf },
    ]);
    expect(r.statusCode).toBe(400);
    expect(r.body).toContain(long.trim().slice(0, 200));
    expect(testId(r.body, 'error-body')).toMatch(/5,?000/);
    const filesAfter = await queryRows<{ n: number }>(t.deps.db, sql`SELECT count(*)::int AS n FROM files WHERE owner_id = ${outsider.id}`);
    expect(filesAfter[0].n).toBe(filesBefore[0].n);

    const exe = await postMultipart(b, t.app, `/messages/${c.id}`, [
      { name: 'body', value: 'البرنامج المطلوب' },
      { name: 'files', filename: 'setup.exe', type: 'application/octet-stream', bytes: Buffer.from('MZ\x90\x00rest') },
    ]);
    expect(exe.statusCode).toBe(400);
    expect(exe.body).toContain('البرنامج المطلوب');
    expect(testId(exe.body, 'error-body')).toBeTruthy();

    const noCsrf = await postMultipart(
      Object.assign(new PageClient(t.app), { cookies: b.cookies, csrf: 'wrong' }),
      t.app,
      `/messages/${c.id}`,
      [{ name: 'body', value: 'بدون رمز' }],
    );
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.body).toContain('بدون رمز');
  });

  it('offers "contact me" on a profile (not on one’s own), through sign-in for visitors', async () => {
    const visitor = await t.app.inject({ method: 'GET', url: `/u/${seller.username}` });
    const href = /href="([^"]+)"[^>]*data-testid="contact-user"/.exec(visitor.body)?.[1];
    expect(href).toBe(`/messages/new?to=${seller.username}`);
    const gate = await t.app.inject({ method: 'GET', url: href as string });
    expect(gate.headers.location).toBe(`/login?next=${encodeURIComponent(href as string)}`);
    const own = await (await browserOf(seller)).get(`/u/${seller.username}`);
    expect(own.body).not.toContain('data-testid="contact-user"');
  });

  it('sends a page visitor who is not signed in to the sign-in page', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/messages' });
    expect(r.statusCode).toBe(303);
    expect(r.headers.location).toBe('/login?next=%2Fmessages');
  });
});
