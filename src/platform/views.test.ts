import { describe, expect, it } from 'vitest';
import { dayBefore, memoryViewBuffer, redisViewBuffer, viewDay, viewerKey } from './views.ts';

// Where views wait before a flush counts them (issue 17): one entry per viewer, thing and day, taken once.
describe.each([
  ['in memory', null],
  ['in Redis', process.env.TEST_REDIS_URL ?? ''],
])('the view buffer %s', (_name, redisUrl) => {
  const make = () =>
    redisUrl === null
      ? memoryViewBuffer(5)
      : redisViewBuffer(redisUrl, { prefix: `test:wv:${process.pid}:${Math.random().toString(36).slice(2)}` });
  const wait = () => new Promise((r) => setTimeout(r, redisUrl ? 50 : 0));

  it.skipIf(redisUrl === '')('keeps a viewer of a thing once a day, hands each view out once, takes back a failed batch', async () => {
    const b = make();
    try {
      const day = '2026-11-25';
      for (let i = 0; i < 3; i++) b.record({ targetId: 1, viewer: 'u:7', day });
      b.record({ targetId: 1, viewer: 'v:abc', day });
      b.record({ targetId: 2, viewer: 'u:7', day });
      b.record({ targetId: 1, viewer: 'u:7', day: '2026-11-26' });
      await wait();
      const first = await b.take(3);
      expect(first).toHaveLength(3);
      const rest = await b.take(100);
      const all = [...first, ...rest].map((v) => `${v.day}|${v.targetId}|${v.viewer}`).sort();
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
    for (let i = 0; i < 50; i++) b.record({ targetId: i, viewer: 'v:x', day: '2026-11-25' });
    expect(await b.take(100)).toHaveLength(5);
  });
});

describe('views', () => {
  it('count by the UTC day, and keep yesterday', () => {
    expect(viewDay(new Date('2026-11-25T23:59:59Z'))).toBe('2026-11-25');
    expect(viewDay(new Date('2026-11-26T00:00:00+03:00'))).toBe('2026-11-25');
    expect(dayBefore('2026-03-01')).toBe('2026-02-28');
    expect(dayBefore('2026-01-01')).toBe('2025-12-31');
  });

  it('are by a user, or by a visitor whose address and browser are kept only as a keyed hash', () => {
    expect(viewerKey('s', { id: 7 }, '1.2.3.4', 'ua')).toBe('u:7');
    const v = viewerKey('s', null, '1.2.3.4', 'ua');
    expect(v).toMatch(/^v:[0-9a-f]{32}$/);
    expect(v).not.toContain('1.2.3.4');
    expect(viewerKey('s', null, '1.2.3.4', 'ua')).toBe(v);
    expect(viewerKey('other secret', null, '1.2.3.4', 'ua')).not.toBe(v);
    expect(viewerKey('s', null, '1.2.3.5', 'ua')).not.toBe(v);
  });
});
