import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  fundedUser,
  makeTestApp,
  publishedService,
  signedInPage,
  signedUpUser,
  staffUser,
  type TestApp,
  testId,
} from '../../../test/helpers.ts';
import { ordersKit, type User } from '../../../test/orders-kit.ts';
import { customOffers, orders } from './schema.ts';

// Custom offers in a conversation (issue 20): a seller offers the other member a piece of work; the buyer accepts and
// pays it into escrow from the conversation and it becomes an order that starts at once, with its revisions counted.

let t: TestApp;
let seller: User;
let serviceId: number;
const { api, key, reconciled, ...kit } = ordersKit(() => t);
const offer = {
  title: 'هوية بصرية كاملة لمقهى',
  description: 'شعار بثلاثة نماذج، ألوان الهوية، ولافتة المدخل، مع الملفات المصدرية.',
  priceCents: 4_000,
  deliveryDays: 5,
  revisions: 2,
};
async function conversation(buyer: User) {
  const r = await api(buyer, 'POST', '/api/v1/conversations', { withUsername: seller.username, body: 'أريد هوية كاملة لمقهى، هل يمكنك؟' });
  expect(r.statusCode).toBe(201);
  return r.json().conversationId as number;
}

beforeAll(async () => {
  t = await makeTestApp();
  seller = await signedUpUser(t, 'ofseller');
  serviceId = await kit.serviceOf(seller, 'ofmod');
});
afterAll(async () => {
  await t.close();
});

