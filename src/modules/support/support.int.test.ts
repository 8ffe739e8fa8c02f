import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  fundedUser,
  inputValue,
  makeTestApp,
  multipart,
  PageClient,
  postMultipart,
  publishedService,
  signedUpUser,
  staffUser,
  type TestApp,
  testId,
} from '../../../test/helpers.ts';
import { queryRows } from '../../platform/db/index.ts';

type User = Awaited<ReturnType<typeof signedUpUser>>;
let t: TestApp;
let buyer: User;
let seller: User;
let outsider: User;
let agent: User;
let mod: User;
let orderId: number;

const api = (u: { auth: Record<string, string> } | null, method: 'GET' | 'POST', url: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: { ...(u?.auth ?? {}), 'accept-language': 'en' }, payload: payload as object });

const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

async function upload(u: User, name: string) {
  const m = multipart([
    { name: 'purpose', value: 'attachment' },
    { name: 'file', filename: name, type: 'application/pdf', bytes: pdf },
  ]);
  const r = await t.app.inject({
    method: 'POST',
    url: '/api/v1/files',
    headers: { ...u.auth, 'content-type': m.contentType },
    payload: m.payload,
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json() as { id: number };
}

async function browserOf(u: User) {
  const b = new PageClient(t.app);
  await b.get('/login');
  const r = await b.post('/login', { login: u.username, password: u.password });
  expect(r.statusCode).toBe(303);
  return b;
}

const valid = { category: 'technical', subject: 'الصفحة لا تفتح', body: 'عند فتح صفحة الطلبات تظهر رسالة خطأ منذ الصباح.' };

async function fileTicket(u: User, over: Record<string, unknown> = {}) {
  const r = await api(u, 'POST', '/api/v1/tickets', { ...valid, ...over });
  expect(r.statusCode, r.body).toBe(201);
  return r.json() as { id: number; status: string };
}

const auditRows = (action: string, targetId: number) =>
  queryRows<{ actor_id: number; target_type: string }>(
    t.deps.db,
    sql`SELECT actor_id, target_type FROM audit_log WHERE action = ${action} AND target_id = ${String(targetId)} ORDER BY id`,
  );

const fileCount = async (userId: number) =>
  (await queryRows<{ n: number }>(t.deps.db, sql`SELECT count(*)::int AS n FROM files WHERE owner_id = ${userId}`))[0].n;

beforeAll(async () => {
  t = await makeTestApp();
  seller = await signedUpUser(t, 'seller');
  buyer = await fundedUser(t, 5000);
  outsider = await signedUpUser(t, 'outsider');
  agent = await staffUser(t, ['support'], 'agent');
  mod = await staffUser(t, ['moderator'], 'mod');
  const svc = await publishedService(t, seller, mod);
  const o = await t.app.inject({
    method: 'POST',
    url: '/api/v1/orders',
    headers: { ...buyer.auth, 'idempotency-key': 'support-test-order' },
    payload: { serviceId: svc.id },
  });
  expect(o.statusCode, o.body).toBe(201);
  orderId = o.json().id;
});
afterAll(async () => {
  await t.close();
});

describe('filing a complaint through the API', () => {
  it('files one linked to an order of the buyer or the seller, and lists it', async () => {
    const f = await upload(buyer, 'screenshot.pdf');
    const r = await fileTicket(buyer, { category: 'order', orderId, fileIds: [f.id] });
    expect(r.status).toBe('open');
    const got = (await api(buyer, 'GET', `/api/v1/tickets/${r.id}`)).json();
    expect(got).toMatchObject({
      id: r.id,
      category: 'order',
      subject: valid.subject,
      status: 'open',
      priority: 0,
      orderId,
      sanctionId: null,
      user: { id: buyer.id, username: buyer.username },
      closedAt: null,
    });
    expect(got.messages).toEqual([
      expect.objectContaining({
        staff: false,
        body: valid.body,
        files: [{ id: f.id, name: 'screenshot.pdf', size: pdf.length, type: 'application/pdf' }],
      }),
    ]);
    // The seller of the same order may complain about it too.
    expect((await fileTicket(seller, { category: 'order', orderId })).status).toBe('open');
    const list = (await api(buyer, 'GET', '/api/v1/tickets')).json();
    expect(list.items.map((i: { id: number }) => i.id)).toContain(r.id);
    expect(list.items.every((i: { user: { id: number } }) => i.user.id === buyer.id)).toBe(true);
    expect((await api(outsider, 'GET', '/api/v1/tickets')).json()).toEqual({ items: [], nextCursor: null });
    expect((await api(null, 'GET', '/api/v1/tickets')).statusCode).toBe(401);
  });

  it('refuses an order the user is not part of, and files that are not theirs', async () => {
    const r = await api(outsider, 'POST', '/api/v1/tickets', { ...valid, orderId });
    expect(r.statusCode).toBe(400);
    expect(r.json().errors).toEqual([expect.objectContaining({ field: 'orderId', code: 'support.order_invalid' })]);
    const none = await api(outsider, 'POST', '/api/v1/tickets', { ...valid, orderId: 987654 });
    expect(none.json().errors[0].code).toBe('support.order_invalid');
    const theirs = await upload(buyer, 'not-yours.pdf');
    const stolen = await api(outsider, 'POST', '/api/v1/tickets', { ...valid, fileIds: [theirs.id] });
    expect(stolen.statusCode).toBe(400);
    expect(stolen.json().errors[0]).toMatchObject({ field: 'files', code: 'support.file_invalid' });
    expect((await api(outsider, 'GET', '/api/v1/tickets')).json().items).toEqual([]);
  });

  it('checks the lengths and the category with translated messages', async () => {
    const r = await api(outsider, 'POST', '/api/v1/tickets', { category: 'other', subject: 'قصير', body: 'قصير جدًا' });
    expect(r.statusCode).toBe(400);
    const errors = r.json().errors as { field: string; code: string; message: string }[];
    expect(errors.map((e) => [e.field, e.code])).toEqual([
      ['subject', 'support.subject_length'],
      ['body', 'support.body_length'],
    ]);
    expect(errors[0].message).toBe('Write a subject of 5 to 120 characters.');
    expect((await api(outsider, 'POST', '/api/v1/tickets', { ...valid, subject: 'ب'.repeat(121) })).statusCode).toBe(400);
    expect((await api(outsider, 'POST', '/api/v1/tickets', { ...valid, body: 'ب'.repeat(5001) })).statusCode).toBe(400);
    expect((await api(outsider, 'POST', '/api/v1/tickets', { ...valid, category: 'refund_me' })).statusCode).toBe(400);
    const many = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => upload(outsider, `${n}.pdf`)));
    const six = await api(outsider, 'POST', '/api/v1/tickets', { ...valid, fileIds: many.map((f) => f.id) });
    expect(six.json().errors[0]).toMatchObject({ field: 'files', code: 'support.too_many_files' });
    expect((await api(outsider, 'GET', '/api/v1/tickets')).json().items).toEqual([]);
  });

  it('refuses contact details in the subject or the message, naming them, and records the attempt', async () => {
    const u = await signedUpUser(t, 'leaky');
    const r = await api(u, 'POST', '/api/v1/tickets', { ...valid, body: 'رجاء كلمني على ٠٥٠ ١٢٣ ٤٥٦٧ بسرعة لو سمحت' });
    expect(r.statusCode).toBe(400);
    expect(r.json().errors[0]).toMatchObject({ field: 'body', code: 'trust.contact_info' });
    expect(r.json().errors[0].message).toContain('٠٥٠ ١٢٣ ٤٥٦٧');
    const s = await api(u, 'POST', '/api/v1/tickets', { ...valid, subject: 'راسلني a.b@example.com' });
    expect(s.json().errors[0]).toMatchObject({ field: 'subject', code: 'trust.contact_info' });
    const attempts = await t.services.trust.attemptsOf(u.id);
    expect(attempts.map((a) => a.context)).toEqual(['ticket', 'ticket']);
    expect(attempts[1].found).toEqual([expect.objectContaining({ text: 'a.b@example.com' })]);
    expect((await api(u, 'GET', '/api/v1/tickets')).json().items).toEqual([]);
    // Replies are checked the same way.
    const ok = await fileTicket(u);
    const reply = await api(u, 'POST', `/api/v1/tickets/${ok.id}/messages`, { body: 'واتساب 0501234567' });
    expect(reply.json().errors[0]).toMatchObject({ field: 'body', code: 'trust.contact_info' });
    expect((await t.services.trust.attemptsOf(u.id)).length).toBe(3);
  });

  it('takes an appeal only of the user’s own sanction or warning', async () => {
    const u = await signedUpUser(t, 'appellant');
    // A warning (a moderator's decision on a report of the user's profile) and someone else's sanction.
    const modActor = (await t.services.accounts.resolveSession(mod.token, 'api'))!;
    await t.services.moderation.report((await t.services.accounts.resolveSession(outsider.token, 'api'))!, {
      targetType: 'user',
      targetId: u.id,
      reason: 'contact_info',
    });
    await t.services.moderation.decide(
      modActor,
      { targetType: 'user', targetId: u.id, decision: 'warn', reason: 'تبادل وسائل تواصل مع المشترين' },
      null,
    );
    const [own] = await t.services.moderation.sanctionsOf(u.id);
    const other = await t.services.moderation.sanction(modActor, outsider.id, { scopes: ['selling'], reason: 'احتيال على المشترين' }, null);
    const appeal = { ...valid, category: 'appeal', subject: 'تظلم من التحذير', body: 'لم أشارك أي وسيلة تواصل، كان رقم الطلب فقط.' };
    const missing = await api(u, 'POST', '/api/v1/tickets', appeal);
    expect(missing.json().errors[0]).toMatchObject({ field: 'sanctionId', code: 'support.sanction_required' });
    const notMine = await api(u, 'POST', '/api/v1/tickets', { ...appeal, sanctionId: other.id });
    expect(notMine.json().errors[0]).toMatchObject({ field: 'sanctionId', code: 'support.sanction_invalid' });
    const r = await fileTicket(u, { ...appeal, sanctionId: own.id });
    expect((await api(u, 'GET', `/api/v1/tickets/${r.id}`)).json()).toMatchObject({ category: 'appeal', sanctionId: own.id });

    // The page: the appeal link shows the sanction appealed and carries it into the form.
    const b = await browserOf(u);
    const form = await b.get(`/support/new?category=appeal&sanction=${own.id}`);
    expect(testId(form.body, 'appeal-of')).toContain('تبادل وسائل تواصل');
    expect(inputValue(form.body, 'sanction')).toBe(String(own.id));
    expect(form.body).toMatch(/<option value="appeal" selected/);
    const theirs = await b.get(`/support/new?category=appeal&sanction=${other.id}`);
    expect(theirs.body).not.toContain('احتيال');
  });
});

