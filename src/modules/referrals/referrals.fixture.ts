// What the referrals tests share: an app per file, people signing up from their own addresses (with or without a
// referrer), services to buy, orders taken to completion through the API. Not a test file itself.
import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { newUser, publishedService, type TestApp, tokenFrom, topUp } from '../../../test/helpers.ts';
import { referralRewards, referrals } from './schema.ts';

let addr = 0;
/** A person's own address: no two made-up people share one (the same address is a self-referral signal). */
export const ownAddress = () => `203.0.113.${(addr++ % 250) + 1}`;

export type Person = Awaited<ReturnType<typeof person>>;

/** Signs up through the API (with `referrer` if given) from its own address, confirms the mail and signs in there. */
export async function person(t: TestApp, prefix: string, o: { referrer?: string; ip?: string; email?: string } = {}) {
  const u = newUser(prefix);
  if (o.email) u.email = o.email;
  const remoteAddress = o.ip ?? ownAddress();
  const r = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/signup',
    payload: { ...u, acceptTerms: true, ...(o.referrer ? { referrer: o.referrer } : {}) },
    remoteAddress,
  });
  expect(r.statusCode, r.body).toBe(201);
  const token = tokenFrom(await t.mailTo(u.email), '/verify-email');
  expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/verify-email', payload: { token } })).statusCode).toBe(200);
  const l = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { login: u.username, password: u.password },
    remoteAddress,
  });
  const body = l.json() as { token: string; user: { id: number } };
  return { ...u, ip: remoteAddress, id: body.user.id, token: body.token, auth: { authorization: `Bearer ${body.token}` } };
}

export const call = (t: TestApp, u: { auth: Record<string, string> } | null, method: 'GET' | 'POST', url: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: { ...(u?.auth ?? {}), 'accept-language': 'en' }, payload: payload as object });

/** A live service of `seller` at `priceCents`. */
export async function serviceOf(t: TestApp, seller: Person, mod: Person, priceCents: number) {
  return (await publishedService(t, seller, mod, { priceCents })).id;
}

/** An order of `buyer` for the service, placed from their balance (topped up first), accepted and delivered. */
export async function deliveredOrder(t: TestApp, buyer: Person, seller: Person, serviceId: number, quantity = 1, topUpCents = 0) {
  if (topUpCents) await topUp(t, buyer, topUpCents);
  const placed = await t.app.inject({
    method: 'POST',
    url: '/api/v1/orders',
    headers: { ...buyer.auth, 'idempotency-key': `ref-${Math.random()}` },
    payload: { serviceId, quantity, addonIds: [] },
  });
  expect(placed.statusCode, placed.body).toBe(201);
  const { id, totalCents } = placed.json() as { id: number; totalCents: number };
  expect((await call(t, seller, 'POST', `/api/v1/orders/${id}/accept`)).statusCode).toBe(200);
  expect((await call(t, seller, 'POST', `/api/v1/orders/${id}/deliver`, { message: 'تم التسليم' })).statusCode).toBe(200);
  return { id, totalCents };
}

/** The same, completed by the buyer. */
export async function completedOrder(t: TestApp, buyer: Person, seller: Person, serviceId: number, quantity = 1, topUpCents = 0) {
  const o = await deliveredOrder(t, buyer, seller, serviceId, quantity, topUpCents);
  const done = await call(t, buyer, 'POST', `/api/v1/orders/${o.id}/complete`);
  expect(done.json().status, done.body).toBe('completed');
  return o;
}

export async function referralOf(t: TestApp, referredId: number) {
  const [r] = await t.deps.db.select().from(referrals).where(eq(referrals.referredId, referredId));
  return r ?? null;
}

export async function rewardsOf(t: TestApp, referralId: number) {
  return t.deps.db.select().from(referralRewards).where(eq(referralRewards.referralId, referralId)).orderBy(referralRewards.id);
}

export async function balances(t: TestApp, userId: number) {
  return t.services.wallet.balances(userId);
}

/** The referrer's API view. */
export async function overview(t: TestApp, u: Person) {
  const r = await call(t, u, 'GET', '/api/v1/referrals');
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as {
    link: string;
    items: { displayName: string; purchasesCents: number; rewardCents: number; capLeftCents: number; flagged: boolean }[];
    capLeftCents: number;
  };
}

/** Every ledger invariant holds: the wallet's own reconciliation, as finance reads it. */
export async function ledgerReconciles(t: TestApp) {
  const r = await t.services.wallet.reconcile({ id: 0, roles: ['finance'] });
  expect(r).toMatchObject({ ok: true, unbalancedTransactions: [], negativeBalances: [], mismatchedBalances: [] });
}
