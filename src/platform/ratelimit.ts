import { Redis } from 'ioredis';
import { AppError } from './errors.ts';

/** Fixed-window counters: in memory for one process, in Redis (REDIS_URL) when instances share them. */
export interface RateLimiter {
  /** Counts one hit on `key`; throws http.rate_limited once more than `limit` hits fall in the window. */
  hit(key: string, limit: number, windowSeconds: number): Promise<void>;
  close(): Promise<void>;
}

export function createRateLimiter(redisUrl: string | null, clock: () => Date): RateLimiter {
  if (redisUrl) {
    const redis = new Redis(redisUrl, { maxRetriesPerRequest: 2, lazyConnect: false });
    return {
      async hit(key, limit, windowSeconds) {
        const k = `kafiil:rl:${key}`;
        const [[, count], [, ttl]] = (await redis.multi().incr(k).ttl(k).exec()) as [[null, number], [null, number]];
        if (ttl < 0) await redis.expire(k, windowSeconds);
        if (count > limit) throw new AppError('http.rate_limited', { seconds: ttl > 0 ? ttl : windowSeconds });
      },
      async close() {
        redis.disconnect();
      },
    };
  }
  const windows = new Map<string, { count: number; resetAt: number }>();
  return {
    async hit(key, limit, windowSeconds) {
      const now = clock().getTime();
      let w = windows.get(key);
      if (!w || w.resetAt <= now) {
        w = { count: 0, resetAt: now + windowSeconds * 1000 };
        windows.set(key, w);
        if (windows.size > 50_000) {
          for (const [k, v] of windows) if (v.resetAt <= now) windows.delete(k);
        }
      }
      w.count++;
      if (w.count > limit) throw new AppError('http.rate_limited', { seconds: Math.ceil((w.resetAt - now) / 1000) });
    },
    async close() {},
  };
}
