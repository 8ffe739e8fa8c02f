import { and, eq, isNull, lte, sql } from 'drizzle-orm';
import { type DbOrTx, queryRows, type Tx } from '../../../platform/db/index.ts';
import { AppError, invalid } from '../../../platform/errors.ts';
import { commissionSplit } from '../../../platform/money.ts';
import { balancesOf, platformAccounts, post, userAccounts } from '../ledger.ts';
import { clearances } from '../schema.ts';
import { requirePositive, type WalletContext } from './context.ts';

/** One amount released from a buyer's escrow to a seller (a completed order, a hired project's, a prize, a split's part). */
export interface EscrowReleased {
  transactionId: number;
  buyerId: number;
  sellerId: number;
  /** The amount released (a split's seller part, not the order's total). */
  grossCents: number;
  /** The commission the platform kept of it (what a reward paid from revenue may at most be). */
  feeCents: number;
  reference: string;
}

/**
 * Called inside the release's transaction, after its posting: another module's follow-up (the referrals' reward),
 * registered by app.ts so the wallet imports no module that reacts to its money. A hook that throws rolls the
 * release back with it.
 */
export type ReleaseHook = (tx: Tx, e: EscrowReleased) => Promise<void>;

/** What other modules call inside their own transaction: escrow holds, releases, refunds and splits, and clearance. */
export function escrowUseCases(ctx: WalletContext) {
  const { db, clock } = ctx;
  const releaseHooks: ReleaseHook[] = [];
  const service = {
    /** Registers a follow-up of every escrow release (the single place money reaches a seller). */
    onEscrowReleased(hook: ReleaseHook): void {
      releaseHooks.push(hook);
    },

    /**
     * Platform revenue → a user's pending, cleared after `clearanceDays` like earnings (a referral reward). Refused with
     * `wallet.insufficient_funds` when revenue does not hold it.
     */
    async payFromRevenue(
      tx: Tx,
      r: { userId: number; amountCents: number; type: 'referral_reward'; reference: string; clearanceDays: number; note?: string },
    ) {
      requirePositive(r.amountCents);
      const clearsAt = new Date(clock().getTime() + r.clearanceDays * 86_400_000);
      const [acc, plat] = [await userAccounts(tx, r.userId), await platformAccounts(tx)];
      const txId = await post(tx, {
        type: r.type,
        reference: r.reference,
        meta: { availableAt: clearsAt.toISOString(), ...(r.note ? { note: r.note } : {}) },
        entries: [
          { accountId: plat.revenue, amountCents: -r.amountCents },
          { accountId: acc.pending, amountCents: r.amountCents },
        ],
      });
      await tx.insert(clearances).values({ userId: r.userId, amountCents: r.amountCents, clearsAt, sourceTransactionId: txId });
      return { transactionId: txId, clearsAt };
    },

    /**
     * Takes back what `payFromRevenue` paid (a reversal, a new entry): from the payment's clearance while it is still
     * pending, else from available, at most what is there; back to revenue. Returns the cents taken (0: nothing left).
     */
    async takeBackToRevenue(
      tx: Tx,
      r: { userId: number; amountCents: number; type: 'referral_reversal'; reference: string; sourceTransactionId: number },
    ): Promise<number> {
      requirePositive(r.amountCents);
      const [acc, plat] = [await userAccounts(tx, r.userId), await platformAccounts(tx)];
      const b = await balancesOf(tx, r.userId, true);
      const [c] = await tx
        .select()
        .from(clearances)
        .where(
          and(
            eq(clearances.sourceTransactionId, r.sourceTransactionId),
            eq(clearances.userId, r.userId),
            isNull(clearances.clearedAt),
            isNull(clearances.heldAt),
          ),
        )
        .for('update');
      const fromPending = Math.min(r.amountCents, c ? Number(c.amountCents) : 0, b.pending);
      const fromAvailable = Math.min(r.amountCents - fromPending, b.available);
      const taken = fromPending + fromAvailable;
      if (taken === 0) return 0;
      if (c && fromPending > 0) {
        const left = Number(c.amountCents) - fromPending;
        // A clearance taken back whole is done (nothing left to clear); else it clears what is left.
        await tx
          .update(clearances)
          .set(left > 0 ? { amountCents: left } : { amountCents: 0, clearedAt: clock() })
          .where(eq(clearances.id, c.id));
      }
      await post(tx, {
        type: r.type,
        reference: r.reference,
        entries: [
          { accountId: acc.pending, amountCents: -fromPending },
          { accountId: acc.available, amountCents: -fromAvailable },
          { accountId: plat.revenue, amountCents: taken },
        ],
      });
      return taken;
    },

    /** Buyer's available → escrow (an order or a hire is paid for). */
    async holdEscrow(tx: Tx, h: { buyerId: number; amountCents: number; reference: string; actorId?: number }) {
      requirePositive(h.amountCents);
      const acc = await userAccounts(tx, h.buyerId);
      return post(tx, {
        type: 'escrow_hold',
        reference: h.reference,
        actorId: h.actorId ?? h.buyerId,
        entries: [
          { accountId: acc.available, amountCents: -h.amountCents },
          { accountId: acc.escrow, amountCents: h.amountCents },
        ],
      });
    },

    /** Escrow → seller's pending (minus commission) and platform revenue; the amount clears after `clearanceDays`. */
    async releaseEscrow(
      tx: Tx,
      r: {
        buyerId: number;
        sellerId: number;
        amountCents: number;
        commissionBp: number;
        clearanceDays: number;
        reference: string;
        actorId?: number | null;
      },
    ) {
      requirePositive(r.amountCents);
      if (!Number.isSafeInteger(r.commissionBp) || r.commissionBp < 0 || r.commissionBp > 10000)
        throw new AppError('wallet.amount_invalid');
      const { feeCents, netCents } = commissionSplit(r.amountCents, r.commissionBp);
      const clearsAt = new Date(clock().getTime() + r.clearanceDays * 86_400_000);
      const [buyer, seller, plat] = [await userAccounts(tx, r.buyerId), await userAccounts(tx, r.sellerId), await platformAccounts(tx)];
      const txId = await post(tx, {
        type: 'escrow_release',
        reference: r.reference,
        actorId: r.actorId ?? null,
        meta: { grossCents: r.amountCents, feeCents, availableAt: clearsAt.toISOString() },
        entries: [
          { accountId: buyer.escrow, amountCents: -r.amountCents },
          { accountId: seller.pending, amountCents: netCents },
          { accountId: plat.revenue, amountCents: feeCents },
        ],
      });
      if (netCents > 0)
        await tx.insert(clearances).values({ userId: r.sellerId, amountCents: netCents, clearsAt, sourceTransactionId: txId });
      for (const hook of releaseHooks)
        await hook(tx, {
          transactionId: txId,
          buyerId: r.buyerId,
          sellerId: r.sellerId,
          grossCents: r.amountCents,
          feeCents,
          reference: r.reference,
        });
      return { transactionId: txId, feeCents, netCents, clearsAt };
    },

    /** Escrow → back to the buyer's available. */
    async refundEscrow(tx: Tx, r: { buyerId: number; amountCents: number; reference: string; actorId?: number | null }) {
      requirePositive(r.amountCents);
      const acc = await userAccounts(tx, r.buyerId);
      return post(tx, {
        type: 'escrow_refund',
        reference: r.reference,
        actorId: r.actorId ?? null,
        entries: [
          { accountId: acc.escrow, amountCents: -r.amountCents },
          { accountId: acc.available, amountCents: r.amountCents },
        ],
      });
    },

    /** A dispute's split: `buyerCents` back to the buyer, the rest released to the seller with commission. */
    async splitEscrow(
      tx: Tx,
      r: {
        buyerId: number;
        sellerId: number;
        amountCents: number;
        buyerCents: number;
        commissionBp: number;
        clearanceDays: number;
        reference: string;
        actorId?: number | null;
      },
    ) {
      requirePositive(r.amountCents);
      if (!Number.isSafeInteger(r.buyerCents) || r.buyerCents < 0 || r.buyerCents > r.amountCents)
        throw invalid({ buyerCents: 'wallet.split_invalid' });
      const sellerGross = r.amountCents - r.buyerCents;
      if (r.buyerCents > 0)
        await service.refundEscrow(tx, { buyerId: r.buyerId, amountCents: r.buyerCents, reference: r.reference, actorId: r.actorId });
      if (sellerGross > 0) return service.releaseEscrow(tx, { ...r, amountCents: sellerGross });
      return null;
    },

    /**
     * What a user spent as a buyer (RULES.md "Levels"): every amount released from their escrow to a seller — a
     * completed order or hired project, a contest prize paid, the seller's part of a split. Refunds never enter it
     * (money refunded never left the escrow for a seller), and an amount once released stays counted: a later refund
     * the seller did not cause (damages paid from a freeze) is a new movement that does not lower it.
     */
    async spentAsBuyerCents(userId: number, tx: DbOrTx = db): Promise<number> {
      const [r] = await queryRows<{ spent: string | null }>(
        tx,
        sql`SELECT coalesce(-sum(e.amount_cents), 0)::bigint AS spent
              FROM ledger_entries e
              JOIN ledger_accounts a ON a.id = e.account_id AND a.owner_id = ${userId} AND a.kind = 'escrow'
              JOIN ledger_transactions t ON t.id = e.transaction_id AND t.type = 'escrow_release'`,
      );
      return Number(r?.spent ?? 0);
    },

    /** Everyone who ever spent as a buyer (the daily recomputation of buyer levels). */
    async buyerIdsWithSpending(): Promise<number[]> {
      const rows = await queryRows<{ owner_id: number }>(
        db,
        sql`SELECT DISTINCT a.owner_id FROM ledger_accounts a
              JOIN ledger_entries e ON e.account_id = a.id
              JOIN ledger_transactions t ON t.id = e.transaction_id AND t.type = 'escrow_release'
             WHERE a.kind = 'escrow' AND a.owner_id IS NOT NULL ORDER BY a.owner_id`,
      );
      return rows.map((r) => Number(r.owner_id));
    },

    /** Moves every due amount from pending to available; each once, safe to run from several workers. */
    async runClearances(now: Date): Promise<number> {
      let done = 0;
      for (;;) {
        const n = await db.transaction(async (tx) => {
          const due = await tx
            .select()
            .from(clearances)
            .where(and(isNull(clearances.clearedAt), isNull(clearances.heldAt), lte(clearances.clearsAt, now)))
            .orderBy(clearances.id)
            .limit(50)
            .for('update', { skipLocked: true });
          for (const c of due) {
            const acc = await userAccounts(tx, c.userId);
            await tx.update(clearances).set({ clearedAt: now }).where(eq(clearances.id, c.id));
            await post(tx, {
              type: 'clearance',
              reference: `clearance:${c.id}`,
              entries: [
                { accountId: acc.pending, amountCents: -c.amountCents },
                { accountId: acc.available, amountCents: c.amountCents },
              ],
            });
          }
          return due.length;
        });
        done += n;
        if (n < 50) return done;
      }
    },
  };
  return service;
}
