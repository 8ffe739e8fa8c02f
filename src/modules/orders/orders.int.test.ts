import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  fundedUser,
  makeTestApp,
  multipart,
  publishedService,
  signedUpUser,
  staffUser,
  type TestApp,
  topUp,
} from '../../../test/helpers.ts';

type User = Awaited<ReturnType<typeof signedUpUser>>;
let t: TestApp;
let seller: User;
let mod: Awaited<ReturnType<typeof staffUser>>;
let finance: Awaited<ReturnType<typeof staffUser>>;
let serviceId: number;
let addonIds: number[];
const DAY = 86_400_000;

const api = (
  u: { auth: Record<string, string> } | null,
  method: 'GET' | 'POST',
  url: string,
  payload?: unknown,
  headers: Record<string, string> = {},
) => t.app.inject({ method, url, headers: { ...(u?.auth ?? {}), 'accept-language': 'en', ...headers }, payload: payload as object });

const balances = async (u: User) => (await api(u, 'GET', '/api/v1/wallet')).json();

async function order(buyer: User, body: Record<string, unknown> = {}) {
  const r = await api(
    buyer,
    'POST',
    '/api/v1/orders',
    { serviceId, quantity: 1, addonIds: [], ...body },
    { 'idempotency-key': `k-${Math.random()}` },
  );
  expect(r.statusCode, r.body).toBe(201);
  return r.json() as { id: number; status: string; totalCents: number };
}

const act = (u: User, id: number, action: string, body: Record<string, unknown> = {}) =>
  api(u, 'POST', `/api/v1/orders/${id}/${action}`, body);

