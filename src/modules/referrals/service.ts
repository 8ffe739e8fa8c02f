import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../platform/db/index.ts';
import { queryRows } from '../../platform/db/index.ts';
import type { Deps } from '../../platform/deps.ts';
import { invalid } from '../../platform/errors.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { readSetting, writeSetting } from '../../platform/settings.ts';
import { requirePermission } from '../../platform/staff.ts';
import type { AccountsService, SameOwnerSignal } from '../accounts/index.ts';
import type { NotificationsService } from '../notifications/index.ts';
import type { TrustService } from '../trust/index.ts';
import type { EscrowReleased, WalletService } from '../wallet/index.ts';
import { mayReferThrough } from './policy.ts';
import {
  capLeft,
  changeReferralSettings,
  flagOf,
  linkPath,
  type ReferralSettings,
  referralSettingsOf,
  reversalCents,
  rewardCents,
  SETTINGS_KEY,
  windowEnd,
  withinWindow,
} from './rules.ts';
import { referralRewards, referrals } from './schema.ts';

export type ReferralRow = typeof referrals.$inferSelect;
export type RewardRow = typeof referralRewards.$inferSelect;

/** What the referrals reach of other modules (given by app.ts). */
export interface ReferralsDeps {
  accounts: Pick<AccountsService, 'referrerByUsername' | 'sameOwnerSignals' | 'publicByIds'>;
  trust: Pick<TrustService, 'activeSanctions'>;
  wallet: Pick<WalletService, 'payFromRevenue' | 'takeBackToRevenue' | 'pendingOfPayments'>;
  notifications: Pick<NotificationsService, 'notify'>;
  /** The referrer's clearance days (their seller level's, as their earnings clear). */
  clearanceDaysOf(tx: DbOrTx, userId: number): Promise<number>;
}

/** One referred user as their referrer sees them: the display name only, their purchases and the rewards. */
export interface ReferredView {
  referralId: number;
  displayName: string;
  signedUpAt: Date;
  /** The first moment a purchase no longer earns. */
  earnsUntil: Date;
  flagged: boolean;
  purchasesCents: number;
  rewardCents: number;
  /** What can still be earned from this person (0 when flagged or past the year). */
  capLeftCents: number;
}

/** A reward (or a reward taken back) as the referrer's list and CSV show it. */
export interface RewardView {
  id: number;
  kind: 'reward' | 'reversal';
  displayName: string;
  reference: string;
  purchaseCents: number;
  rewardCents: number;
  createdAt: Date;
  clearsAt: Date | null;
  /** What of this reward is still pending in the wallet (0 once available, or taken back). */
  pendingCents: number;
}

