import { and, asc, eq, lte, sql } from 'drizzle-orm';
import { queryRows } from '../../../platform/db/index.ts';
import { orders } from '../schema.ts';
import type { OrderSteps } from './steps.ts';

/**
 * The platform's own steps when a deadline passes (DESIGN.md "Time"): an unanswered order is cancelled and
 * refunded, an unanswered delivery completes, hidden reviews are published, and levels are recomputed daily.
 */
export function createTimers(s: OrderSteps, reviews: { publishDue(now: Date): Promise<number> }) {
  const { deps, m, cas, event, tell, refundMoney, completeMoney, recomputeLevel, recomputeBuyerLevel } = s;
  const { db } = deps;

  /**
   * Once a day (the first sweep of a UTC day claims it, whichever instance runs it), every seller with a
   * completed order gets their level recomputed, as RULES.md asks besides the recompute after each order; so does
   * every buyer who ever spent (the wallet's releases from their escrow). Returns how many levels were recomputed.
   */
  async function dailyLevels(now: Date): Promise<number> {
    const day = now.toISOString().slice(0, 10);
    const claimed = await queryRows<{ key: string }>(
      db,
      sql`INSERT INTO settings (key, value) VALUES ('orders.levels_day', ${JSON.stringify(day)}::jsonb)
          ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now() WHERE settings.value <> EXCLUDED.value
          RETURNING key`,
    );
    if (!claimed.length) return 0;
    const sellers = await queryRows<{ seller_id: number }>(db, sql`SELECT DISTINCT seller_id FROM orders WHERE status = 'completed'`);
    for (const { seller_id } of sellers) await db.transaction((tx) => recomputeLevel(tx, seller_id));
    const buyers = await m.wallet.buyerIdsWithSpending();
    for (const id of buyers) await db.transaction((tx) => recomputeBuyerLevel(tx, id));
    return sellers.length + buyers.length;
  }

  return {
    /** Every due timer (the worker and `run-due`): unanswered orders cancelled, deliveries completed, reviews published. */
    async runDue(now: Date) {
      let expired = 0;
      let autoCompleted = 0;
      for (const [status, column] of [
        ['pending', orders.acceptBy],
        ['delivered', orders.autoCompleteAt],
      ] as const) {
        for (;;) {
          const n = await db.transaction(async (tx) => {
            const due = await tx
              .select()
              .from(orders)
              .where(and(eq(orders.status, status), lte(column, now)))
              .orderBy(asc(orders.id))
              .limit(20)
              .for('update', { skipLocked: true });
            for (const o of due) {
              if (status === 'pending') {
                const row = await cas(tx, o, 'cancelled', { cancelledAt: now, acceptBy: null });
                await refundMoney(tx, row, null);
                await event(tx, row, null, 'expired');
                await tell(tx, row, 'expired', null);
              } else {
                const row = await cas(tx, o, 'completed', { completedAt: now, autoCompleteAt: null });
                await completeMoney(tx, row, null);
                await event(tx, row, null, 'auto_completed');
                await tell(tx, row, 'completed', null);
              }
            }
            return due.length;
          });
          if (status === 'pending') expired += n;
          else autoCompleted += n;
          if (n < 20) break;
        }
      }
      const published = await reviews.publishDue(now);
      if (expired + autoCompleted + published) deps.outbox.kick();
      return { expired, autoCompleted, reviewsPublished: published, levelsRecomputed: await dailyLevels(now) };
    },
  };
}
