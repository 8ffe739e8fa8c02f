import { sql } from 'drizzle-orm';
import { Redis } from 'ioredis';
import type { Db } from '../../platform/db/index.ts';
import { dayBefore, viewDay } from './rules.ts';

/** A view waiting to be counted: one viewer (`u:{id}` or a visitor's hash) of one work on one day (UTC). */
export interface RecordedView {
  workId: number;
  viewer: string;
  day: string;
}

/**
 * Where views wait between the request that saw them and the flush that counts them: never the database, so a burst
 * of page views queues no write (issue 17). In this process's memory (each instance flushes its own), or in Redis
 * when REDIS_URL is set (instances share it, and whichever flushes takes them: SPOP is atomic).
 */
export interface ViewBuffer {
  /** Records a view at once, without waiting for anything (a Redis write goes on in the background). */
  record(v: RecordedView): void;
  /** Takes up to `max` recorded views out of the buffer. */
  take(max: number): Promise<RecordedView[]>;
  /** Puts views back (their flush failed): the next flush counts them. */
  putBack(views: RecordedView[]): Promise<void>;
  close(): Promise<void>;
}

/** At most this many views wait in memory; past it new ones are dropped until a flush (a flood must not eat the heap). */
export const MEMORY_MAX = 200_000;

const keyOf = (v: RecordedView) => `${v.day}|${v.workId}|${v.viewer}`;
function parse(key: string): RecordedView | null {
  const [day, id, ...rest] = key.split('|');
  const workId = Number(id);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day ?? '') || !Number.isSafeInteger(workId) || rest.length === 0) return null;
  return { day, workId, viewer: rest.join('|') };
}

export function memoryViewBuffer(max = MEMORY_MAX): ViewBuffer {
  // The same viewer of the same work on the same day is one entry: a reload adds nothing.
  const waiting = new Set<string>();
  return {
    record(v) {
      if (waiting.size < max) waiting.add(keyOf(v));
    },
    async take(n) {
      const out: RecordedView[] = [];
      for (const k of waiting) {
        if (out.length >= n) break;
        waiting.delete(k);
        const v = parse(k);
        if (v) out.push(v);
      }
      return out;
    },
    async putBack(views) {
      for (const v of views) if (waiting.size < max) waiting.add(keyOf(v));
    },
    async close() {},
  };
}

/** Views in Redis: a set per day (`kafiil:wv:{day}`, kept 3 days), and the set of days with views waiting. */
export function redisViewBuffer(
  url: string,
  opts: { log?: (msg: string, err?: unknown) => void; prefix?: string; now?: () => Date } = {},
): ViewBuffer {
  const redis = new Redis(url, { maxRetriesPerRequest: 2, lazyConnect: false });
  const prefix = opts.prefix ?? 'kafiil:wv';
  const log = opts.log ?? (() => {});
  const DAYS = `${prefix}:days`;
  const dayKey = (day: string) => `${prefix}:${day}`;
  const add = (views: RecordedView[]) => {
    const m = redis.multi();
    for (const v of views)
      m.sadd(dayKey(v.day), keyOf(v))
        .expire(dayKey(v.day), 3 * 86_400)
        .sadd(DAYS, v.day);
    return m.exec();
  };
  return {
    record(v) {
      // Not awaited: the page does not wait for Redis, and a lost view is only a view.
      add([v]).catch((err) => log('work view not recorded', err));
    },
    async take(n) {
      const out: RecordedView[] = [];
      const days = (await redis.smembers(DAYS)).sort();
      const today = viewDay(opts.now?.() ?? new Date());
      for (const day of days) {
        if (out.length >= n) break;
        const got = await redis.spop(dayKey(day), n - out.length);
        for (const k of got ?? []) {
          const v = parse(k);
          if (v) out.push(v);
        }
        // A day before yesterday with nothing left is done; today's and yesterday's stay listed (views may still come).
        if ((got?.length ?? 0) === 0 && day < dayBefore(today)) await redis.srem(DAYS, day);
      }
      return out;
    },
    async putBack(views) {
      if (views.length) await add(views);
    },
    async close() {
      redis.disconnect();
    },
  };
}

/**
 * Counts taken views in one transaction: each (work, day, viewer) goes into the dedupe table once (ON CONFLICT DO
 * NOTHING), and each work's count grows by the rows that were new — so a batch flushed twice (a retry after a commit
 * whose answer was lost) counts once. Views of works that are gone or not published count nothing.
 */
export async function countViews(db: Db, views: RecordedView[]): Promise<number> {
  if (views.length === 0) return 0;
  // A fixed order (work, day, viewer): two flushes that share a key wait for each other instead of deadlocking.
  const sorted = [...views].sort((a, b) => a.workId - b.workId || a.day.localeCompare(b.day) || a.viewer.localeCompare(b.viewer));
  const rows = sql.join(
    sorted.map((v) => sql`(${v.workId}::bigint, ${v.day}::date, ${v.viewer}::text)`),
    sql`, `,
  );
  return db.transaction(async (tx) => {
    const fresh = (await tx.execute(sql`
      INSERT INTO work_view_days (work_id, day, viewer)
      SELECT v.work_id, v.day, v.viewer FROM (VALUES ${rows}) AS v(work_id, day, viewer)
      WHERE EXISTS (SELECT 1 FROM works w WHERE w.id = v.work_id AND w.status = 'published')
      ON CONFLICT DO NOTHING
      RETURNING work_id`)) as unknown as { rows: { work_id: number | string }[] };
    const byWork = new Map<number, number>();
    for (const r of fresh.rows) byWork.set(Number(r.work_id), (byWork.get(Number(r.work_id)) ?? 0) + 1);
    if (byWork.size === 0) return 0;
    const ids = [...byWork.keys()].sort((a, b) => a - b);
    const list = sql.join(
      ids.map((id) => sql`${id}`),
      sql`, `,
    );
    // The works' rows locked in id order first (a like locks one of them at a time), then each count moved once.
    await tx.execute(sql`SELECT id FROM works WHERE id IN (${list}) ORDER BY id FOR UPDATE`);
    const counts = sql.join(
      ids.map((id) => sql`(${id}::bigint, ${byWork.get(id)}::int)`),
      sql`, `,
    );
    await tx.execute(sql`UPDATE works SET views_count = works.views_count + c.n FROM (VALUES ${counts}) AS c(id, n) WHERE works.id = c.id`);
    return fresh.rows.length;
  });
}

/** Forgets the dedupe rows of days before yesterday (a flush never counts those days again). */
export async function pruneViewDays(db: Db, now: Date): Promise<number> {
  const keep = dayBefore(viewDay(now));
  const r = (await db.execute(sql`DELETE FROM work_view_days WHERE day < ${keep}::date`)) as unknown as {
    rowCount?: number;
    affectedRows?: number;
  };
  return Number(r.rowCount ?? r.affectedRows ?? 0);
}
