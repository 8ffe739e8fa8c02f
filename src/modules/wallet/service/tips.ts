import type { Tx } from '../../../platform/db/index.ts';
import { post, userAccounts } from '../ledger.ts';
import { clearances } from '../schema.ts';
import { requirePositive, type WalletContext } from './context.ts';

/**
 * A tip (issue 20): a buyer's thanks after the work is done, with no commission — the buyer's available balance to
 * the seller's pending, cleared after the seller's clearance days like earnings. Inside the caller's transaction; a
 * short balance is `wallet.insufficient_funds` (the ledger never lets available go below zero).
 */
export function tipUseCases(ctx: WalletContext) {
  const { clock } = ctx;
  return {
    async payTip(tx: Tx, t: { buyerId: number; sellerId: number; amountCents: number; reference: string; clearanceDays: number }) {
      requirePositive(t.amountCents);
      const clearsAt = new Date(clock().getTime() + t.clearanceDays * 86_400_000);
      const [buyer, seller] = [await userAccounts(tx, t.buyerId), await userAccounts(tx, t.sellerId)];
      const transactionId = await post(tx, {
        type: 'tip',
        reference: t.reference,
        actorId: t.buyerId,
        meta: { grossCents: t.amountCents, feeCents: 0, availableAt: clearsAt.toISOString() },
        entries: [
          { accountId: buyer.available, amountCents: -t.amountCents },
          { accountId: seller.pending, amountCents: t.amountCents },
        ],
      });
      await tx.insert(clearances).values({ userId: t.sellerId, amountCents: t.amountCents, clearsAt, sourceTransactionId: transactionId });
      return { transactionId, clearsAt };
    },
  };
}
