import type { UserRow } from './context.ts';

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
