import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { audit } from '../../../platform/audit.ts';
import { AppError } from '../../../platform/errors.ts';
import type { AuthUser } from '../../../platform/http/auth.ts';
import { roleOnOrder, viewIsAudited } from '../policy.ts';
import { disputes, orderEvents, orders, reviews } from '../schema.ts';
import { isLate, type OrderSteps } from './steps.ts';

/** Reading orders: one order for those who may see it (policy.ts), and a person's purchases or sales. */
export function createReading(s: OrderSteps) {
  const { deps, load } = s;
  const { db, clock } = deps;

  return {
    /** The order and the viewer's role in it, without its history (who may write in its conversation…). */
    async access(viewer: AuthUser, id: number) {
      const o = await load(db, id);
      const role = roleOnOrder(o, viewer);
      if (role === 'other') throw new AppError('order.not_found');
      return { order: o, role };
    },

    /** An order with its history, for the buyer, the seller, or staff (whose reading is audited). */
    async get(viewer: AuthUser, id: number, ip: string | null = null) {
      const o = await load(db, id);
      const role = roleOnOrder(o, viewer);
      if (role === 'other') throw new AppError('order.not_found');
      if (viewIsAudited(o, viewer)) await audit(db, { actorId: viewer.id, action: 'order.read', targetType: 'order', targetId: o.id, ip });
      const [events, [dispute], rv] = await Promise.all([
        db.select().from(orderEvents).where(eq(orderEvents.orderId, o.id)).orderBy(asc(orderEvents.id)),
        db.select().from(disputes).where(eq(disputes.orderId, o.id)).orderBy(desc(disputes.id)).limit(1),
        db.select().from(reviews).where(eq(reviews.orderId, o.id)),
      ]);
      return { order: o, role, events, dispute: dispute ?? null, reviews: rv, late: isLate(o, clock()) };
    },

    /** "My purchases" / "my sales": newest first, by status, with the count per status. */
    async list(userId: number, side: 'buyer' | 'seller', status?: string) {
      const who = side === 'buyer' ? orders.buyerId : orders.sellerId;
      const items = await db
        .select()
        .from(orders)
        .where(and(eq(who, userId), status ? eq(orders.status, status) : undefined))
        .orderBy(desc(orders.id))
        .limit(100);
      const counts = await db
        .select({ status: orders.status, n: sql<number>`count(*)::int` })
        .from(orders)
        .where(eq(who, userId))
        .groupBy(orders.status);
      return { items, counts: Object.fromEntries(counts.map((c) => [c.status, c.n])) as Record<string, number> };
    },

    /**
     * The orders a person has under way, as buyer and as seller, for the home page's dashboard: the soonest
     * deadline first (the answer due, the delivery due, the automatic completion), each with its deadline and
     * whether it is late. Through the buyer and seller indexes, at most `limit` a side.
     */
    async active(userId: number, limit = 8) {
      const side = async (role: 'buyer' | 'seller') =>
        (
          await db
            .select()
            .from(orders)
            .where(and(eq(role === 'buyer' ? orders.buyerId : orders.sellerId, userId), inArray(orders.status, ACTIVE_STATES)))
            .orderBy(desc(orders.id))
            .limit(limit)
        ).map((o) => ({ order: o, role, dueAt: dueOf(o), late: isLate(o, clock()) }));
      const all = [...(await side('buyer')), ...(await side('seller'))];
      return all.sort((a, b) => (a.dueAt?.getTime() ?? Number.POSITIVE_INFINITY) - (b.dueAt?.getTime() ?? Number.POSITIVE_INFINITY));
    },
  };
}

/** The states of an order still under way. */
const ACTIVE_STATES = ['pending', 'in_progress', 'delivered', 'disputed'];

/** The next deadline of an order under way: the seller's answer, the delivery, or the automatic completion. */
function dueOf(o: { status: string; acceptBy: Date | null; deadlineAt: Date | null; autoCompleteAt: Date | null }): Date | null {
  if (o.status === 'pending') return o.acceptBy;
  if (o.status === 'in_progress') return o.deadlineAt;
  if (o.status === 'delivered') return o.autoCompleteAt;
  return null;
}
