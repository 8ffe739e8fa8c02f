import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, type PageClient, signedInPage, signedUpUser, staffUser, type TestApp, testId } from '../../../test/helpers.ts';
import { queryRows } from '../../platform/db/index.ts';
import { messages } from '../messaging/schema.ts';
import { moderationCases } from './schema.ts';

// "Ask a moderator to review" a message refused for contact details (issue 20): offered under the refused text,
// listed first for the moderators, delivered when overturned (and no longer counted toward a case), kept when upheld.

let t: TestApp;
let mod: Awaited<ReturnType<typeof staffUser>>;
let modPage: PageClient;
beforeAll(async () => {
  t = await makeTestApp();
  mod = await staffUser(t, ['moderator'], 'apmod');
  modPage = await signedInPage(t, mod);
});
afterAll(async () => {
  await t.close();
});

// A number that is an order's, not a phone's — the kind of refusal a moderator overturns.
const ORDER_NOTE = 'رقم طلبك في المتجر هو 0501234567 كما في الفاتورة المرفقة سابقًا';
const pair = async (p: string) => {
  const a = await signedUpUser(t, `${p}a`);
  const b = await signedUpUser(t, `${p}b`);
  const r = await t.app.inject({
    method: 'POST',
    url: '/api/v1/conversations',
    headers: a.auth,
    payload: { withUsername: b.username, body: 'مرحبًا، هل أنت متاح؟' },
  });
  expect(r.statusCode).toBe(201);
  return { a, b, conversationId: r.json().conversationId as number };
};
const bodiesIn = async (conversationId: number) =>
  (await t.deps.db.select().from(messages).where(eq(messages.conversationId, conversationId))).map((m) => m.body);
const attemptIdOf = (html: string) => Number(/name="attemptId" value="(\d+)"/.exec(html)?.[1]);