describe('the thread both ways', () => {
  it('moves open → answered → open → closed → open, notifying the user when support answers', async () => {
    const u = await signedUpUser(t, 'asker');
    const { id } = await fileTicket(u);
    const a = await api(agent, 'POST', `/api/v1/tickets/${id}/messages`, { body: 'جرّب مسح ذاكرة المتصفح ثم أخبرنا.' });
    expect(a.statusCode, a.body).toBe(201);
    expect(a.json()).toMatchObject({ id, status: 'answered', message: { staff: true } });
    // The user is told in-app and by mail, with the link to the ticket.
    const n = (await api(u, 'GET', '/api/v1/notifications')).json();
    expect(n.items[0]).toMatchObject({ type: 'ticket.answered', url: `/support/${id}` });
    const mail = await t.mailTo(u.email);
    expect(mail.text).toContain(`/support/${id}`);
    // Support's names are not shown to the user.
    const seen = (await api(u, 'GET', `/api/v1/tickets/${id}`)).json();
    expect(seen.status).toBe('answered');
    expect(seen.messages[1]).toMatchObject({ staff: true, author: null });

    const back = await api(u, 'POST', `/api/v1/tickets/${id}/messages`, { body: 'ما زالت المشكلة قائمة' });
    expect(back.json()).toMatchObject({ status: 'open', message: { staff: false } });
    const closed = await api(agent, 'POST', `/api/v1/tickets/${id}/close`);
    expect(closed.json()).toEqual({ id, status: 'closed' });
    expect((await api(u, 'GET', `/api/v1/tickets/${id}`)).json().closedAt).toEqual(expect.any(String));
    // Support cannot write in a closed ticket; its owner re-opens it by replying.
    const late = await api(agent, 'POST', `/api/v1/tickets/${id}/messages`, { body: 'ملاحظة أخيرة' });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('support.ticket_closed');
    const reopened = await api(u, 'POST', `/api/v1/tickets/${id}/messages`, { body: 'عادت المشكلة' });
    expect(reopened.json().status).toBe('open');
    expect((await api(u, 'GET', `/api/v1/tickets/${id}`)).json()).toMatchObject({ status: 'open', closedAt: null });
    expect((await api(u, 'POST', `/api/v1/tickets/${id}/close`)).json()).toEqual({ id, status: 'closed' });
    expect((await api(u, 'POST', `/api/v1/tickets/${id}/close`)).json()).toEqual({ id, status: 'closed' });
    // Every staff step on the ticket is in the audit log.
    expect((await auditRows('ticket.reply', id)).map((r) => r.actor_id)).toEqual([agent.id]);
    expect((await auditRows('ticket.close', id)).map((r) => r.actor_id)).toEqual([agent.id]);
  });

  it('hides a ticket and its files from everyone but its owner and support (whose reading is audited)', async () => {
    const f = await upload(buyer, 'invoice.pdf');
    const { id } = await fileTicket(buyer, { fileIds: [f.id] });
    for (const who of [outsider, seller, mod]) {
      const r = await api(who, 'GET', `/api/v1/tickets/${id}`);
      expect(r.statusCode).toBe(404);
      expect(r.json().code).toBe('support.not_found');
      expect((await api(who, 'POST', `/api/v1/tickets/${id}/messages`, { body: 'أنا هنا' })).statusCode).toBe(404);
      expect((await api(who, 'POST', `/api/v1/tickets/${id}/close`)).statusCode).toBe(404);
      expect((await api(who, 'GET', `/api/v1/tickets/files/${f.id}`)).statusCode).toBe(404);
    }
    const page = await (await browserOf(outsider)).get(`/support/${id}`);
    expect(page.statusCode).toBe(404);
    expect((await (await browserOf(outsider)).get(`/support/files/${f.id}`)).statusCode).toBe(404);

    const own = await api(buyer, 'GET', `/api/v1/tickets/files/${f.id}`);
    expect(own.statusCode).toBe(200);
    expect(own.rawPayload.equals(pdf)).toBe(true);
    expect(own.headers['content-disposition']).toMatch(/^attachment; /);
    expect(await auditRows('ticket.read', id)).toEqual([]);

    expect((await api(agent, 'GET', `/api/v1/tickets/${id}`)).statusCode).toBe(200);
    const staffPage = await (await browserOf(agent)).get(`/support/${id}`);
    expect(staffPage.statusCode).toBe(200);
    expect(staffPage.body).toContain(valid.body);
    expect(testId(staffPage.body, 'ticket-user')).toContain(buyer.username);
    expect(await auditRows('ticket.read', id)).toEqual([
      { actor_id: agent.id, target_type: 'ticket' },
      { actor_id: agent.id, target_type: 'ticket' },
    ]);
    const before = (await auditRows('file.read', f.id)).length;
    expect((await api(agent, 'GET', `/api/v1/tickets/files/${f.id}`)).statusCode).toBe(200);
    expect((await auditRows('file.read', f.id)).length).toBe(before + 1);

    // A file that is in no ticket is not downloadable here, even by support.
    const loose = await upload(buyer, 'loose.pdf');
    expect((await api(agent, 'GET', `/api/v1/tickets/files/${loose.id}`)).statusCode).toBe(404);
  });
});

