import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { publishedService, staffUser, topUp } from '../../../test/helpers.ts';
import { queryRows } from '../../platform/db/index.ts';
import { auditLog } from '../../platform/db/tables.ts';
import { api, browserOf, commentBy, member, mod, questionBy, t, topicBy, useCommunityApp } from '../community/community.fixture.ts';
import { pointsEntries } from './schema.ts';

useCommunityApp();

type U = Awaited<ReturnType<typeof member>>;
const points = async (u: U) =>
  (await api(u, 'GET', '/api/v1/points')).json() as {
    balance: number;
    items: { reason: string; delta: number; source: string; url: string | null }[];
  };
const balance = async (u: U) => (await points(u)).balance;
const sum = async (userId: number) =>
  Number(
    (await t.deps.db.select({ n: sql<string>`coalesce(sum(delta), 0)` }).from(pointsEntries).where(eq(pointsEntries.userId, userId)))[0].n,
  );

describe('earning points through the real flows', () => {
  it('a completed order earns both sides a point per whole dollar; 5-star reviews earn their subject 10, others nothing', async () => {
    const seller = await member('pseller');
    const buyer = await member('pbuyer');
    const s = await publishedService(t, seller, mod);
    await topUp(t, buyer, 10_000);
    const placed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/orders',
      headers: { ...buyer.auth, 'idempotency-key': 'points-order-1' },
      payload: { serviceId: s.id, quantity: 1, addonIds: [] },
    });
    expect(placed.statusCode, placed.body).toBe(201);
    const { id, totalCents } = placed.json();
    expect((await api(seller, 'POST', `/api/v1/orders/${id}/accept`)).statusCode).toBe(200);
    expect((await api(seller, 'POST', `/api/v1/orders/${id}/deliver`, { message: 'تم التسليم' })).statusCode).toBe(200);
    expect((await api(buyer, 'POST', `/api/v1/orders/${id}/complete`)).json().status).toBe('completed');
    const dollars = Math.floor(totalCents / 100);
    expect(await balance(buyer)).toBe(dollars);
    expect(await balance(seller)).toBe(dollars);
    expect((await points(seller)).items[0]).toMatchObject({ reason: 'order_completed', source: `order:${id}`, url: `/orders/${id}` });
    // The buyer's 5-star review of the seller and the seller's 4-star review of the buyer, published together.
    const r1 = await api(buyer, 'POST', `/api/v1/orders/${id}/review`, { quality: 5, communication: 5, onTime: 5, comment: 'ممتاز' });
    expect(r1.statusCode, r1.body).toBeLessThan(300);
    const r2 = await api(seller, 'POST', `/api/v1/orders/${id}/review`, { quality: 4, communication: 4, onTime: 4, comment: 'جيد' });
    expect(r2.statusCode, r2.body).toBeLessThan(300);
    expect(await balance(seller)).toBe(dollars + 10);
    expect(await balance(buyer)).toBe(dollars);
    // A moderator removing the 5-star review takes its points back (a new entry).
    const [rev] = await queryRows<{ id: number }>(
      t.deps.db,
      sql`SELECT id FROM reviews WHERE order_id = ${id} AND author_id = ${buyer.id}`,
    );
    await t.deps.db.transaction((tx) => t.services.orders.removeReview(tx, Number(rev.id)));
    expect(await balance(seller)).toBe(dollars);
    expect((await points(seller)).items[0]).toMatchObject({ reason: 'review_removed', delta: -10 });
    expect(await sum(seller.id)).toBe(dollars);
  });

  it('an up-vote earns 2, taken back −2, given again earns again; a repeated vote changes nothing', async () => {
    const author = await member('pvauthor');
    const fan = await member('pvfan');
    const id = await topicBy(author);
    const vote = () => api(fan, 'PUT', `/api/v1/community/votes/topic/${id}`);
    const unvote = () => api(fan, 'DELETE', `/api/v1/community/votes/topic/${id}`);
    await vote();
    await vote();
    expect(await balance(author)).toBe(2);
    await unvote();
    await unvote();
    expect(await balance(author)).toBe(0);
    await vote();
    expect(await balance(author)).toBe(2);
    const items = (await points(author)).items;
    expect(items.map((i) => [i.reason, i.delta])).toEqual([
      ['vote_received', 2],
      ['vote_withdrawn', -2],
      ['vote_received', 2],
    ]);
    expect(items[0].url).toBe(`/community/${id}`);
    // A comment's vote too, to the comment's author.
    const cid = await commentBy(fan, id);
    await api(author, 'PUT', `/api/v1/community/votes/comment/${cid}`);
    expect(await balance(fan)).toBe(2);
  });

  it('an accepted answer earns 5; changing or taking back the acceptance takes them back', async () => {
    const asker = await member('paask');
    const a1 = await member('paans1');
    const a2 = await member('paans2');
    const qid = await questionBy(asker);
    const first = (await api(a1, 'POST', `/api/v1/questions/${qid}/answers`, { body: 'SVG للمطبعة لأنه يتكبّر دون أن يفقد جودته.' })).json()
      .id;
    const second = (await api(a2, 'POST', `/api/v1/questions/${qid}/answers`, { body: 'PNG للموقع، وSVG للطباعة والشعار الكبير.' })).json()
      .id;
    const accept = (commentId: number) => api(asker, 'POST', `/api/v1/questions/${qid}/accept`, { commentId });
    await accept(first);
    await accept(first);
    expect([await balance(a1), await balance(a2)]).toEqual([5, 0]);
    await accept(second);
    expect([await balance(a1), await balance(a2)]).toEqual([0, 5]);
    const un = await api(asker, 'DELETE', `/api/v1/questions/${qid}/accept`);
    expect(un.statusCode, un.body).toBeLessThan(300);
    expect([await balance(a1), await balance(a2)]).toEqual([0, 0]);
    await accept(first);
    expect(await balance(a1)).toBe(5);
    expect((await points(a1)).items[0].url).toBe(`/community/${qid}#comment-${first}`);
  });

  it('a confirmed violation takes 50 (the balance may go below zero), once per reported target', async () => {
    const author = await member('pviol');
    const reporter = await member('prep');
    const id = await topicBy(author);
    expect((await api(reporter, 'POST', '/api/v1/reports', { targetType: 'topic', targetId: id, reason: 'spam' })).statusCode).toBe(201);
    const d = await api(mod, 'POST', '/api/v1/admin/reports/decide', {
      targetType: 'topic',
      targetId: id,
      decision: 'warn',
      reason: 'إعلان تجاري متكرر في الملتقى',
    });
    expect(d.statusCode, d.body).toBe(200);
    expect(await balance(author)).toBe(-50);
    // A sanction answering the same target is the same violation: not taken twice.
    const s = await api(mod, 'POST', `/api/v1/admin/users/${author.id}/sanctions`, {
      scopes: ['posting'],
      reason: 'إعلان تجاري متكرر في الملتقى',
      source: `topic:${id}`,
    });
    expect(s.statusCode, s.body).toBeLessThan(300);
    expect(await balance(author)).toBe(-50);
    expect((await points(author)).items[0]).toMatchObject({ reason: 'violation', url: '/account/sanctions' });
  });
});

