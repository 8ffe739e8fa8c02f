import { eq, sql } from 'drizzle-orm';
import { AppError, invalid } from '../../../platform/errors.ts';
import type { Origin } from '../../../platform/http/auth.ts';
import { LOCK_AFTER_FAILURES, LOCK_MINUTES, lockedUntil } from '../rules.ts';
import { loginEvents, users } from '../schema.ts';
import type { AccountsContext, UserRow } from './context.ts';

/** Refuses a sign-in while the account is locked, saying for how many more minutes. */
export function assertNotLocked(ctx: AccountsContext, u: UserRow) {
  const now = ctx.clock();
  if (u.lockedUntil && u.lockedUntil > now) {
    throw new AppError('auth.account_locked', { minutes: Math.ceil((u.lockedUntil.getTime() - now.getTime()) / 60_000) });
  }
}

/** Counts a failed attempt (wrong password or code); the fifth in a row locks the account. Always throws. */
export async function failLogin(ctx: AccountsContext, u: UserRow, origin: Origin, code: string, field?: string): Promise<never> {
  const now = ctx.clock();
  const failures = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(users)
      .set({ failedLogins: sql`${users.failedLogins} + 1` })
      .where(eq(users.id, u.id))
      .returning({ failedLogins: users.failedLogins });
    const until = lockedUntil(row.failedLogins, now);
    if (until) await tx.update(users).set({ lockedUntil: until, failedLogins: 0 }).where(eq(users.id, u.id));
    await tx.insert(loginEvents).values({ userId: u.id, ip: origin.ip, userAgent: origin.userAgent, success: 0 });
    return row.failedLogins;
  });
  if (failures >= LOCK_AFTER_FAILURES) throw new AppError('auth.account_locked', { minutes: LOCK_MINUTES });
  throw field ? invalid({ [field]: code }) : new AppError(code);
}