/** The affiliate programme (RULES.md "Affiliate"): who referred whom, the rewards from platform revenue, the page's reads. */
export function createReferralsService(deps: Deps, m: ReferralsDeps) {
  const { db, clock } = deps;

  async function settings(tx: DbOrTx = db): Promise<ReferralSettings> {
    return referralSettingsOf(await readSetting(tx, SETTINGS_KEY));
  }

  /** The referral of a referred user, locked (FOR UPDATE) so two rewards at once are counted one after the other. */
  async function lockedReferralOf(tx: Tx, referredId: number): Promise<ReferralRow | null> {
    const [r] = await tx.select().from(referrals).where(eq(referrals.referredId, referredId)).for('update');
    return r ?? null;
  }

  async function bannedNow(tx: DbOrTx, userId: number): Promise<boolean> {
    return (await m.trust.activeSanctions(userId, tx)).some((s) => s.scopes.includes('full'));
  }

  const service = {
    settings,

    /** The referral link's path of a username (`/r/<username>`). */
    linkPath,

    /**
     * The referrer a sign-up names (the referral link's cookie, or the API's `referrer`), recorded once inside the
     * sign-up's transaction: unknown, deactivated or banned referrers are ignored (null); a referral showing signals
     * of one person behind both accounts is recorded flagged and earns nothing. The unique row per referred user means
     * a referrer, once recorded, never changes.
     */
    async recordAtSignup(tx: Tx, s: { userId: number; username: string; email: string; referrer: string; ip: string | null }) {
      if (!mayReferThrough(s.referrer, s.username)) return null;
      const ref = await m.accounts.referrerByUsername(tx, s.referrer);
      if (!ref || ref.id === s.userId || ref.deactivated || (await bannedNow(tx, ref.id))) return null;
      const signals: SameOwnerSignal[] = await m.accounts.sameOwnerSignals(tx, { referrerId: ref.id, email: s.email, ip: s.ip });
      const [row] = await tx
        .insert(referrals)
        .values({ referrerId: ref.id, referredId: s.userId, createdAt: clock(), flagged: flagOf(signals) })
        .onConflictDoNothing()
        .returning();
      return row ? ref.id : null;
    },

    /** A referrer's display name for the sign-up's "invited by" (null: no such account, or one that cannot refer). */
    async inviterName(username: string): Promise<string | null> {
      return db.transaction(async (tx) => {
        const ref = await m.accounts.referrerByUsername(tx, username);
        if (!ref || ref.deactivated || (await bannedNow(tx, ref.id))) return null;
        return ref.displayName;
      });
    },

    /**
     * The wallet's release hook: an amount released from a referred user's escrow to a seller, within the year of
     * their sign-up, earns the referrer `rewardBp` of it (a partial release: of the part released), up to the cap
     * over all their purchases, paid from the platform's revenue into the referrer's pending with their clearance.
     * The referral row is locked first, so two completions at once never pass the cap together.
     */
    async onRelease(tx: Tx, e: EscrowReleased): Promise<void> {
      const r = await lockedReferralOf(tx, e.buyerId);
      if (!r) return;
      const now = clock();
      const s = await settings(tx);
      if (!withinWindow(r.createdAt, now, s)) return;
      // The referrer selling to the person they referred earns no reward on it (they are paid as the seller), and a
      // referrer banned since (a full sanction in force) earns nothing more.
      const selfDeal = e.sellerId === r.referrerId || (await bannedNow(tx, r.referrerId));
      const reward = rewardCents({
        releasedCents: e.grossCents,
        feeCents: e.feeCents,
        rewardedSoFarCents: Number(r.rewardedCents),
        flagged: r.flagged !== null || selfDeal,
        s,
      });
      let paid: { transactionId: number; clearsAt: Date } | null = null;
      if (reward > 0) {
        paid = await m.wallet.payFromRevenue(tx, {
          userId: r.referrerId,
          amountCents: reward,
          type: 'referral_reward',
          reference: `referral:${r.id}`,
          clearanceDays: await m.clearanceDaysOf(tx, r.referrerId),
        });
        await tx
          .update(referrals)
          .set({ rewardedCents: sql`${referrals.rewardedCents} + ${reward}` })
          .where(eq(referrals.id, r.id));
      }
      await tx.insert(referralRewards).values({
        referralId: r.id,
        kind: 'reward',
        reference: e.reference,
        sellerId: e.sellerId,
        purchaseCents: e.grossCents,
        rewardCents: reward,
        sourceTransactionId: e.transactionId,
        ledgerTransactionId: paid?.transactionId ?? null,
        clearsAt: paid?.clearsAt ?? null,
        createdAt: now,
      });
      if (paid)
        await m.notifications.notify(tx, {
          userId: r.referrerId,
          type: 'referrals.reward',
          params: { amount: reward },
          url: '/referrals',
        });
    },

    /**
     * The wallet's damages hook: money released to a seller paid back to a referred buyer after the fact (a refund
     * out of a banned seller's frozen balance) takes back the same share of the rewards their purchases from that seller
     * earned — a new movement, never an edit — at most the rewards still standing and what the referrer still holds.
     */
    async onDeduction(tx: Tx, d: { fromUserId: number; toUserId: number; amountCents: number; transactionId: number }): Promise<void> {
      const r = await lockedReferralOf(tx, d.toUserId);
      if (!r) return;
      const rows = await tx
        .select()
        .from(referralRewards)
        .where(and(eq(referralRewards.referralId, r.id), eq(referralRewards.sellerId, d.fromUserId)))
        .orderBy(desc(referralRewards.id));
      const given = rows.filter((x) => x.kind === 'reward').reduce((a, x) => a + Number(x.rewardCents), 0);
      const taken = rows.filter((x) => x.kind === 'reversal').reduce((a, x) => a + Number(x.rewardCents), 0);
      const s = await settings(tx);
      let left = reversalCents({ refundedCents: d.amountCents, standingCents: given - taken, rewardBp: s.rewardBp });
      let total = 0;
      let lastTx: number | null = null;
      for (const x of rows) {
        if (left <= 0) break;
        if (x.kind !== 'reward' || !x.ledgerTransactionId) continue;
        const got = await m.wallet.takeBackToRevenue(tx, {
          userId: r.referrerId,
          amountCents: Math.min(left, Number(x.rewardCents)),
          type: 'referral_reversal',
          reference: `referral:${r.id}`,
          sourceTransactionId: x.ledgerTransactionId,
        });
        total += got;
        left -= got;
        if (got > 0) lastTx = x.ledgerTransactionId;
      }
      if (total === 0) return;
      await tx
        .update(referrals)
        .set({ rewardedCents: sql`${referrals.rewardedCents} - ${total}` })
        .where(eq(referrals.id, r.id));
      await tx.insert(referralRewards).values({
        referralId: r.id,
        kind: 'reversal',
        reference: `user:${d.fromUserId}`,
        sellerId: d.fromUserId,
        purchaseCents: d.amountCents,
        rewardCents: total,
        sourceTransactionId: d.transactionId,
        ledgerTransactionId: lastTx,
        clearsAt: null,
        createdAt: clock(),
      });
    },

    /** The referred users of a referrer, oldest first: display names only, purchases and rewards, the cap left of each. */
    async referred(referrerId: number): Promise<ReferredView[]> {
      const s = await settings();
      const rows = await db.select().from(referrals).where(eq(referrals.referrerId, referrerId)).orderBy(asc(referrals.id)).limit(1000);
      if (rows.length === 0) return [];
      const sums = await queryRows<{ referral_id: number; purchases: string | number; rewards: string | number }>(
        db,
        sql`SELECT referral_id,
                   coalesce(sum(purchase_cents) FILTER (WHERE kind = 'reward'), 0)::bigint AS purchases,
                   coalesce(sum(CASE kind WHEN 'reward' THEN reward_cents ELSE -reward_cents END), 0)::bigint AS rewards
              FROM referral_rewards WHERE ${inArray(
                referralRewards.referralId,
                rows.map((r) => r.id),
              )} GROUP BY referral_id`,
      );
      const byId = new Map(sums.map((x) => [Number(x.referral_id), x]));
      const people = await m.accounts.publicByIds(rows.map((r) => r.referredId));
      const now = clock();
      return rows.map((r) => {
        const x = byId.get(r.id);
        const open = r.flagged === null && withinWindow(r.createdAt, now, s);
        return {
          referralId: r.id,
          displayName: people.get(r.referredId)?.displayName ?? '',
          signedUpAt: r.createdAt,
          earnsUntil: windowEnd(r.createdAt, s),
          flagged: r.flagged !== null,
          purchasesCents: Number(x?.purchases ?? 0),
          rewardCents: Number(x?.rewards ?? 0),
          capLeftCents: open ? capLeft(Number(r.rewardedCents), s) : 0,
        };
      });
    },

    /** Every reward and reward taken back of a referrer, newest first (the page's list and the CSV). */
    async rewards(referrerId: number, limit = 1000): Promise<RewardView[]> {
      const rows = await db
        .select({ reward: referralRewards, referredId: referrals.referredId })
        .from(referralRewards)
        .innerJoin(referrals, eq(referrals.id, referralRewards.referralId))
        .where(eq(referrals.referrerId, referrerId))
        .orderBy(desc(referralRewards.id))
        .limit(limit);
      const people = await m.accounts.publicByIds(rows.map((r) => r.referredId));
      const paid = rows.flatMap(({ reward: x }) => (x.kind === 'reward' && x.ledgerTransactionId ? [x.ledgerTransactionId] : []));
      const pending = await m.wallet.pendingOfPayments(paid);
      return rows.map(({ reward: x, referredId }) => ({
        id: x.id,
        kind: x.kind as 'reward' | 'reversal',
        displayName: people.get(referredId)?.displayName ?? '',
        reference: x.reference,
        purchaseCents: Number(x.purchaseCents),
        rewardCents: Number(x.rewardCents),
        createdAt: x.createdAt,
        clearsAt: x.clearsAt,
        pendingCents: x.kind === 'reward' && x.ledgerTransactionId ? (pending.get(x.ledgerTransactionId) ?? 0) : 0,
      }));
    },

    /** Who referred this user, if anyone (their own account page). */
    async referralOf(referredId: number): Promise<ReferralRow | null> {
      const [r] = await db.select().from(referrals).where(eq(referrals.referredId, referredId));
      return r ?? null;
    },

    /** Admin: the numbers (RULES.md "Affiliate"), validated and audited. */
    async updateSettings(actor: Pick<AuthUser, 'id' | 'roles'>, patch: Record<string, unknown>): Promise<ReferralSettings> {
      requirePermission(actor, 'admin');
      return db.transaction(async (tx) => {
        const before = await settings(tx);
        const r = changeReferralSettings(before, patch);
        if (!r.ok) throw invalid(r.fields);
        await writeSetting(tx, SETTINGS_KEY, r.settings, actor.id, before);
        return r.settings;
      });
    },

    /** Finance/admin: the programme's totals (rewards paid and taken back, referrals, flagged). */
    async totals(actor: Pick<AuthUser, 'id' | 'roles'>) {
      requirePermission(actor, 'finance');
      const [r] = await queryRows<{ referrals: number; flagged: number; paid: string | number; reversed: string | number }>(
        db,
        sql`SELECT (SELECT count(*)::int FROM referrals) AS referrals,
                   (SELECT count(*)::int FROM referrals WHERE flagged IS NOT NULL) AS flagged,
                   (SELECT coalesce(sum(reward_cents), 0)::bigint FROM referral_rewards WHERE kind = 'reward') AS paid,
                   (SELECT coalesce(sum(reward_cents), 0)::bigint FROM referral_rewards WHERE kind = 'reversal') AS reversed`,
      );
      return { referrals: Number(r.referrals), flagged: Number(r.flagged), paidCents: Number(r.paid), reversedCents: Number(r.reversed) };
    },
  };
  return service;
}

export type ReferralsService = ReturnType<typeof createReferralsService>;
