import { and, eq, inArray } from 'drizzle-orm';
import type { Deps } from '../../platform/deps.ts';
import { AppError } from '../../platform/errors.ts';
import type { AuthUser } from '../../platform/http/auth.ts';
import { topUpCents, type WalletService } from '../wallet/index.ts';
import { contests } from './schema.ts';
import type { ContestRow, ContestsCore } from './service.ts';

type Wallet = Pick<WalletService, 'onDepositPaid' | 'onDepositRetried' | 'createDeposit' | 'balances' | 'settings' | 'checkoutId'>;

/** What became of a draft's top-up: still waiting for the money, published, or not published (why). */
export type TopUpState = { status: 'waiting' } | { status: 'published' } | { status: 'failed'; reason: string };

/**
 * Publishing with a short balance (issue 16: "top-up checkout when the balance is short, as with orders"): the
 * owner's draft is kept, a deposit of the difference (at least the minimum deposit) opens at the gateway, and the
 * draft is published — the prize into escrow, then the moderators' review — in the very transaction that credits
 * the deposit. If it cannot be published then (the owner edited it meanwhile, a sanction), the money stays in the
 * balance and the draft says why.
 */
export function createContestTopUps(deps: Deps, wallet: Wallet, core: Pick<ContestsCore, 'lock' | 'publishStored' | 'checkPublishable'>) {
  const { db, clock } = deps;

  wallet.onDepositPaid(async (tx, deposit) => {
    const [found] = await tx
      .select({ id: contests.id })
      .from(contests)
      .where(and(eq(contests.topupDepositId, deposit.id), inArray(contests.status, ['draft', 'rejected'])));
    if (!found) return;
    const c = await core.lock(tx, found.id);
    if (c.topupDepositId !== deposit.id || c.ownerId !== deposit.userId) return;
    try {
      await tx.transaction((sp) => core.publishStored(sp, c));
    } catch (err) {
      const code = err instanceof AppError ? err.code : 'http.internal';
      await tx.update(contests).set({ topupFailure: code, updatedAt: clock() }).where(eq(contests.id, c.id));
    }
  });

  // The owner tried the payment again (a declined card, the gateway's page left): the draft waits for the new one.
  wallet.onDepositRetried(async (tx, from, toId) => {
    await tx.update(contests).set({ topupDepositId: toId }).where(eq(contests.topupDepositId, from.id));
  });

  return {
    /**
     * The owner's draft, short of its prize: checked against every publishing rule first (no money is asked for a
     * draft that could not be published), then the deposit and its checkout address.
     */
    async checkoutToPublish(actor: AuthUser, contestId: number): Promise<{ depositId: number; amountCents: number; checkoutUrl: string }> {
      const [c] = await db.select().from(contests).where(eq(contests.id, contestId));
      if (!c || c.ownerId !== actor.id) throw new AppError('contest.not_found');
      if (!['draft', 'rejected'].includes(c.status)) throw new AppError('contest.wrong_state');
      await core.checkPublishable(c);
      const [{ availableCents }, settings] = await Promise.all([wallet.balances(actor.id), wallet.settings()]);
      if (availableCents >= c.prizeTotalCents) throw new AppError('contest.balance_enough');
      const amountCents = topUpCents(c.prizeTotalCents - availableCents, settings.minDepositCents);
      const d = await wallet.createDeposit(actor, { amountCents, method: wallet.checkoutId }, null, {
        returnPath: `/contests/${c.id}/edit?deposit=1`,
      });
      await db.update(contests).set({ topupDepositId: d.id, topupFailure: null, updatedAt: clock() }).where(eq(contests.id, c.id));
      return { depositId: d.id, amountCents, checkoutUrl: d.checkoutUrl as string };
    },

    /** What became of the draft's latest top-up (null: none was made for it). */
    stateOf(c: ContestRow): TopUpState | null {
      if (c.topupDepositId === null) return null;
      if (!['draft', 'rejected'].includes(c.status)) return { status: 'published' };
      if (c.topupFailure) return { status: 'failed', reason: c.topupFailure };
      return { status: 'waiting' };
    },
  };
}

export type ContestTopUps = ReturnType<typeof createContestTopUps>;
