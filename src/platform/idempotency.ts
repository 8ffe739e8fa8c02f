import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
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
 * Claims the key inside `tx`: null when it is new (the caller's work goes ahead), the remembered answer
 * for a replay, 409 for the same key with another request, and 409 `idempotency.in_progress` while the
 * first request with this key is still working (two-phase callers that wait on a provider).
 */
export async function claimKey<T>(tx: Tx, idem: IdempotencyKey): Promise<{ status: number; body: T } | null> {
  const problem = keyProblem(idem.key);
  if (problem) throw new AppError(problem);
  const requestHash = hashOf(idem.scope, idem.request);
  const claimed = await tx
    .insert(idempotencyKeys)
    .values({ userId: idem.userId, key: idem.key, scope: idem.scope, requestHash, status: 0, body: {} })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  if (claimed.length) return null;
  const [row] = await tx
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.userId, idem.userId), eq(idempotencyKeys.key, idem.key)));
  if (!row || row.requestHash !== requestHash) throw new AppError('idempotency.conflict');
  if (row.status === 0) throw new AppError('idempotency.in_progress');
  return { status: row.status, body: row.body as T };
}

/** Remembers the answer of a claimed key. */
export async function completeKey(tx: DbOrTx, idem: IdempotencyKey, result: { status: number; body: unknown }): Promise<void> {
  await tx
    .update(idempotencyKeys)
    .set({ status: result.status, body: result.body as object })
    .where(and(eq(idempotencyKeys.userId, idem.userId), eq(idempotencyKeys.key, idem.key)));
}

/** Forgets a claimed key whose work failed, so the request can be retried. */
export async function releaseKey(tx: DbOrTx, idem: IdempotencyKey): Promise<void> {
  await tx
    .delete(idempotencyKeys)
    .where(and(eq(idempotencyKeys.userId, idem.userId), eq(idempotencyKeys.key, idem.key), eq(idempotencyKeys.status, 0)));
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
    const replay = await claimKey<T>(tx, idem);
    if (replay) return { ...replay, replayed: true };
    const result = await fn(tx);
    await completeKey(tx, idem, result);
    return { ...result, replayed: false };
  });
}
