import { and, eq, isNull, sql } from 'drizzle-orm';
import { hashPassword, sha256, verifyPassword } from '../../../platform/crypto.ts';
import { AppError, invalid } from '../../../platform/errors.ts';
import type { AuthUser, Origin } from '../../../platform/http/auth.ts';
import type { Locale } from '../../../platform/i18n/index.ts';
import { enqueue } from '../../../platform/outbox.ts';
import { cleanLine } from '../../../platform/text.ts';
import type { ContentService } from '../../content/index.ts';
import { DISPLAY_NAME_MAX, emailProblem, normalizeEmail, passwordProblem, usernameProblem } from '../rules.ts';
import { authTokens, loginEvents, policyAcceptances, sessions, users } from '../schema.ts';
import type { AccountsContext, SessionKind, UserRow } from './context.ts';
import { assertNotLocked, failLogin, forgetFailures, subjectOf } from './lock-out.ts';
import { contactsInProfile, foundText, searchTextOf } from './profile-text.ts';
import type { SignupReferral } from './referral.ts';
import { createSession } from './sessions.ts';
import { consumeToken, issueToken } from './tokens.ts';
import { checkSecondFactor } from './two-factor.ts';

// A real argon2id hash, made by the same hashPassword (same cost) as every account's, to verify an unknown login
// against: the unknown path does the same work as a wrong password on a known account.
const DUMMY_HASH = hashPassword('not-a-real-password-0000');

/** The one password check of a sign-in, for a known account and an unknown login alike; false for an unknown one. */
export async function passwordMatches(u: UserRow | null, password: string): Promise<boolean> {
  const ok = await verifyPassword(u?.passwordHash ?? (await DUMMY_HASH), password);
  return ok && u !== null;
}

/** After every check passed: the session, the login record and, for a new device, a login alert. */
export async function openSession(ctx: AccountsContext, u: UserRow, kind: SessionKind, origin: Origin) {
  const { deps, db, clock, mail } = ctx;
  const now = clock();
  const token = await db.transaction(async (tx) => {
    const [known] = await tx
      .select({ id: loginEvents.id })
      .from(loginEvents)
      .where(and(eq(loginEvents.userId, u.id), eq(loginEvents.success, 1)))
      .limit(1);
    const [sameDevice] = await tx
      .select({ id: loginEvents.id })
      .from(loginEvents)
      .where(
        and(
          eq(loginEvents.userId, u.id),
          eq(loginEvents.success, 1),
          origin.userAgent ? eq(loginEvents.userAgent, origin.userAgent) : isNull(loginEvents.userAgent),
        ),
      )
      .limit(1);
    // A sign-in from a device never seen before gets a login alert (policy 7); the first sign-in does not.
    if (known && !sameDevice) {
      await enqueue(tx, { kind: 'mail', payload: mail('login_alert', u, origin) });
    }
    await tx.insert(loginEvents).values({ userId: u.id, ip: origin.ip, userAgent: origin.userAgent, success: 1 });
    await tx.update(users).set({ lastSeenAt: now, deactivatedAt: null }).where(eq(users.id, u.id));
    return createSession(ctx, tx, u.id, kind, origin);
  });
  await forgetFailures(ctx, subjectOf(u.username, u), origin);
  deps.outbox.kick();
  return { token, user: { ...u, deactivatedAt: null }, reactivated: u.deactivatedAt !== null };
}

