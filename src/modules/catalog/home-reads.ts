import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/index.ts';
import { ttlCache } from '../../platform/ttl-cache.ts';

/**
 * The home page's catalog reads (the most visited page): published services per category, and the sellers with
 * the most sales. Both group every published service, so each is kept a minute per instance: a new service
 * shows in the counts within a minute.
 */
export interface TopSeller {
  sellerId: number;
  live: number;
  orders: number;
  ratingSum: number;
  ratingCount: number;
}

export function homeReads(db: DbOrTx) {
  const kept = ttlCache<unknown>(60_000, 16);
  return {
    /** Published services per (sub)category id: an index-only count over `services_listing_idx`. */
    categoryCounts: () =>
      kept.get('counts', async () => {
        const r = (await db.execute(
          sql`SELECT category_id AS id, count(*)::int AS n FROM services WHERE status = 'published' AND category_id IS NOT NULL GROUP BY category_id`,
        )) as unknown as { rows: { id: number; n: number }[] };
        return new Map(r.rows.map((x) => [Number(x.id), Number(x.n)]));
      }) as Promise<Map<number, number>>,

    /** The sellers with the most completed orders over their live services, then the best rated. */
    topSellers: (limit = 6) =>
      kept.get(`top:${limit}`, async () => {
        const r = (await db.execute(
          sql`SELECT seller_id AS "sellerId", count(*)::int AS live, sum(orders_count)::int AS orders,
                sum(rating_sum)::int AS "ratingSum", sum(rating_count)::int AS "ratingCount"
              FROM services WHERE status = 'published' GROUP BY seller_id
              ORDER BY sum(orders_count) DESC, sum(rating_sum)::float8 / greatest(sum(rating_count), 1) DESC, count(*) DESC, seller_id
              LIMIT ${Math.min(Math.max(Math.trunc(limit), 1), 24)}`,
        )) as unknown as { rows: Record<keyof TopSeller, number | string>[] };
        return r.rows.map(
          (x): TopSeller => ({
            sellerId: Number(x.sellerId),
            live: Number(x.live),
            orders: Number(x.orders),
            ratingSum: Number(x.ratingSum),
            ratingCount: Number(x.ratingCount),
          }),
        );
      }) as Promise<TopSeller[]>,
  };
}
