import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const cents = (name: string) => bigint(name, { mode: 'number' });

/**
 * Who referred whom (التسويق بالعمولة, RULES.md "Affiliate"): one row per referred user, written once at their sign-up
 * and never changed but for `rewarded_cents`, the running total the cap is checked against under the row's lock.
 * `flagged`: the self-referral signals seen at sign-up (`ip`, `mailbox`), comma-separated; a flagged referral earns
 * nothing.
 */
export const referrals = pgTable(
  'referrals',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    referrerId: integer('referrer_id').notNull(),
    referredId: integer('referred_id').notNull(),
    /** The referred user's sign-up: the year of rewards counts from it. */
    createdAt: ts('created_at').notNull(),
    flagged: text('flagged'),
    /** Rewards paid less the ones taken back (≤ the cap in force when each was paid). */
    rewardedCents: cents('rewarded_cents').notNull().default(0),
  },
  (t) => [
    uniqueIndex('referrals_referred_uq').on(t.referredId),
    index('referrals_referrer_idx').on(t.referrerId, t.id),
    check('referrals_not_self', sql`${t.referrerId} <> ${t.referredId}`),
    check('referrals_rewarded_non_negative', sql`${t.rewardedCents} >= 0`),
  ],
);

/**
 * Each purchase of a referred user within the year (an amount released from their escrow to a seller) and the
 * reward it earned (0 when flagged or past the cap), and each reward taken back (`kind` 'reversal': money refunded
 * after the fact, `reward_cents` the amount taken). Never updated or deleted.
 */
export const referralRewards = pgTable(
  'referral_rewards',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    referralId: integer('referral_id')
      .notNull()
      .references(() => referrals.id),
    kind: text('kind').notNull(),
    /** The purchase's ledger reference ("order:42", "contest:7"). */
    reference: text('reference').notNull(),
    sellerId: integer('seller_id').notNull(),
    /** The amount released (a reward) or refunded (a reversal). */
    purchaseCents: cents('purchase_cents').notNull(),
    rewardCents: cents('reward_cents').notNull(),
    /** The wallet's release (a reward) or damages payment (a reversal) it answers: one row per such movement. */
    sourceTransactionId: bigint('source_transaction_id', { mode: 'number' }).notNull(),
    /** The wallet's movement of the reward itself (null when it earned nothing). */
    ledgerTransactionId: bigint('ledger_transaction_id', { mode: 'number' }),
    /** When a reward becomes available (the referrer's clearance), null when it earned nothing. */
    clearsAt: ts('clears_at'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('referral_rewards_source_uq').on(t.kind, t.sourceTransactionId, t.referralId),
    index('referral_rewards_referral_idx').on(t.referralId, t.id),
    check('referral_rewards_kind', sql`${t.kind} IN ('reward', 'reversal')`),
    check('referral_rewards_amounts', sql`${t.rewardCents} >= 0 AND ${t.purchaseCents} >= 0`),
  ],
);
