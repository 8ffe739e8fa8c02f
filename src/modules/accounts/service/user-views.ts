import type { UserRow } from './context.ts';

/**
 * The avatar's public address: its file's random public id, never the user's or the file's sequential id. None for a
 * deactivated profile, whose picture is not served.
 */
function avatarUrl(u: Pick<UserRow, 'avatarPublicId' | 'deactivatedAt'>): string | null {
  return u.avatarPublicId && !u.deactivatedAt ? `/avatars/${u.avatarPublicId}` : null;
}

/** An average kept × 100 as a 1–5 rating with two decimals, or null when no review made it. */
export function ratingOf(x100: number, count: number): number | null {
  return count > 0 && x100 > 0 ? x100 / 100 : null;
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
    | 'buyerLevel'
    | 'avatarPublicId'
    | 'deactivatedAt'
    | 'createdAt'
    | 'lastSeenAt'
    | 'identityVerifiedAt'
    | 'sellerJobs'
    | 'sellerRatingX100'
    | 'sellerReviews'
    | 'buyerRatingX100'
    | 'buyerReviews'
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
    /** As buyer (RULES.md "Levels"): from the money spent, or VIP given by staff. */
    buyerLevel: u.buyerLevel,
    avatarUrl: avatarUrl(u),
    memberSince: u.createdAt.toISOString(),
    lastSeenAt: u.lastSeenAt ? u.lastSeenAt.toISOString() : null,
    /** Identity verified by support staff (a document and a selfie): the verified badge. */
    verified: u.identityVerifiedAt !== null,
    /** As seller: the average of the buyers' published reviews (1–5, two decimals; null without any), how many, jobs done. */
    rating: ratingOf(u.sellerRatingX100, u.sellerReviews),
    reviewsCount: u.sellerReviews,
    completedJobs: u.sellerJobs,
    /** As buyer: the sellers' published reviews of them. */
    buyerRating: ratingOf(u.buyerRatingX100, u.buyerReviews),
    buyerReviewsCount: u.buyerReviews,
  };
}
export type PublicView = ReturnType<typeof publicView>;
