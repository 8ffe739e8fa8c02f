import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../platform/db/index.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError } from '../../platform/errors.ts';
import { contestAwards, contests } from './schema.ts';
import type { AwardRow, ContestRow, ContestsCore, ContestsModules } from './service.ts';

/**
 * What the owner's acceptance, the worker's and staff's decisions on a place share (internal to the module): the
 * award locked behind its contest, the place's prize paid to its winner or refunded to the owner, and the contest
 * finished once every place is settled. Each runs inside the caller's transaction, the contest's row locked first.
 */
export function createPayouts(deps: Pick<Deps, 'clock'>, m: ContestsModules, core: Pick<ContestsCore, 'lock' | 'reference'>) {
  const { clock } = deps;

  /** The award and its contest, locked in that order (as every contest step locks). */
  async function lockAward(tx: DbOrTx, id: number): Promise<{ a: AwardRow; c: ContestRow }> {
    if (!Number.isSafeInteger(id) || id < 1) throw new AppError('contest.award_not_found');
    const [found] = await tx.select({ contestId: contestAwards.contestId }).from(contestAwards).where(eq(contestAwards.id, id));
    if (!found) throw new AppError('contest.award_not_found');
    const c = await core.lock(tx, found.contestId);
    const [a] = await tx.select().from(contestAwards).where(eq(contestAwards.id, id)).for('update');
    return { a, c };
  }

  /**
   * Once nothing is left to pick (`awarding`) and every place is paid or refunded, the contest ends: `finished` when
   * a winner was paid, `refunded` when every prize went back to the owner.
   */
  async function settle(tx: Tx, contestId: number) {
    const [c] = await tx.select({ status: contests.status }).from(contests).where(eq(contests.id, contestId));
    if (c?.status !== 'awarding') return;
    const [left] = await tx
      .select({
        open: sql<number>`count(*) FILTER (WHERE ${contestAwards.status} NOT IN ('paid', 'refunded'))::int`,
        paid: sql<number>`count(*) FILTER (WHERE ${contestAwards.status} = 'paid')::int`,
      })
      .from(contestAwards)
      .where(eq(contestAwards.contestId, contestId));
    if (Number(left?.open ?? 0) > 0) return;
    const now = clock();
    await tx
      .update(contests)
      .set({ status: Number(left?.paid ?? 0) > 0 ? 'finished' : 'refunded', closedAt: now, updatedAt: now })
      .where(eq(contests.id, contestId));
  }

  return {
    lockAward,
    settle,

    /**
     * A place's prize to its winner: escrow → pending less the commission the contest was published at, cleared
     * after the winner's days. `from` is the status it must be in (delivered; disputed when staff decide to pay).
     */
    async pay(tx: Tx, c: ContestRow, a: AwardRow, actorId: number | null, from: 'delivered' | 'disputed' = 'delivered') {
      const [paid] = await tx
        .update(contestAwards)
        .set({ status: 'paid', paidAt: clock() })
        .where(and(eq(contestAwards.id, a.id), eq(contestAwards.status, from)))
        .returning();
      if (!paid) throw new AppError('contest.wrong_state');
      await m.wallet.releaseEscrow(tx, {
        buyerId: c.ownerId,
        sellerId: a.winnerId,
        amountCents: a.prizeCents,
        commissionBp: c.commissionBp ?? 0,
        clearanceDays: await m.clearanceDaysOf(tx, a.winnerId),
        reference: core.reference(c),
        actorId,
      });
      await m.recomputeBuyerLevel(tx, c.ownerId);
      await m.notifications.notify(tx, { userId: a.winnerId, type: 'contest.paid', params: { title: c.title }, url: `/contests/${c.id}` });
      await settle(tx, c.id);
    },

    /** A disputed place's prize back to the owner (staff's decision): that place only; the award ends `refunded`. */
    async refund(tx: Tx, c: ContestRow, a: AwardRow, actorId: number) {
      const [row] = await tx
        .update(contestAwards)
        .set({ status: 'refunded' })
        .where(and(eq(contestAwards.id, a.id), eq(contestAwards.status, 'disputed')))
        .returning();
      if (!row) throw new AppError('contest.wrong_state');
      await m.wallet.refundEscrow(tx, { buyerId: c.ownerId, amountCents: a.prizeCents, reference: core.reference(c), actorId });
      await settle(tx, c.id);
    },
  };
}

export type ContestPayouts = ReturnType<typeof createPayouts>;