/** Signing up, verifying the email, signing in (with lock-out and login alerts), and passwords. */
export function authService(ctx: AccountsContext, content: ContentService, referral: { fn: SignupReferral | null }) {
  const { deps, db, clock, byId, mail } = ctx;

  return {
    /**
     * Creates an account and mails a verification link. If the email is already registered nothing is
     * created, the owner is told by mail, and the caller sees the same answer (no account enumeration).
     */
    async signup(
      input: {
        email: string;
        username: string;
        password: string;
        acceptTerms: boolean;
        displayName?: string;
        referrer?: string;
        locale: Locale;
      },
      origin: Origin,
    ): Promise<{
      created: boolean;
      /** The new account's id; null when the address already had one (nothing was created). */
      id: number | null;
      user: { username: string; email: string; displayName: string; emailVerified: false };
    }> {
      const email = normalizeEmail(input.email ?? '');
      const username = (input.username ?? '').trim().toLowerCase();
      const password = input.password ?? '';
      const fields: Record<string, string> = {};
      const e = emailProblem(email);
      if (e) fields.email = e;
      const u = usernameProblem(username);
      if (u) fields.username = u;
      const p = passwordProblem(password, { username, email });
      if (p) fields.password = p;
      if (input.acceptTerms !== true) fields.acceptTerms = 'account.terms_required';
      const displayName = cleanLine(input.displayName) || username;
      if (displayName.length > DISPLAY_NAME_MAX) fields.displayName = 'account.display_name_invalid';
      // No account exists yet to record an attempt against: the display name is refused all the same.
      const contacts = contactsInProfile({ displayName, bio: '', skills: [], languages: [] });
      if (contacts.displayName) fields.displayName = 'trust.contact_info';
      if (Object.keys(fields).length) throw invalid(fields, { min: 10, max: DISPLAY_NAME_MAX, found: foundText(contacts) });

      await deps.limiter.hit(`signup:${origin.ip ?? 'unknown'}`, 20, 3600);
      const passwordHash = await hashPassword(password);
      const versions = await content.currentVersions();
      const result = await db.transaction(async (tx) => {
        const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.username, username));
        if (taken) throw new AppError('account.username_taken', {}, { username: 'account.username_taken' });
        const [existing] = await tx.select().from(users).where(eq(users.email, email));
        if (existing) {
          await enqueue(tx, { kind: 'mail', payload: mail('signup_existing', existing) });
          return null;
        }
        const inserted = await tx
          .insert(users)
          .values({
            email,
            username,
            passwordHash,
            displayName,
            locale: input.locale,
            termsVersion: versions.terms,
            privacyVersion: versions.privacy,
            searchText: searchTextOf({ displayName, username, skills: [] }),
          })
          .onConflictDoNothing()
          .returning();
        if (inserted.length === 0) {
          // Lost a race with a concurrent sign-up: decide which unique key it was.
          const [sameName] = await tx.select({ id: users.id }).from(users).where(eq(users.username, username));
          if (sameName) throw new AppError('account.username_taken', {}, { username: 'account.username_taken' });
          return null;
        }
        const user = inserted[0];
        // The referrer (the referrals module's decision: refused for oneself, an unknown or banned account), kept once.
        const referrer = (input.referrer ?? '').trim().toLowerCase();
        if (referrer && referral.fn) {
          const referrerId = await referral.fn.record(tx, { userId: user.id, username, email, referrer, ip: origin.ip });
          if (referrerId !== null) await tx.update(users).set({ referrerId }).where(eq(users.id, user.id));
        }
        await tx.insert(policyAcceptances).values([
          { userId: user.id, policy: 'terms', version: versions.terms, ip: origin.ip },
          { userId: user.id, policy: 'privacy', version: versions.privacy, ip: origin.ip },
        ]);
        const token = await issueToken(ctx, tx, user.id, 'verify_email');
        await enqueue(tx, { kind: 'mail', payload: mail('verify', user, { token }) });
        return user.id;
      });
      deps.outbox.kick();
      return { created: result !== null, id: result, user: { username, email, displayName, emailVerified: false } };
    },

    /**
     * Signs in, without a password, the person whose browser signed up (accounts/signup-binding.ts) once their
     * mailed link has confirmed the address: only a confirmed, active account without a second factor or a password
     * it must change; null otherwise (the person signs in as usual).
     */
    async signInFromSignup(userId: number, origin: Origin) {
      const [u] = await db.select().from(users).where(eq(users.id, userId));
      if (!u?.emailVerifiedAt || u.deactivatedAt || u.totpEnabledAt || u.mustChangePassword) return null;
      return openSession(ctx, u, 'web', origin);
    },

    async verifyEmail(token: string): Promise<UserRow> {
      const user = await db.transaction(async (tx) => {
        const row = await consumeToken(ctx, tx, token, 'verify_email');
        const [u] = await tx
          .update(users)
          .set({ emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, ${clock()})`, updatedAt: clock() })
          .where(eq(users.id, row.userId))
          .returning();
        return u;
      });
      return user;
    },

    async resendVerification(actor: AuthUser): Promise<void> {
      await deps.limiter.hit(`verify-resend:${actor.id}`, 3, 3600);
      await db.transaction(async (tx) => {
        const u = await byId(actor.id, tx);
        if (u.emailVerifiedAt) throw new AppError('account.already_verified');
        const token = await issueToken(ctx, tx, u.id, 'verify_email');
        await enqueue(tx, { kind: 'mail', payload: mail('verify', u, { token }) });
      });
      deps.outbox.kick();
    },

    /**
     * Checks the password (and the second factor when it is on) and opens a session. Failures lock the address
     * they come from (lock-out.ts), never the account, and an unknown login is answered the same way step by
     * step. A browser without the code gets a challenge to answer on the next page.
     */
    async login(
      input: { login: string; password: string; totp?: string },
      kind: SessionKind,
      origin: Origin,
    ): Promise<{ token: string; user: UserRow; reactivated: boolean } | { challenge: string }> {
      const login = (input.login ?? '').trim().toLowerCase();
      const fields: Record<string, string> = {};
      if (!login) fields.login = 'auth.login_required';
      if (!input.password) fields.password = 'account.password_required';
      if (Object.keys(fields).length) throw invalid(fields);
      await deps.limiter.hit(`login-ip:${origin.ip ?? 'unknown'}`, 30, 600);
      const [found] = await db
        .select()
        .from(users)
        .where(login.includes('@') ? eq(users.email, login) : eq(users.username, login));
      const u = found ?? null;
      const subject = subjectOf(login, u);
      await assertNotLocked(ctx, subject, origin);
      if (!(await passwordMatches(u, input.password)) || !u) return failLogin(ctx, subject, origin, 'auth.invalid_credentials');
      if (u.totpEnabledAt) {
        if (!input.totp) {
          if (kind === 'api') throw new AppError('auth.totp_required');
          const challenge = await db.transaction((tx) => issueToken(ctx, tx, u.id, 'login_2fa'));
          return { challenge };
        }
        await checkSecondFactor(ctx, u, input.totp, origin);
      }
      return openSession(ctx, u, kind, origin);
    },

    /** The second step of a browser sign-in with two-factor authentication on. */
    async completeLogin(input: { challenge: string; code: string }, origin: Origin) {
      if (!input.code?.trim()) throw invalid({ code: 'auth.totp_required' });
      const [row] = await db
        .select({ t: authTokens, u: users })
        .from(authTokens)
        .innerJoin(users, eq(users.id, authTokens.userId))
        .where(and(eq(authTokens.tokenHash, sha256(input.challenge ?? '')), eq(authTokens.purpose, 'login_2fa')));
      if (!row || row.t.usedAt) throw new AppError('token.invalid');
      if (row.t.expiresAt <= clock()) throw new AppError('token.expired');
      await assertNotLocked(ctx, subjectOf(row.u.username, row.u), origin);
      await checkSecondFactor(ctx, row.u, input.code, origin);
      await db.transaction((tx) => consumeToken(ctx, tx, input.challenge, 'login_2fa'));
      return openSession(ctx, row.u, 'web', origin);
    },

    /** Always the same answer, whether or not the email is registered. */
    async requestPasswordReset(input: { email: string }, origin: Origin): Promise<void> {
      const email = normalizeEmail(input.email ?? '');
      const e = emailProblem(email);
      if (e) throw invalid({ email: e });
      await deps.limiter.hit(`reset-ip:${origin.ip ?? 'unknown'}`, 10, 3600);
      await deps.limiter.hit(`reset-email:${email}`, 3, 3600);
      await db.transaction(async (tx) => {
        const [u] = await tx.select().from(users).where(eq(users.email, email));
        if (!u) return;
        const token = await issueToken(ctx, tx, u.id, 'password_reset');
        await enqueue(tx, { kind: 'mail', payload: mail('reset', u, { token }) });
      });
      deps.outbox.kick();
    },

    /** Sets a new password from a mailed token; every open session is signed out. */
    async resetPassword(input: { token: string; password: string }): Promise<void> {
      const hashPromise = (async () => {
        const [row] = await db
          .select({ u: users })
          .from(authTokens)
          .innerJoin(users, eq(users.id, authTokens.userId))
          .where(eq(authTokens.tokenHash, sha256(input.token ?? '')));
        const p = passwordProblem(input.password ?? '', row ? { username: row.u.username, email: row.u.email } : {});
        if (p) throw invalid({ password: p }, { min: 10 });
        return hashPassword(input.password);
      })();
      const passwordHash = await hashPromise;
      const u = await db.transaction(async (tx) => {
        const row = await consumeToken(ctx, tx, input.token, 'password_reset');
        await tx
          .update(sessions)
          .set({ revokedAt: clock() })
          .where(and(eq(sessions.userId, row.userId), isNull(sessions.revokedAt)));
        const [updated] = await tx
          .update(users)
          .set({
            // A new password starts the sign-in failure counters afresh (lock-out.ts subjectOf).
            passwordHash,
            mustChangePassword: false,
            // The link arrived at this mailbox, so the address is proven.
            emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, ${clock()})`,
            updatedAt: clock(),
          })
          .where(eq(users.id, row.userId))
          .returning();
        await enqueue(tx, { kind: 'mail', payload: mail('password_changed', updated) });
        return updated;
      });
      void u;
      deps.outbox.kick();
    },

    /** Changes the password after checking the current one (lifting a demand to change it); other sessions are signed out. */
    async changePassword(actor: AuthUser, input: { current: string; password: string }): Promise<void> {
      const u = await byId(actor.id);
      await deps.limiter.hit(`change-password:${actor.id}`, 10, 3600);
      if (!(await verifyPassword(u.passwordHash, input.current ?? ''))) {
        throw invalid({ current: 'account.current_password_wrong' });
      }
      const p = passwordProblem(input.password ?? '', { username: u.username, email: u.email });
      if (p) throw invalid({ password: p }, { min: 10 });
      // The one-time password of an account that must choose its own is not a new one.
      if (input.password === input.current) throw invalid({ password: 'account.password_same' });
      const passwordHash = await hashPassword(input.password);
      await db.transaction(async (tx) => {
        await tx.update(users).set({ passwordHash, mustChangePassword: false, updatedAt: clock() }).where(eq(users.id, u.id));
        await tx
          .update(sessions)
          .set({ revokedAt: clock() })
          .where(and(eq(sessions.userId, u.id), isNull(sessions.revokedAt), sql`${sessions.id} <> ${actor.sessionId}`));
        await enqueue(tx, { kind: 'mail', payload: mail('password_changed', u) });
      });
      deps.outbox.kick();
    },
  };
}
