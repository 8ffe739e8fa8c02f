import type { AddressInfo } from 'node:net';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { workLikes } from './schema.ts';
import { publishedWork, signedUpUser, t, useWorksApp } from './works.fixture.ts';

/**
 * Real parallel HTTP requests against a listening server: on PostgreSQL (KAFIIL_TEST_DB=postgres) they run at the
 * same time on separate connections; on PGlite one after another. Either way the counts are exact.
 */
useWorksApp({ listen: true });

const base = () => `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
const like = (auth: Record<string, string>, id: number, method: 'PUT' | 'DELETE' = 'PUT') =>
  fetch(`${base()}/api/v1/works/${id}/like`, { method, headers: auth }).then(async (r) => ({ status: r.status, body: await r.json() }));

describe('likes at the same moment', () => {
  it('two likes by the same person at once make one like, and likesCount 1', async () => {
    const owner = await signedUpUser(t, 'rown');
    const fan = await signedUpUser(t, 'rfan');
    for (let round = 0; round < 5; round++) {
      const wid = await publishedWork(owner);
      const answers = await Promise.all([like(fan.auth, wid), like(fan.auth, wid)]);
      expect(answers.map((a) => a.status)).toEqual([200, 200]);
      expect(answers.every((a) => a.body.liked === true)).toBe(true);
      expect(await t.deps.db.$count(workLikes, and(eq(workLikes.workId, wid), eq(workLikes.userId, fan.id)))).toBe(1);
      expect((await t.services.works.get(wid, null)).likesCount).toBe(1);
      expect(Math.max(...answers.map((a) => a.body.likesCount))).toBe(1);
    }
  });

  it('many people liking and one taking it back at once: the count is the rows', async () => {
    const owner = await signedUpUser(t, 'rown2');
    const wid = await publishedWork(owner);
    const fans = await Promise.all(Array.from({ length: 12 }, (_, i) => signedUpUser(t, `rfan${'abcdefghijkl'[i]}`)));
    await like(fans[0].auth, wid);
    await Promise.all([
      ...fans.map((f) => like(f.auth, wid)),
      ...fans.map((f) => like(f.auth, wid)),
      like(fans[0].auth, wid, 'DELETE'),
      like(fans[0].auth, wid, 'DELETE'),
    ]);
    const rows = await t.deps.db.$count(workLikes, eq(workLikes.workId, wid));
    expect((await t.services.works.get(wid, null)).likesCount).toBe(rows);
    expect(rows === 11 || rows === 12).toBe(true);
  });

  it('two flushes of the same views at once (two instances that both saw them) count each view once', async () => {
    const { countViews } = await import('../../platform/views.ts');
    const { WORK_VIEWS } = await import('./engagement.ts');
    const owner = await signedUpUser(t, 'rview');
    const a = await publishedWork(owner);
    const b = await publishedWork(owner);
    const day = t.clock.now().toISOString().slice(0, 10);
    const batch = [a, b].flatMap((workId) => Array.from({ length: 50 }, (_, i) => ({ targetId: workId, viewer: `v:${i}`, day })));
    const counted = await Promise.all([countViews(t.deps.db, batch, WORK_VIEWS), countViews(t.deps.db, [...batch].reverse(), WORK_VIEWS)]);
    expect(counted[0] + counted[1]).toBe(100);
    expect((await t.services.works.get(a, null)).viewsCount).toBe(50);
    expect((await t.services.works.get(b, null)).viewsCount).toBe(50);
  });
});
