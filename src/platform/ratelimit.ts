import { Redis } from 'ioredis';
import { AppError } from './errors.ts';

/** Fixed-window counters: in memory for one process, in Redis (REDIS_URL) when instances share them. */
export interface RateLimiter {
  /** Counts one hit on `key`; throws http.rate_limited once more than `limit` hits fall in the window. */
  hit(key: string, limit: number, windowSeconds: number): Promise<void>;
  /** Counts one event on `key` and returns how many fell in its window (which starts at the first); never refuses. */
  count(key: string, windowSeconds: number): Promise<number>;
  /** Sets `key` for `seconds` from now (again, if it was set); true when it was not set before. */
  mark(key: string, seconds: number): Promise<boolean>;
  /** Seconds left on `key` (counted or marked), 0 when it is not set. */
  ttl(key: string): Promise<number>;
  /** Forgets `key`. */
  reset(key: string): Promise<void>;
  close(): Promise<void>;
}

export function createRateLimiter(redisUrl: string | null, clock: () => Date): RateLimiter {
  if (redisUrl) {
    const redis = new Redis(redisUrl, { maxRetriesPerRequest: 2, lazyConnect: false });
    const k = (key: string) => `kafiil:rl:${key}`;
    async function count(key: string, windowSeconds: number): Promise<{ count: number; ttl: number }> {
      const [[, n], [, ttl]] = (await redis.multi().incr(k(key)).ttl(k(key)).exec()) as [[null, number], [null, number]];
      if (ttl < 0) await redis.expire(k(key), windowSeconds);
      return { count: n, ttl: ttl > 0 ? ttl : windowSeconds };
    }
    return {
      async hit(key, limit, windowSeconds) {
        const c = await count(key, windowSeconds);
        if (c.count > limit) throw new AppError('http.rate_limited', { seconds: c.ttl });
      },
      async count(key, windowSeconds) {
        return (await count(key, windowSeconds)).count;
      },
      async mark(key, seconds) {
        const [[, existed]] = (await redis.multi().exists(k(key)).set(k(key), '1', 'EX', seconds).exec()) as [[null, number], unknown];
        return existed === 0;
      },
      async ttl(key) {
        return Math.max(0, await redis.ttl(k(key)));
      },
      async reset(key) {
        await redis.del(k(key));
      },
      async close() {
        redis.disconnect();
      },
    };
  }
  const windows = new Map<string, { count: number; resetAt: number }>();
  /** The live window of `key`, or a new one of `windowSeconds` when there is none. */
  function windowOf(key: string, windowSeconds: number, now: number) {
    let w = windows.get(key);
    if (!w || w.resetAt <= now) {
      w = { count: 0, resetAt: now + windowSeconds * 1000 };
      windows.set(key, w);
      if (windows.size > 50_000) {
        for (const [k, v] of windows) if (v.resetAt <= now) windows.delete(k);
      }
    }
    return w;
  }
  return {
    async hit(key, limit, windowSeconds) {
      const now = clock().getTime();
      const w = windowOf(key, windowSeconds, now);
      w.count++;
      if (w.count > limit) throw new AppError('http.rate_limited', { seconds: Math.ceil((w.resetAt - now) / 1000) });
    },
    async count(key, windowSeconds) {
      const w = windowOf(key, windowSeconds, clock().getTime());
      w.count++;
      return w.count;
    },
    async mark(key, seconds) {
      const now = clock().getTime();
      const w = windowOf(key, seconds, now);
      const fresh = w.count === 0;
      w.count = 1;
      w.resetAt = now + seconds * 1000;
      return fresh;
    },
    async ttl(key) {
      const now = clock().getTime();
      const w = windows.get(key);
      return w && w.resetAt > now ? Math.ceil((w.resetAt - now) / 1000) : 0;
    },
    async reset(key) {
      windows.delete(key);
    },
    async close() {},
  };
}
