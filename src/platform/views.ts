import { type SQL, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { sha256 } from './crypto.ts';
import type { Db } from './db/index.ts';

/**
 * Counting page views without writing on the page's path (issue 17; works and contests use it): a view is recorded in
 * a buffer — this process's memory, or Redis when REDIS_URL is set (instances share it, and whichever flushes takes
 * them: SPOP is atomic) — and a flush counts each viewer of a thing once a day: a dedupe table of (thing, day, viewer)
 * takes each new row once (ON CONFLICT DO NOTHING) and the thing's count grows by the rows that were new, in one
 * transaction, so a batch flushed twice (a retry after a commit whose answer was lost) counts once.
 */

/** A view waiting to be counted: one viewer (`u:{id}` or a visitor's hash) of one thing on one day (UTC). */
export interface RecordedView {
  targetId: number;
  viewer: string;
  day: string;
}

/** Who a view is by: a signed-in user, or a visitor by a keyed hash of their address and browser (neither kept). */
export function viewerKey(secret: string, user: { id: number } | null, ip: string, userAgent: string | undefined): string {
  return user ? `u:${user.id}` : `v:${sha256(`${secret}|${ip}|${userAgent ?? ''}`).slice(0, 32)}`;
}

/** The day (UTC, 'YYYY-MM-DD') a view counts on. */
export const viewDay = (at: Date) => at.toISOString().slice(0, 10);

/** The day before `day` ('YYYY-MM-DD'): the dedupe table keeps today and yesterday (a flush may come after midnight). */
export function dayBefore(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

/** Where views wait between the request that saw them and the flush that counts them: never the database. */
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

const keyOf = (v: RecordedView) => `${v.day}|${v.targetId}|${v.viewer}`;
function parse(key: string): RecordedView | null {
  const [day, id, ...rest] = key.split('|');
  const targetId = Number(id);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day ?? '') || !Number.isSafeInteger(targetId) || rest.length === 0) return null;
  return { day, targetId, viewer: rest.join('|') };
}

