import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Db, Tx } from './db/index.ts';
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
 * Runs `fn` in one transaction together with remembering its result under the key. A replay (same key and
 * request) returns the remembered result without running `fn`; the same key with another request is 409.
 * Two requests racing with one key: the second waits on the key's row and then replays the first's result.
 * A refusal (an error) is not remembered, so the request can be retried.
 */
export async function idempotent<T>(db: Db, idem: IdempotencyKey | null, fn: (tx: Tx) => Promise<{ status: number; body: T }>) {
  if (!idem) return db.transaction(fn);
  const problem = keyProblem(idem.key);
  if (problem) throw new AppError(problem);
  const requestHash = hashOf(idem.scope, idem.request);
  return db.transaction(async (tx) => {
    const claimed = await tx
      .insert(idempotencyKeys)
      .values({ userId: idem.userId, key: idem.key, scope: idem.scope, requestHash, status: 0, body: {} })
      .onConflictDoNothing()
      .returning({ key: idempotencyKeys.key });
    if (claimed.length === 0) {
      const [row] = await tx
        .select()
        .from(idempotencyKeys)
        .where(and(eq(idempotencyKeys.userId, idem.userId), eq(idempotencyKeys.key, idem.key)));
      if (!row || row.requestHash !== requestHash) throw new AppError('idempotency.conflict');
      return { status: row.status, body: row.body as T, replayed: true };
    }
    const result = await fn(tx);
    await tx
      .update(idempotencyKeys)
      .set({ status: result.status, body: result.body as object })
      .where(and(eq(idempotencyKeys.userId, idem.userId), eq(idempotencyKeys.key, idem.key)));
    return { ...result, replayed: false };
  });
}
