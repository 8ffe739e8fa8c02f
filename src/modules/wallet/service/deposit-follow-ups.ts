import { and, eq, lt, notInArray } from 'drizzle-orm';
import type { Tx } from '../../../platform/db/index.ts';
import { AppError } from '../../../platform/errors.ts';
import type { AuthUser } from '../../../platform/http/auth.ts';
import { mayRetryOwnDeposit } from '../policy.ts';
import { MANUAL_METHODS, mayRetryDeposit, UNPAID_DEPOSIT_EXPIRES_MS } from '../rules.ts';
import { deposits } from '../schema.ts';
import type { Deposit, WalletContext } from './context.ts';
import type { depositUseCases } from './deposits.ts';

/**
 * What happens to a top-up after its checkout: trying again when the card was declined or the payer left the
 * provider's page (a new checkout of the same amount with the same way back), and giving up on the ones left unpaid
 * for a day (UNPAID_DEPOSIT_EXPIRES_MS).
 */
export function depositFollowUpUseCases(ctx: WalletContext, made: Pick<ReturnType<typeof depositUseCases>, 'createDeposit'>) {
  const { db } = ctx;
  const hooks: ((tx: Tx, from: Deposit, toId: number) => Promise<void>)[] = [];

  return {
    /**
     * Runs `fn` when a top-up is tried again as another deposit, e.g. to move the order waiting for it onto the new
     * one, so that paying the new checkout finishes what the first was for.
     */
    onDepositRetried(fn: (tx: Tx, from: Deposit, toId: number) => Promise<void>) {
      hooks.push(fn);
    },

    /**
     * A new checkout for the same amount as `id` (the actor's own top-up through a provider, not paid: declined,
     * left, or expired), returning to `returnPath` (a path of this site without its language) afterwards.
     */
    async retryDeposit(actor: AuthUser, id: number, returnPath: string | null) {
      const [d] = await db.select().from(deposits).where(eq(deposits.id, id));
      if (!d || !mayRetryOwnDeposit(actor, d.userId)) throw new AppError('wallet.deposit_not_found');
      if (!mayRetryDeposit(d)) throw new AppError('wallet.deposit_settled');
      const answer = await made.createDeposit(actor, { amountCents: d.amountCents, method: ctx.checkout.id }, null, {
        returnPath: returnPath ?? undefined,
      });
      if (hooks.length)
        await db.transaction(async (tx) => {
          for (const hook of hooks) await hook(tx, d, answer.id);
        });
      return answer;
    },

    /**
     * The worker's sweep: provider top-ups still pending a day after they were made become `expired` (each once, by
     * compare-and-set on the state). A payment the provider confirms later is still credited (settleDeposit).
     */
    async expireUnpaidDeposits(now: Date): Promise<number> {
      const rows = await db
        .update(deposits)
        .set({ status: 'expired', reason: 'not_paid', settledAt: now })
        .where(
          and(
            eq(deposits.status, 'pending'),
            notInArray(deposits.method, [...MANUAL_METHODS]),
            lt(deposits.createdAt, new Date(now.getTime() - UNPAID_DEPOSIT_EXPIRES_MS)),
          ),
        )
        .returning({ id: deposits.id });
      return rows.length;
    },
  };
}
