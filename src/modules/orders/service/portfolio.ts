import { and, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/index.ts';
import { orders, reviews } from '../schema.ts';
import type { OrderSteps } from './steps.ts';

/** A completed order as a portfolio work shows it: "delivered on Kafiil", with the buyer's review once published. */
export interface DeliveredOrder {
  id: number;
  title: string;
  kind: string;
  completedAt: Date | null;
  /** The buyer's review of the seller, when it is published and not removed. */
  review: {
    id: number;
    quality: number;
    communication: number;
    onTime: number;
    comment: string;
    author: { username: string; displayName: string };
    publishedAt: Date | null;
  } | null;
}

/** What the works module may ask about orders (issue 17: a work linked to the order it came from). */
export function createPortfolioReads(s: OrderSteps) {
  const { deps, m } = s;
  const { db } = deps;

  return {
    /**
     * Whether `orderId` is a sale of `sellerId` that completed: the order, or why not — `not_yours` (no such order,
     * or someone else sold it: the two read the same, so no one learns which orders exist) or `not_completed`.
     */
    async completedSale(
      sellerId: number,
      orderId: number,
      tx: DbOrTx = db,
    ): Promise<{ id: number; title: string } | 'not_yours' | 'not_completed'> {
      if (!Number.isSafeInteger(orderId) || orderId < 1) return 'not_yours';
      const [o] = await tx
        .select({ id: orders.id, sellerId: orders.sellerId, status: orders.status, title: orders.title })
        .from(orders)
        .where(eq(orders.id, orderId));
      if (!o || o.sellerId !== sellerId) return 'not_yours';
      if (o.status !== 'completed') return 'not_completed';
      return { id: o.id, title: o.title };
    },

    /** The completed orders among `orderIds` with their buyers' published reviews (one read each, for any number). */
    async deliveredOrders(orderIds: number[]): Promise<Map<number, DeliveredOrder>> {
      const ids = [...new Set(orderIds.filter((n) => Number.isSafeInteger(n) && n > 0))];
      if (ids.length === 0) return new Map();
      const [rows, rvs] = await Promise.all([
        db
          .select({ id: orders.id, title: orders.title, kind: orders.kind, completedAt: orders.completedAt })
          .from(orders)
          .where(and(inArray(orders.id, ids), eq(orders.status, 'completed'))),
        db
          .select()
          .from(reviews)
          .where(
            and(inArray(reviews.orderId, ids), eq(reviews.authorRole, 'buyer'), isNotNull(reviews.publishedAt), isNull(reviews.removedAt)),
          ),
      ]);
      const people = await m.accounts.publicByIds(rvs.map((r) => r.authorId));
      const byOrder = new Map(rvs.map((r) => [r.orderId, r]));
      return new Map(
        rows.map((o): [number, DeliveredOrder] => {
          const r = byOrder.get(o.id);
          const who = r ? people.get(r.authorId) : undefined;
          return [
            o.id,
            {
              ...o,
              review: r
                ? {
                    id: r.id,
                    quality: r.quality,
                    communication: r.communication,
                    onTime: r.onTime,
                    comment: r.comment,
                    author: { username: who?.username ?? '', displayName: who?.displayName ?? '' },
                    publishedAt: r.publishedAt,
                  }
                : null,
            },
          ];
        }),
      );
    },
  };
}
