import { and, eq, isNull } from 'drizzle-orm';
import { audit } from '../../../platform/audit.ts';
import type { Tx } from '../../../platform/db/index.ts';
import { AppError, invalid } from '../../../platform/errors.ts';
import { parseId } from '../../../platform/http/request.ts';
import { balancesOf, post, userAccounts } from '../ledger.ts';
import { maySettleFreeze, refuseUnless } from '../policy.ts';
import { addBusinessDays, amountProblem } from '../rules.ts';
import { clearances, freezes } from '../schema.ts';
import { requirePositive, type Staff, type WalletContext } from './context.ts';

/**
 * A permanent ban's freeze (policy 5): the whole balance moves to frozen; after review finance pays proven
 * damages out of it to a harmed user and releases the rest.
 */
/**
 * Called inside the deduction's transaction: proven damages paid out of `fromUserId`'s frozen balance to the buyer
 * they harmed (`toUserId`), money that had been released to them — a refund after the fact (the referrals take
 * back the reward they paid on it). Registered by app.ts, so the wallet imports no module that reacts to it.
 */
export type DeductionHook = (
  tx: Tx,
  d: { fromUserId: number; toUserId: number; amountCents: number; transactionId: number },
) => Promise<void>;

export function freezeUseCases(ctx: WalletContext) {
  const { db, clock, activeFreeze } = ctx;
  const deductionHooks: DeductionHook[] = [];
  const service = {
    /** Registers a follow-up of every damages payment out of a frozen balance. */
    onFrozenDeducted(hook: DeductionHook): void {
      deductionHooks.push(hook);
    },

    /** A permanent ban's freeze (policy 5): the whole balance (available and pending) moves to frozen. */
    async freezeBalance(tx: Tx, f: { userId: number; reason: string; actorId: number; releaseAfter?: Date | null }) {
      const s = await ctx.settingsOf(tx);
      const releaseAfter = f.releaseAfter === undefined ? addBusinessDays(clock(), s.freezeReleaseBusinessDays) : f.releaseAfter;
      const [row] = await tx.insert(freezes).values({ userId: f.userId, reason: f.reason, releaseAfter, createdBy: f.actorId }).returning();
      const acc = await userAccounts(tx, f.userId);
      const b = await balancesOf(tx, f.userId, true);
      if (b.available + b.pending > 0) {
        await post(tx, {
          type: 'freeze',
          reference: `freeze:${row.id}`,
          actorId: f.actorId,
          meta: { note: f.reason },
          entries: [
            { accountId: acc.available, amountCents: -b.available },
            { accountId: acc.pending, amountCents: -b.pending },
            { accountId: acc.frozen, amountCents: b.available + b.pending },
          ],
        });
      }
      await tx
        .update(clearances)
        .set({ heldAt: clock() })
        .where(and(eq(clearances.userId, f.userId), isNull(clearances.clearedAt), isNull(clearances.heldAt)));
      await audit(tx, {
        actorId: f.actorId,
        action: 'wallet.freeze',
        targetType: 'user',
        targetId: f.userId,
        data: { reason: f.reason, frozenCents: b.available + b.pending },
      });
      return row;
    },

    /** After review: part of the frozen money goes to a harmed buyer (proven damages). */
    async deductFrozen(tx: Tx, d: { userId: number; toUserId: number; amountCents: number; reason: string; actorId: number }) {
      requirePositive(d.amountCents);
      const [from, to] = [await userAccounts(tx, d.userId), await userAccounts(tx, d.toUserId)];
      const id = await post(tx, {
        type: 'freeze_deduction',
        reference: `user:${d.userId}`,
        actorId: d.actorId,
        meta: { note: d.reason },
        entries: [
          { accountId: from.frozen, amountCents: -d.amountCents },
          { accountId: to.available, amountCents: d.amountCents },
        ],
      });
      await audit(tx, {
        actorId: d.actorId,
        action: 'wallet.deduct_frozen',
        targetType: 'user',
        targetId: d.userId,
        data: { toUserId: d.toUserId, amountCents: d.amountCents, reason: d.reason },
      });
      for (const hook of deductionHooks)
        await hook(tx, { fromUserId: d.userId, toUserId: d.toUserId, amountCents: d.amountCents, transactionId: id });
      return id;
    },

    /** Releases what is left frozen back to available and ends the freeze. */
    async releaseFrozen(tx: Tx, r: { userId: number; actorId: number }) {
      const acc = await userAccounts(tx, r.userId);
      const b = await balancesOf(tx, r.userId, true);
      if (b.frozen > 0) {
        await post(tx, {
          type: 'unfreeze',
          reference: `user:${r.userId}`,
          actorId: r.actorId,
          entries: [
            { accountId: acc.frozen, amountCents: -b.frozen },
            { accountId: acc.available, amountCents: b.frozen },
          ],
        });
      }
      await tx
        .update(freezes)
        .set({ releasedAt: clock() })
        .where(and(eq(freezes.userId, r.userId), isNull(freezes.releasedAt)));
      await audit(tx, {
        actorId: r.actorId,
        action: 'wallet.unfreeze',
        targetType: 'user',
        targetId: r.userId,
        data: { releasedCents: b.frozen },
      });
      return b.frozen;
    },

    /**
     * After a permanent ban's review (policy 5): finance pays proven damages out of the frozen balance to a
     * harmed user (a refund), with a reason; audited by deductFrozen. Never more than is frozen.
     */
    async staffDeductFrozen(
      actor: Staff,
      userId: number,
      input: { toUserId: unknown; amountCents: unknown; reason: unknown },
      /** Whether the recipient is a user (the accounts module knows; the caller asks it). */
      userExists: (id: number) => Promise<boolean>,
    ) {
      refuseUnless(actor, maySettleFreeze(actor));
      const fields: Record<string, string> = {};
      const to = parseId(input.toUserId);
      if (to === null || to === userId || !(await userExists(to))) fields.toUserId = 'wallet.freeze_to_invalid';
      const a = amountProblem(input.amountCents);
      if (a) fields.amountCents = a;
      const reason = typeof input.reason === 'string' ? input.reason.trim() : '';
      if (reason.length < 3 || reason.length > 500) fields.reason = 'wallet.reason_required';
      if (Object.keys(fields).length) throw invalid(fields);
      return db.transaction(async (tx) => {
        const b = await balancesOf(tx, userId, true);
        if ((input.amountCents as number) > b.frozen) throw invalid({ amountCents: 'wallet.above_frozen' }, { max: b.frozen });
        return service.deductFrozen(tx, {
          userId,
          toUserId: to as number,
          amountCents: input.amountCents as number,
          reason,
          actorId: actor.id,
        });
      });
    },

    /** Finance releases what is left frozen to the user's available balance and ends the freeze (audited). */
    async staffReleaseFrozen(actor: Staff, userId: number) {
      refuseUnless(actor, maySettleFreeze(actor));
      return db.transaction(async (tx) => {
        if (!(await activeFreeze(tx, userId))) throw new AppError('wallet.not_frozen');
        return service.releaseFrozen(tx, { userId, actorId: actor.id });
      });
    },

    async freezeOf(userId: number) {
      return activeFreeze(db, userId);
    },
  };
  return service;
}
