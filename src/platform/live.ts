import { sql } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Database, DbOrTx } from './db/index.ts';

/** Something that happened for a user, pushed to their open pages and API clients (server-sent events). */
export interface LiveEvent {
  type: string;
  data: Record<string, unknown>;
}

const CHANNEL = 'kafiil_live';
/** PostgreSQL refuses NOTIFY payloads from 8,000 bytes: events carry ids, clients read the rest. */
const MAX_PAYLOAD = 7_900;

/**
 * Live events across server instances. `publish` sends a NOTIFY inside the caller's transaction, so an
 * event goes out only if the change it tells about commits; every instance LISTENs and hands each event
 * to the streams its own users have open. On PGlite (one process) the same NOTIFY/LISTEN works in-process.
 */
export interface LiveHub {
  publish(tx: DbOrTx, userIds: number[], event: LiveEvent): Promise<void>;
  subscribe(userId: number, fn: (event: LiveEvent) => void): () => void;
  /** Open streams in this instance. */
  connections(): number;
  /** The users with at least one stream open in this instance (platform/presence.ts heartbeats them). */
  usersHere(): number[];
  /** Calls `fn` when a user's first stream here opens (`true`) or their last one closes (`false`). */
  onPresence(fn: (userId: number, here: boolean) => void): () => void;
  /** Registers how an open stream ends, for `close`; returns the unregistration. */
  track(end: () => void): () => void;
  start(): Promise<void>;
  /** Ends every open stream (before the server closes) and stops listening. */
  close(): Promise<void>;
}

export function createLiveHub(database: Database, log: (msg: string, err?: unknown) => void = () => {}): LiveHub {
  const subscribers = new Map<number, Set<(event: LiveEvent) => void>>();
  const enders = new Set<() => void>();
  const watchers = new Set<(userId: number, here: boolean) => void>();
  const told = (userId: number, here: boolean) => {
    for (const w of watchers) {
      try {
        w(userId, here);
      } catch (err) {
        log('live: a presence watcher failed', err);
      }
    }
  };
  let unlisten: (() => Promise<void>) | null = null;
  let count = 0;

  const deliver = (payload: string) => {
    let msg: { u: number[]; t: string; d: Record<string, unknown> };
    try {
      msg = JSON.parse(payload);
    } catch (err) {
      log('live: unreadable event', err);
      return;
    }
    const event = { type: msg.t, data: msg.d };
    for (const id of msg.u) {
      for (const fn of subscribers.get(id) ?? []) {
        try {
          fn(event);
        } catch (err) {
          log('live: a subscriber failed', err);
        }
      }
    }
  };

  return {
    async publish(tx, userIds, event) {
      if (userIds.length === 0) return;
      const payload = JSON.stringify({ u: [...new Set(userIds)], t: event.type, d: event.data });
      if (Buffer.byteLength(payload) > MAX_PAYLOAD) throw new Error(`live event ${event.type} too large for NOTIFY`);
      await tx.execute(sql`SELECT pg_notify(${CHANNEL}, ${payload})`);
    },
    subscribe(userId, fn) {
      const set = subscribers.get(userId) ?? new Set();
      subscribers.set(userId, set);
      set.add(fn);
      count++;
      if (set.size === 1) told(userId, true);
      return () => {
        if (!set.delete(fn)) return;
        count--;
        if (set.size === 0) {
          subscribers.delete(userId);
          told(userId, false);
        }
      };
    },
    connections: () => count,
    usersHere: () => [...subscribers.keys()],
    onPresence(fn) {
      watchers.add(fn);
      return () => watchers.delete(fn);
    },
    async start() {
      if (!unlisten) unlisten = await database.listen(CHANNEL, deliver);
    },
    async close() {
      for (const end of [...enders]) end();
      const u = unlisten;
      unlisten = null;
      await u?.();
    },
    track(end) {
      enders.add(end);
      return () => enders.delete(end);
    },
  };
}

/**
 * Answers with a `text/event-stream` of `userId`'s live events until the client goes away: a `hello`
 * event first (with `initial` data), then each event as it comes, and a comment every 25 s so proxies
 * keep the connection open.
 */
export function liveStream(hub: LiveHub, req: FastifyRequest, reply: FastifyReply, userId: number, initial: Record<string, unknown>): void {
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    'x-accel-buffering': 'no',
    connection: 'keep-alive',
  });
  const write = (event: LiveEvent) => res.write(`event: ${event.type}\ndata: ${JSON.stringify(event.data)}\n\n`);
  res.write('retry: 3000\n\n');
  write({ type: 'hello', data: initial });
  const unsubscribe = hub.subscribe(userId, write);
  const ping = setInterval(() => res.write(': ping\n\n'), 25_000);
  const end = () => {
    clearInterval(ping);
    unsubscribe();
    untrack();
    if (!res.writableEnded) res.end();
  };
  const untrack = hub.track(end);
  req.raw.on('close', end);
  res.on('error', end);
}
