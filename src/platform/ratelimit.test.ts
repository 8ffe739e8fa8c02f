import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './ratelimit.ts';

// The counters the sign-in lock-out keeps (accounts/service/lock-out.ts): counts, marks with a time left, resets.
describe.each([
  ['in memory', null],
  ['in Redis', process.env.TEST_REDIS_URL ?? ''],
])('rate-limit counters %s', (_name, redisUrl) => {
  it.skipIf(redisUrl === '')('count, mark, ttl and reset', async () => {
    let now = new Date('2026-01-01T00:00:00Z');
    const rl = createRateLimiter(redisUrl, () => now);
    const key = `test-${process.pid}-${Math.random().toString(36).slice(2)}`;
    expect(await rl.ttl(`${key}:c`)).toBe(0);
    expect([await rl.count(`${key}:c`, 60), await rl.count(`${key}:c`, 60)]).toEqual([1, 2]);
    expect(await rl.ttl(`${key}:c`)).toBe(60);
    await rl.reset(`${key}:c`);
    expect(await rl.ttl(`${key}:c`)).toBe(0);
    expect(await rl.count(`${key}:c`, 60)).toBe(1);

    expect(await rl.mark(`${key}:m`, 120)).toBe(true);
    expect(await rl.mark(`${key}:m`, 300)).toBe(false);
    expect(await rl.ttl(`${key}:m`)).toBe(300);
    if (!redisUrl) {
      now = new Date(now.getTime() + 301_000);
      expect(await rl.ttl(`${key}:m`)).toBe(0);
      expect(await rl.mark(`${key}:m`, 10)).toBe(true);
      expect(await rl.count(`${key}:c`, 60)).toBe(1);
    }
    await rl.close();
  });
});
