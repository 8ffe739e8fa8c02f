import { asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/index.ts';
import { referralRewards, referrals } from './schema.ts';

/**
 * The referrals' part of a legal export (ModuleManifest `userData`): as a referrer, the referrals made with their
 * rewards — never who the referred people are beyond the referral (no id, username or e-mail of theirs: the page shows
 * their display names only, which are the accounts module's); as a referred user, who referred them and when.
 */
export async function referralsUserData(tx: DbOrTx, userId: number) {
  const made = await tx
    .select({
      referralId: referrals.id,
      signedUpAt: referrals.createdAt,
      flagged: referrals.flagged,
      rewardedCents: referrals.rewardedCents,
    })
    .from(referrals)
    .where(eq(referrals.referrerId, userId))
    .orderBy(asc(referrals.id));
  const rewards = made.length
    ? await tx
        .select({
          referralId: referralRewards.referralId,
          kind: referralRewards.kind,
          reference: referralRewards.reference,
          purchaseCents: referralRewards.purchaseCents,
          rewardCents: referralRewards.rewardCents,
          clearsAt: referralRewards.clearsAt,
          createdAt: referralRewards.createdAt,
        })
        .from(referralRewards)
        .where(
          inArray(
            referralRewards.referralId,
            made.map((r) => r.referralId),
          ),
        )
        .orderBy(asc(referralRewards.id))
    : [];
  const [by] = await tx
    .select({ referralId: referrals.id, referrerId: referrals.referrerId, signedUpAt: referrals.createdAt })
    .from(referrals)
    .where(eq(referrals.referredId, userId));
  return {
    referrals: {
      made: made.map((r) => ({ ...r, rewards: rewards.filter((x) => x.referralId === r.referralId) })),
      referredBy: by ?? null,
    },
  };
}
