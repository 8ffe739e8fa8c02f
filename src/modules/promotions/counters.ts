import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/index.ts';

/** How often the server adds the counts in memory to the promotions (the worker's sweep does too). */
const FLUSH_MS = 5_000;

/**
 * Sponsored impressions and clicks, counted in memory and added to their promotions in one statement every few
 * seconds (and by the worker's sweep, and when the server stops): a results page never writes to the database.
 * A failed write keeps its counts for the next one; a crash loses at most the last few seconds' counts.
 */
export function createCounters(db: Db) {
  let impressions = new Map<number, number>();
  let clicks = new Map<number, number>();
  let timer: NodeJS.Timeout | null = null;
  let flushing: Promise<number> = Promise.resolve(0);
  const add = (m: Map<number, number>, id: number, n = 1) => m.set(id, (m.get(id) ?? 0) + n);

  async function write(): Promise<number> {
    if (impressions.size === 0 && clicks.size === 0) return 0;
    const [imp, clk] = [impressions, clicks];
    impressions = new Map();
    clicks = new Map();
    const ids = [...new Set([...imp.keys(), ...clk.keys()])];
    try {
      const rows = sql.join(
        ids.map((id) => sql`(${id}::int, ${imp.get(id) ?? 0}::bigint, ${clk.get(id) ?? 0}::bigint)`),
        sql`, `,
      );
      await db.execute(sql`UPDATE promotions p SET impressions = p.impressions + v.i, clicks = p.clicks + v.c
        FROM (VALUES ${rows}) AS v(id, i, c) WHERE p.id = v.id`);
      return ids.length;
    } catch (err) {
      for (const [id, n] of imp) add(impressions, id, n);
      for (const [id, n] of clk) add(clicks, id, n);
      throw err;
    }
  }

  return {
    impression: (promotionId: number) => void add(impressions, promotionId),
    click: (promotionId: number) => void add(clicks, promotionId),
    /** A promotion's counts with those still in memory here. */
    withPending: (p: { id: number; impressions: number; clicks: number }) => ({
      impressions: p.impressions + (impressions.get(p.id) ?? 0),
      clicks: p.clicks + (clicks.get(p.id) ?? 0),
    }),
    /** Saves the counts in memory (one flush at a time): how many promotions were written. */
    flush(): Promise<number> {
      flushing = flushing.catch(() => 0).then(write);
      return flushing;
    },
    start() {
      if (timer) return;
      timer = setInterval(() => {
        this.flush().catch(() => {});
      }, FLUSH_MS);
      timer.unref();
    },
    async close() {
      if (timer) clearInterval(timer);
      timer = null;
      await this.flush().catch(() => 0);
    },
  };
}
