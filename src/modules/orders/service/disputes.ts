import { and, asc, eq } from 'drizzle-orm';
import { audit } from '../../../platform/audit.ts';
import { AppError, invalid } from '../../../platform/errors.ts';
import type { AuthUser } from '../../../platform/http/auth.ts';
import { mayResolveDisputes, maySeeDisputeQueue } from '../policy.ts';
import type { OrderState } from '../rules.ts';
import { disputes, orders } from '../schema.ts';
import type { OrderSteps } from './steps.ts';

/** Staff decide disputes (RULES.md "Service orders": release, refund, or split). */
export function createDisputes(s: OrderSteps) {
  const { deps, m, load, cas, event, tell, refundMoney, completeMoney, clearanceDaysOf, recomputeLevels } = s;
  const { db, clock } = deps;

  return {
    /** Staff end a dispute: release to the seller, refund the buyer, or split by an amount; both sides told why. */
    async resolve(staff: AuthUser, orderId: number, d: { decision: string; buyerCents?: number; reason: string }, ip: string | null) {
      if (!mayResolveDisputes(staff)) throw new AppError('auth.forbidden');
      const reason = (d.reason ?? '').trim();
      const fields: Record<string, string> = {};
      if (!['release', 'refund', 'split'].includes(d.decision)) fields.decision = 'dispute.decision_invalid';
      if (reason.length < 5) fields.reason = 'dispute.reason_required';
      if (Object.keys(fields).length) throw invalid(fields);
      const now = clock();
      const row = await db.transaction(async (tx) => {
        const o = await load(tx, orderId);
        if (o.status !== 'disputed') throw new AppError('order.conflict');
        const buyerCents = d.decision === 'refund' ? o.totalCents : d.decision === 'release' ? 0 : Number(d.buyerCents);
        if (d.decision === 'split' && (!Number.isSafeInteger(buyerCents) || buyerCents <= 0 || buyerCents >= o.totalCents))
          throw invalid({ buyerCents: 'dispute.split_invalid' }, { max: o.totalCents });
        const to: OrderState = d.decision === 'refund' ? 'cancelled' : 'completed';
        const done = await cas(tx, o, to, to === 'completed' ? { completedAt: now } : { cancelledAt: now });
        const [dispute] = await tx
          .update(disputes)
          .set({ status: 'resolved', decision: d.decision, buyerCents, decisionReason: reason, decidedBy: staff.id, decidedAt: now })
          .where(and(eq(disputes.orderId, o.id), eq(disputes.status, 'open')))
          .returning();
        if (!dispute) throw new AppError('order.conflict');
        if (d.decision === 'refund') await refundMoney(tx, done, staff.id);
        else if (d.decision === 'release') await completeMoney(tx, done, staff.id);
        else {
          await m.wallet.splitEscrow(tx, {
            buyerId: o.buyerId,
            sellerId: o.sellerId,
            amountCents: o.totalCents,
            buyerCents,
            commissionBp: o.commissionBp,
            clearanceDays: await clearanceDaysOf(tx, o.sellerId),
            reference: `order:${o.id}`,
            actorId: staff.id,
          });
          await recomputeLevels(tx, o);
        }
        await event(tx, done, staff.id, 'dispute_resolved', { message: reason, data: { decision: d.decision, buyerCents } });
        await audit(tx, {
          actorId: staff.id,
          action: 'dispute.resolve',
          targetType: 'order',
          targetId: o.id,
          data: { decision: d.decision, buyerCents, reason },
          ip,
        });
        await tell(tx, done, 'dispute_resolved', staff.id, { decision: d.decision, reason });
        return done;
      });
      deps.outbox.kick();
      return { id: row.id, status: row.status };
    },

    /** Open disputes, oldest first (the staff queue). */
    async disputeQueue(staff: AuthUser) {
      if (!maySeeDisputeQueue(staff)) throw new AppError('auth.forbidden');
      return db
        .select({ dispute: disputes, order: orders })
        .from(disputes)
        .innerJoin(orders, eq(orders.id, disputes.orderId))
        .where(eq(disputes.status, 'open'))
        .orderBy(asc(disputes.id))
        .limit(200);
    },
  };
}