describe('staff grants and removals', () => {
  it('need the finance permission, a reason, and are audited; a removal never passes the balance', async () => {
    const u = await member('pgrant');
    const fin = await staffUser(t, ['finance'], 'pfin');
    const body = { delta: 30, note: 'تعويض عن خطأ في الاحتساب' };
    expect((await api(u, 'POST', `/api/v1/admin/users/${u.id}/points`, body)).statusCode).toBe(403);
    expect((await api(mod, 'POST', `/api/v1/admin/users/${u.id}/points`, body)).statusCode).toBe(403);
    expect((await api(null, 'POST', `/api/v1/admin/users/${u.id}/points`, body)).statusCode).toBe(401);
    const short = await api(fin, 'POST', `/api/v1/admin/users/${u.id}/points`, { delta: 30, note: 'x' });
    expect(short.json().errors).toEqual([expect.objectContaining({ field: 'note', code: 'points.note_required' })]);
    const ok = await t.app.inject({
      method: 'POST',
      url: `/api/v1/admin/users/${u.id}/points`,
      headers: { ...fin.auth, 'idempotency-key': 'grant-key-0001' },
      payload: body,
    });
    expect(ok.json()).toEqual({ balance: 30, created: true });
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/v1/admin/users/${u.id}/points`,
      headers: { ...fin.auth, 'idempotency-key': 'grant-key-0001' },
      payload: body,
    });
    expect(again.json()).toEqual({ balance: 30, created: false });
    const over = await api(fin, 'POST', `/api/v1/admin/users/${u.id}/points`, { delta: -31, note: 'خصم تجريبي أكبر من الرصيد' });
    expect([over.statusCode, over.json().code]).toEqual([422, 'points.removal_exceeds']);
    const rm = await api(fin, 'POST', `/api/v1/admin/users/${u.id}/points`, { delta: -10, note: 'خصم نقاط منحت بالخطأ' });
    expect(rm.json()).toEqual({ balance: 20, created: true });
    expect((await api(fin, 'POST', `/api/v1/admin/users/999999/points`, body)).statusCode).toBe(404);
    const rows = await t.deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetType, 'user'), eq(auditLog.targetId, String(u.id)), sql`${auditLog.action} LIKE 'points.%'`));
    expect(rows.map((r) => [r.action, r.actorId, (r.data as { delta: number }).delta])).toEqual([
      ['points.grant', fin.id, 30],
      ['points.remove', fin.id, -10],
    ]);
  });

  it('the admin page grants through its form; the note shows as text on the user’s page (no HTML)', async () => {
    const u = await member('pxss');
    const fin = await staffUser(t, ['finance'], 'pfin2');
    const b = await browserOf(fin);
    expect((await b.get('/admin/points')).statusCode).toBe(200);
    const r = await b.post('/admin/points/grant', { userId: String(u.id), delta: '7', note: '<script>alert(1)</script><b>مكافأة</b>' });
    expect(r.statusCode, r.body.slice(0, 400)).toBe(303);
    const mine = await browserOf(u);
    const page = await mine.get('/points');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('data-testid="points-balance"');
    expect(page.body).not.toContain('<script>alert(1)');
    expect(page.body).toContain('&lt;script>alert(1)&lt;/script>&lt;b>مكافأة&lt;/b>');
    expect(page.body).toContain('منحة من فريق كفيل');
    const en = await mine.get('/en/points');
    expect(en.body).toContain('7 points');
    // Someone without the permission is refused the page.
    expect((await (await browserOf(u)).get('/admin/points')).statusCode).toBe(403);
  });
});

describe('the ledger itself', () => {
  it('the explanation page reads its numbers from the settings', async () => {
    const admin = await staffUser(t, ['admin'], 'padm');
    await t.services.points.updateSettings({ id: admin.id, roles: ['admin'] }, { upvote: 3 });
    const r = await t.app.inject({ method: 'GET', url: '/en/points/how' });
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain('3 points per up-vote');
    // What points buy, from the promotions' settings.
    expect(r.body).toContain('Points buy a promotion: 500 points make one of your published services “Sponsored”');
    expect(r.body).toContain('for 7 days');
    await t.services.points.updateSettings({ id: admin.id, roles: ['admin'] }, { upvote: 2 });
    await expect(t.services.points.updateSettings({ id: mod.id, roles: ['moderator'] }, { upvote: 9 })).rejects.toThrow();
  });

  it('entries are never edited or deleted (the database refuses), and the same event awarded twice at once counts once', async () => {
    const u = await member('prace');
    const award = () =>
      t.deps.db.transaction((tx) =>
        t.services.points.award(tx, { userId: u.id, reason: 'order_completed', source: 'order:987654', per: 12 }),
      );
    const results = await Promise.all([award(), award(), award()]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await sum(u.id)).toBe(12);
    // A reversible earning (an up-vote) twice at once, then its reversal twice at once: one of each.
    const vote = (reason: 'vote_received' | 'vote_withdrawn') =>
      t.deps.db.transaction((tx) => t.services.points.award(tx, { userId: u.id, reason, source: 'vote:1:topic:1:2' }));
    expect((await Promise.all([vote('vote_received'), vote('vote_received')])).filter(Boolean)).toHaveLength(1);
    expect((await Promise.all([vote('vote_withdrawn'), vote('vote_withdrawn')])).filter(Boolean)).toHaveLength(1);
    expect(await sum(u.id)).toBe(12);
    await expect(t.deps.db.execute(sql`UPDATE points_entries SET delta = 1000 WHERE user_id = ${u.id}`)).rejects.toThrow();
    await expect(t.deps.db.execute(sql`DELETE FROM points_entries WHERE user_id = ${u.id}`)).rejects.toThrow();
    expect(await sum(u.id)).toBe(12);
  });
});
