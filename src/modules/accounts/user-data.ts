import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/index.ts';
import { AppError } from '../../platform/errors.ts';
import { loginEvents, policyAcceptances, sessions, userIdentities, users } from './schema.ts';

/**
 * The accounts' part of a legal export (ModuleManifest `userData`): the account, the public profile, the policy
 * versions accepted, the sessions, the sign-ins and the linked OpenID Connect identities. An unknown user is `account.not_found` (the export stops and
 * writes nothing). Never the password hash, the TOTP secrets, the recovery codes or any token hash: each select
 * names its columns, so a new secret column is never picked up by accident.
 */
export async function accountsUserData(tx: DbOrTx, userId: number) {
  const [account] = await tx
    .select({
      id: users.id,
      username: users.username,
      email: users.email,
      displayName: users.displayName,
      roles: users.roles,
      locale: users.locale,
      sellerLevel: users.sellerLevel,
      buyerLevel: users.buyerLevel,
      createdAt: users.createdAt,
      updatedAt: users.updatedAt,
      emailVerifiedAt: users.emailVerifiedAt,
      termsVersion: users.termsVersion,
      privacyVersion: users.privacyVersion,
      deactivatedAt: users.deactivatedAt,
      twoFactorEnabledAt: users.totpEnabledAt,
      lockedUntil: users.lockedUntil,
      referrerId: users.referrerId,
      lastSeenAt: users.lastSeenAt,
      bio: users.bio,
      country: users.country,
      skills: users.skills,
      languages: users.languages,
      avatarFileId: users.avatarFileId,
    })
    .from(users)
    .where(eq(users.id, userId));
  if (!account) throw new AppError('account.not_found');

  const policyVersions = await tx
    .select({
      policy: policyAcceptances.policy,
      version: policyAcceptances.version,
      ip: policyAcceptances.ip,
      acceptedAt: policyAcceptances.acceptedAt,
    })
    .from(policyAcceptances)
    .where(eq(policyAcceptances.userId, userId))
    .orderBy(asc(policyAcceptances.id));
  const sessionRows = await tx
    .select({
      id: sessions.id,
      kind: sessions.kind,
      ip: sessions.ip,
      userAgent: sessions.userAgent,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
      revokedAt: sessions.revokedAt,
    })
    .from(sessions)
    .where(eq(sessions.userId, userId))
    .orderBy(asc(sessions.id));
  const logins = await tx
    .select({ ip: loginEvents.ip, userAgent: loginEvents.userAgent, success: loginEvents.success, createdAt: loginEvents.createdAt })
    .from(loginEvents)
    .where(eq(loginEvents.userId, userId))
    .orderBy(asc(loginEvents.id));
  const identities = await tx
    .select({
      issuer: userIdentities.issuer,
      subject: userIdentities.subject,
      email: userIdentities.email,
      createdAt: userIdentities.createdAt,
      lastUsedAt: userIdentities.lastUsedAt,
    })
    .from(userIdentities)
    .where(eq(userIdentities.userId, userId))
    .orderBy(asc(userIdentities.id));

  const { bio, country, skills, languages, avatarFileId, twoFactorEnabledAt, ...rest } = account;
  return {
    account: {
      ...rest,
      verified: account.emailVerifiedAt !== null,
      deactivated: account.deactivatedAt !== null,
      twoFactor: twoFactorEnabledAt !== null,
      policyAcceptances: policyVersions,
    },
    profile: { displayName: account.displayName, bio, country, skills, languages, avatarFileId },
    sessions: sessionRows,
    logins,
    identities,
  };
}
