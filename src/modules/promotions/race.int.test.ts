import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fundedUser, makeTestApp, publishedService, signedUpUser, staffUser, type TestApp } from '../../../test/helpers.ts';
import { queryRows } from '../../platform/db/index.ts';

/**
 * Promotions at the same moment (PGlite runs them one at a time; PostgreSQL — KAFIIL_TEST_DB=postgres — really at
 * once on separate connections): the counts are exact, and the points and money ledgers reconcile afterwards.
 */
let t: TestApp;
let mod: Awaited<ReturnType<typeof staffUser>>;
let fin: Awaited<ReturnType<typeof staffUser>>;
let keys = 0;
beforeAll(async () => {
  t = await makeTestApp();
  mod = await staffUser(t, ['moderator'], 'rmod');
  fin = await staffUser(t, ['finance'], 'rfin');
});
afterAll(async () => t?.close());

type Who = { id: number; auth: Record<string, string>; token: string };
const promote = (u: Who, serviceId: number, payWith: string) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/promotions',
    headers: { ...u.auth, 'idempotency-key': `race-${++keys}-${Math.random()}` },
    payload: { serviceId, pay: payWith === 'money' ? 'balance' : payWith },
  });
const statuses = (rs: { statusCode: number }[]) => rs.map((r) => r.statusCode).sort();

/** Points ledger: every balance is its entries' sum, never below zero from spending; promotions paid with points match the entries. */
async function pointsReconcile() {
  const [r] = await queryRows<{ negative: number; mismatch: number }>(
    t.deps.db,
    sql`SELECT
      (SELECT count(*) FROM (SELECT user_id FROM points_entries GROUP BY user_id HAVING sum(delta) < 0) x)::int AS negative,
      (SELECT count(*) FROM promotions p WHERE p.paid_with = 'points' AND NOT EXISTS (
         SELECT 1 FROM points_entries e WHERE e.reason = 'promotion' AND e.source = 'promotion:' || p.id AND e.delta = -p.points_spent))::int
      + (SELECT count(*) FROM points_entries e WHERE e.reason = 'promotion' AND NOT EXISTS (
         SELECT 1 FROM promotions p WHERE e.source = 'promotion:' || p.id AND p.paid_with = 'points'))::int AS mismatch`,
  );
  return r;
}

describe('promotions at the same moment', () => {
  it('two promotions at once with points for one: exactly one, and the points ledger reconciles', async () => {
    const seller = await signedUpUser(t, 'rpts');
    const a = await publishedService(t, seller, mod);
    const b = await publishedService(t, seller, mod);
    await t.deps.db.transaction((tx) =>
      t.services.points.award(tx, { userId: seller.id, reason: 'staff_grant', source: 'race:1', delta: 700 }),
    );
    const rs = await Promise.all([promote(seller, a.id, 'points'), promote(seller, b.id, 'points')]);
    expect(statuses(rs)).toEqual([201, 422]);
    expect(rs.find((r) => r.statusCode === 422)?.json().code).toBe('points.insufficient');
    expect(await t.services.points.balance(seller.id)).toBe(200);
    expect(await pointsReconcile()).toEqual({ negative: 0, mismatch: 0 });
  });

  it('ten at once of one service: one promotion, paid once', async () => {
    const seller = await signedUpUser(t, 'rsame');
    const s = await publishedService(t, seller, mod);
    await t.deps.db.transaction((tx) =>
      t.services.points.award(tx, { userId: seller.id, reason: 'staff_grant', source: 'race:2', delta: 5000 }),
    );
    const rs = await Promise.all(Array.from({ length: 10 }, () => promote(seller, s.id, 'points')));
    expect(statuses(rs).filter((x) => x === 201)).toHaveLength(1);
    expect(rs.filter((r) => r.statusCode === 409).every((r) => r.json().code === 'promotion.already_promoted')).toBe(true);
    expect(await t.services.points.balance(seller.id)).toBe(4500);
    expect(await pointsReconcile()).toEqual({ negative: 0, mismatch: 0 });
  });

  it('two at once with money for one: exactly one, and the money ledger reconciles', async () => {
    const seller = await fundedUser(t, 700, 'rmon');
    const a = await publishedService(t, seller, mod);
    const b = await publishedService(t, seller, mod);
    const before = await t.services.wallet.revenue({ id: fin.id, roles: ['finance'] });
    const rs = await Promise.all([promote(seller, a.id, 'money'), promote(seller, b.id, 'money')]);
    expect(statuses(rs)).toEqual([201, 422]);
    expect(rs.find((r) => r.statusCode === 422)?.json().code).toBe('wallet.insufficient_funds');
    expect((await t.services.wallet.balances(seller.id)).availableCents).toBe(200);
    const after = await t.services.wallet.revenue({ id: fin.id, roles: ['finance'] });
    expect(after.revenueCents - before.revenueCents).toBe(500);
    const check = await t.services.wallet.reconcile({ id: fin.id, roles: ['finance'] });
    expect(check.ok).toBe(true);
    // Every promotion paid with money has its one charge in the seller's statement (the wallet's reading), of its price.
    const paid = (await t.services.promotions.mine(seller.id)).filter((p) => p.paidWith === 'money');
    const charges = (await t.services.wallet.statement(seller.id, { type: 'charge_promotion', limit: 1000 })).items;
    for (const p of paid) expect(charges.filter((c) => c.reference === `promotion:${p.id}`).map((c) => c.netCents)).toEqual([-p.centsPaid]);
    expect(charges).toHaveLength(paid.length);
  });
});
