import { eq } from 'drizzle-orm';
import { AppError, invalid } from '../../../platform/errors.ts';
import type { AuthUser } from '../../../platform/http/auth.ts';
import { type IdempotencyKey, idempotent } from '../../../platform/idempotency.ts';
import { roleOnOrder } from '../policy.ts';
import { TIP_MAX_CENTS, TIP_MIN_CENTS, tipProblem } from '../rules.ts';
import { orderTips } from '../schema.ts';
import type { OrderSteps } from './steps.ts';

/**
 * Tips (issue 20): once an order is complete its buyer may thank the seller with a tip, paid from the available
 * balance to the seller's pending (cleared like earnings), without commission; once per order, told to the seller.
 */
export function createTips(s: OrderSteps) {
  const { deps, m, load, event, tell, clearanceDaysOf } = s;
  const { db } = deps;
  return {
    async tip(actor: AuthUser, orderId: number, amountCents: unknown, idem: IdempotencyKey | null) {
      await m.trust.assertAllowed(actor.id, 'buying');
      const problem = tipProblem(amountCents);
      if (problem) throw invalid({ amountCents: problem }, { min: TIP_MIN_CENTS, max: TIP_MAX_CENTS });
      const amount = amountCents as number;
      const r = await idempotent(db, idem, async (tx) => {
        // The order's row locked: two tips at once wait for each other, and the second finds the first.
        const o = await load(tx, orderId, true);
        const role = roleOnOrder(o, actor);
        if (role === 'other') throw new AppError('order.not_found');
        if (role !== 'buyer') throw new AppError('order.forbidden');
        if (o.status !== 'completed') throw new AppError('order.wrong_state');
        const [was] = await tx.select().from(orderTips).where(eq(orderTips.orderId, o.id));
        if (was) throw new AppError('order.tip_exists');
        const paid = await m.wallet.payTip(tx, {
          buyerId: o.buyerId,
          sellerId: o.sellerId,
          amountCents: amount,
          reference: `order:${o.id}`,
          clearanceDays: await clearanceDaysOf(tx, o.sellerId),
        });
        await tx
          .insert(orderTips)
          .values({ orderId: o.id, buyerId: o.buyerId, sellerId: o.sellerId, amountCents: amount, transactionId: paid.transactionId });
        await event(tx, o, actor.id, 'tipped', { data: { amountCents: amount } });
        await tell(tx, o, 'tipped', actor.id, { amount });
        return { status: 201, body: { orderId: o.id, amountCents: amount, availableAt: paid.clearsAt.toISOString() } };
      });
      deps.outbox.kick();
      return r.body;
    },

    /** The tip of an order, or null. */
    async tipOf(orderId: number) {
      const [t] = await db.select().from(orderTips).where(eq(orderTips.orderId, orderId));
      return t ?? null;
    },
  };
}
