import { describe, expect, it } from 'vitest';
import { memoryViewBuffer, redisViewBuffer } from './view-counter.ts';

// Where views wait before a flush counts them (issue 17): one entry per viewer, work and day, taken once.
describe.each([
  ['in memory', null],
  ['in Redis', process.env.TEST_REDIS_URL ?? ''],
])('the view buffer %s', (_name, redisUrl) => {
  const make = () =>
    redisUrl === null
      ? memoryViewBuffer(5)
      : redisViewBuffer(redisUrl, { prefix: `test:wv:${process.pid}:${Math.random().toString(36).slice(2)}` });
  const wait = () => new Promise((r) => setTimeout(r, redisUrl ? 50 : 0));

  it.skipIf(redisUrl === '')('keeps a viewer of a work once a day, hands each view out once, takes back a failed batch', async () => {
    const b = make();
    try {
      const day = '2026-11-25';
      for (let i = 0; i < 3; i++) b.record({ workId: 1, viewer: 'u:7', day });
      b.record({ workId: 1, viewer: 'v:abc', day });
      b.record({ workId: 2, viewer: 'u:7', day });
      b.record({ workId: 1, viewer: 'u:7', day: '2026-11-26' });
      await wait();
      const first = await b.take(3);
      expect(first).toHaveLength(3);
      const rest = await b.take(100);
      const all = [...first, ...rest].map((v) => `${v.day}|${v.workId}|${v.viewer}`).sort();
      expect(all).toEqual(['2026-11-25|1|u:7', '2026-11-25|1|v:abc', '2026-11-25|2|u:7', '2026-11-26|1|u:7']);
      expect(await b.take(100)).toEqual([]);
      await b.putBack(first);
      expect(await b.take(100)).toHaveLength(3);
    } finally {
      await b.close();
    }
  });
});

describe('the view buffer in memory', () => {
  it('holds at most its limit (a flood is dropped, not the heap)', async () => {
    const b = memoryViewBuffer(5);
    for (let i = 0; i < 50; i++) b.record({ workId: i, viewer: 'v:x', day: '2026-11-25' });
    expect(await b.take(100)).toHaveLength(5);
  });
});
