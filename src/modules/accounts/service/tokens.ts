import { and, eq, isNull } from 'drizzle-orm';
import { newToken, sha256 } from '../../../platform/crypto.ts';
import type { DbOrTx } from '../../../platform/db/index.ts';
import { AppError } from '../../../platform/errors.ts';
import { RESET_TOKEN_MINUTES, VERIFY_TOKEN_HOURS } from '../rules.ts';
import { authTokens } from '../schema.ts';
import type { AccountsContext } from './context.ts';

/** Single-use tokens mailed to a user (or handed to the second step of a sign-in). */
export type TokenPurpose = 'verify_email' | 'password_reset' | 'login_2fa';

export async function issueToken(ctx: AccountsContext, tx: DbOrTx, userId: number, purpose: TokenPurpose): Promise<string> {
  const { clock } = ctx;
  const token = newToken();
  const ms =
    purpose === 'verify_email' ? VERIFY_TOKEN_HOURS * 3_600_000 : purpose === 'login_2fa' ? 10 * 60_000 : RESET_TOKEN_MINUTES * 60_000;
  // A new token of the same purpose replaces any older one still unused.
  await tx
    .update(authTokens)
    .set({ usedAt: clock() })
    .where(and(eq(authTokens.userId, userId), eq(authTokens.purpose, purpose), isNull(authTokens.usedAt)));
  await tx.insert(authTokens).values({
    userId,
    purpose,
    tokenHash: sha256(token),
    expiresAt: new Date(clock().getTime() + ms),
  });
  return token;
}

/** Marks a mailed token used; refuses unknown, expired and reused tokens, each with its own code. */
export async function consumeToken(ctx: AccountsContext, tx: DbOrTx, token: string, purpose: TokenPurpose) {
  const { clock } = ctx;
  if (!token || typeof token !== 'string') throw new AppError('token.invalid');
  const [row] = await tx
    .select()
    .from(authTokens)
    .where(and(eq(authTokens.tokenHash, sha256(token)), eq(authTokens.purpose, purpose)))
    .for('update');
  if (!row) throw new AppError('token.invalid');
  if (row.usedAt) throw new AppError('token.used');
  if (row.expiresAt <= clock()) throw new AppError('token.expired');
  const updated = await tx
    .update(authTokens)
    .set({ usedAt: clock() })
    .where(and(eq(authTokens.id, row.id), isNull(authTokens.usedAt)))
    .returning({ id: authTokens.id });
  if (updated.length === 0) throw new AppError('token.used');
  return row;
}
