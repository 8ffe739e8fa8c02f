import { createHash } from 'node:crypto';
import { and, eq, lt } from 'drizzle-orm';
import type { Db, DbOrTx, Tx } from './db/index.ts';
import { idempotencyKeys } from './db/tables.ts';
import { AppError } from './errors.ts';

export interface IdempotencyKey {
  userId: number;
  key: string;
  /** The operation, e.g. `POST /api/v1/wallet/withdrawals`. */
  scope: string;
  /** What was asked (the body), so the same key with another request is refused. */
  request: unknown;
}

/** The request's `Idempotency-Key` (API.md: required on every POST that moves money), or null when optional and absent. */
export function idempotencyOf(
  req: { headers: Record<string, string | string[] | undefined> },
  user: { id: number },
  scope: string,
  request: unknown,
  required = true,
): IdempotencyKey | null {
  const key = req.headers['idempotency-key'];
  if (typeof key !== 'string' || key === '') {
    if (required) throw new AppError('idempotency.key_required');
    return null;
  }
  return { userId: user.id, key, scope, request };
}

export function keyProblem(key: string | undefined): string | null {
  if (!key) return 'idempotency.key_required';
  if (key.length > 200 || !/^[\x21-\x7e]+$/.test(key)) return 'idempotency.key_invalid';
  return null;
}

function hashOf(scope: string, request: unknown): string {
  return createHash('sha256')
    .update(scope)
    .update('\n')
    .update(JSON.stringify(request ?? null))
    .digest('hex');
}

/**
 * How long an in-progress key belongs to the request that claimed it. A two-phase request (the deposit: its
 * row, then the provider's checkout, then the answer) that stopped half-way — its process killed — leaves its
 * key in progress; once this much time has passed since the claim, a retry takes the key over and finishes
 * the work (a live holder is never that slow: the provider call times out well before).
 */
export const IDEMPOTENCY_LEASE_MS = 60_000;

/** The hold on a claimed key: from `since` (the row's `created_at`) for IDEMPOTENCY_LEASE_MS. */
export interface Lease {
  since: Date;
  /**
   * What the previous holder recorded with `noteProgress` before it stopped, when this claim took a stale key
   * over (null for a new key): enough for the retry to finish that work instead of doing it a second time.
   */
  progress: Record<string, unknown> | null;
}

/** A claimed key: the remembered answer of a replay, or the lease to run the work under. */
export type Claim<T> = { replay: { status: number; body: T } } | { lease: Lease };

/**
 * Claims the key inside `tx`: a lease when it is new (the caller's work goes ahead), the remembered answer
 * for a replay, 409 for the same key with another request, and 409 `idempotency.in_progress` while the
 * first request with this key is still working (two-phase callers that wait on a provider). An in-progress
 * key whose lease has run out (its holder crashed) is taken over with a compare-and-set on the row (still in
 * progress and claimed before the lease's length ago: of two retries the second, waiting on the row, then
 * sees the first's fresh claim and gets 409) and its lease restarts.
 * `now` is the caller's clock (deps.clock).
 */
export async function claimKey<T>(tx: Tx, idem: IdempotencyKey, now: Date = new Date()): Promise<Claim<T>> {
  const problem = keyProblem(idem.key);
  if (problem) throw new AppError(problem);
  const requestHash = hashOf(idem.scope, idem.request);
  const claimed = await tx
    .insert(idempotencyKeys)
    .values({ userId: idem.userId, key: idem.key, scope: idem.scope, requestHash, status: 0, body: {}, createdAt: now })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  if (claimed.length) return { lease: { since: now, progress: null } };
  const [row] = await tx
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.userId, idem.userId), eq(idempotencyKeys.key, idem.key)));
  if (!row || row.requestHash !== requestHash) throw new AppError('idempotency.conflict');
  if (row.status !== 0) return { replay: { status: row.status, body: row.body as T } };
  const [taken] = await tx
    .update(idempotencyKeys)
    .set({ createdAt: now })
    .where(and(ownRow(idem), eq(idempotencyKeys.status, 0), lt(idempotencyKeys.createdAt, new Date(now.getTime() - IDEMPOTENCY_LEASE_MS))))
    .returning({ body: idempotencyKeys.body });
  if (!taken) throw new AppError('idempotency.in_progress');
  const progress = taken.body as Record<string, unknown>;
  return { lease: { since: now, progress: Object.keys(progress).length ? progress : null } };
}

function ownRow(idem: IdempotencyKey) {
  return and(eq(idempotencyKeys.userId, idem.userId), eq(idempotencyKeys.key, idem.key));
}

/** The key's row while `lease` still holds it: in progress and claimed at `lease.since` (not taken over since). */
function heldBy(idem: IdempotencyKey, lease: Lease) {
  return and(ownRow(idem), eq(idempotencyKeys.status, 0), eq(idempotencyKeys.createdAt, lease.since));
}

/**
 * Records, under a key still in progress, how far the work got (e.g. the deposit made), so a retry that takes
 * the key over finishes that work. False when the lease was lost (another request took the key over).
 */
export async function noteProgress(tx: DbOrTx, idem: IdempotencyKey, lease: Lease, progress: Record<string, unknown>): Promise<boolean> {
  const r = await tx.update(idempotencyKeys).set({ body: progress }).where(heldBy(idem, lease)).returning({ key: idempotencyKeys.key });
  return r.length > 0;
}

/**
 * Remembers the answer of a claimed key. With its lease, only while the lease still holds (false when a retry
 * took the key over meanwhile: the answer the new holder stores stands).
 */
export async function completeKey(
  tx: DbOrTx,
  idem: IdempotencyKey,
  result: { status: number; body: unknown },
  lease?: Lease,
): Promise<boolean> {
  const r = await tx
    .update(idempotencyKeys)
    .set({ status: result.status, body: result.body as object })
    .where(lease ? heldBy(idem, lease) : ownRow(idem))
    .returning({ key: idempotencyKeys.key });
  return r.length > 0;
}

/**
 * Forgets a claimed key whose work failed, so the request can be retried. With its lease, only while the lease
 * still holds (false when the key was taken over: the work is the new holder's now).
 */
export async function releaseKey(tx: DbOrTx, idem: IdempotencyKey, lease?: Lease): Promise<boolean> {
  const r = await tx
    .delete(idempotencyKeys)
    .where(lease ? heldBy(idem, lease) : and(ownRow(idem), eq(idempotencyKeys.status, 0)))
    .returning({ key: idempotencyKeys.key });
  return r.length > 0;
}

/**
 * Runs `fn` in one transaction together with remembering its result under the key. A replay (same key and
 * request) returns the remembered result without running `fn`; the same key with another request is 409.
 * Two requests racing with one key: the second waits on the key's row and then replays the first's result.
 * A refusal (an error) is not remembered, so the request can be retried.
 */
export async function idempotent<T>(db: Db, idem: IdempotencyKey | null, fn: (tx: Tx) => Promise<{ status: number; body: T }>) {
  if (!idem) return db.transaction(fn);
  return db.transaction(async (tx) => {
    const claim = await claimKey<T>(tx, idem);
    if ('replay' in claim) return { ...claim.replay, replayed: true };
    const result = await fn(tx);
    await completeKey(tx, idem, result, claim.lease);
    return { ...result, replayed: false };
  });
}
