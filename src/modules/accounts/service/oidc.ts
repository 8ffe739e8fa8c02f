import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { audit } from '../../../platform/audit.ts';
import { hashPassword } from '../../../platform/crypto.ts';
import { AppError, invalid } from '../../../platform/errors.ts';
import type { AuthUser, Origin } from '../../../platform/http/auth.ts';
import type { Locale } from '../../../platform/i18n/index.ts';
import { enqueue } from '../../../platform/outbox.ts';
import { cleanLine } from '../../../platform/text.ts';
import type { ContentService } from '../../content/index.ts';
import { DISPLAY_NAME_MAX, normalizeEmail, usernameProblem } from '../rules.ts';
import { policyAcceptances, userIdentities, users } from '../schema.ts';
import { openSession, passwordMatches } from './auth.ts';
import type { AccountsContext, UserRow } from './context.ts';
import { assertNotLocked, failLogin, subjectOf } from './lock-out.ts';
import type { OidcIdentity } from './oidc-client.ts';
import { contactsInProfile, foundText, searchTextOf } from './profile-text.ts';
import type { SignupReferral } from './referral.ts';
import { issueToken } from './tokens.ts';
import { checkSecondFactor } from './two-factor.ts';

type Session = Awaited<ReturnType<typeof openSession>>;

/** What a verified identity leads to at the callback. */
export type OidcOutcome =
  | { kind: 'signed_in'; session: Session }
  | { kind: 'challenge'; challenge: string }
  | { kind: 'link'; username: string; totp: boolean }
  | { kind: 'complete' };

/**
 * Signing in with OpenID Connect. An identity (issuer + subject) signs in to the one account it is linked to. One not
 * yet linked never makes a second account for an email that has one: that account's password (and second factor)
 * links it. Otherwise a verified email makes a new account once the person has chosen a username and accepted the
 * terms; an unverified one makes nothing.
 */
