import { randomBytes } from 'node:crypto';
import { and, desc, eq, gt, ilike, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { audit } from '../../platform/audit.ts';
import { hashPassword, newToken, sha256, verifyPassword } from '../../platform/crypto.ts';
import type { DbOrTx } from '../../platform/db/index.ts';
import { files } from '../../platform/db/tables.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import type { AuthUser, Origin } from '../../platform/http/auth.ts';
import type { Locale } from '../../platform/i18n/index.ts';
import { enqueue } from '../../platform/outbox.ts';
import { sniffImage } from '../../platform/storage.ts';
import { cleanLine, normalizeText } from '../../platform/text.ts';
import { newTotpSecret, otpauthUri, verifyTotp } from '../../platform/totp.ts';
import type { ContentService } from '../content/index.ts';
import { type ContactMatch, scanContacts, type TrustService } from '../trust/index.ts';
import { accountMail } from './mails.ts';
import {
  BIO_MAX,
  DISPLAY_NAME_MAX,
  emailProblem,
  isStaffRole,
  LOCK_AFTER_FAILURES,
  LOCK_MINUTES,
  lockedUntil,
  MAX_LANGUAGES,
  MAX_SKILLS,
  normalizeEmail,
  parseList,
  passwordProblem,
  RESET_TOKEN_MINUTES,
  SKILL_MAX,
  STAFF_ROLES,
  usernameProblem,
  VERIFY_TOKEN_HOURS,
} from './rules.ts';
import { authTokens, loginEvents, policyAcceptances, sessions, users } from './schema.ts';

export type UserRow = typeof users.$inferSelect;
export type SessionKind = 'web' | 'api';
type TokenPurpose = 'verify_email' | 'password_reset' | 'login_2fa';

/** What a user may see of their own account (GET /api/v1/me). */
export function selfView(u: UserRow) {
  return {
    id: u.id,
    username: u.username,
    email: u.email,
    displayName: u.displayName,
    emailVerified: u.emailVerifiedAt !== null,
    roles: u.roles,
    sellerLevel: u.sellerLevel,
    buyerLevel: u.buyerLevel,
    bio: u.bio,
    country: u.country,
    skills: u.skills,
    languages: u.languages,
    avatarUrl: u.avatarFileId ? `/avatars/${u.id}?v=${u.avatarFileId}` : null,
    locale: u.locale,
    termsVersion: u.termsVersion,
    privacyVersion: u.privacyVersion,
    deactivated: u.deactivatedAt !== null,
    twoFactor: u.totpEnabledAt !== null,
    createdAt: u.createdAt.toISOString(),
  };
}
export type SelfView = ReturnType<typeof selfView>;

/** What anyone may see of a user: never the email or anything private (policy 2). */
export function publicView(
  u: Pick<
    UserRow,
    | 'id'
    | 'username'
    | 'displayName'
    | 'bio'
    | 'country'
    | 'skills'
    | 'languages'
    | 'sellerLevel'
    | 'avatarFileId'
    | 'createdAt'
    | 'lastSeenAt'
  >,
) {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    bio: u.bio,
    country: u.country,
    skills: u.skills,
    languages: u.languages,
    sellerLevel: u.sellerLevel,
    avatarUrl: u.avatarFileId ? `/avatars/${u.id}?v=${u.avatarFileId}` : null,
    memberSince: u.createdAt.toISOString(),
    lastSeenAt: u.lastSeenAt ? u.lastSeenAt.toISOString() : null,
  };
}
export type PublicView = ReturnType<typeof publicView>;

function searchTextOf(u: { displayName: string; username: string; skills: string[]; bio?: string }): string {
  return normalizeText(`${u.displayName} ${u.username} ${u.skills.join(' ')}`);
}

// A real argon2id hash to verify against when the login is unknown, so timing does not reveal accounts.
const DUMMY_HASH = hashPassword('not-a-real-password-0000');

