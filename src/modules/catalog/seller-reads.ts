import { sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../../platform/db/index.ts';

/** What the freelancers directory shows of people's services (accounts' cards). */
export function sellerReads(db: DbOrTx) {
  return {
    /** The lowest price of each seller's live services ("from $5"), for a page of sellers: one read (services_seller_idx). */
    async startingPrices(sellerIds: number[]): Promise<Map<number, number>> {
      const ids = [...new Set(sellerIds)].filter((n) => Number.isSafeInteger(n));
      if (ids.length === 0) return new Map();
      const rows = await queryRows<{ seller_id: number; cents: number }>(
        db,
        sql`SELECT seller_id, min(price_cents)::int AS cents FROM services
            WHERE seller_id = ANY (${`{${ids.join(',')}}`}::int[]) AND status = 'published' GROUP BY seller_id`,
      );
      return new Map(rows.map((r) => [Number(r.seller_id), Number(r.cents)]));
    },
  };
}
