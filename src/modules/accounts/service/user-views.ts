import type { UserRow } from './context.ts';

/**
 * The avatar's public address: its file's random public id, never the user's or the file's sequential id. None for a
 * deactivated profile, whose picture is not served.
 */
function avatarUrl(u: Pick<UserRow, 'avatarPublicId' | 'deactivatedAt'>): string | null {
  return u.avatarPublicId && !u.deactivatedAt ? `/avatars/${u.avatarPublicId}` : null;
}

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
    avatarUrl: avatarUrl(u),
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
    | 'avatarPublicId'
    | 'deactivatedAt'
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
    avatarUrl: avatarUrl(u),
    memberSince: u.createdAt.toISOString(),
    lastSeenAt: u.lastSeenAt ? u.lastSeenAt.toISOString() : null,
  };
}
export type PublicView = ReturnType<typeof publicView>;
