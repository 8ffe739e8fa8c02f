import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fundedUser, makeTestApp, signedInPage, signedUpUser, type TestApp, testId } from '../../../test/helpers.ts';
import { ordersKit, type User } from '../../../test/orders-kit.ts';

// Tips (issue 20): after completion a buyer thanks the seller with a tip — no commission, through the ledger, once per
// order; everything else refused; two tips at once make one.

let t: TestApp;
let seller: User;
let serviceId: number;
const { api, key, ledgerLines, reconciled, ...kit } = ordersKit(() => t);
const wallet = async (u: User) => (await api(u, 'GET', '/api/v1/wallet')).json();
const completedOrder = (buyer: User) => kit.completedOrder(buyer, seller, serviceId);

beforeAll(async () => {
  t = await makeTestApp();
  seller = await signedUpUser(t, 'tipseller');
  serviceId = await kit.serviceOf(seller, 'tipmod');
});
afterAll(async () => {
  await t.close();
});

describe('a tip after completion', () => {
  it('moves the whole amount to the seller’s pending, without commission, once; the seller is told', async () => {
    const buyer = await fundedUser(t, 10_000, 'tipper');
    const id = await completedOrder(buyer);
    const before = { buyer: await wallet(buyer), seller: await wallet(seller) };
    const r = await api(buyer, 'POST', `/api/v1/orders/${id}/tip`, { amountCents: 500 }, key());
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ orderId: id, amountCents: 500 });
    const after = { buyer: await wallet(buyer), seller: await wallet(seller) };
    expect(after.buyer.availableCents).toBe(before.buyer.availableCents - 500);
    expect(after.seller.pendingCents).toBe(before.seller.pendingCents + 500);
    // One tip line: the seller gets it whole (no fee), the buyer pays it.
    const tx = await ledgerLines(seller.id, 'tip', `order:${id}`);
    expect(tx).toHaveLength(1);
    expect(tx[0]).toMatchObject({ grossCents: 500, feeCents: 0, netCents: 500 });
    expect(await ledgerLines(buyer.id, 'tip', `order:${id}`)).toEqual([expect.objectContaining({ netCents: -500 })]);
    // Once per order.
    expect((await api(buyer, 'POST', `/api/v1/orders/${id}/tip`, { amountCents: 300 }, key())).json().code).toBe('order.tip_exists');
    const told = (await api(seller, 'GET', '/api/v1/notifications')).json().items[0];
    expect(told).toMatchObject({ type: 'order.tipped' });
    expect(told.title).toContain('$5');
    // The seller's page says what came; the buyer's says what was sent.
    expect(testId((await (await signedInPage(t, seller)).get(`/orders/${id}`)).body, 'tip-done')).toContain('$5');
    expect(testId((await (await signedInPage(t, buyer)).get(`/orders/${id}`)).body, 'tip-done')).toContain('$5');
    expect(await reconciled()).toBe(true);
  });

  it('through the order page: typed in Arabic digits, kept on a refusal, sent once for a repeated form', async () => {
    const buyer = await fundedUser(t, 10_000, 'tipweb');
    const id = await completedOrder(buyer);
    const page = await signedInPage(t, buyer);
    const form = (await page.get(`/orders/${id}`)).body;
    expect(form).toContain('data-testid="tip-send"');
    const idem = /name="idempotencyKey" value="([^"]+)"/.exec(form.slice(form.indexOf('tip-box')))?.[1] ?? '';
    const tooBig = await page.post(`/orders/${id}/tip`, { amount: '٥٠٠٠', idempotencyKey: idem });
    expect(tooBig.statusCode).toBe(400);
    expect(tooBig.body).toContain('الإكرامية من');
    expect(tooBig.body).toContain('value="٥٠٠٠"');
    const ok = await page.post(`/orders/${id}/tip`, { amount: '٣', idempotencyKey: idem });
    expect(ok.statusCode).toBe(303);
    const again = await page.post(`/orders/${id}/tip`, { amount: '٣', idempotencyKey: idem });
    expect(again.statusCode).toBe(303);
    const tips = await ledgerLines(buyer.id, 'tip', `order:${id}`);
    expect(tips).toHaveLength(1);
    expect((await t.services.orders.tipOf(id))?.amountCents).toBe(300);
  });

  it('is refused before completion, from the seller or anyone else, outside $1–$1,000, and beyond the balance', async () => {
    const buyer = await fundedUser(t, 3_000, 'tipbad');
    const o = await api(buyer, 'POST', '/api/v1/orders', { serviceId, quantity: 1, addonIds: [] }, key());
    const open = o.json().id as number;
    expect((await api(buyer, 'POST', `/api/v1/orders/${open}/tip`, { amountCents: 500 }, key())).json().code).toBe('order.wrong_state');
    await api(seller, 'POST', `/api/v1/orders/${open}/accept`, {});
    await api(seller, 'POST', `/api/v1/orders/${open}/deliver`, { message: 'تم' });
    await api(buyer, 'POST', `/api/v1/orders/${open}/complete`, {});
    expect((await api(seller, 'POST', `/api/v1/orders/${open}/tip`, { amountCents: 500 }, key())).json().code).toBe('order.forbidden');
    const stranger = await fundedUser(t, 3_000, 'tipstr');
    expect((await api(stranger, 'POST', `/api/v1/orders/${open}/tip`, { amountCents: 500 }, key())).statusCode).toBe(404);
    for (const amountCents of [99, 100_001]) {
      const r = await api(buyer, 'POST', `/api/v1/orders/${open}/tip`, { amountCents }, key());
      expect(r.json().errors).toEqual([expect.objectContaining({ field: 'amountCents', code: 'order.tip_range' })]);
    }
    // $30 funded, $25 paid: $5 left, a $6 tip is short and moves nothing.
    const short = await api(buyer, 'POST', `/api/v1/orders/${open}/tip`, { amountCents: 600 }, key());
    expect(short.json().code).toBe('wallet.insufficient_funds');
    expect((await wallet(buyer)).availableCents).toBe(500);
    expect(await t.services.orders.tipOf(open)).toBeNull();
    expect((await api(buyer, 'POST', `/api/v1/orders/${open}/tip`, {})).json().code).toBe('validation.failed');
  });

  it('two tips at once (different keys) make one; the ledger reconciles', async () => {
    const buyer = await fundedUser(t, 10_000, 'tiprace');
    const id = await completedOrder(buyer);
    const [a, b] = await Promise.all([
      api(buyer, 'POST', `/api/v1/orders/${id}/tip`, { amountCents: 700 }, key()),
      api(buyer, 'POST', `/api/v1/orders/${id}/tip`, { amountCents: 900 }, key()),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 422]);
    const tips = await ledgerLines(buyer.id, 'tip', `order:${id}`);
    expect(tips).toHaveLength(1);
    expect((await wallet(buyer)).availableCents).toBe(10_000 - 2_500 - (await t.services.orders.tipOf(id))!.amountCents);
    expect(await reconciled()).toBe(true);
  });
});
