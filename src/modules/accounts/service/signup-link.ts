import { and, eq, sql } from 'drizzle-orm';
import { sha256 } from '../../../platform/crypto.ts';
import { AppError } from '../../../platform/errors.ts';
import { enqueue } from '../../../platform/outbox.ts';
import { authTokens, users } from '../schema.ts';
import type { AccountsContext, UserRow } from './context.ts';
import { consumeToken, issueToken } from './tokens.ts';

/** Sending a new sign-up's mail again, and the mailed link that confirms the address at once. */
export function signupLinkService(ctx: AccountsContext) {
  const { deps, db, clock, mail } = ctx;
  return {
    /**
     * The "check your mail" page's "send it again": for the account this browser just made (`userId`), a new link
     * (the old one stops working); for an address that already had an account (`userId` null), the notice that
     * someone tried to sign up with it, again — both answered alike and limited alike, three an hour, so the page
     * tells nobody which addresses are registered. `account.already_verified` once the address is confirmed.
     */
    async resendSignupMail(binding: { userId: number | null; email: string }): Promise<void> {
      await deps.limiter.hit(binding.userId ? `verify-resend:${binding.userId}` : `verify-resend-existing:${binding.email}`, 3, 3600);
      await db.transaction(async (tx) => {
        if (binding.userId === null) {
          const [existing] = await tx.select().from(users).where(eq(users.email, binding.email));
          if (existing) await enqueue(tx, { kind: 'mail', payload: mail('signup_existing', existing) });
          return;
        }
        const [u] = await tx
          .select()
          .from(users)
          .where(and(eq(users.id, binding.userId), eq(users.email, binding.email)));
        if (!u) throw new AppError('signup.resend_expired');
        if (u.emailVerifiedAt) throw new AppError('account.already_verified');
        const token = await issueToken(ctx, tx, u.id, 'verify_email');
        await enqueue(tx, { kind: 'mail', payload: mail('verify', u, { token }) });
      });
      deps.outbox.kick();
    },

    /**
     * The mailed link, opened: confirms the address at once (a GET, so a mail scanner fetching the link first
     * confirms it too). A link already used, still within its time, for an address now confirmed answers the same
     * with `already` (the person clicking after the scanner is not told off); a link replaced by a newer one, unknown
     * or expired is refused (`token.used`, `token.invalid`, `token.expired`).
     */
    async confirmEmailLink(token: string): Promise<{ user: UserRow; already: boolean }> {
      try {
        const user = await db.transaction(async (tx) => {
          const row = await consumeToken(ctx, tx, token, 'verify_email');
          const [u] = await tx
            .update(users)
            .set({ emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, ${clock()})`, updatedAt: clock() })
            .where(eq(users.id, row.userId))
            .returning();
          return u;
        });
        return { user, already: false };
      } catch (err) {
        if (!(err instanceof AppError) || err.code !== 'token.used') throw err;
        const [row] = await db
          .select({ t: authTokens, u: users })
          .from(authTokens)
          .innerJoin(users, eq(users.id, authTokens.userId))
          .where(and(eq(authTokens.tokenHash, sha256(token)), eq(authTokens.purpose, 'verify_email')));
        if (row && row.t.expiresAt > clock() && row.u.emailVerifiedAt) return { user: row.u, already: true };
        throw err;
      }
    },
  };
}