export function oidcService(ctx: AccountsContext, content: ContentService, referral: { fn: SignupReferral | null }) {
  const { deps, db, clock, mail } = ctx;
  const providerName = () => deps.config.oidc?.name ?? 'OpenID';

  const linked = async (id: OidcIdentity) => {
    const [row] = await db
      .select({ u: users, identityId: userIdentities.id })
      .from(userIdentities)
      .innerJoin(users, eq(users.id, userIdentities.userId))
      .where(and(eq(userIdentities.issuer, id.issuer), eq(userIdentities.subject, id.subject)));
    return row ?? null;
  };
  const byEmail = async (email: string | null): Promise<UserRow | null> => {
    if (!email) return null;
    const [u] = await db
      .select()
      .from(users)
      .where(eq(users.email, normalizeEmail(email)));
    return u ?? null;
  };

  /** A linked account's sign-in, with the second factor asked as the password sign-in asks it. */
  async function signInLinked(u: UserRow, identityId: number, origin: Origin): Promise<OidcOutcome> {
    await assertNotLocked(ctx, subjectOf(u.username, u), origin);
    await db.update(userIdentities).set({ lastUsedAt: clock() }).where(eq(userIdentities.id, identityId));
    if (u.totpEnabledAt) {
      const challenge = await db.transaction((tx) => issueToken(ctx, tx, u.id, 'login_2fa'));
      return { kind: 'challenge', challenge };
    }
    return { kind: 'signed_in', session: await openSession(ctx, u, 'web', origin) };
  }

  return {
    /** What the callback does with a verified identity: sign in, ask for the second factor, link, or complete a sign-up. */
    async oidcOutcome(id: OidcIdentity, origin: Origin): Promise<OidcOutcome> {
      const found = await linked(id);
      if (found) return signInLinked(found.u, found.identityId, origin);
      const owner = await byEmail(id.email);
      if (owner) return { kind: 'link', username: owner.username, totp: owner.totpEnabledAt !== null };
      if (!id.email) throw new AppError('oidc.email_missing', {}, {}, { status: 400 });
      if (!id.emailVerified) throw new AppError('oidc.email_unverified', {}, {}, { status: 400 });
      return { kind: 'complete' };
    },

    /** The account an unlinked identity's email belongs to, for the "link your account" page (null: none now). */
    async oidcLinkTarget(id: OidcIdentity): Promise<{ username: string; email: string; totp: boolean } | null> {
      const owner = await byEmail(id.email);
      return owner ? { username: owner.username, email: owner.email, totp: owner.totpEnabledAt !== null } : null;
    },

    /**
     * Links the identity to the account with its email after that account's password (and second factor when on)
     * checked, with the password sign-in's lock-out; then signs in. Audited, and the owner is told by mail.
     */
    async oidcLink(id: OidcIdentity, input: { password: string; code?: string }, origin: Origin) {
      if (!input.password) throw invalid({ password: 'account.password_required' });
      const u = await byEmail(id.email);
      if (!u) throw new AppError('oidc.link_gone', {}, {}, { status: 409 });
      const subject = subjectOf(u.username, u);
      await deps.limiter.hit(`login-ip:${origin.ip ?? 'unknown'}`, 30, 600);
      await assertNotLocked(ctx, subject, origin);
      if (!(await passwordMatches(u, input.password))) return failLogin(ctx, subject, origin, 'auth.invalid_credentials', 'password');
      if (u.totpEnabledAt) {
        if (!input.code?.trim()) throw invalid({ code: 'auth.totp_required' });
        await checkSecondFactor(ctx, u, input.code, origin, 'code');
      }
      await db.transaction(async (tx) => {
        const added = await tx
          .insert(userIdentities)
          .values({ userId: u.id, issuer: id.issuer, subject: id.subject, email: id.email, lastUsedAt: clock() })
          .onConflictDoNothing()
          .returning({ id: userIdentities.id, userId: userIdentities.userId });
        if (added.length === 0) {
          const [other] = await tx
            .select({ userId: userIdentities.userId })
            .from(userIdentities)
            .where(and(eq(userIdentities.issuer, id.issuer), eq(userIdentities.subject, id.subject)));
          if (other?.userId !== u.id) throw new AppError('oidc.identity_taken', {}, {}, { status: 409 });
          return;
        }
        await audit(tx, {
          actorId: u.id,
          action: 'account.identity_linked',
          targetType: 'user',
          targetId: u.id,
          data: { issuer: id.issuer, identityId: added[0].id },
          ip: origin.ip,
        });
        await enqueue(tx, { kind: 'mail', payload: mail('identity_linked', u, { provider: providerName() }) });
      });
      deps.outbox.kick();
      return openSession(ctx, u, 'web', origin);
    },

    /**
     * A new account from a verified provider email: the username (the sign-up's rules), a display name, and the terms
     * and privacy policy accepted (their versions recorded as the sign-up records them). The email is verified.
     */
    async oidcSignUp(
      id: OidcIdentity,
      input: { username: string; displayName: string; acceptTerms: boolean; referrer?: string; locale: Locale },
      origin: Origin,
    ) {
      if (!id.email || !id.emailVerified) throw new AppError('oidc.email_unverified', {}, {}, { status: 400 });
      const email = normalizeEmail(id.email);
      const username = (input.username ?? '').trim().toLowerCase();
      const fields: Record<string, string> = {};
      const un = usernameProblem(username);
      if (un) fields.username = un;
      if (input.acceptTerms !== true) fields.acceptTerms = 'account.terms_required';
      const displayName = cleanLine(input.displayName) || username;
      if (displayName.length > DISPLAY_NAME_MAX) fields.displayName = 'account.display_name_invalid';
      const contacts = contactsInProfile({ displayName, bio: '', skills: [], languages: [] });
      if (contacts.displayName) fields.displayName = 'trust.contact_info';
      if (Object.keys(fields).length) throw invalid(fields, { min: 10, max: DISPLAY_NAME_MAX, found: foundText(contacts) });
      await deps.limiter.hit(`signup:${origin.ip ?? 'unknown'}`, 20, 3600);
      // No password is chosen: a random one nobody knows (a password reset to the verified address sets one).
      const passwordHash = await hashPassword(randomBytes(32).toString('base64url'));
      const versions = await content.currentVersions();
      const now = clock();
      const user = await db.transaction(async (tx) => {
        const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.username, username));
        if (taken) throw new AppError('account.username_taken', {}, { username: 'account.username_taken' });
        const inserted = await tx
          .insert(users)
          .values({
            email,
            username,
            passwordHash,
            displayName,
            locale: input.locale,
            emailVerifiedAt: now,
            termsVersion: versions.terms,
            privacyVersion: versions.privacy,
            searchText: searchTextOf({ displayName, username, skills: [] }),
          })
          .onConflictDoNothing()
          .returning();
        if (inserted.length === 0) {
          const [sameName] = await tx.select({ id: users.id }).from(users).where(eq(users.username, username));
          if (sameName) throw new AppError('account.username_taken', {}, { username: 'account.username_taken' });
          // The email got an account meanwhile: never a second one; it is linked with that account's password.
          throw new AppError('oidc.email_taken', {}, {}, { status: 409 });
        }
        const u = inserted[0];
        const added = await tx
          .insert(userIdentities)
          .values({ userId: u.id, issuer: id.issuer, subject: id.subject, email: id.email, lastUsedAt: now })
          .onConflictDoNothing()
          .returning({ id: userIdentities.id });
        if (added.length === 0) throw new AppError('oidc.identity_taken', {}, {}, { status: 409 });
        const referrer = (input.referrer ?? '').trim().toLowerCase();
        if (referrer && referral.fn) {
          const referrerId = await referral.fn.record(tx, { userId: u.id, username, email, referrer, ip: origin.ip });
          if (referrerId !== null) await tx.update(users).set({ referrerId }).where(eq(users.id, u.id));
        }
        await tx.insert(policyAcceptances).values([
          { userId: u.id, policy: 'terms', version: versions.terms, ip: origin.ip },
          { userId: u.id, policy: 'privacy', version: versions.privacy, ip: origin.ip },
        ]);
        await audit(tx, {
          actorId: u.id,
          action: 'account.identity_signup',
          targetType: 'user',
          targetId: u.id,
          data: { issuer: id.issuer, identityId: added[0].id },
          ip: origin.ip,
        });
        return u;
      });
      return openSession(ctx, user, 'web', origin);
    },

    /** The identities linked to the account, for the security page. */
    async listIdentities(actor: AuthUser) {
      return db
        .select({ id: userIdentities.id, issuer: userIdentities.issuer, email: userIdentities.email, createdAt: userIdentities.createdAt })
        .from(userIdentities)
        .where(eq(userIdentities.userId, actor.id))
        .orderBy(userIdentities.id);
    },

    /** Unlinks one of the account's identities (the account keeps its password); audited and mailed. */
    async unlinkIdentity(actor: AuthUser, identityId: number, origin: Origin): Promise<void> {
      await db.transaction(async (tx) => {
        const gone = await tx
          .delete(userIdentities)
          .where(and(eq(userIdentities.id, identityId), eq(userIdentities.userId, actor.id)))
          .returning({ issuer: userIdentities.issuer });
        if (gone.length === 0) throw new AppError('oidc.identity_not_found', {}, {}, { status: 404 });
        const [u] = await tx.select().from(users).where(eq(users.id, actor.id));
        await audit(tx, {
          actorId: actor.id,
          action: 'account.identity_unlinked',
          targetType: 'user',
          targetId: actor.id,
          data: { issuer: gone[0].issuer, identityId },
          ip: origin.ip,
        });
        await enqueue(tx, { kind: 'mail', payload: mail('identity_unlinked', u, { provider: providerName() }) });
      });
      deps.outbox.kick();
    },
  };
}
