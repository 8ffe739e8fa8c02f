import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/index.ts';
import { users } from './schema.ts';

/**
 * The verified-identity badge on an account (`users.identity_verified_at`): set by the verification module when
 * support staff approve a user's document, cleared when they withdraw it; read by the pages that show the badge.
 */

/** Sets (a date) or clears (null) the account's verified identity, inside the caller's transaction. */
export async function setIdentityVerified(tx: DbOrTx, userId: number, at: Date | null): Promise<void> {
  await tx.update(users).set({ identityVerifiedAt: at }).where(eq(users.id, userId));
}

/** When the account's identity was verified, or null (not verified, or no such account). */
export async function identityVerifiedAt(tx: DbOrTx, userId: number): Promise<Date | null> {
  const [u] = await tx.select({ at: users.identityVerifiedAt }).from(users).where(eq(users.id, userId));
  return u?.at ?? null;
}

/** Which of these accounts have a verified identity (for a list's badges: one query for a page of people). */
export async function verifiedIdsOf(tx: DbOrTx, ids: readonly number[]): Promise<Set<number>> {
  const wanted = [...new Set(ids)].filter((id) => Number.isSafeInteger(id));
  if (wanted.length === 0) return new Set();
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(inArray(users.id, wanted), isNotNull(users.identityVerifiedAt)));
  return new Set(rows.map((r) => r.id));
}

/** Whether one account's identity is verified. */
export async function isIdentityVerified(tx: DbOrTx, userId: number): Promise<boolean> {
  return (await identityVerifiedAt(tx, userId)) !== null;
}
