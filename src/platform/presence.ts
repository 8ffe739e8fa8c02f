import { type SQL, sql } from 'drizzle-orm';
import { newToken } from './crypto.ts';
import { type Db, queryRows } from './db/index.ts';
import type { LiveHub } from './live.ts';

/** How often an instance writes its users' presence, how long a row counts, how soon a change is written. */
export const PRESENCE = { heartbeatMs: 30_000, ttlMs: 90_000, settleMs: 1_000 } as const;

/**
 * Who is online now: the signed-in users with a live event stream open (platform/live.ts), on any instance — not a
 * guess from when they last loaded a page.
 *
 * Each instance knows its own streams (the live hub's subscribers) and heartbeats that set into the `presence`
 * table in one statement (every 30 s, and about a second after a user's first stream opens or last one closes,
 * however many did in that second): its rows are refreshed, the ones of users gone from it deleted, and rows of
 * other instances not refreshed for 90 s (a crashed instance) swept. Reads take this instance's own set as it is
 * now and the other instances' rows younger than 90 s. No request writes anything.
 */
export interface Presence {
  /** This instance's id in the `presence` table. */
  readonly instanceId: string;
  /** Of `ids`, those online now. */
  onlineIds(ids: readonly number[]): Promise<Set<number>>;
  isOnline(id: number): Promise<boolean>;
  /** Everyone online now (at most `limit`), e.g. for a filter that lists people's content. */
  allOnline(limit?: number): Promise<number[]>;
  /**
   * A condition "this user id column is someone online now", for a query to filter on in the database (a semi-join
   * on the presence rows and this instance's own set): no list read first, no cap on how many are online.
   */
  onlineWhere(userId: SQL): SQL;
  /** Writes this instance's set now (the heartbeat, also what a change schedules). */
  heartbeat(): Promise<void>;
  /** Starts the heartbeat. */
  start(): void;
  /** Stops writing (timers cleared), leaving the rows as a crash would. */
  stop(): void;
  /** Stops and deletes this instance's rows: its users are offline for the others at once (a clean shutdown). */
  close(): Promise<void>;
}

/** A list of user ids as one PostgreSQL `int[]` parameter (each id checked to be an integer). */
function intArray(ids: Iterable<number>): string {
  const list = [...ids].filter((n) => Number.isSafeInteger(n));
  return `{${list.join(',')}}`;
}

export function createPresence(o: {
  db: Db;
  live: LiveHub;
  clock: () => Date;
  log?: (msg: string, err?: unknown) => void;
  instanceId?: string;
  timing?: Partial<typeof PRESENCE>;
}): Presence {
  const { db, live, clock } = o;
  const log = o.log ?? (() => {});
  const timing = { ...PRESENCE, ...o.timing };
  const instanceId = o.instanceId ?? newToken().slice(0, 16);
  let beat: ReturnType<typeof setInterval> | null = null;
  let soon: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;
  // One write at a time: a change during a write asks for another one after it.
  let writing: Promise<void> | null = null;
  let again = false;

  const cutoff = () => new Date(clock().getTime() - timing.ttlMs).toISOString();

  async function write(): Promise<void> {
    const here = intArray(live.usersHere());
    const now = clock().toISOString();
    // Upsert this instance's users, delete its rows of users gone from it, sweep other instances' expired rows:
    // three parts touching disjoint rows, in one statement.
    await db.execute(sql`
      WITH mine AS (SELECT DISTINCT unnest(${here}::int[]) AS user_id),
      gone AS (DELETE FROM presence WHERE instance_id = ${instanceId} AND user_id <> ALL (${here}::int[])),
      expired AS (DELETE FROM presence WHERE instance_id <> ${instanceId} AND seen_at < ${cutoff()}::timestamptz)
      INSERT INTO presence (instance_id, user_id, seen_at)
      SELECT ${instanceId}, user_id, ${now}::timestamptz FROM mine
      ON CONFLICT (instance_id, user_id) DO UPDATE SET seen_at = excluded.seen_at`);
  }

  async function heartbeat(): Promise<void> {
    if (writing) {
      again = true;
      return writing;
    }
    writing = (async () => {
      try {
        do {
          again = false;
          await write();
        } while (again && !stopped);
      } finally {
        writing = null;
      }
    })();
    return writing;
  }

  const beatSafely = () => {
    heartbeat().catch((err) => log('presence: heartbeat failed', err));
  };

  live.onPresence(() => {
    if (stopped || soon) return;
    soon = setTimeout(() => {
      soon = null;
      if (!stopped) beatSafely();
    }, timing.settleMs);
    soon.unref?.();
  });

  async function othersOnline(ids: readonly number[] | null, limit: number): Promise<number[]> {
    const rows = await queryRows<{ user_id: number }>(
      db,
      ids === null
        ? sql`SELECT DISTINCT user_id FROM presence WHERE seen_at >= ${cutoff()}::timestamptz AND instance_id <> ${instanceId} LIMIT ${limit}`
        : sql`SELECT DISTINCT user_id FROM presence
              WHERE user_id = ANY (${intArray(ids)}::int[]) AND seen_at >= ${cutoff()}::timestamptz AND instance_id <> ${instanceId}`,
    );
    return rows.map((r) => Number(r.user_id));
  }

  const presence: Presence = {
    instanceId,
    async onlineIds(ids) {
      const out = new Set<number>();
      if (ids.length === 0) return out;
      const here = new Set(live.usersHere());
      const rest = [...new Set(ids)].filter((id) => {
        if (here.has(id)) out.add(id);
        return !here.has(id);
      });
      if (rest.length) for (const id of await othersOnline(rest, rest.length)) out.add(id);
      return out;
    },
    async isOnline(id) {
      return (await presence.onlineIds([id])).has(id);
    },
    async allOnline(limit = 5000) {
      const here = live.usersHere();
      const others = await othersOnline(null, limit);
      return [...new Set([...here, ...others])].slice(0, limit);
    },
    onlineWhere(userId) {
      return sql`(${userId} = ANY (${intArray(live.usersHere())}::int[]) OR ${userId} IN (
        SELECT user_id FROM presence WHERE seen_at >= ${cutoff()}::timestamptz AND instance_id <> ${instanceId}))`;
    },
    heartbeat,
    start() {
      if (beat || stopped) return;
      beat = setInterval(beatSafely, timing.heartbeatMs);
      beat.unref?.();
      beatSafely();
    },
    stop() {
      stopped = true;
      if (beat) clearInterval(beat);
      if (soon) clearTimeout(soon);
      beat = null;
      soon = null;
    },
    async close() {
      presence.stop();
      await writing?.catch(() => {});
      try {
        await db.execute(sql`DELETE FROM presence WHERE instance_id = ${instanceId}`);
      } catch (err) {
        log('presence: could not remove this instance’s rows', err);
      }
    },
  };
  return presence;
}