describe('asking a moderator to review a refused message', () => {
  it('is offered under the refused text; overturned, the message is delivered as written and the author told', async () => {
    const { a, b, conversationId } = await pair('apok');
    const page = await signedInPage(t, a);
    const refused = await page.post(`/messages/${conversationId}`, { body: ORDER_NOTE });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('data-testid="appeal-offer"');
    const attemptId = attemptIdOf(refused.body);
    expect(attemptId).toBeGreaterThan(0);
    const sent = await page.post('/appeals/contact', {
      attemptId: String(attemptId),
      conversationId: String(conversationId),
      body: ORDER_NOTE,
    });
    expect([sent.statusCode, sent.headers.location]).toEqual([303, '/account/appeals']);
    expect(testId((await page.get('/account/appeals')).body, `appeal-state-${attemptId}`)).toBe('بانتظار مشرف');
    // The moderators see it first on the cases page, with the text and what was found.
    const queue = (await modPage.get('/admin/cases')).body;
    expect(queue.indexOf(`data-testid="appeal-${attemptId}"`)).toBeGreaterThan(-1);
    expect(queue).toContain(ORDER_NOTE);
    // A note is needed.
    expect((await modPage.post(`/admin/appeals/${attemptId}`, { decision: 'overturn', note: '' })).statusCode).toBe(400);
    const done = await modPage.post(`/admin/appeals/${attemptId}`, { decision: 'overturn', note: 'رقم طلب وليس هاتفًا' });
    expect(done.statusCode).toBe(303);
    expect(await bodiesIn(conversationId)).toContain(ORDER_NOTE);
    // The other side reads it in the thread; the author is told, and the decision is audited.
    expect((await (await signedInPage(t, b)).get(`/messages/${conversationId}`)).body).toContain('رقم طلبك في المتجر');
    const notes = await queryRows<{ type: string; params: { note: string } }>(
      t.deps.db,
      sql`SELECT type, params FROM notifications WHERE user_id = ${a.id} AND type LIKE 'trust.appeal%'`,
    );
    expect(notes).toEqual([{ type: 'trust.appeal_overturned', params: { note: 'رقم طلب وليس هاتفًا' } }]);
    const audits = await queryRows<{ actor_id: number; data: { attemptId: number } }>(
      t.deps.db,
      sql`SELECT actor_id, data FROM audit_log WHERE action = 'contact_appeal.overturn' AND target_id = ${a.id}`,
    );
    expect(audits).toEqual([{ actor_id: mod.id, data: expect.objectContaining({ attemptId }) }]);
    // Decided once: a second decision is refused, and the same refusal cannot be appealed again.
    expect((await modPage.post(`/admin/appeals/${attemptId}`, { decision: 'uphold', note: 'مرة أخرى' })).statusCode).toBe(422);
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/appeals',
      headers: a.auth,
      payload: { attemptId, body: ORDER_NOTE, conversationId },
    });
    expect(again.json().code).toBe('trust.appeal_exists');
  });

  it('an overturned refusal no longer counts toward a case; the case it opened closes with it', async () => {
    const { a, conversationId } = await pair('apcase');
    const attempt = async (body: string) => {
      const r = await t.app.inject({
        method: 'POST',
        url: `/api/v1/conversations/${conversationId}/messages`,
        headers: a.auth,
        payload: { body },
      });
      expect(r.json().code).toBe('trust.contact_info');
      return r.json().attemptId as number;
    };
    const first = await attempt(ORDER_NOTE);
    await attempt('راسلني على ali.designer@gmail.com');
    await attempt('واتسابي ٠١٠٠ ٢٣٤ ٥٦٧٨');
    const open = () =>
      t.deps.db
        .select()
        .from(moderationCases)
        .where(and(eq(moderationCases.userId, a.id), eq(moderationCases.status, 'open')));
    expect(await open()).toHaveLength(1);
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/v1/appeals',
      headers: a.auth,
      payload: { attemptId: first, body: ORDER_NOTE, conversationId },
    });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ id: first, status: 'pending', body: ORDER_NOTE });
    const d = await t.app.inject({
      method: 'POST',
      url: `/api/v1/admin/appeals/${first}`,
      headers: mod.auth,
      payload: { decision: 'overturn', note: 'رقم طلب' },
    });
    expect([d.statusCode, d.json().status]).toEqual([200, 'overturned']);
    // Two refusals count now: the case is closed, and a third refusal opens one again.
    expect(await open()).toHaveLength(0);
    await attempt('ضيفني سناب: ali_99');
    expect(await open()).toHaveLength(1);
  });

  it('upheld, the refusal stands and the author reads why; the message is not sent', async () => {
    const { a, conversationId } = await pair('apno');
    const r = await t.app.inject({
      method: 'POST',
      url: `/api/v1/conversations/${conversationId}/messages`,
      headers: a.auth,
      payload: { body: 'كلمني واتساب 0501234567' },
    });
    const attemptId = r.json().attemptId as number;
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/appeals',
      headers: a.auth,
      payload: { attemptId, body: 'كلمني واتساب 0501234567', conversationId },
    });
    const d = await t.app.inject({
      method: 'POST',
      url: `/api/v1/admin/appeals/${attemptId}`,
      headers: mod.auth,
      payload: { decision: 'uphold', note: 'رقم هاتف للتواصل خارج المنصة' },
    });
    expect(d.json().status).toBe('upheld');
    expect(await bodiesIn(conversationId)).not.toContain('كلمني واتساب 0501234567');
    const mine = (await t.app.inject({ method: 'GET', url: '/api/v1/appeals', headers: a.auth })).json().items;
    expect(mine).toEqual([expect.objectContaining({ id: attemptId, status: 'upheld', decisionNote: 'رقم هاتف للتواصل خارج المنصة' })]);
    expect((await (await signedInPage(t, a)).get('/account/appeals')).body).toContain('رقم هاتف للتواصل خارج المنصة');
  });

  it('refuses another text, someone else’s refusal, a late request, a stranger’s conversation and a non-moderator', async () => {
    const { a, b, conversationId } = await pair('apbad');
    const r = await t.app.inject({
      method: 'POST',
      url: `/api/v1/conversations/${conversationId}/messages`,
      headers: a.auth,
      payload: { body: ORDER_NOTE },
    });
    const attemptId = r.json().attemptId as number;
    const ask = (who: { auth: Record<string, string> }, payload: Record<string, unknown>) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/appeals',
        headers: who.auth,
        payload: { attemptId, body: ORDER_NOTE, conversationId, ...payload },
      });
    expect((await ask(a, { body: 'رقم طلبك 0509999999' })).json().errors).toEqual([
      expect.objectContaining({ field: 'body', code: 'trust.appeal_text_changed' }),
    ]);
    expect((await ask(b, {})).json().code).toBe('trust.appeal_not_found');
    const stranger = await pair('apstr');
    expect((await ask(a, { conversationId: stranger.conversationId })).json().code).toBe('trust.appeal_not_found');
    // A user is not a moderator.
    expect((await ask(a, {})).statusCode).toBe(201);
    const d = await t.app.inject({
      method: 'POST',
      url: `/api/v1/admin/appeals/${attemptId}`,
      headers: b.auth,
      payload: { decision: 'overturn', note: 'أنا أقرر' },
    });
    expect(d.statusCode).toBe(403);
    // After APPEAL_DAYS a refusal can no longer be appealed.
    const late = await t.app.inject({
      method: 'POST',
      url: `/api/v1/conversations/${conversationId}/messages`,
      headers: a.auth,
      payload: { body: ORDER_NOTE },
    });
    t.clock.advance(8 * 86_400_000);
    const tooLate = await t.app.inject({
      method: 'POST',
      url: '/api/v1/appeals',
      headers: a.auth,
      payload: { attemptId: late.json().attemptId, body: ORDER_NOTE, conversationId },
    });
    expect(tooLate.json().code).toBe('trust.appeal_too_late');
  });

  it('a first message refused can be appealed too, and is delivered into a new conversation; a block since stops it', async () => {
    const a = await signedUpUser(t, 'apfirst');
    const b = await signedUpUser(t, 'apfirstb');
    const page = await signedInPage(t, a);
    const refused = await page.post(`/messages/new?to=${b.username}`, { body: ORDER_NOTE });
    expect(refused.body).toContain(`name="to" value="${b.username}"`);
    const attemptId = attemptIdOf(refused.body);
    expect((await page.post('/appeals/contact', { attemptId: String(attemptId), to: b.username, body: ORDER_NOTE })).statusCode).toBe(303);
    // b blocks a before the decision: overturning cannot deliver, and the request stays for another decision.
    await t.app.inject({ method: 'PUT', url: `/api/v1/blocks/${a.username}`, headers: b.auth });
    const blocked = await t.app.inject({
      method: 'POST',
      url: `/api/v1/admin/appeals/${attemptId}`,
      headers: mod.auth,
      payload: { decision: 'overturn', note: 'رقم طلب' },
    });
    expect(blocked.json().code).toBe('messaging.blocked');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/appeals', headers: a.auth })).json().items[0].status).toBe('pending');
    await t.app.inject({ method: 'DELETE', url: `/api/v1/blocks/${a.username}`, headers: b.auth });
    const ok = await t.app.inject({
      method: 'POST',
      url: `/api/v1/admin/appeals/${attemptId}`,
      headers: mod.auth,
      payload: { decision: 'overturn', note: 'رقم طلب' },
    });
    expect(ok.statusCode).toBe(200);
    const conversationId = await t.services.messaging.directWith(a.id, b.username);
    expect(conversationId).not.toBeNull();
    expect(await bodiesIn(conversationId as number)).toEqual([ORDER_NOTE]);
  });

  it('two moderators deciding at once: one decides, the message is delivered once', async () => {
    const { a, conversationId } = await pair('aprace');
    const r = await t.app.inject({
      method: 'POST',
      url: `/api/v1/conversations/${conversationId}/messages`,
      headers: a.auth,
      payload: { body: ORDER_NOTE },
    });
    const attemptId = r.json().attemptId as number;
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/appeals',
      headers: a.auth,
      payload: { attemptId, body: ORDER_NOTE, conversationId },
    });
    const mod2 = await staffUser(t, ['moderator'], 'apmod2');
    const decide = (who: { auth: Record<string, string> }) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/admin/appeals/${attemptId}`,
        headers: who.auth,
        payload: { decision: 'overturn', note: 'رقم طلب' },
      });
    const [x, y] = await Promise.all([decide(mod), decide(mod2)]);
    expect([x.statusCode, y.statusCode].sort()).toEqual([200, 422]);
    expect((await bodiesIn(conversationId)).filter((m) => m === ORDER_NOTE)).toHaveLength(1);
  });
});
