import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  fundedUser,
  makeTestApp,
  type PageClient,
  publishedService,
  signedInPage,
  signedUpUser,
  staffUser,
  type TestApp,
} from '../../../test/helpers.ts';
import { queryRows } from '../../platform/db/index.ts';
import { moderationCases } from './schema.ts';

// Reviews that cannot be extorted (issue 20): a message tying a review to a refund goes through but reaches the
// moderators as a case; a cancelled order is reviewed by both sides; a moderator removes a review proven coerced.

let t: TestApp;
let seller: Awaited<ReturnType<typeof signedUpUser>>;
let mod: Awaited<ReturnType<typeof staffUser>>;
let modPage: PageClient;
let serviceId: number;
beforeAll(async () => {
  t = await makeTestApp();
  seller = await signedUpUser(t, 'coseller');
  mod = await staffUser(t, ['moderator'], 'comod');
  modPage = await signedInPage(t, mod);
  serviceId = (await publishedService(t, seller, mod)).id;
});
afterAll(async () => {
  await t.close();
});

const api = (
  u: { auth: Record<string, string> },
  method: 'GET' | 'POST',
  url: string,
  payload?: unknown,
  headers: Record<string, string> = {},
) => t.app.inject({ method, url, headers: { ...u.auth, ...headers }, payload: payload as object });
const coercionCase = async (userId: number) =>
  (await t.deps.db.select().from(moderationCases).where(eq(moderationCases.userId, userId))).filter((c) => c.kind === 'review_coercion');

/** An order's reviews, as the orders module reads them (any status, with their removal). */
const reviewsOf = (orderId: number) => t.services.orders.reviewsOfOrder(orderId);

describe('a message tying a review to a refund', () => {
  it('is sent, and gathered into one moderation case per sender with every flagged message', async () => {
    const buyer = await signedUpUser(t, 'cobuyer');
    const first = await api(buyer, 'POST', '/api/v1/conversations', {
      withUsername: seller.username,
      body: 'هل يمكن تسليم الملفات اليوم؟',
    });
    expect(first.statusCode).toBe(201);
    const conversationId = first.json().conversationId as number;
    expect(await coercionCase(buyer.id)).toEqual([]);
    const threat = 'رجّع فلوسي وإلا سأعطيك تقييم نجمة واحدة';
    const sent = await api(buyer, 'POST', `/api/v1/conversations/${conversationId}/messages`, { body: threat });
    expect(sent.statusCode).toBe(201);
    await api(buyer, 'POST', `/api/v1/conversations/${conversationId}/messages`, { body: 'Refund me now or I leave a 1 star review' });
    const [c] = await coercionCase(buyer.id);
    expect(c.status).toBe('open');
    const flagged = (c.data as { messages: { text: string; conversationId: number }[] }).messages;
    expect(flagged.map((m) => m.text)).toEqual([threat, 'Refund me now or I leave a 1 star review']);
    expect(flagged[0].conversationId).toBe(conversationId);
    // The moderators read it on the cases page, with the way to the conversation.
    const page = (await modPage.get('/admin/cases')).body;
    expect(page).toContain('ابتزاز بالتقييم');
    expect(page).toContain(threat);
    expect(page).toContain(`/admin/conversations/${conversationId}`);
  });
});

describe('a cancelled order', () => {
  it('is reviewed by both sides on what happened, published together or 10 days after the cancellation', async () => {
    const buyer = await fundedUser(t, 5_000, 'cocancel');
    const o = await api(
      buyer,
      'POST',
      '/api/v1/orders',
      { serviceId, quantity: 1, addonIds: [] },
      { 'idempotency-key': `c-${Math.random()}` },
    );
    expect(o.statusCode, o.body).toBe(201);
    const id = o.json().id as number;
    expect(
      (await api(buyer, 'POST', `/api/v1/orders/${id}/review`, { quality: 2, communication: 2, onTime: 1, comment: 'لم يبدأ' })).json()
        .code,
    ).toBe('review.not_completed');
    expect((await api(buyer, 'POST', `/api/v1/orders/${id}/cancel`, {})).statusCode).toBe(200);
    const r = await api(buyer, 'POST', `/api/v1/orders/${id}/review`, {
      quality: 2,
      communication: 2,
      onTime: 1,
      comment: 'أُلغي الطلب قبل أن يبدأ',
    });
    expect(r.statusCode, r.body).toBe(201);
    expect((await reviewsOf(id))[0].publishedAt).toBeNull();
    // The page offers the other side its review too.
    expect((await (await signedInPage(t, seller)).get(`/orders/${id}`)).body).toContain('data-testid="review-box"');
    t.clock.advance(10 * 86_400_000 + 60_000);
    await t.services.orders.runDue(t.clock.now());
    const [row] = await reviewsOf(id);
    expect(row.publishedAt).not.toBeNull();
  });
});

