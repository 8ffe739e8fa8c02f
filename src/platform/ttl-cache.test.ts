import { describe, expect, it } from 'vitest';
import { ttlCache } from './ttl-cache.ts';

describe('short-lived cache', () => {
  it('answers from memory within its lifetime, loads again after, and never keeps a failure', async () => {
    const c = ttlCache<number>(1000);
    let loads = 0;
    const load = async () => ++loads;
    expect(await c.get('k', load, 0)).toBe(1);
    expect(await c.get('k', load, 999)).toBe(1);
    expect(await Promise.all([c.get('k', load, 1000), c.get('k', load, 1000)])).toEqual([2, 2]);
    await expect(c.get('bad', async () => Promise.reject(new Error('x')), 0)).rejects.toThrow('x');
    expect(await c.get('bad', load, 1)).toBe(3);
  });

  it('stays within its size', async () => {
    const c = ttlCache<number>(10_000, 3);
    for (let i = 0; i < 10; i++) await c.get(`k${i}`, async () => i, 0);
    let loads = 0;
    await c.get('k0', async () => ++loads, 1);
    expect(loads).toBe(1);
  });
});
