/** Who may do what in the affiliate programme (one function per rule; table-tested in policy.test.ts). */

const USERNAME = /^[a-z0-9_]{3,30}$/;

/**
 * Whether a sign-up may name this referrer at all: a well-formed username (RULES.md "Accounts") that is not the new
 * account's own. Whether the account exists and may refer is the service's question (unknown, deactivated, banned).
 */
export function mayReferThrough(referrer: string, newUsername: string): boolean {
  const r = referrer.trim().toLowerCase();
  return USERNAME.test(r) && r !== newUsername.trim().toLowerCase();
}

/**
 * What a visit to `/r/<username>` does for this visitor: remember the referrer for the sign-up (`remember`), send a
 * signed-in visitor to their own referrals page when it is their own link (`own`), or leave a signed-in visitor
 * alone (`signed_in`: they have an account; a referral is made at sign-up only).
 */
export function referralVisit(visitor: { username: string } | null, linkUsername: string): 'remember' | 'own' | 'signed_in' {
  if (!visitor) return 'remember';
  return visitor.username === linkUsername.toLowerCase() ? 'own' : 'signed_in';
}