describe('a custom offer', () => {
  it('is sent into the conversation, accepted and paid into escrow by the buyer: an order that starts now', async () => {
    const buyer = await fundedUser(t, 10_000, 'ofbuyer');
    const cid = await conversation(buyer);
    const sent = await api(seller, 'POST', `/api/v1/conversations/${cid}/offers`, { ...offer, serviceId });
    expect(sent.statusCode, sent.body).toBe(201);
    const o = sent.json();
    expect(o).toMatchObject({ status: 'open', buyerId: buyer.id, sellerId: seller.id, serviceId, priceCents: 4_000 });
    // Its summary is the seller's message in the thread; the buyer's page shows the offer with the button.
    const page = await signedInPage(t, buyer);
    const thread = (await page.get(`/messages/${cid}`)).body;
    expect(thread).toContain('عرض مخصص');
    expect(testId(thread, `offer-state-${o.id}`)).toBe('بانتظار الرد');
    expect(thread).toContain(`data-testid="offer-accept-${o.id}"`);
    // The seller cannot accept their own offer.
    expect((await api(seller, 'POST', `/api/v1/offers/${o.id}/accept`, undefined, key())).json().code).toBe('offer.forbidden');
    const before = (await api(buyer, 'GET', '/api/v1/wallet')).json();
    const accepted = await api(buyer, 'POST', `/api/v1/offers/${o.id}/accept`, undefined, key());
    expect(accepted.statusCode, accepted.body).toBe(201);
    const orderId = accepted.json().orderId as number;
    const after = (await api(buyer, 'GET', '/api/v1/wallet')).json();
    expect([after.availableCents, after.escrowCents]).toEqual([before.availableCents - 4_000, before.escrowCents + 4_000]);
    const [row] = await t.deps.db.select().from(orders).where(eq(orders.id, orderId));
    expect(row).toMatchObject({
      kind: 'offer',
      status: 'in_progress',
      totalCents: 4_000,
      deliveryDays: 5,
      revisions: 2,
      offerId: o.id,
      serviceId,
    });
    expect((await api(seller, 'GET', '/api/v1/notifications')).json().items[0].type).toBe('order.offer_accepted');
    // Accepted once: a second accept is refused.
    expect((await api(buyer, 'POST', `/api/v1/offers/${o.id}/accept`, undefined, key())).json().code).toBe('offer.accepted');
    expect(await reconciled()).toBe(true);
  });

  it('counts its revisions: two requests for changes, then none, and the page says how many are left', async () => {
    const buyer = await fundedUser(t, 10_000, 'ofrev');
    const cid = await conversation(buyer);
    const o = (await api(seller, 'POST', `/api/v1/conversations/${cid}/offers`, offer)).json();
    const orderId = (await api(buyer, 'POST', `/api/v1/offers/${o.id}/accept`, undefined, key())).json().orderId;
    const act = (u: User, action: string, body: Record<string, unknown> = {}) =>
      api(u, 'POST', `/api/v1/orders/${orderId}/${action}`, body);
    for (let i = 0; i < 2; i++) {
      expect((await act(seller, 'deliver', { message: `النسخة ${i + 1}` })).statusCode).toBe(200);
      expect((await act(buyer, 'request-changes', { message: 'عدّل الألوان من فضلك' })).statusCode).toBe(200);
    }
    expect((await act(seller, 'deliver', { message: 'النسخة 3' })).statusCode).toBe(200);
    expect(testId((await (await signedInPage(t, buyer)).get(`/orders/${orderId}`)).body, 'revisions-left')).toContain('0 من 2');
    expect((await act(buyer, 'request-changes', { message: 'تعديل آخر' })).json().code).toBe('order.no_revisions_left');
    expect((await act(buyer, 'complete')).statusCode).toBe(200);
  });

  it('is refused with bad numbers, contact details, outside a direct conversation, expired, declined or withdrawn', async () => {
    const buyer = await fundedUser(t, 3_000, 'ofbad');
    const cid = await conversation(buyer);
    const bad = await api(seller, 'POST', `/api/v1/conversations/${cid}/offers`, {
      ...offer,
      priceCents: 100,
      deliveryDays: 0,
      revisions: 11,
      title: 'قصير',
    });
    expect(
      bad
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['deliveryDays', 'priceCents', 'revisions', 'title']);
    expect(
      (
        await api(seller, 'POST', `/api/v1/conversations/${cid}/offers`, {
          ...offer,
          description: 'تواصل معي على ali.design@gmail.com لتفاصيل أكثر',
        })
      ).json().code,
    ).toBe('trust.contact_info');
    // Someone else's service cannot be its base.
    const other = await signedUpUser(t, 'ofother');
    const otherService = (await publishedService(t, other, await staffUser(t, ['moderator'], 'ofmod2'))).id;
    expect(
      (await api(seller, 'POST', `/api/v1/conversations/${cid}/offers`, { ...offer, serviceId: otherService })).json().errors[0].field,
    ).toBe('serviceId');
    // A stranger to the conversation.
    expect((await api(other, 'POST', `/api/v1/conversations/${cid}/offers`, offer)).statusCode).toBe(404);
    // Declined, then withdrawn, then expired.
    const a = (await api(seller, 'POST', `/api/v1/conversations/${cid}/offers`, offer)).json();
    expect((await api(buyer, 'POST', `/api/v1/offers/${a.id}/decline`)).json().status).toBe('declined');
    expect((await api(buyer, 'POST', `/api/v1/offers/${a.id}/accept`, undefined, key())).json().code).toBe('offer.declined');
    const b = (await api(seller, 'POST', `/api/v1/conversations/${cid}/offers`, offer)).json();
    expect((await api(buyer, 'POST', `/api/v1/offers/${b.id}/withdraw`)).json().code).toBe('offer.forbidden');
    expect((await api(seller, 'POST', `/api/v1/offers/${b.id}/withdraw`)).json().status).toBe('withdrawn');
    const c = (await api(seller, 'POST', `/api/v1/conversations/${cid}/offers`, offer)).json();
    // $30 funded: a $40 offer is short, nothing moves.
    expect((await api(buyer, 'POST', `/api/v1/offers/${c.id}/accept`, undefined, key())).json().code).toBe('wallet.insufficient_funds');
    expect((await api(buyer, 'GET', '/api/v1/wallet')).json().availableCents).toBe(3_000);
    t.clock.advance(8 * 86_400_000);
    expect((await api(buyer, 'POST', `/api/v1/offers/${c.id}/accept`, undefined, key())).json().code).toBe('offer.expired');
    const listed = (await api(buyer, 'GET', `/api/v1/conversations/${cid}/offers`)).json().items;
    expect(listed.map((x: { status: string }) => x.status)).toEqual(['expired', 'withdrawn', 'declined']);
  });

  it('through the pages: the seller writes it (kept on a refusal), the buyer accepts it from the conversation', async () => {
    const buyer = await fundedUser(t, 10_000, 'ofweb');
    const cid = await conversation(buyer);
    const sp = await signedInPage(t, seller);
    const form = await sp.get(`/messages/${cid}/offers/new`);
    expect(form.statusCode).toBe(200);
    const refused = await sp.post(`/messages/${cid}/offers`, {
      title: offer.title,
      description: offer.description,
      price: '٢',
      deliveryDays: '٥',
      revisions: '1',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain(offer.description);
    expect(refused.body).toContain('السعر من');
    const ok = await sp.post(`/messages/${cid}/offers`, {
      title: offer.title,
      description: offer.description,
      price: '٤٠',
      deliveryDays: '٥',
      revisions: '1',
    });
    expect([ok.statusCode, ok.headers.location]).toEqual([303, `/messages/${cid}#offers`]);
    const [o] = await t.deps.db.select().from(customOffers).where(eq(customOffers.conversationId, cid));
    const bp = await signedInPage(t, buyer);
    await bp.get(`/messages/${cid}`);
    const accepted = await bp.post(`/offers/${o.id}/accept`, { idempotencyKey: `page-${o.id}` });
    expect(accepted.statusCode).toBe(303);
    expect(String(accepted.headers.location)).toMatch(/^\/orders\/\d+$/);
    // The same form sent again (its key) accepts once.
    expect((await bp.post(`/offers/${o.id}/accept`, { idempotencyKey: `page-${o.id}` })).statusCode).toBe(303);
    expect(await t.deps.db.select().from(orders).where(eq(orders.offerId, o.id))).toHaveLength(1);
  });

  it('two accepts at once (different keys) make one order; the ledger reconciles', async () => {
    const buyer = await fundedUser(t, 10_000, 'ofrace');
    const cid = await conversation(buyer);
    const o = (await api(seller, 'POST', `/api/v1/conversations/${cid}/offers`, offer)).json();
    const [x, y] = await Promise.all([
      api(buyer, 'POST', `/api/v1/offers/${o.id}/accept`, undefined, key()),
      api(buyer, 'POST', `/api/v1/offers/${o.id}/accept`, undefined, key()),
    ]);
    expect([x.statusCode, y.statusCode].sort()).toEqual([201, 422]);
    expect(await t.deps.db.select().from(orders).where(eq(orders.offerId, o.id))).toHaveLength(1);
    expect((await api(buyer, 'GET', '/api/v1/wallet')).json().availableCents).toBe(6_000);
    expect(await reconciled()).toBe(true);
  });
});