describe('the complaint pages', () => {
  it('files from the page with a file, shows the thread, replies and closes', async () => {
    const b = await browserOf(seller);
    const menu = await b.get('/support');
    expect(menu.statusCode).toBe(200);
    expect(menu.body).toContain('href="/support"');
    const form = await b.get('/support/new');
    expect(form.body).toContain('name="subject"');
    const sent = await postMultipart(b, t.app, '/support/new', [
      { name: 'category', value: 'payment' },
      { name: 'subject', value: 'لم يصل السحب' },
      { name: 'body', value: 'طلبت سحبًا قبل أسبوع ولم يصل إلى حسابي البنكي.' },
      { name: 'orderId', value: '' },
      { name: 'sanction', value: '' },
      { name: 'files', filename: 'إيصال.pdf', type: 'application/pdf', bytes: pdf },
    ]);
    expect(sent.statusCode, sent.body.slice(0, 400)).toBe(303);
    const path = String(sent.headers.location);
    expect(path).toMatch(/^\/support\/\d+$/);
    // The one-time notice set by the redirect (postMultipart does not keep cookies: carry it over).
    const flash = (sent.cookies as { name: string; value: string }[]).find((c) => c.name === 'kafiil_flash');
    expect(flash?.value).toBe('support.filed');
    b.cookies.set('kafiil_flash', flash?.value as string);
    const page = await b.get(path);
    expect(page.body).toContain('وصلت شكواك');
    expect(testId(page.body, 'ticket-subject')).toBe('لم يصل السحب');
    expect(testId(page.body, 'ticket-status')).toBe('بانتظار الدعم');
    const link = /href="(\/support\/files\/\d+)"/.exec(page.body)?.[1];
    expect(link).toBeTruthy();
    const file = await b.get(link as string);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-disposition']).toContain("filename*=UTF-8''%D8%A5");

    const list = await b.get('/support');
    expect(list.body).toContain(`href="${path}"`);
    expect(list.body).toContain('data-status="open"');

    // Support answers from the same page, with a file; the user sees it with its status.
    const s = await browserOf(agent);
    await s.get(path);
    const answered = await postMultipart(s, t.app, path, [
      { name: 'body', value: 'تحققنا: السحب في طريقه وسيصل خلال يومين.' },
      { name: 'files', filename: 'transfer.pdf', type: 'application/pdf', bytes: pdf },
    ]);
    expect(answered.statusCode, answered.body.slice(0, 400)).toBe(303);
    const seen = await b.get(path);
    expect(testId(seen.body, 'ticket-status')).toBe('تم الرد');
    expect(seen.body).toContain('فريق الدعم');
    const staffFile = [...seen.body.matchAll(/href="(\/support\/files\/\d+)"/g)].map((m) => m[1])[1];
    expect((await b.get(staffFile)).statusCode).toBe(200);

    const reply = await postMultipart(b, t.app, path, [{ name: 'body', value: 'شكرًا، وصل.' }]);
    expect(reply.statusCode).toBe(303);
    expect(testId((await b.get(path)).body, 'ticket-status')).toBe('بانتظار الدعم');
    const closed = await b.post(`${path}/close`, {});
    expect(closed.statusCode).toBe(303);
    const after = await b.get(path);
    expect(testId(after.body, 'ticket-status')).toBe('مغلقة');
    expect(after.body).toContain('data-testid="ticket-closed"');
    expect(after.body).not.toContain('data-testid="close-ticket"');
    // English too.
    expect((await b.get(`/en${path}`)).body).toContain('Closed');
  });

  it('keeps what was typed on a refusal and leaves no stored file behind', async () => {
    const b = await browserOf(outsider);
    await b.get('/support/new');
    const before = await fileCount(outsider.id);
    const r = await postMultipart(b, t.app, '/support/new', [
      { name: 'category', value: 'order' },
      { name: 'subject', value: 'طلب متأخر جدًا' },
      { name: 'body', value: 'قصير' },
      { name: 'orderId', value: String(orderId) },
      { name: 'files', filename: 'a.pdf', type: 'application/pdf', bytes: pdf },
    ]);
    expect(r.statusCode).toBe(400);
    expect(inputValue(r.body, 'subject')).toBe('طلب متأخر جدًا');
    expect(inputValue(r.body, 'orderId')).toBe(String(orderId));
    expect(r.body).toMatch(/<option value="order" selected/);
    expect(testId(r.body, 'error-body')).toMatch(/^اكتب تفاصيل المشكلة من 10 إلى 5.?000 حرف\.$/);
    expect(await fileCount(outsider.id)).toBe(before);

    // Valid text, but not their order: refused on the order field, text kept, file removed again.
    const notTheirs = await postMultipart(b, t.app, '/support/new', [
      { name: 'category', value: 'order' },
      { name: 'subject', value: 'طلب متأخر جدًا' },
      { name: 'body', value: 'البائع لم يسلم الطلب رغم انتهاء المدة بثلاثة أيام.' },
      { name: 'orderId', value: String(orderId) },
      { name: 'files', filename: 'a.pdf', type: 'application/pdf', bytes: pdf },
    ]);
    expect(notTheirs.statusCode).toBe(400);
    expect(testId(notTheirs.body, 'error-orderId')).toContain('لا يوجد طلب');
    expect(notTheirs.body).toContain('البائع لم يسلم الطلب رغم انتهاء المدة بثلاثة أيام.');
    expect(await fileCount(outsider.id)).toBe(before);

    const noCsrf = await postMultipart(Object.assign(new PageClient(t.app), { cookies: b.cookies, csrf: 'wrong' }), t.app, '/support/new', [
      { name: 'subject', value: 'بدون رمز' },
    ]);
    expect(noCsrf.statusCode).toBe(403);
    expect(inputValue(noCsrf.body, 'subject')).toBe('بدون رمز');
  });

  it('links the complaints from the user menu and the contact page, and sends visitors to sign in', async () => {
    const contact = await t.app.inject({ method: 'GET', url: '/contact' });
    expect(contact.body).toMatch(/href="\/support\/new"[^>]*data-testid="contact-support"/);
    const gate = await t.app.inject({ method: 'GET', url: '/support/new' });
    expect(gate.headers.location).toBe('/login?next=%2Fsupport%2Fnew');
    const home = await (await browserOf(outsider)).get('/');
    expect(home.body).toContain('href="/support"');
    expect(home.body).not.toContain('href="/admin/support"');
    expect((await (await browserOf(agent)).get('/')).body).toContain('href="/admin/support"');
  });
});

