import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, staffUser, type TestApp } from '../../../test/helpers.ts';
import {
  balances,
  completedOrder,
  deliveredOrder,
  ledgerReconciles,
  type Person,
  person,
  referralOf,
  rewardsOf,
  serviceOf,
} from './referrals.fixture.ts';

/**
 * Two purchases of one referred user completed at the same moment, near the $50 cap: real parallel HTTP requests
 * against a listening server — on PostgreSQL (KAFIIL_TEST_DB=postgres) on separate connections at once, on PGlite one
 * after another. The referral row's lock (FOR UPDATE) makes the second wait and see the first: never past the cap.
 */
let t: TestApp;
let mod: Person;

beforeAll(async () => {
  t = await makeTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  mod = (await staffUser(t, ['moderator'], 'rrmod')) as unknown as Person;
}, 120_000);
afterAll(async () => {
  await t.close();
});

const base = () => `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
const complete = (u: Person, id: number) =>
  fetch(`${base()}/api/v1/orders/${id}/complete`, { method: 'POST', headers: u.auth }).then((r) => r.status);

describe('rewards at the same moment', () => {
  it('two completions at once with $5 left under the cap pay $5 in all, never more; the ledger reconciles', async () => {
    const sellerA = await person(t, 'rrsa');
    const sellerB = await person(t, 'rrsb');
    const big = await serviceOf(t, sellerA, mod, 90_000);
    const a = await serviceOf(t, sellerA, mod, 20_000);
    const b = await serviceOf(t, sellerB, mod, 20_000);
    for (let round = 0; round < 4; round++) {
      const referrer = await person(t, 'rrref');
      const buyer = await person(t, 'rrbuy', { referrer: referrer.username });
      await completedOrder(t, buyer, sellerA, big, 1, 140_000); // $900 → $45; $5 left
      const o1 = await deliveredOrder(t, buyer, sellerA, a);
      const o2 = await deliveredOrder(t, buyer, sellerB, b);
      expect(await Promise.all([complete(buyer, o1.id), complete(buyer, o2.id)])).toEqual([200, 200]);
      const ref = await referralOf(t, buyer.id);
      expect(Number(ref?.rewardedCents)).toBe(5_000);
      const rows = await rewardsOf(t, ref?.id as number);
      expect(rows).toHaveLength(3);
      // One of the two got the $5 left, the other nothing, whichever came first.
      expect(
        rows
          .slice(1)
          .map((r) => Number(r.rewardCents))
          .sort((x, y) => x - y),
      ).toEqual([0, 500]);
      expect((await balances(t, referrer.id)).pendingCents).toBe(5_000);
    }
    await ledgerReconciles(t);
    const finance = await staffUser(t, ['finance'], 'rrfin');
    const actor = await t.services.accounts.resolveSession(finance.token, 'api');
    if (!actor) throw new Error('no session');
    const check = await t.services.wallet.reconcile(actor);
    expect(check).toMatchObject({ ok: true });
  });
});
