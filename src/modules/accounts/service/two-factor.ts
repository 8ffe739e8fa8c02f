import { randomBytes } from 'node:crypto';
import { and, eq, isNotNull, isNull, lt, notLike, or, sql } from 'drizzle-orm';
import { serverSecret } from '../../../config.ts';
import { isSealed, openSecret, sealSecret, sha256, verifyPassword } from '../../../platform/crypto.ts';
import { AppError, invalid } from '../../../platform/errors.ts';
import type { AuthUser, Origin } from '../../../platform/http/auth.ts';
import { enqueue } from '../../../platform/outbox.ts';
import { newTotpSecret, otpauthUri, verifyTotp } from '../../../platform/totp.ts';
import { users } from '../schema.ts';
import type { AccountsContext, UserRow } from './context.ts';
import { failLogin, subjectOf } from './lock-out.ts';

/** What the TOTP keys are sealed for (platform/crypto.ts): the active and the pending key share it. */
const TOTP_PURPOSE = 'users.totp';

/** A TOTP key as stored: sealed under the server's key (an older row's plain key is read as it is until sealed). */
const sealTotp = (ctx: Pick<AccountsContext, 'config'>, secret: string) => sealSecret(serverSecret(ctx.config), TOTP_PURPOSE, secret);
function openTotp(ctx: Pick<AccountsContext, 'config'>, stored: string): string {
  return isSealed(stored) ? openSecret(serverSecret(ctx.config), TOTP_PURPOSE, stored) : stored;
}

function readableTotp(ctx: Pick<AccountsContext, 'config'>, stored: string): string | null {
  try {
    return openTotp(ctx, stored);
  } catch {
    return null;
  }
}

/**
 * Seals the TOTP keys still stored plain (rows from before keys were sealed); run once at start (main.tsx). Each row
 * is sealed only if it still holds the value read, so a key changed meanwhile is not overwritten. Returns how many.
 */
export async function sealStoredTotpKeys(ctx: AccountsContext): Promise<number> {
  const { db } = ctx;
  const plain = (c: typeof users.totpSecret | typeof users.totpPendingSecret) => and(isNotNull(c), notLike(c, 'v1.%'));
  const rows = await db
    .select({ id: users.id, secret: users.totpSecret, pending: users.totpPendingSecret })
    .from(users)
    .where(or(plain(users.totpSecret), plain(users.totpPendingSecret)));
  let sealed = 0;
  for (const r of rows) {
    for (const [col, value] of [
      [users.totpSecret, r.secret],
      [users.totpPendingSecret, r.pending],
    ] as const) {
      if (!value || isSealed(value)) continue;
      const key = col === users.totpSecret ? 'totpSecret' : 'totpPendingSecret';
      const done = await db
        .update(users)
        .set({ [key]: sealTotp(ctx, value) })
        .where(and(eq(users.id, r.id), eq(col, value)))
        .returning({ id: users.id });
      sealed += done.length;
    }
  }
  return sealed;
}

/** A current authenticator code (each works once) or an unused recovery code (spent on use). */
export async function checkSecondFactor(ctx: AccountsContext, u: UserRow, code: string, origin: Origin, field?: string): Promise<void> {
  const { db, clock } = ctx;
  const clean = code.trim().toLowerCase();
  // A key that no longer opens (SECRET_KEY was changed) accepts no code; a recovery code still signs in.
  const key = u.totpSecret ? readableTotp(ctx, u.totpSecret) : null;
  if (key) {
    const step = verifyTotp(key, clean, clock(), u.totpLastStep);
    if (step !== null) {
      const ok = await db
        .update(users)
        .set({ totpLastStep: step })
        .where(and(eq(users.id, u.id), or(isNull(users.totpLastStep), lt(users.totpLastStep, step))))
        .returning({ id: users.id });
      if (ok.length) return;
    }
  }
  if (/^[0-9a-f]{5}-[0-9a-f]{5}$/.test(clean)) {
    const h = sha256(clean);
    const spent = await db
      .update(users)
      .set({ recoveryCodes: sql`${users.recoveryCodes} - ${h}` })
      .where(and(eq(users.id, u.id), sql`${users.recoveryCodes} ? ${h}`))
      .returning({ id: users.id });
    if (spent.length) return;
  }
  await failLogin(ctx, subjectOf(u.username, u), origin, 'auth.totp_invalid', field);
}

/** Turning two-factor authentication (an authenticator app) on and off. */
export function twoFactorService(ctx: AccountsContext) {
  const { deps, db, clock, byId, mail } = ctx;
  return {
    /** Seals the TOTP keys still stored plain (once at start). */
    sealStoredTotpKeys: (): Promise<number> => sealStoredTotpKeys(ctx),

    /** Starts setting up an authenticator app: a new secret that waits for its first code. */
    async totpSetup(actor: AuthUser): Promise<{ secret: string; otpauthUri: string }> {
      const u = await byId(actor.id);
      if (u.totpEnabledAt) throw new AppError('account.totp_already_on');
      const secret = u.totpPendingSecret ? openTotp(ctx, u.totpPendingSecret) : newTotpSecret();
      if (!u.totpPendingSecret)
        await db
          .update(users)
          .set({ totpPendingSecret: sealTotp(ctx, secret) })
          .where(eq(users.id, u.id));
      return { secret, otpauthUri: otpauthUri(secret, u.username) };
    },

    /** Turns two-factor authentication on with a first valid code; returns the recovery codes, shown once. */
    async totpEnable(actor: AuthUser, code: string): Promise<string[]> {
      const u = await byId(actor.id);
      if (u.totpEnabledAt) throw new AppError('account.totp_already_on');
      if (!u.totpPendingSecret) throw new AppError('account.totp_not_started');
      const pending = openTotp(ctx, u.totpPendingSecret);
      const step = verifyTotp(pending, code ?? '', clock(), null);
      if (step === null) throw invalid({ code: 'auth.totp_invalid' });
      const codes = Array.from({ length: 10 }, () => {
        const raw = randomBytes(5).toString('hex');
        return `${raw.slice(0, 5)}-${raw.slice(5)}`;
      });
      await db.transaction(async (tx) => {
        await tx
          .update(users)
          .set({
            // Sealed again (a pending key from before sealing is plain): the active key is never stored plain.
            totpSecret: sealTotp(ctx, pending),
            totpPendingSecret: null,
            totpEnabledAt: clock(),
            totpLastStep: step,
            recoveryCodes: codes.map((c) => sha256(c)),
            updatedAt: clock(),
          })
          .where(eq(users.id, u.id));
        await enqueue(tx, { kind: 'mail', payload: mail('totp_on', u) });
      });
      deps.outbox.kick();
      return codes;
    },

    /** Turns two-factor authentication off; needs the password and a current code (or a recovery code). */
    async totpDisable(actor: AuthUser, input: { password: string; code: string }): Promise<void> {
      const u = await byId(actor.id);
      if (!u.totpEnabledAt) throw new AppError('account.totp_not_on');
      if (!(await verifyPassword(u.passwordHash, input.password ?? ''))) throw invalid({ password: 'account.current_password_wrong' });
      await checkSecondFactor(ctx, u, input.code ?? '', { ip: null, userAgent: null }, 'code');
      await db.transaction(async (tx) => {
        await tx
          .update(users)
          .set({ totpSecret: null, totpEnabledAt: null, totpLastStep: null, recoveryCodes: [], updatedAt: clock() })
          .where(eq(users.id, u.id));
        await enqueue(tx, { kind: 'mail', payload: mail('totp_off', u) });
      });
      deps.outbox.kick();
    },
  };
}