describe('support’s queue', () => {
  it('is closed to users and to staff without the support role', async () => {
    for (const who of [outsider, mod]) {
      expect((await (await browserOf(who)).get('/admin/support')).statusCode).toBe(403);
      const r = await api(who, 'GET', '/api/v1/admin/tickets');
      expect(r.statusCode).toBe(403);
      expect(r.json().code).toBe('auth.forbidden');
    }
    expect((await api(null, 'GET', '/api/v1/admin/tickets')).statusCode).toBe(401);
  });

  it('puts level 3 and expert sellers first, then the longest waiting, and refreshes priority on a reply', async () => {
    const plain1 = await signedUpUser(t, 'plainone');
    const star = await signedUpUser(t, 'star');
    const plain2 = await signedUpUser(t, 'plaintwo');
    await t.deps.db.execute(sql`UPDATE users SET seller_level = 'expert' WHERE id = ${star.id}`);
    const a = await fileTicket(plain1);
    t.clock.advance(60_000);
    const b = await fileTicket(star);
    t.clock.advance(60_000);
    const c = await fileTicket(plain2);
    t.clock.advance(60_000);

    const items = (await api(agent, 'GET', '/api/v1/admin/tickets')).json().items as {
      id: number;
      priority: number;
      status: string;
      updatedAt: string;
    }[];
    expect(items.every((i) => i.status === 'open')).toBe(true);
    const mine = items.filter((i) => [a.id, b.id, c.id].includes(i.id)).map((i) => i.id);
    expect(mine).toEqual([b.id, a.id, c.id]);
    // The whole queue: priority first, then oldest activity.
    for (let i = 1; i < items.length; i++) {
      const [p, q] = [items[i - 1], items[i]];
      expect(p.priority > q.priority || (p.priority === q.priority && p.updatedAt <= q.updatedAt)).toBe(true);
    }

    // plain1 becomes a level 3 seller; their next reply moves the ticket up (and its activity to now).
    await t.deps.db.execute(sql`UPDATE users SET seller_level = 'level3' WHERE id = ${plain1.id}`);
    await api(plain1, 'POST', `/api/v1/tickets/${a.id}/messages`, { body: 'أي جديد؟' });
    const again = (await api(agent, 'GET', '/api/v1/admin/tickets')).json().items as { id: number; priority: number }[];
    expect(again.filter((i) => [a.id, b.id, c.id].includes(i.id)).map((i) => i.id)).toEqual([b.id, a.id, c.id]);
    expect(again.find((i) => i.id === a.id)?.priority).toBe(1);

    // Answered ones leave the open queue and show under their status; the page lists the same order.
    await api(agent, 'POST', `/api/v1/tickets/${b.id}/messages`, { body: 'تم حل المشكلة من طرفنا.' });
    const open = (await api(agent, 'GET', '/api/v1/admin/tickets?status=open')).json().items.map((i: { id: number }) => i.id);
    expect(open).not.toContain(b.id);
    const answered = (await api(agent, 'GET', '/api/v1/admin/tickets?status=answered')).json().items.map((i: { id: number }) => i.id);
    expect(answered).toContain(b.id);
    const html = (await (await browserOf(agent)).get('/admin/support')).body;
    const rows = [...html.matchAll(/data-ticket="(\d+)"/g)].map((m) => Number(m[1])).filter((id) => [a.id, c.id].includes(id));
    expect(rows).toEqual([a.id, c.id]);
    expect(html).toContain(`href="/admin/users/${plain2.id}"`);
  });

  it('lets the queue page through pages with a cursor', async () => {
    const first = (await api(agent, 'GET', '/api/v1/admin/tickets?limit=2')).json();
    const all = (await api(agent, 'GET', '/api/v1/admin/tickets')).json().items.map((i: { id: number }) => i.id);
    expect(first.items.map((i: { id: number }) => i.id)).toEqual(all.slice(0, 2));
    const next = (await api(agent, 'GET', `/api/v1/admin/tickets?limit=2&cursor=${first.nextCursor}`)).json();
    expect(next.items.map((i: { id: number }) => i.id)).toEqual(all.slice(2, 4));
  });
});

