import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../../test/helpers.ts';
import { idempotencyKeys } from './db/tables.ts';
import {
  claimKey,
  completeKey,
  IDEMPOTENCY_LEASE_MS,
  type IdempotencyKey,
  idempotent,
  type Lease,
  noteProgress,
  releaseKey,
} from './idempotency.ts';

/** The lease of an in-progress key (two-phase requests, e.g. a deposit waiting on its provider), without a process kill. */
describe('idempotency keys in progress hold a lease', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  let seq = 0;
  const keyOf = (request: unknown = { amountCents: 1000 }): IdempotencyKey => ({
    userId: 9_000 + ++seq,
    key: `lease-${seq}`,
    scope: 'POST /test',
    request,
  });
  const at = (base: Date, ms: number) => new Date(base.getTime() + ms);
  const claim = (idem: IdempotencyKey, now: Date) => t.deps.db.transaction((tx) => claimKey<{ id: number }>(tx, idem, now));
  const code = async (p: Promise<unknown>) => {
    try {
      await p;
    } catch (e) {
      return (e as { code?: string }).code;
    }
    return 'no error';
  };
  const leaseOf = (c: Awaited<ReturnType<typeof claim>>): Lease => {
    if (!('lease' in c)) throw new Error('expected a lease');
    return c.lease;
  };
  const row = async (idem: IdempotencyKey) =>
    (
      await t.deps.db
        .select()
        .from(idempotencyKeys)
        .where(and(eq(idempotencyKeys.userId, idem.userId), eq(idempotencyKeys.key, idem.key)))
    )[0];

  it('is a named minute', () => {
    expect(IDEMPOTENCY_LEASE_MS).toBe(60_000);
  });

  it('refuses a retry while the lease runs, lets one retry take the key over after it, and keeps what the first holder recorded', async () => {
    const idem = keyOf();
    const t0 = new Date('2026-11-25T10:00:00Z');
    const first = leaseOf(await claim(idem, t0));
    expect(first).toEqual({ since: t0, progress: null });
    expect((await row(idem)).createdAt).toEqual(t0);
    expect(await t.deps.db.transaction((tx) => noteProgress(tx, idem, first, { depositId: 41 }))).toBe(true);

    // The holder is still within its minute: every retry is told it is in progress, up to the last millisecond.
    expect(await code(claim(idem, at(t0, 1_000)))).toBe('idempotency.in_progress');
    expect(await code(claim(idem, at(t0, IDEMPOTENCY_LEASE_MS)))).toBe('idempotency.in_progress');

    // The holder stopped (its process killed): after the lease, a retry takes the key over with what it recorded.
    const t1 = at(t0, IDEMPOTENCY_LEASE_MS + 1);
    const second = leaseOf(await claim(idem, t1));
    expect(second).toEqual({ since: t1, progress: { depositId: 41 } });
    expect(await row(idem)).toMatchObject({ status: 0, createdAt: t1, body: { depositId: 41 } });
    // The fresh lease holds against the next retry.
    expect(await code(claim(idem, at(t1, 30_000)))).toBe('idempotency.in_progress');

    // The first holder, come back late, holds nothing any more: it can neither record, nor answer, nor give up the key.
    expect(await t.deps.db.transaction((tx) => noteProgress(tx, idem, first, { depositId: 99 }))).toBe(false);
    expect(await t.deps.db.transaction((tx) => completeKey(tx, idem, { status: 201, body: { id: 99 } }, first))).toBe(false);
    expect(await t.deps.db.transaction((tx) => releaseKey(tx, idem, first))).toBe(false);
    expect(await row(idem)).toMatchObject({ status: 0, body: { depositId: 41 } });

    // The new holder answers; every later request replays that answer, even long after.
    expect(await t.deps.db.transaction((tx) => completeKey(tx, idem, { status: 201, body: { id: 41 } }, second))).toBe(true);
    expect(await claim(idem, at(t1, 10 * IDEMPOTENCY_LEASE_MS))).toEqual({ replay: { status: 201, body: { id: 41 } } });
    // Another request under the same key is still refused.
    expect(await code(claim({ ...idem, request: { amountCents: 2000 } }, at(t1, 10 * IDEMPOTENCY_LEASE_MS)))).toBe('idempotency.conflict');
  });

  it('gives a stale key to one of two retries only', async () => {
    const idem = keyOf();
    const t0 = new Date('2026-11-25T11:00:00Z');
    leaseOf(await claim(idem, t0));
    const later = at(t0, 2 * IDEMPOTENCY_LEASE_MS);
    const both = await Promise.allSettled([claim(idem, later), claim(idem, at(later, 5))]);
    expect(both.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = both.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason.code).toBe('idempotency.in_progress');
  });

  it('lets the holder give the key up, so the request may be made again at once', async () => {
    const idem = keyOf();
    const t0 = new Date('2026-11-25T12:00:00Z');
    const lease = leaseOf(await claim(idem, t0));
    expect(await t.deps.db.transaction((tx) => releaseKey(tx, idem, lease))).toBe(true);
    expect(await row(idem)).toBeUndefined();
    expect(leaseOf(await claim(idem, at(t0, 1)))).toMatchObject({ progress: null });
  });

  it('leaves one-step requests as they were: claimed, worked and answered in one transaction', async () => {
    const idem = keyOf({ one: 'step' });
    const run = () => idempotent(t.deps.db, idem, async () => ({ status: 201, body: { id: 7 } }));
    expect(await run()).toEqual({ status: 201, body: { id: 7 }, replayed: false });
    expect(await run()).toEqual({ status: 201, body: { id: 7 }, replayed: true });
    // A refusal is not remembered.
    const other = keyOf({ one: 'refused' });
    await expect(
      idempotent(t.deps.db, other, async () => {
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(await row(other)).toBeUndefined();
  });
});
