import { and, eq, sql } from 'drizzle-orm';
import { type DbOrTx, queryRows, type Tx } from '../../../platform/db/index.ts';
import { loginEvents, policyAcceptances, sessions, users } from '../schema.ts';
import type { AccountsContext } from './context.ts';

/**
 * Who referred a new account, decided by the referrals module inside the sign-up's transaction (registered by app.ts,
 * so accounts imports nothing of it): the referrer's id to keep on the user, or null (refused or ignored).
 */
export interface SignupReferral {
  record(tx: Tx, s: { userId: number; username: string; email: string; referrer: string; ip: string | null }): Promise<number | null>;
  /** The display name the sign-up page says "invited by", or null when this username cannot refer. */
  inviterName(username: string): Promise<string | null>;
}

/** The signals of one person behind two accounts that the accounts module holds (self-referral). */
export type SameOwnerSignal = 'ip' | 'mailbox';

/**
 * The mailbox an address reaches: lower-cased, without a `+tag`, and for Gmail without dots (`a.b+x@gmail.com` and
 * `ab@googlemail.com` are one inbox).
 */
export function mailboxOf(email: string): string {
  const [local0, domain0] = email.toLowerCase().split('@');
  let domain = domain0 ?? '';
  let local = (local0 ?? '').split('+')[0];
  if (domain === 'googlemail.com') domain = 'gmail.com';
  if (domain === 'gmail.com') local = local.replaceAll('.', '');
  return `${local}@${domain}`;
}

/** The sign-up hook and the signals the referrals module asks about. */
export function referralService(_ctx: AccountsContext) {
  const hook: { fn: SignupReferral | null } = { fn: null };
  return {
    /** Sets the one decision of who referred a new account (app.ts, the referrals module). */
    onSignupReferral(fn: SignupReferral): void {
      hook.fn = fn;
    },
    /** The hook as set, for the sign-up (internal to accounts). */
    referralHook: hook,

    /** Who invited the person signing up, by the username their link or form names (null: nobody who may refer). */
    async inviterName(username: string | undefined): Promise<string | null> {
      const u = (username ?? '').trim().toLowerCase();
      if (!hook.fn || !/^[a-z0-9_]{3,30}$/.test(u)) return null;
      return hook.fn.inviterName(u);
    },

    /** A referrer as the sign-up names them (inside the sign-up's transaction): null when no such account. */
    async referrerByUsername(tx: DbOrTx, username: string): Promise<{ id: number; displayName: string; deactivated: boolean } | null> {
      const [u] = await tx
        .select({ id: users.id, displayName: users.displayName, deactivatedAt: users.deactivatedAt })
        .from(users)
        .where(eq(users.username, username.toLowerCase()));
      return u ? { id: u.id, displayName: u.displayName, deactivated: u.deactivatedAt !== null } : null;
    },

    /**
     * What this module sees of one person behind both accounts: the new account signed up from an address the other
     * one signed in, held a session or accepted the policies from (`ip`), or both addresses reach one mailbox
     * (`mailbox`). Read inside the caller's transaction.
     */
    async sameOwnerSignals(tx: DbOrTx, a: { referrerId: number; email: string; ip: string | null }): Promise<SameOwnerSignal[]> {
      const out: SameOwnerSignal[] = [];
      const [ref] = await tx.select({ email: users.email }).from(users).where(eq(users.id, a.referrerId));
      if (ref && mailboxOf(ref.email) === mailboxOf(a.email)) out.push('mailbox');
      if (a.ip) {
        const [hit] = await queryRows<{ n: number }>(
          tx,
          sql`SELECT 1 AS n WHERE EXISTS (SELECT 1 FROM ${sessions} WHERE ${and(eq(sessions.userId, a.referrerId), eq(sessions.ip, a.ip))})
                OR EXISTS (SELECT 1 FROM ${loginEvents} WHERE ${and(eq(loginEvents.userId, a.referrerId), eq(loginEvents.ip, a.ip))})
                OR EXISTS (SELECT 1 FROM ${policyAcceptances} WHERE ${and(eq(policyAcceptances.userId, a.referrerId), eq(policyAcceptances.ip, a.ip))})`,
        );
        if (hit) out.push('ip');
      }
      return out;
    },
  };
}