export function memoryViewBuffer(max = MEMORY_MAX): ViewBuffer {
  // The same viewer of the same thing on the same day is one entry: a reload adds nothing.
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

/** Views in Redis: a set per day (`{prefix}:{day}`, kept 3 days), and the set of days with views waiting. */
export function redisViewBuffer(
  url: string,
  opts: { prefix: string; log?: (msg: string, err?: unknown) => void; now?: () => Date },
): ViewBuffer {
  const redis = new Redis(url, { maxRetriesPerRequest: 2, lazyConnect: false });
  const { prefix } = opts;
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
      add([v]).catch((err) => log('view not recorded', err));
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
 * What is counted: the thing's table and count column, its dedupe table (columns `{idColumn}`, `day`, `viewer`, their
 * primary key), and the condition (on the thing's row, aliased `t`) under which a view counts at all — a thing gone or
 * no longer public counts nothing.
 */
export interface ViewTarget {
  table: string;
  countColumn: string;
  dedupeTable: string;
  idColumn: string;
  countable: SQL;
}

/** Counts taken views in one transaction; returns how many were new (each viewer of a thing once a day). */
export async function countViews(db: Db, views: RecordedView[], target: ViewTarget): Promise<number> {
  if (views.length === 0) return 0;
  const table = sql.identifier(target.table);
  const dedupe = sql.identifier(target.dedupeTable);
  const idCol = sql.identifier(target.idColumn);
  const countCol = sql.identifier(target.countColumn);
  // A fixed order (thing, day, viewer): two flushes that share a key wait for each other instead of deadlocking.
  const sorted = [...views].sort((a, b) => a.targetId - b.targetId || a.day.localeCompare(b.day) || a.viewer.localeCompare(b.viewer));
  const rows = sql.join(
    sorted.map((v) => sql`(${v.targetId}::bigint, ${v.day}::date, ${v.viewer}::text)`),
    sql`, `,
  );
  return db.transaction(async (tx) => {
    const fresh = (await tx.execute(sql`
      INSERT INTO ${dedupe} (${idCol}, day, viewer)
      SELECT v.id, v.day, v.viewer FROM (VALUES ${rows}) AS v(id, day, viewer)
      WHERE EXISTS (SELECT 1 FROM ${table} t WHERE t.id = v.id AND ${target.countable})
      ON CONFLICT DO NOTHING
      RETURNING ${idCol} AS id`)) as unknown as { rows: { id: number | string }[] };
    const byThing = new Map<number, number>();
    for (const r of fresh.rows) byThing.set(Number(r.id), (byThing.get(Number(r.id)) ?? 0) + 1);
    if (byThing.size === 0) return 0;
    const ids = [...byThing.keys()].sort((a, b) => a - b);
    const list = sql.join(
      ids.map((id) => sql`${id}`),
      sql`, `,
    );
    // The things' rows locked in id order first (other writers lock one of them at a time), then each count moved once.
    await tx.execute(sql`SELECT id FROM ${table} WHERE id IN (${list}) ORDER BY id FOR UPDATE`);
    const counts = sql.join(
      ids.map((id) => sql`(${id}::bigint, ${byThing.get(id)}::int)`),
      sql`, `,
    );
    await tx.execute(
      sql`UPDATE ${table} SET ${countCol} = ${table}.${countCol} + c.n FROM (VALUES ${counts}) AS c(id, n) WHERE ${table}.id = c.id`,
    );
    return fresh.rows.length;
  });
}

/** Forgets the dedupe rows of days before yesterday (a flush never counts those days again). */
export async function pruneViewDays(db: Db, now: Date, target: Pick<ViewTarget, 'dedupeTable'>): Promise<number> {
  const keep = dayBefore(viewDay(now));
  const r = (await db.execute(sql`DELETE FROM ${sql.identifier(target.dedupeTable)} WHERE day < ${keep}::date`)) as unknown as {
    rowCount?: number;
    affectedRows?: number;
  };
  return Number(r.rowCount ?? r.affectedRows ?? 0);
}

/** How many views one flush statement counts at most (a flush takes batches until the buffer is empty). */
const FLUSH_BATCH = 2_000;

/**
 * One kind of thing's views: `record` on the page's path (memory or Redis), `flush` from the worker, each instance's
 * timer and the server's close (one flush at a time per instance; a batch whose count fails goes back into the
 * buffer), `close` counts what is left and lets go of the buffer.
 */
export function createViewCounter(
  db: Db,
  target: ViewTarget,
  opts: { redisUrl: string | null; redisPrefix: string; clock: () => Date; log?: (msg: string, err?: unknown) => void },
) {
  const buffer: ViewBuffer = opts.redisUrl
    ? redisViewBuffer(opts.redisUrl, { prefix: opts.redisPrefix, now: opts.clock, log: opts.log })
    : memoryViewBuffer();
  let flushing: Promise<number> | null = null;
  let closed = false;
  const counter = {
    record(targetId: number, viewer: string): void {
      if (!closed) buffer.record({ targetId, viewer, day: viewDay(opts.clock()) });
    },
    async flush(now: Date = opts.clock()): Promise<number> {
      if (flushing) return flushing;
      if (closed) return 0;
      flushing = (async () => {
        let total = 0;
        for (let round = 0; round < 100; round++) {
          const batch = await buffer.take(FLUSH_BATCH);
          if (batch.length === 0) break;
          try {
            total += await countViews(db, batch, target);
          } catch (err) {
            await buffer.putBack(batch);
            throw err;
          }
          if (batch.length < FLUSH_BATCH) break;
        }
        await pruneViewDays(db, now, target);
        return total;
      })().finally(() => {
        flushing = null;
      });
      return flushing;
    },
    async close(): Promise<void> {
      if (closed) return;
      try {
        await counter.flush();
      } finally {
        closed = true;
        await buffer.close();
      }
    },
  };
  return counter;
}

export type ViewCounter = ReturnType<typeof createViewCounter>;

/** How often each instance counts the views waiting in its buffer (the worker's sweep counts them too). */
export const VIEWS_FLUSH_MS = 5_000;

/** Counts `counter`'s views every `everyMs` while `app` runs, and what is left when it closes. */
export function flushViewsWhileRunning(
  app: Pick<FastifyInstance, 'addHook' | 'log'>,
  counter: Pick<ViewCounter, 'flush' | 'close'>,
  what: string,
  everyMs = VIEWS_FLUSH_MS,
): void {
  let timer: NodeJS.Timeout | null = null;
  app.addHook('onReady', async () => {
    timer = setInterval(() => {
      counter.flush().catch((err) => app.log.error({ err }, `${what} views flush failed`));
    }, everyMs);
    timer.unref();
  });
  app.addHook('onClose', async () => {
    if (timer) clearInterval(timer);
    await counter.close().catch((err) => app.log.error({ err }, `${what} views flush failed`));
  });
}