describe('a review proven coerced', () => {
  it('is removed by a moderator on its author’s case with a reason (audited, the author told); nobody else’s', async () => {
    const buyer = await fundedUser(t, 5_000, 'coextort');
    const o = await api(
      buyer,
      'POST',
      '/api/v1/orders',
      { serviceId, quantity: 1, addonIds: [] },
      { 'idempotency-key': `x-${Math.random()}` },
    );
    const id = o.json().id as number;
    await api(buyer, 'POST', `/api/v1/orders/${id}/cancel`, {});
    const review = await api(buyer, 'POST', `/api/v1/orders/${id}/review`, { quality: 1, communication: 1, onTime: 1, comment: 'سيء جدًا' });
    const reviewId = (await reviewsOf(id))[0].id;
    expect(review.statusCode).toBe(201);
    const conv = await api(buyer, 'POST', '/api/v1/conversations', {
      withUsername: seller.username,
      body: 'ارجع لي المبلغ او راح اكتب تقييم سيء',
    });
    expect(conv.statusCode).toBe(201);
    const [c] = await coercionCase(buyer.id);
    // The seller's own review elsewhere is not the case's user's: refused.
    const other = await signedUpUser(t, 'coother');
    const refused = await modPage.post(`/admin/cases/${c.id}/remove-review`, {
      form: 'remove-review',
      reviewId: '999999',
      reason: 'ابتزاز ثابت',
    });
    expect(refused.statusCode).toBe(404);
    // The seller's review of the buyer is not the case's user's: refused, and kept.
    await api(seller, 'POST', `/api/v1/orders/${id}/review`, { quality: 4, communication: 4, onTime: 4, comment: 'طلب ثم ألغى' });
    const sellers = (await reviewsOf(id)).find((x) => x.authorId !== buyer.id);
    expect(sellers).toBeDefined();
    const notTheirs = await modPage.post(`/admin/cases/${c.id}/remove-review`, {
      form: 'remove-review',
      reviewId: String(sellers?.id),
      reason: 'ابتزاز ثابت',
    });
    expect(notTheirs.statusCode).toBe(404);
    expect((await t.services.orders.reviewById(sellers?.id ?? 0))?.removedAt).toBeNull();
    // A user is not a moderator.
    expect(
      (await (await signedInPage(t, other)).post(`/admin/cases/${c.id}/remove-review`, { reviewId: String(reviewId), reason: 'x y z' }))
        .statusCode,
    ).toBe(403);
    const done = await modPage.post(`/admin/cases/${c.id}/remove-review`, {
      form: 'remove-review',
      reviewId: String(reviewId),
      reason: 'ابتزاز ثابت في المحادثة',
    });
    expect(done.statusCode).toBe(303);
    const row = await t.services.orders.reviewById(reviewId);
    expect(row?.removedAt).not.toBeNull();
    const audits = await queryRows<{ actor_id: number; data: { reason: string; caseId: number } }>(
      t.deps.db,
      sql`SELECT actor_id, data FROM audit_log WHERE action = 'case.remove_content' AND target_id = ${reviewId}`,
    );
    expect(audits).toEqual([{ actor_id: mod.id, data: expect.objectContaining({ reason: 'ابتزاز ثابت في المحادثة', caseId: c.id }) }]);
    const told = await queryRows<{ type: string }>(
      t.deps.db,
      sql`SELECT type FROM notifications WHERE user_id = ${buyer.id} AND type = 'trust.content_removed'`,
    );
    expect(told).toHaveLength(1);
    // Removed once.
    expect(
      (
        await modPage.post(`/admin/cases/${c.id}/remove-review`, {
          form: 'remove-review',
          reviewId: String(reviewId),
          reason: 'ابتزاز ثابت مرة أخرى',
        })
      ).statusCode,
    ).toBe(422);
  });
});