/** Contact details in a profile's texts, by field (RULES.md "Trust and safety": profiles too). */
function contactsInProfile(p: { displayName: string; bio: string; skills: string[]; languages: string[] }): Record<string, ContactMatch[]> {
  const texts: [string, string][] = [
    ['displayName', p.displayName],
    ['bio', p.bio],
    ['skills', p.skills.join(' ، ')],
    ['languages', p.languages.join(' ، ')],
  ];
  const out: Record<string, ContactMatch[]> = {};
  for (const [field, text] of texts) {
    const scan = scanContacts(text);
    if (scan.contact) out[field] = scan.matches;
  }
  return out;
}

const foundText = (contacts: Record<string, ContactMatch[]>) =>
  Object.values(contacts)
    .flatMap((ms) => ms.map((m) => m.text))
    .join('، ');

export function createAccountsService(deps: Deps, content: ContentService, trust: Pick<TrustService, 'recordAttempt' | 'assertAllowed'>) {
  const { db, config, clock } = deps;
  const sessionMs = config.sessionDays * 86_400_000;

  async function issueToken(tx: DbOrTx, userId: number, purpose: TokenPurpose): Promise<string> {
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
  async function consumeToken(tx: DbOrTx, token: string, purpose: TokenPurpose) {
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

  async function createSession(tx: DbOrTx, userId: number, kind: SessionKind, origin: Origin): Promise<string> {
    const token = newToken();
    await tx.insert(sessions).values({
      userId,
      tokenHash: sha256(token),
      kind,
      ip: origin.ip,
      userAgent: origin.userAgent?.slice(0, 300) ?? null,
      expiresAt: new Date(clock().getTime() + sessionMs),
    });
    return token;
  }

  async function byId(id: number, tx: DbOrTx = db): Promise<UserRow> {
    const [u] = await tx.select().from(users).where(eq(users.id, id));
    if (!u) throw new AppError('account.not_found');
    return u;
  }

  function mail(kind: Parameters<typeof accountMail>[0], u: UserRow, extra: { token?: string } & Partial<Origin> = {}) {
    return accountMail(kind, {
      to: u.email,
      locale: u.locale as Locale,
      baseUrl: config.baseUrl,
      name: u.displayName,
      at: clock(),
      ...extra,
    });
  }

  function assertNotLocked(u: UserRow) {
    const now = clock();
    if (u.lockedUntil && u.lockedUntil > now) {
      throw new AppError('auth.account_locked', { minutes: Math.ceil((u.lockedUntil.getTime() - now.getTime()) / 60_000) });
    }
  }

  /** Counts a failed attempt (wrong password or code); the fifth in a row locks the account. Always throws. */
  async function failLogin(u: UserRow, origin: Origin, code: string, field?: string): Promise<never> {
    const now = clock();
    const failures = await db.transaction(async (tx) => {
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

  /** A current authenticator code (each works once) or an unused recovery code (spent on use). */
  async function checkSecondFactor(u: UserRow, code: string, origin: Origin, field?: string): Promise<void> {
    const clean = code.trim().toLowerCase();
    if (u.totpSecret) {
      const step = verifyTotp(u.totpSecret, clean, clock(), u.totpLastStep);
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
    await failLogin(u, origin, 'auth.totp_invalid', field);
  }

  /** After every check passed: the session, the login record and, for a new device, a login alert. */
  async function openSession(u: UserRow, kind: SessionKind, origin: Origin) {
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
      await tx.update(users).set({ failedLogins: 0, lockedUntil: null, lastSeenAt: now, deactivatedAt: null }).where(eq(users.id, u.id));
      return createSession(tx, u.id, kind, origin);
    });
    deps.outbox.kick();
    return { token, user: { ...u, deactivatedAt: null }, reactivated: u.deactivatedAt !== null };
  }

  const service = {
    byId,

    /** Users seen in the last 10 minutes (sessions refresh last-seen every 5), for the "online now" filters. */
    async onlineUserIds(limit = 5000): Promise<number[]> {
      const since = new Date(clock().getTime() - 10 * 60_000);
      const rows = await db
        .select({ id: users.id })
        .from(users)
        .where(and(gt(users.lastSeenAt, since), isNull(users.deactivatedAt)))
        .orderBy(desc(users.lastSeenAt))
        .limit(limit);
      return rows.map((r) => r.id);
    },

    /** The level earned by a seller's record (orders recompute it), inside the caller's transaction. */
    async setSellerLevel(userId: number, level: string, tx: DbOrTx = db): Promise<void> {
      await tx.update(users).set({ sellerLevel: level }).where(eq(users.id, userId));
    },

    /** A user's staff roles ([] for everyone else), or null when there is no such user. */
    async rolesOf(userId: number, tx: DbOrTx = db): Promise<string[] | null> {
      const [u] = await tx.select({ roles: users.roles }).from(users).where(eq(users.id, userId));
      return u ? u.roles : null;
    },

    async sellerLevelOf(userId: number, tx: DbOrTx = db): Promise<string> {
      const [u] = await tx.select({ level: users.sellerLevel }).from(users).where(eq(users.id, userId));
      return u?.level ?? 'new';
    },

    /** Public cards of several users at once (service lists, seller cards). */
    async publicByIds(ids: number[]): Promise<Map<number, PublicView>> {
      if (ids.length === 0) return new Map();
      // Only the columns of the public view (not the password hash, TOTP secret…); the same view as `publicView`.
      const rows = await db
        .select({
          id: users.id,
          username: users.username,
          displayName: users.displayName,
          bio: users.bio,
          country: users.country,
          skills: users.skills,
          languages: users.languages,
          sellerLevel: users.sellerLevel,
          avatarFileId: users.avatarFileId,
          createdAt: users.createdAt,
          lastSeenAt: users.lastSeenAt,
        })
        .from(users)
        .where(inArray(users.id, [...new Set(ids)]));
      return new Map(rows.map((u): [number, PublicView] => [u.id, publicView(u)]));
    },

    /** Where to write to a user, for other modules' mail (wallet, orders…). */
    async contactOf(userId: number, tx: DbOrTx = db): Promise<{ email: string; name: string; locale: Locale } | null> {
      const [u] = await tx
        .select({ email: users.email, name: users.displayName, locale: users.locale })
        .from(users)
        .where(eq(users.id, userId));
      return u ? { email: u.email, name: u.name, locale: u.locale as Locale } : null;
    },

    async byUsername(username: string): Promise<UserRow | null> {
      const [u] = await db.select().from(users).where(eq(users.username, username.toLowerCase()));
      return u ?? null;
    },

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
    ): Promise<{ created: boolean; user: { username: string; email: string; displayName: string; emailVerified: false } }> {
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
          return false;
        }
        let referrerId: number | null = null;
        if (input.referrer) {
          const [ref] = await tx.select({ id: users.id }).from(users).where(eq(users.username, input.referrer.toLowerCase()));
          referrerId = ref?.id ?? null;
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
            referrerId,
            searchText: searchTextOf({ displayName, username, skills: [] }),
          })
          .onConflictDoNothing()
          .returning();
        if (inserted.length === 0) {
          // Lost a race with a concurrent sign-up: decide which unique key it was.
          const [sameName] = await tx.select({ id: users.id }).from(users).where(eq(users.username, username));
          if (sameName) throw new AppError('account.username_taken', {}, { username: 'account.username_taken' });
          return false;
        }
        const user = inserted[0];
        await tx.insert(policyAcceptances).values([
          { userId: user.id, policy: 'terms', version: versions.terms, ip: origin.ip },
          { userId: user.id, policy: 'privacy', version: versions.privacy, ip: origin.ip },
        ]);
        const token = await issueToken(tx, user.id, 'verify_email');
        await enqueue(tx, { kind: 'mail', payload: mail('verify', user, { token }) });
        return true;
      });
      deps.outbox.kick();
      return { created: result, user: { username, email, displayName, emailVerified: false } };
    },

    async verifyEmail(token: string): Promise<UserRow> {
      const user = await db.transaction(async (tx) => {
        const row = await consumeToken(tx, token, 'verify_email');
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
        const token = await issueToken(tx, u.id, 'verify_email');
        await enqueue(tx, { kind: 'mail', payload: mail('verify', u, { token }) });
      });
      deps.outbox.kick();
    },

    /**
     * Checks the password (and the second factor when it is on) and opens a session. Five failures lock
     * the account for 15 minutes. A browser without the code gets a challenge to answer on the next page.
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
      const [u] = await db
        .select()
        .from(users)
        .where(login.includes('@') ? eq(users.email, login) : eq(users.username, login));
      if (!u) {
        await verifyPassword(await DUMMY_HASH, input.password);
        throw new AppError('auth.invalid_credentials');
      }
      assertNotLocked(u);
      if (!(await verifyPassword(u.passwordHash, input.password))) await failLogin(u, origin, 'auth.invalid_credentials');
      if (u.totpEnabledAt) {
        if (!input.totp) {
          if (kind === 'api') throw new AppError('auth.totp_required');
          const challenge = await db.transaction((tx) => issueToken(tx, u.id, 'login_2fa'));
          return { challenge };
        }
        await checkSecondFactor(u, input.totp, origin);
      }
      return openSession(u, kind, origin);
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
      assertNotLocked(row.u);
      await checkSecondFactor(row.u, input.code, origin);
      await db.transaction((tx) => consumeToken(tx, input.challenge, 'login_2fa'));
      return openSession(row.u, 'web', origin);
    },

    /** Starts setting up an authenticator app: a new secret that waits for its first code. */
    async totpSetup(actor: AuthUser): Promise<{ secret: string; otpauthUri: string }> {
      const u = await byId(actor.id);
      if (u.totpEnabledAt) throw new AppError('account.totp_already_on');
      const secret = u.totpPendingSecret ?? newTotpSecret();
      if (!u.totpPendingSecret) await db.update(users).set({ totpPendingSecret: secret }).where(eq(users.id, u.id));
      return { secret, otpauthUri: otpauthUri(secret, u.username) };
    },

    /** Turns two-factor authentication on with a first valid code; returns the recovery codes, shown once. */
    async totpEnable(actor: AuthUser, code: string): Promise<string[]> {
      const u = await byId(actor.id);
      if (u.totpEnabledAt) throw new AppError('account.totp_already_on');
      if (!u.totpPendingSecret) throw new AppError('account.totp_not_started');
      const step = verifyTotp(u.totpPendingSecret, code ?? '', clock(), null);
      if (step === null) throw invalid({ code: 'auth.totp_invalid' });
      const codes = Array.from({ length: 10 }, () => {
        const raw = randomBytes(5).toString('hex');
        return `${raw.slice(0, 5)}-${raw.slice(5)}`;
      });
      await db.transaction(async (tx) => {
        await tx
          .update(users)
          .set({
            totpSecret: u.totpPendingSecret,
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
      await checkSecondFactor(u, input.code ?? '', { ip: null, userAgent: null }, 'code');
      await db.transaction(async (tx) => {
        await tx
          .update(users)
          .set({ totpSecret: null, totpEnabledAt: null, totpLastStep: null, recoveryCodes: [], updatedAt: clock() })
          .where(eq(users.id, u.id));
        await enqueue(tx, { kind: 'mail', payload: mail('totp_off', u) });
      });
      deps.outbox.kick();
    },

    /** The user behind a session token, or null when it is unknown, revoked or expired. */
    async resolveSession(token: string, kind: SessionKind): Promise<AuthUser | null> {
      if (!token || token.length > 100) return null;
      const [row] = await db
        .select({ s: sessions, u: users })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .where(and(eq(sessions.tokenHash, sha256(token)), eq(sessions.kind, kind), isNull(sessions.revokedAt)));
      const now = clock();
      if (!row || row.s.expiresAt <= now) return null;
      if (now.getTime() - row.s.lastSeenAt.getTime() > 5 * 60_000) {
        await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, row.s.id));
        await db.update(users).set({ lastSeenAt: now }).where(eq(users.id, row.u.id));
      }
      return {
        id: row.u.id,
        username: row.u.username,
        displayName: row.u.displayName,
        email: row.u.email,
        roles: row.u.roles,
        emailVerified: row.u.emailVerifiedAt !== null,
        locale: row.u.locale as Locale,
        sessionId: row.s.id,
      };
    },

    async logout(actor: AuthUser): Promise<void> {
      await db
        .update(sessions)
        .set({ revokedAt: clock() })
        .where(and(eq(sessions.id, actor.sessionId), isNull(sessions.revokedAt)));
    },

    async listSessions(actor: AuthUser) {
      const rows = await db
        .select()
        .from(sessions)
        .where(and(eq(sessions.userId, actor.id), isNull(sessions.revokedAt), gt(sessions.expiresAt, clock())))
        .orderBy(desc(sessions.lastSeenAt));
      return rows.map((s) => ({
        id: s.id,
        kind: s.kind as SessionKind,
        ip: s.ip,
        userAgent: s.userAgent,
        createdAt: s.createdAt,
        lastSeenAt: s.lastSeenAt,
        current: s.id === actor.sessionId,
      }));
    },

    async revokeSession(actor: AuthUser, sessionId: number): Promise<void> {
      const rows = await db
        .update(sessions)
        .set({ revokedAt: clock() })
        .where(and(eq(sessions.id, sessionId), eq(sessions.userId, actor.id), isNull(sessions.revokedAt)))
        .returning({ id: sessions.id });
      if (rows.length === 0) throw new AppError('session.not_found');
    },

    async revokeOtherSessions(actor: AuthUser): Promise<number> {
      const rows = await db
        .update(sessions)
        .set({ revokedAt: clock() })
        .where(and(eq(sessions.userId, actor.id), isNull(sessions.revokedAt), sql`${sessions.id} <> ${actor.sessionId}`))
        .returning({ id: sessions.id });
      return rows.length;
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
        const token = await issueToken(tx, u.id, 'password_reset');
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
        const row = await consumeToken(tx, input.token, 'password_reset');
        await tx
          .update(sessions)
          .set({ revokedAt: clock() })
          .where(and(eq(sessions.userId, row.userId), isNull(sessions.revokedAt)));
        const [updated] = await tx
          .update(users)
          .set({
            passwordHash,
            failedLogins: 0,
            lockedUntil: null,
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

    /** Changes the password after checking the current one; other sessions are signed out. */
    async changePassword(actor: AuthUser, input: { current: string; password: string }): Promise<void> {
      const u = await byId(actor.id);
      await deps.limiter.hit(`change-password:${actor.id}`, 10, 3600);
      if (!(await verifyPassword(u.passwordHash, input.current ?? ''))) {
        throw invalid({ current: 'account.current_password_wrong' });
      }
      const p = passwordProblem(input.password ?? '', { username: u.username, email: u.email });
      if (p) throw invalid({ password: p }, { min: 10 });
      const passwordHash = await hashPassword(input.password);
      await db.transaction(async (tx) => {
        await tx.update(users).set({ passwordHash, updatedAt: clock() }).where(eq(users.id, u.id));
        await tx
          .update(sessions)
          .set({ revokedAt: clock() })
          .where(and(eq(sessions.userId, u.id), isNull(sessions.revokedAt), sql`${sessions.id} <> ${actor.sessionId}`));
        await enqueue(tx, { kind: 'mail', payload: mail('password_changed', u) });
      });
      deps.outbox.kick();
    },

    /** Edits the profile. The username is identity and never changes (policy 8). */
    async updateProfile(
      actor: AuthUser,
      input: {
        displayName?: unknown;
        bio?: unknown;
        country?: unknown;
        skills?: unknown;
        languages?: unknown;
        username?: unknown;
        locale?: unknown;
      },
    ): Promise<UserRow> {
      if (input.username !== undefined) {
        throw new AppError('account.username_immutable', {}, { username: 'account.username_immutable' });
      }
      const u = await byId(actor.id);
      const fields: Record<string, string> = {};
      const displayName = input.displayName === undefined ? u.displayName : cleanLine(input.displayName);
      if (!displayName || displayName.length > DISPLAY_NAME_MAX) fields.displayName = 'account.display_name_invalid';
      const bio = input.bio === undefined ? u.bio : typeof input.bio === 'string' ? input.bio.trim() : '';
      if (bio.length > BIO_MAX) fields.bio = 'account.bio_too_long';
      let country = u.country;
      if (input.country !== undefined) {
        const c = cleanLine(input.country).toUpperCase();
        if (c && !/^[A-Z]{2}$/.test(c)) fields.country = 'account.country_invalid';
        country = c || null;
      }
      const skills = input.skills === undefined ? u.skills : parseList(input.skills as string | string[]);
      if (skills.length > MAX_SKILLS || skills.some((s) => s.length > SKILL_MAX)) fields.skills = 'account.skills_invalid';
      const languages = input.languages === undefined ? u.languages : parseList(input.languages as string | string[]);
      if (languages.length > MAX_LANGUAGES || languages.some((s) => s.length > SKILL_MAX)) fields.languages = 'account.languages_invalid';
      let locale = u.locale;
      if (input.locale !== undefined) {
        if (input.locale !== 'ar' && input.locale !== 'en') fields.locale = 'account.locale_invalid';
        else locale = input.locale;
      }
      // Contact details may not be published on a profile (privacy policy): refused naming what was found, and
      // the attempt recorded against the user (three in 30 days open a moderation case).
      // A profile is public content: a posting (or full) sanction stops changes to its texts (not to the language).
      const same = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
      if (displayName !== u.displayName || bio !== u.bio || !same(skills, u.skills) || !same(languages, u.languages))
        await trust.assertAllowed(actor.id, 'posting');
      const contacts = contactsInProfile({ displayName, bio, skills, languages });
      for (const field of Object.keys(contacts)) fields[field] = 'trust.contact_info';
      if (Object.keys(contacts).length) await trust.recordAttempt(actor.id, 'profile', Object.values(contacts).flat());
      if (Object.keys(fields).length) {
        throw invalid(fields, {
          found: foundText(contacts),
          max: DISPLAY_NAME_MAX,
          bioMax: BIO_MAX,
          skills: MAX_SKILLS,
          languages: MAX_LANGUAGES,
          skillMax: SKILL_MAX,
        });
      }
      const [updated] = await db
        .update(users)
        .set({
          displayName,
          bio,
          country,
          skills,
          languages,
          locale,
          searchText: searchTextOf({ displayName, username: u.username, skills }),
          updatedAt: clock(),
        })
        .where(eq(users.id, u.id))
        .returning();
      return updated;
    },

    /** Replaces the avatar with an image checked by content; a failure leaves no orphan file. */
    async setAvatar(actor: AuthUser, upload: { name: string; bytes: Buffer }): Promise<void> {
      if (upload.bytes.length === 0) throw invalid({ avatar: 'file.empty' });
      if (upload.bytes.length > 2 * 1024 * 1024) throw invalid({ avatar: 'file.too_large' }, { max: '2 MB' });
      const type = sniffImage(upload.bytes);
      if (!type) throw invalid({ avatar: 'file.not_image' });
      const key = await deps.storage.put(upload.bytes);
      let oldKey: string | null = null;
      try {
        await db.transaction(async (tx) => {
          const u = await byId(actor.id, tx);
          const [f] = await tx
            .insert(files)
            .values({
              ownerId: actor.id,
              storageKey: key,
              name: upload.name.slice(0, 200) || 'avatar',
              type,
              size: upload.bytes.length,
              purpose: 'avatar',
            })
            .returning({ id: files.id });
          if (u.avatarFileId) {
            const [old] = await tx.delete(files).where(eq(files.id, u.avatarFileId)).returning({ storageKey: files.storageKey });
            oldKey = old?.storageKey ?? null;
          }
          await tx.update(users).set({ avatarFileId: f.id, updatedAt: clock() }).where(eq(users.id, actor.id));
        });
      } catch (err) {
        await deps.storage.remove(key);
        throw err;
      }
      if (oldKey) await deps.storage.remove(oldKey);
    },

    async avatar(userId: number): Promise<{ bytes: Buffer; type: string } | null> {
      const [row] = await db
        .select({ key: files.storageKey, type: files.type })
        .from(users)
        .innerJoin(files, eq(files.id, users.avatarFileId))
        .where(eq(users.id, userId));
      if (!row) return null;
      const bytes = await deps.storage.get(row.key);
      return bytes ? { bytes, type: row.type } : null;
    },

    /** Hides the profile; the account, its data and its ledger stay (policy 8). Signing in again reactivates. */
    async deactivate(actor: AuthUser, input: { password: string }): Promise<void> {
      const u = await byId(actor.id);
      if (!(await verifyPassword(u.passwordHash, input.password ?? ''))) {
        throw invalid({ password: 'account.current_password_wrong' });
      }
      await db.transaction(async (tx) => {
        await tx.update(users).set({ deactivatedAt: clock(), updatedAt: clock() }).where(eq(users.id, u.id));
        await tx
          .update(sessions)
          .set({ revokedAt: clock() })
          .where(and(eq(sessions.userId, u.id), isNull(sessions.revokedAt)));
        await audit(tx, { actorId: u.id, action: 'account.deactivate', targetType: 'user', targetId: u.id });
      });
    },

    /** The public directory of freelancers (المستقلين): active accounts with a filled-in profile. */
    async directory(q: { q?: string; country?: string; level?: string; skill?: string; limit?: number; cursor?: number }) {
      const limit = Math.min(Math.max(q.limit ?? 20, 1), 100);
      const conds = [isNull(users.deactivatedAt), sql`jsonb_array_length(${users.skills}) > 0`];
      const needle = normalizeText(q.q ?? '');
      if (needle) {
        for (const word of needle.split(' ').slice(0, 5)) conds.push(ilike(users.searchText, `%${word.replace(/[%_\\]/g, '\\$&')}%`));
      }
      if (q.country && /^[A-Za-z]{2}$/.test(q.country)) conds.push(eq(users.country, q.country.toUpperCase()));
      if (q.level) conds.push(eq(users.sellerLevel, q.level));
      if (q.skill) conds.push(sql`${users.skills} @> ${JSON.stringify([q.skill])}::jsonb`);
      if (q.cursor) conds.push(lt(users.id, q.cursor));
      const rows = await db
        .select()
        .from(users)
        .where(and(...conds))
        .orderBy(desc(users.id))
        .limit(limit + 1);
      const page = rows.slice(0, limit);
      return { items: page.map(publicView), nextCursor: rows.length > limit ? page[page.length - 1].id : null };
    },

    // ——— staff ———

    async adminList(actor: AuthUser, q: { q?: string; role?: string; limit?: number; cursor?: number }) {
      requireStaff(actor);
      const limit = Math.min(Math.max(q.limit ?? 50, 1), 100);
      const conds = [];
      const needle = (q.q ?? '').trim().toLowerCase();
      if (needle) {
        const like = `%${needle.replace(/[%_\\]/g, '\\$&')}%`;
        conds.push(or(ilike(users.email, like), ilike(users.username, like), ilike(users.searchText, `%${normalizeText(needle)}%`)));
      }
      if (q.role && isStaffRole(q.role)) conds.push(sql`${users.roles} @> ${JSON.stringify([q.role])}::jsonb`);
      if (q.cursor) conds.push(lt(users.id, q.cursor));
      const rows = await db
        .select()
        .from(users)
        .where(conds.length ? and(...conds) : undefined)
        .orderBy(desc(users.id))
        .limit(limit + 1);
      const page = rows.slice(0, limit);
      return { items: page, nextCursor: rows.length > limit ? page[page.length - 1].id : null };
    },

    /** A staff member's view of one account; the read itself is audited (policy 2). */
    async adminView(actor: AuthUser, userId: number, origin: Origin) {
      requireStaff(actor);
      const u = await byId(userId);
      const acceptances = await db
        .select()
        .from(policyAcceptances)
        .where(eq(policyAcceptances.userId, userId))
        .orderBy(desc(policyAcceptances.acceptedAt));
      const logins = await db
        .select()
        .from(loginEvents)
        .where(eq(loginEvents.userId, userId))
        .orderBy(desc(loginEvents.createdAt))
        .limit(20);
      await audit(db, { actorId: actor.id, action: 'user.view', targetType: 'user', targetId: userId, ip: origin.ip });
      return { user: u, acceptances, logins };
    },

    /** Only an admin changes roles; each change is audited. An admin cannot remove their own admin role. */
    async setRoles(actor: AuthUser, userId: number, roles: string[], origin: Origin): Promise<UserRow> {
      if (!actor.roles.includes('admin')) throw new AppError('auth.forbidden');
      const clean = [...new Set(roles)].filter(isStaffRole).sort();
      if (clean.length !== new Set(roles).size) throw invalid({ roles: 'admin.role_unknown' });
      if (userId === actor.id && !clean.includes('admin')) throw new AppError('admin.cannot_drop_own_admin');
      return db.transaction(async (tx) => {
        const before = await byId(userId, tx);
        const [u] = await tx.update(users).set({ roles: clean, updatedAt: clock() }).where(eq(users.id, userId)).returning();
        await audit(tx, {
          actorId: actor.id,
          action: 'user.roles',
          targetType: 'user',
          targetId: userId,
          data: { before: before.roles, after: clean },
          ip: origin.ip,
        });
        return u;
      });
    },

    /** `create-admin`: a verified staff account with every role (or every role added to an existing one). */
    async createAdmin(input: { email: string; username: string; password: string }): Promise<UserRow> {
      const email = normalizeEmail(input.email ?? '');
      const username = (input.username ?? '').trim().toLowerCase();
      const fields: Record<string, string> = {};
      const e = emailProblem(email);
      if (e) fields.email = e;
      if (!/^[a-z0-9_]{3,30}$/.test(username)) fields.username = 'account.username_invalid';
      const p = passwordProblem(input.password ?? '', { username, email });
      if (p) fields.password = p;
      if (Object.keys(fields).length) throw invalid(fields, { min: 10 });
      const passwordHash = await hashPassword(input.password);
      const versions = await content.currentVersions();
      return db.transaction(async (tx) => {
        const [byName] = await tx.select().from(users).where(eq(users.username, username));
        const [byEmail] = await tx.select().from(users).where(eq(users.email, email));
        if (byName && byEmail && byName.id !== byEmail.id) throw new AppError('account.username_taken');
        if (byName && !byEmail) throw new AppError('account.username_taken');
        if (byEmail && byEmail.username !== username) throw new AppError('account.email_taken');
        const roles = [...STAFF_ROLES];
        let u: UserRow;
        if (byName) {
          [u] = await tx
            .update(users)
            .set({ roles, passwordHash, emailVerifiedAt: byName.emailVerifiedAt ?? clock(), updatedAt: clock() })
            .where(eq(users.id, byName.id))
            .returning();
        } else {
          [u] = await tx
            .insert(users)
            .values({
              email,
              username,
              passwordHash,
              displayName: username,
              roles,
              emailVerifiedAt: clock(),
              termsVersion: versions.terms,
              privacyVersion: versions.privacy,
              searchText: searchTextOf({ displayName: username, username, skills: [] }),
            })
            .returning();
          await tx.insert(policyAcceptances).values([
            { userId: u.id, policy: 'terms', version: versions.terms },
            { userId: u.id, policy: 'privacy', version: versions.privacy },
          ]);
        }
        await audit(tx, { actorId: null, action: 'user.create_admin', targetType: 'user', targetId: u.id, data: { via: 'cli' } });
        return u;
      });
    },

    /** A verified ordinary account for the demo dataset. */
    async createDemoUser(input: { email: string; username: string; password: string }): Promise<UserRow> {
      const versions = await content.currentVersions();
      const passwordHash = await hashPassword(input.password);
      const [u] = await db
        .insert(users)
        .values({
          email: input.email,
          username: input.username,
          passwordHash,
          displayName: input.username,
          emailVerifiedAt: clock(),
          termsVersion: versions.terms,
          privacyVersion: versions.privacy,
          searchText: searchTextOf({ displayName: input.username, username: input.username, skills: [] }),
        })
        .returning();
      return u;
    },

    /** Housekeeping for `run-due` and the worker: forgets expired tokens and sessions. */
    async purgeExpired(now: Date): Promise<{ tokens: number; sessions: number }> {
      const dayAgo = new Date(now.getTime() - 86_400_000);
      const t = await db.delete(authTokens).where(lt(authTokens.expiresAt, dayAgo)).returning({ id: authTokens.id });
      const s = await db
        .update(sessions)
        .set({ revokedAt: now })
        .where(and(lt(sessions.expiresAt, now), isNull(sessions.revokedAt)))
        .returning({ id: sessions.id });
      return { tokens: t.length, sessions: s.length };
    },
  };
  return service;
}

export function requireStaff(actor: AuthUser | null): asserts actor is AuthUser {
  if (!actor) throw new AppError('auth.required');
  if (!actor.roles.some(isStaffRole)) throw new AppError('auth.forbidden');
}

export type AccountsService = ReturnType<typeof createAccountsService>;
