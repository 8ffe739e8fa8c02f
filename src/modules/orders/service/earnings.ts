import { and, eq, inArray, sql } from 'drizzle-orm';
import { queryRows } from '../../../platform/db/index.ts';
import { orders } from '../schema.ts';
import type { OrderSteps } from './steps.ts';

/** A seller's earnings page: what their completed orders paid them, and what is still in the works. */
export function createEarnings(s: OrderSteps) {
  const { db } = s.deps;

  return {
    /** The seller's earnings: completed sales, commission, pending and cleared (from the wallet). */
    async earnings(sellerId: number) {
      // The net as the ledger pays it per order: gross less the commission at the order's own rate, rounded half up
      // to the cent. `g - (g * bp + 5000) / 10000` (integer division) mirrors `commissionSplit`/`percentOf` in
      // platform/money.ts; summed in SQL so the page does not load every order.
      const [r] = await queryRows<{ gross: string; net: string; n: number }>(
        db,
        sql`SELECT coalesce(sum(g), 0) AS gross, coalesce(sum(g - (g * bp + 5000) / 10000), 0) AS net, count(*)::int AS n
            FROM (SELECT o.total_cents - coalesce(d.buyer_cents, 0) AS g, o.commission_bp AS bp
                  FROM orders o LEFT JOIN disputes d ON d.order_id = o.id AND d.status = 'resolved'
                  WHERE o.seller_id = ${sellerId} AND o.status = 'completed') x`,
      );
      const active = await db
        .select({ n: sql<number>`count(*)::int`, cents: sql<string>`coalesce(sum(total_cents), 0)` })
        .from(orders)
        .where(and(eq(orders.sellerId, sellerId), inArray(orders.status, ['pending', 'in_progress', 'delivered', 'disputed'])));
      return {
        completedCount: r.n,
        grossCents: Number(r.gross),
        netCents: Number(r.net),
        activeCount: active[0].n,
        activeCents: Number(active[0].cents),
      };
    },
  };
}