async function attachment(u: User) {
  const m = multipart([
    { name: 'file', filename: 'logo-final.pdf', type: 'application/pdf', bytes: Buffer.from('%PDF-1.4\nfinal logo\n%%EOF\n') },
  ]);
  const r = await t.app.inject({
    method: 'POST',
    url: '/api/v1/files',
    headers: { ...u.auth, 'content-type': m.contentType },
    payload: m.payload,
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id as number;
}

beforeAll(async () => {
  t = await makeTestApp();
  seller = await signedUpUser(t, 'seller');
  mod = await staffUser(t, ['moderator'], 'mod');
  finance = await staffUser(t, ['finance'], 'fin');
  const svc = await publishedService(t, seller, mod, {
    instructions: 'أرسل اسم الشركة والألوان.',
    skills: ['شعار'],
    addons: [{ title: 'تسليم سريع خلال يوم', priceCents: 1000, extraDays: 1 }],
  });
  serviceId = svc.id;
  addonIds = svc.addonIds;
});
afterEach(async () => {
  // Every movement balances, whatever the test did.
  const r = await api(finance, 'GET', '/api/v1/admin/ledger/reconcile');
  expect(r.json()).toMatchObject({ ok: true });
});
afterAll(async () => {
  await t.close();
});

describe('placing an order', () => {
  it('refuses a short balance, then holds the total in escrow with a snapshot; a replayed key answers the same', async () => {
    const buyer = await signedUpUser(t, 'buyer');
    const short = await api(buyer, 'POST', '/api/v1/orders', { serviceId, quantity: 2, addonIds }, { 'idempotency-key': 'first' });
    expect(short.statusCode).toBe(422);
    expect(short.json().code).toBe('wallet.insufficient_funds');
    await topUp(t, buyer, 10_000);
    const body = { serviceId, quantity: 2, addonIds };
    const r = await api(buyer, 'POST', '/api/v1/orders', body, { 'idempotency-key': 'k1' });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toEqual({ id: expect.any(Number), status: 'pending', totalCents: 7000 });
    const again = await api(buyer, 'POST', '/api/v1/orders', body, { 'idempotency-key': 'k1' });
    expect(again.json()).toEqual(r.json());
    expect((await api(buyer, 'POST', '/api/v1/orders', { ...body, quantity: 1 }, { 'idempotency-key': 'k1' })).statusCode).toBe(409);
    expect(await balances(buyer)).toMatchObject({ availableCents: 3000, escrowCents: 7000 });
    const o = (await api(buyer, 'GET', `/api/v1/orders/${r.json().id}`)).json();
    expect(o).toMatchObject({
      status: 'pending',
      title: 'تصميم شعار احترافي لشركتك',
      unitPriceCents: 2500,
      quantity: 2,
      addons: [{ title: 'تسليم سريع خلال يوم', priceCents: 1000, extraDays: 1 }],
      deliveryDays: 4,
      commissionBp: 1000,
      role: 'buyer',
      events: [expect.objectContaining({ kind: 'placed', actor: 'buyer' })],
    });
    // The seller was told (in-app and by mail).
    const n = (await api(seller, 'GET', '/api/v1/notifications')).json();
    expect(n.items[0]).toMatchObject({ type: 'order.placed', url: `/orders/${o.id}` });
  });

  it('refuses bad input and one’s own service', async () => {
    const buyer = await fundedUser(t, 5000);
    for (const [body, code] of [
      [{ serviceId, quantity: 11 }, 'validation.failed'],
      [{ serviceId, addonIds: [999] }, 'validation.failed'],
      [{ serviceId: 999999 }, 'order.service_unavailable'],
    ] as const) {
      const r = await api(buyer, 'POST', '/api/v1/orders', body, { 'idempotency-key': `bad-${Math.random()}` });
      expect(r.json().code).toBe(code);
    }
    const own = await api(seller, 'POST', '/api/v1/orders', { serviceId }, { 'idempotency-key': 'own' });
    expect(own.json().code).toBe('order.own_service');
    expect((await api(buyer, 'POST', '/api/v1/orders', { serviceId })).json().code).toBe('idempotency.key_required');
    expect(await balances(buyer)).toMatchObject({ availableCents: 5000, escrowCents: 0 });
  });
});

describe('the order’s life', () => {
  it('accept → deliver → changes → deliver → complete pays the seller less 10%, clearing after the level’s days', async () => {
    const buyer = await fundedUser(t, 5000);
    const { id } = await order(buyer);
    const before = await balances(seller);
    // Wrong people and states are refused, moving nothing.
    expect((await act(buyer, id, 'accept')).statusCode).toBe(403);
    expect((await act(seller, id, 'deliver', { message: 'x' })).json().code).toBe('order.wrong_state');
    const outsider = await signedUpUser(t, 'nosy');
    expect((await api(outsider, 'GET', `/api/v1/orders/${id}`)).statusCode).toBe(404);
    expect((await act(outsider, id, 'accept')).statusCode).toBe(404);

    expect((await act(seller, id, 'accept')).json()).toEqual({ id, status: 'in_progress' });
    const fileId = await attachment(seller);
    expect((await act(seller, id, 'deliver', { message: 'التصميم الأول', fileIds: [fileId] })).json().status).toBe('delivered');
    // The buyer can download the delivered file (it was sent in the order's conversation).
    expect((await api(buyer, 'GET', `/api/v1/attachments/${fileId}`)).statusCode).toBe(200);
    expect((await act(buyer, id, 'request-changes', { message: '' })).json().code).toBe('validation.failed');
    expect((await act(buyer, id, 'request-changes', { message: 'غيّر اللون إلى الأزرق' })).json().status).toBe('in_progress');
    expect((await act(seller, id, 'deliver', { message: 'النسخة الزرقاء' })).json().status).toBe('delivered');
    expect((await act(buyer, id, 'complete')).json()).toEqual({ id, status: 'completed' });
    expect((await act(buyer, id, 'complete')).statusCode).toBe(409);

    expect(await balances(buyer)).toMatchObject({ availableCents: 2500, escrowCents: 0 });
    const after = await balances(seller);
    expect(after.pendingCents - before.pendingCents).toBe(2250);
    const pending = (await api(seller, 'GET', '/api/v1/wallet/pending')).json();
    const clearing = pending.items.find((p: { amountCents: number }) => p.amountCents === 2250);
    expect(new Date(clearing.clearsAt).getTime() - t.clock.now().getTime()).toBe(8 * DAY);

    const o = (await api(seller, 'GET', `/api/v1/orders/${id}`)).json();
    expect(o.events.map((e: { kind: string }) => e.kind)).toEqual([
      'placed',
      'accepted',
      'delivered',
      'changes_requested',
      'delivered',
      'completed',
    ]);
    const thread = (await api(buyer, 'GET', `/api/v1/orders/${id}/messages`)).json();
    expect(thread.items.map((m: { body: string }) => m.body)).toEqual(['التصميم الأول', 'غيّر اللون إلى الأزرق', 'النسخة الزرقاء']);
  });

  it('runs its timers: no answer in 2 days refunds; a delivery completes after 3 days; earnings clear after 8', async () => {
    const buyer = await fundedUser(t, 5000);
    const unanswered = await order(buyer);
    const statusOf = async (id: number) => (await api(buyer, 'GET', `/api/v1/orders/${id}`)).json().status;
    t.clock.advance(2 * DAY - 60_000);
    await t.services.orders.runDue(t.clock.now());
    expect(await statusOf(unanswered.id)).toBe('pending');
    t.clock.advance(120_000);
    expect((await t.services.orders.runDue(t.clock.now())).expired).toBeGreaterThanOrEqual(1);
    expect((await api(buyer, 'GET', `/api/v1/orders/${unanswered.id}`)).json().status).toBe('cancelled');
    expect(await balances(buyer)).toMatchObject({ availableCents: 5000, escrowCents: 0 });

    const { id } = await order(buyer);
    await act(seller, id, 'accept');
    await act(seller, id, 'deliver', { message: 'تم' });
    const before = await balances(seller);
    t.clock.advance(3 * DAY + 1000);
    const { runDue } = await import('../../worker.ts');
    const sweep = await runDue(t.services, t.deps, t.clock.now());
    expect(sweep.orders).toMatchObject({ autoCompleted: 1 });
    expect((await api(buyer, 'GET', `/api/v1/orders/${id}`)).json().status).toBe('completed');
    const mid = await balances(seller);
    expect(mid.pendingCents - before.pendingCents).toBe(2250);
    t.clock.advance(8 * DAY);
    await runDue(t.services, t.deps, t.clock.now());
    const cleared = await balances(seller);
    expect(cleared.availableCents - before.availableCents).toBeGreaterThanOrEqual(2250);
    expect(cleared.pendingCents).toBeLessThan(mid.pendingCents);
  });

  it('cancels: the buyer alone only once late; otherwise both sides agree', async () => {
    const buyer = await fundedUser(t, 5000);
    const { id } = await order(buyer);
    await act(seller, id, 'accept');
    expect((await act(buyer, id, 'cancel')).json().code).toBe('order.not_late');
    expect((await act(buyer, id, 'request-cancel', { reason: 'تغيّرت خططي' })).json().status).toBe('in_progress');
    expect((await act(buyer, id, 'accept-cancel')).json().code).toBe('order.own_request');
    expect((await act(seller, id, 'reject-cancel')).json().status).toBe('in_progress');
    t.clock.advance(3 * DAY + 60_000);
    expect((await act(buyer, id, 'cancel', { reason: 'تأخر التسليم' })).json()).toEqual({ id, status: 'cancelled' });
    expect(await balances(buyer)).toMatchObject({ availableCents: 5000, escrowCents: 0 });

    const second = await order(buyer);
    await act(seller, second.id, 'accept');
    await act(seller, second.id, 'request-cancel', { reason: 'لن أستطيع التسليم' });
    expect((await act(buyer, second.id, 'accept-cancel')).json().status).toBe('cancelled');
    expect(await balances(buyer)).toMatchObject({ availableCents: 5000 });
  });

  it('disputes: either side opens one; staff split it, both told the reason', async () => {
    const buyer = await fundedUser(t, 5000);
    const { id } = await order(buyer);
    await act(seller, id, 'accept');
    await act(seller, id, 'deliver', { message: 'تم' });
    expect((await act(buyer, id, 'dispute', { reason: '' })).statusCode).toBe(400);
    expect((await act(buyer, id, 'dispute', { reason: 'التسليم لا يطابق الوصف' })).json().status).toBe('disputed');
    expect((await act(buyer, id, 'complete')).json().code).toBe('order.wrong_state');
    const sellerBefore = await balances(seller);
    const user = await api(buyer, 'POST', `/api/v1/admin/orders/${id}/resolve`, { decision: 'refund', reason: 'لا' });
    expect(user.statusCode).toBe(403);
    const bad = await api(mod, 'POST', `/api/v1/admin/orders/${id}/resolve`, { decision: 'split', buyerCents: 2500, reason: 'نصف العمل' });
    expect(bad.json().errors[0]).toMatchObject({ field: 'buyerCents', code: 'dispute.split_invalid' });
    const r = await api(mod, 'POST', `/api/v1/admin/orders/${id}/resolve`, {
      decision: 'split',
      buyerCents: 1000,
      reason: 'نُفذ نصف العمل',
    });
    expect(r.json()).toEqual({ id, status: 'completed' });
    expect(await balances(buyer)).toMatchObject({ availableCents: 3500, escrowCents: 0 });
    expect((await balances(seller)).pendingCents - sellerBefore.pendingCents).toBe(1350);
    const told = (await api(buyer, 'GET', '/api/v1/notifications')).json().items[0];
    expect(told).toMatchObject({ type: 'order.dispute_resolved', title: expect.stringContaining('نُفذ نصف العمل') });
  });

  it('reviews are double-blind: published when both are in; the service rating follows; a reply once', async () => {
    const buyer = await fundedUser(t, 5000);
    const { id } = await order(buyer);
    await act(seller, id, 'accept');
    await act(seller, id, 'deliver', { message: 'تم' });
    expect(
      (await api(buyer, 'POST', `/api/v1/orders/${id}/review`, { quality: 5, communication: 5, onTime: 4, comment: 'ممتاز' })).json().code,
    ).toBe('review.not_completed');
    await act(buyer, id, 'complete');
    expect((await api(buyer, 'POST', `/api/v1/orders/${id}/review`, { quality: 6, communication: 5, onTime: 4 })).statusCode).toBe(400);
    expect(
      (await api(buyer, 'POST', `/api/v1/orders/${id}/review`, { quality: 5, communication: 5, onTime: 4, comment: 'ممتاز' })).statusCode,
    ).toBe(201);
    expect((await api(buyer, 'POST', `/api/v1/orders/${id}/review`, { quality: 5, communication: 5, onTime: 4 })).json().code).toBe(
      'review.already',
    );
    expect(await t.services.orders.publicReviews({ serviceId })).toHaveLength(0);
    expect(
      (await api(seller, 'POST', `/api/v1/orders/${id}/review`, { quality: 5, communication: 4, onTime: 5, comment: 'مشترٍ متعاون' }))
        .statusCode,
    ).toBe(201);
    const published = await t.services.orders.publicReviews({ serviceId });
    expect(published.map((p) => p.r.comment)).toEqual(['ممتاز']);
    const s = (await api(null, 'GET', `/api/v1/services/${serviceId}`)).json();
    expect(s.rating).toBeGreaterThan(0);
    const page = await t.app.inject({ method: 'GET', url: `/services/${serviceId}-x` });
    const html = (await t.app.inject({ method: 'GET', url: String(page.headers.location) })).body;
    expect(html).toContain('data-testid="reviews"');
    expect(html).toContain('ممتاز');
    expect(html).not.toContain('مشترٍ متعاون');
    const reviewId = published[0].r.id;
    expect((await api(buyer, 'POST', `/api/v1/reviews/${reviewId}/reply`, { reply: 'لا' })).statusCode).toBe(422);
    expect((await api(seller, 'POST', `/api/v1/reviews/${reviewId}/reply`, { reply: 'شكرًا لك' })).statusCode).toBe(200);
    expect((await api(seller, 'POST', `/api/v1/reviews/${reviewId}/reply`, { reply: 'مرة أخرى' })).json().code).toBe(
      'review.reply_not_allowed',
    );
  });
});

describe('levels', () => {
  it('are recomputed once a day for every seller with completed orders (the first sweep of the day claims it)', async () => {
    const day = new Date('2027-03-01T08:00:00Z');
    const first = await t.services.orders.runDue(day);
    expect(first.levelsRecomputed).toBeGreaterThan(0);
    expect((await t.services.orders.runDue(new Date('2027-03-01T20:00:00Z'))).levelsRecomputed).toBe(0);
    expect((await t.services.orders.runDue(new Date('2027-03-02T00:00:01Z'))).levelsRecomputed).toBe(first.levelsRecomputed);
  });
});

describe('simultaneous conflicting actions', () => {
  it('buyer cancels as the seller delivers: exactly one wins, the other gets 409, money moves once', async () => {
    for (let round = 0; round < 3; round++) {
      const buyer = await fundedUser(t, 5000);
      const { id } = await order(buyer);
      await act(seller, id, 'accept');
      t.clock.advance(4 * DAY);
      const [c, d] = await Promise.all([act(buyer, id, 'cancel'), act(seller, id, 'deliver', { message: 'تم التسليم' })]);
      const codes = [c.statusCode, d.statusCode].sort();
      expect(codes).toEqual([200, 409]);
      const status = (await api(buyer, 'GET', `/api/v1/orders/${id}`)).json().status;
      expect(status).toBe(c.statusCode === 200 ? 'cancelled' : 'delivered');
      expect(await balances(buyer)).toMatchObject(
        status === 'cancelled' ? { availableCents: 5000, escrowCents: 0 } : { availableCents: 2500, escrowCents: 2500 },
      );
    }
  });

  it('two orders of one seller completed at once, then reviewed at once: the record counts both jobs and both reviews', async () => {
    const maker = await signedUpUser(t, 'busy');
    // Two services: the service's own rating row does not line the two reviews up.
    const services = [
      await publishedService(t, maker, mod, { instructions: 'أرسل النص.', skills: ['ترجمة'] }),
      await publishedService(t, maker, mod, { instructions: 'أرسل الملف.', skills: ['تدقيق'] }),
    ];
    const buyers = [await fundedUser(t, 5000), await fundedUser(t, 5000)];
    const ids: number[] = [];
    for (const [i, b] of buyers.entries()) {
      const { id } = await order(b, { serviceId: services[i].id });
      await act(maker, id, 'accept');
      await act(maker, id, 'deliver', { message: 'تم' });
      ids.push(id);
    }
    const done = await Promise.all(buyers.map((b, i) => act(b, ids[i], 'complete')));
    expect(done.map((r) => r.statusCode)).toEqual([200, 200]);
    // The seller's reviews wait (double-blind); each buyer's, sent together, publishes its pair.
    for (const id of ids) {
      const r = await api(maker, 'POST', `/api/v1/orders/${id}/review`, { quality: 5, communication: 5, onTime: 5 });
      expect(r.statusCode, r.body).toBe(201);
    }
    const sent = await Promise.all(
      buyers.map((b, i) => api(b, 'POST', `/api/v1/orders/${ids[i]}/review`, { quality: 4, communication: 4, onTime: 4 })),
    );
    expect(sent.map((r) => r.statusCode)).toEqual([201, 201]);
    const record = (await api(null, 'GET', `/api/v1/users/${maker.username}`)).json();
    expect(record).toMatchObject({ completedJobs: 2, reviewsCount: 2, rating: 4 });
    for (const b of buyers) {
      expect(await t.services.accounts.byUsername(b.username)).toMatchObject({ buyerReviews: 1, buyerRatingX100: 500 });
    }
  });

  it('two staff resolve one dispute at once: one decision stands', async () => {
    const buyer = await fundedUser(t, 5000);
    const { id } = await order(buyer);
    await act(seller, id, 'accept');
    await act(buyer, id, 'dispute', { reason: 'لا يرد على رسائلي' });
    const mod2 = await staffUser(t, ['moderator'], 'mod2');
    const [a, b] = await Promise.all([
      api(mod, 'POST', `/api/v1/admin/orders/${id}/resolve`, { decision: 'refund', reason: 'البائع لم يعمل' }),
      api(mod2, 'POST', `/api/v1/admin/orders/${id}/resolve`, { decision: 'release', reason: 'العمل سُلّم' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const winner = a.statusCode === 200 ? 'refund' : 'release';
    expect(await balances(buyer)).toMatchObject(winner === 'refund' ? { availableCents: 5000 } : { availableCents: 2500, escrowCents: 0 });
  });
});
