import { and, desc, eq } from 'drizzle-orm';
import { audit } from '../../../platform/audit.ts';
import type { DbOrTx } from '../../../platform/db/index.ts';
import { AppError, invalid } from '../../../platform/errors.ts';
import { type AuthUser, requireVerifiedEmail } from '../../../platform/http/auth.ts';
import { type IdempotencyKey, idempotent } from '../../../platform/idempotency.ts';
import { platformAccounts, post, userAccounts } from '../ledger.ts';
import { mayDecideWithdrawal, refuseUnless } from '../policy.ts';
import { amountProblem, detailFields, detailProblems, isWithdrawalMethod, type WithdrawalMethod } from '../rules.ts';
import { withdrawals } from '../schema.ts';
import type { SanctionGuard, Staff, WalletContext } from './context.ts';

/** Money going out: the user asks, the amount leaves available at once, finance pays it by hand or rejects it. */
export function withdrawalUseCases(ctx: WalletContext, guard: SanctionGuard) {
  const { db, clock, deps, notify, activeFreeze } = ctx;
  return {
    /** Takes the amount out of `available` at once; finance staff pay it by hand or reject it. */
    async requestWithdrawal(
      actor: AuthUser,
      input: { amountCents: unknown; method: string; details: Record<string, unknown> },
      idem: IdempotencyKey | null,
    ) {
      requireVerifiedEmail(actor);
      await guard.assertAllowed(actor.id, 'withdrawing');
      const s = await ctx.settingsOf();
      const fields: Record<string, string> = {};
      const a = amountProblem(input.amountCents);
      if (a) fields.amountCents = a;
      else if ((input.amountCents as number) < s.minWithdrawalCents) fields.amountCents = 'wallet.below_min_withdrawal';
      const method = input.method ?? '';
      if (!isWithdrawalMethod(method) || !s.withdrawalMethods.includes(method)) fields.method = 'wallet.method_unknown';
      else Object.assign(fields, detailProblems(method, input.details ?? {}));
      if (Object.keys(fields).length) throw invalid(fields, { min: s.minWithdrawalCents });
      const amountCents = input.amountCents as number;
      const details = Object.fromEntries(detailFields(method as WithdrawalMethod).map((f) => [f, String(input.details[f]).trim()]));
      const r = await idempotent(db, idem, async (tx) => {
        if (await activeFreeze(tx, actor.id)) throw new AppError('wallet.account_frozen');
        const [w] = await tx
          .insert(withdrawals)
          .values({ userId: actor.id, amountCents, method, details, status: 'requested' })
          .returning();
        const acc = await userAccounts(tx, actor.id);
        await post(tx, {
          type: 'withdrawal',
          reference: `withdrawal:${w.id}`,
          actorId: actor.id,
          entries: [
            { accountId: acc.available, amountCents: -amountCents },
            { accountId: acc.withdrawing, amountCents },
          ],
        });
        return { status: 201, body: { id: w.id, status: 'requested' as const } };
      });
      return r.body;
    },

    async myWithdrawals(userId: number, limit = 20) {
      return db.select().from(withdrawals).where(eq(withdrawals.userId, userId)).orderBy(desc(withdrawals.id)).limit(limit);
    },

    /** Finance marks a withdrawal paid with the payout's reference; the money leaves the platform. */
    async approveWithdrawal(actor: Staff, id: number, reference: string) {
      refuseUnless(actor, mayDecideWithdrawal(actor));
      const ref = (reference ?? '').trim();
      if (ref.length < 3 || ref.length > 200) throw invalid({ reference: 'wallet.reference_required' });
      const r = await db.transaction(async (tx) => {
        const [w] = await tx
          .update(withdrawals)
          .set({ status: 'paid', reference: ref, decidedBy: actor.id, decidedAt: clock() })
          .where(and(eq(withdrawals.id, id), eq(withdrawals.status, 'requested')))
          .returning();
        if (!w) throw await withdrawalStateError(tx, id);
        // A withdrawal asked for before a freeze is not paid out while the freeze lasts: finance rejects it instead.
        if (await activeFreeze(tx, w.userId)) throw new AppError('wallet.account_frozen');
        const [acc, plat] = [await userAccounts(tx, w.userId), await platformAccounts(tx)];
        await post(tx, {
          type: 'withdrawal_paid',
          reference: `withdrawal:${w.id}`,
          actorId: actor.id,
          entries: [
            { accountId: acc.withdrawing, amountCents: -w.amountCents },
            { accountId: plat.world, amountCents: w.amountCents },
          ],
        });
        await audit(tx, {
          actorId: actor.id,
          action: 'withdrawal.approve',
          targetType: 'withdrawal',
          targetId: id,
          data: { reference: ref },
        });
        await notify(tx, w.userId, 'withdrawal_paid', { amount: w.amountCents, id: w.id, reference: ref });
        return w;
      });
      deps.outbox.kick();
      return r;
    },

    /** Finance refuses a withdrawal with a reason; the amount returns to `available`. */
    async rejectWithdrawal(actor: Staff, id: number, reason: string) {
      refuseUnless(actor, mayDecideWithdrawal(actor));
      const why = (reason ?? '').trim();
      if (why.length < 3 || why.length > 500) throw invalid({ reason: 'wallet.reason_required' });
      const r = await db.transaction(async (tx) => {
        const [w] = await tx
          .update(withdrawals)
          .set({ status: 'rejected', reason: why, decidedBy: actor.id, decidedAt: clock() })
          .where(and(eq(withdrawals.id, id), eq(withdrawals.status, 'requested')))
          .returning();
        if (!w) throw await withdrawalStateError(tx, id);
        const acc = await userAccounts(tx, w.userId);
        await post(tx, {
          type: 'withdrawal_rejected',
          reference: `withdrawal:${w.id}`,
          actorId: actor.id,
          entries: [
            { accountId: acc.withdrawing, amountCents: -w.amountCents },
            { accountId: acc.available, amountCents: w.amountCents },
          ],
        });
        await audit(tx, { actorId: actor.id, action: 'withdrawal.reject', targetType: 'withdrawal', targetId: id, data: { reason: why } });
        await notify(tx, w.userId, 'withdrawal_rejected', { amount: w.amountCents, id: w.id, reason: why });
        return w;
      });
      deps.outbox.kick();
      return r;
    },
  };
}

async function withdrawalStateError(tx: DbOrTx, id: number): Promise<AppError> {
  const [w] = await tx.select({ status: withdrawals.status }).from(withdrawals).where(eq(withdrawals.id, id));
  return new AppError(w ? 'wallet.withdrawal_decided' : 'wallet.withdrawal_not_found');
}