describe('the API documentation', () => {
  it('lists the complaint operations under the support tag', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    for (const [path, method] of [
      ['/api/v1/tickets', 'post'],
      ['/api/v1/tickets', 'get'],
      ['/api/v1/tickets/{id}', 'get'],
      ['/api/v1/tickets/{id}/messages', 'post'],
      ['/api/v1/tickets/{id}/close', 'post'],
      ['/api/v1/admin/tickets', 'get'],
    ]) {
      expect(doc.paths[path]?.[method]?.tags, `${method} ${path}`).toEqual(['support']);
    }
  });
});

describe('the daily limit', () => {
  it('takes at most 10 new complaints a day from one user, with a clear refusal', async () => {
    const u = await signedUpUser(t, 'busy');
    for (let i = 0; i < 10; i++) await fileTicket(u, { subject: `مشكلة رقم ${i + 1}` });
    const r = await api(u, 'POST', '/api/v1/tickets', valid);
    expect(r.statusCode).toBe(429);
    expect(r.json()).toMatchObject({ code: 'support.daily_limit' });
    expect(r.json().title).toContain('10 complaints in the last 24 hours');
    expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
    // The page says so too, keeping the text.
    const b = await browserOf(u);
    await b.get('/support/new');
    const page = await postMultipart(b, t.app, '/support/new', [
      { name: 'category', value: 'other' },
      { name: 'subject', value: 'مشكلة أخرى' },
      { name: 'body', value: 'وصف مشكلة أخرى بتفاصيل كافية.' },
    ]);
    expect(page.statusCode).toBe(429);
    expect(testId(page.body, 'form-error')).toContain('24');
    expect(inputValue(page.body, 'subject')).toBe('مشكلة أخرى');
    // Replies are not limited by it, and a day later filing works again.
    expect((await api(u, 'GET', '/api/v1/tickets')).json().items).toHaveLength(10);
    t.clock.advance(24 * 3_600_000 + 1000);
    expect((await fileTicket(u)).status).toBe('open');
  });
});
