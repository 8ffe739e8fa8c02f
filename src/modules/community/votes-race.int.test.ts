import type { AddressInfo } from 'node:net';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { commentBy, member, questionBy, t, topicBy, useCommunityApp } from './community.fixture.ts';
import { communityAcceptances, communityVotes } from './schema.ts';

/**
 * Real parallel HTTP requests against a listening server: on PostgreSQL (KAFIIL_TEST_DB=postgres) they run at the
 * same time on separate connections; on PGlite one after another. Either way the counts are exact.
 */
useCommunityApp({ listen: true });

const base = () => `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
const call = (auth: Record<string, string>, method: string, path: string, body?: unknown) =>
  fetch(`${base()}${path}`, {
    method,
    headers: { ...auth, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  }).then(async (r) => ({ status: r.status, body: await r.json() }));
const vote = (auth: Record<string, string>, type: string, id: number, method = 'PUT') =>
  call(auth, method, `/api/v1/community/votes/${type}/${id}`);

describe('votes at the same moment', () => {
  it('two votes by the same person at once make one vote (topics and comments)', async () => {
    const author = await member('rauth');
    const fan = await member('rfan');
    for (let round = 0; round < 4; round++) {
      const tid = await topicBy(author);
      const cid = await commentBy(author, tid);
      for (const [type, id] of [
        ['topic', tid],
        ['comment', cid],
      ] as const) {
        const answers = await Promise.all([vote(fan.auth, type, id), vote(fan.auth, type, id), vote(fan.auth, type, id)]);
        expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
        expect(await t.deps.db.$count(communityVotes, and(eq(communityVotes.targetType, type), eq(communityVotes.targetId, id)))).toBe(1);
        expect(Math.max(...answers.map((a) => a.body.votes))).toBe(1);
      }
      const got = (await call(fan.auth, 'GET', `/api/v1/community/topics/${tid}`)).body;
      expect(got.votes).toBe(1);
      expect(got.comments[0].votes).toBe(1);
    }
  });

  it('many voting and one taking it back at once: the count is the rows', async () => {
    const author = await member('rauth2');
    const tid = await topicBy(author);
    const fans = await Promise.all(Array.from({ length: 12 }, (_, i) => member(`rf${'abcdefghijkl'[i]}`)));
    await vote(fans[0].auth, 'topic', tid);
    await Promise.all([
      ...fans.map((f) => vote(f.auth, 'topic', tid)),
      ...fans.map((f) => vote(f.auth, 'topic', tid)),
      vote(fans[0].auth, 'topic', tid, 'DELETE'),
      vote(fans[0].auth, 'topic', tid, 'DELETE'),
    ]);
    const rows = await t.deps.db.$count(communityVotes, and(eq(communityVotes.targetType, 'topic'), eq(communityVotes.targetId, tid)));
    expect((await call(author.auth, 'GET', `/api/v1/community/topics/${tid}`)).body.votes).toBe(rows);
    expect(rows === 11 || rows === 12).toBe(true);
  });

  it('two acceptances at once leave one current accepted answer', async () => {
    const asker = await member('racc');
    const qid = await questionBy(asker);
    const answers = await Promise.all([member('rans1'), member('rans2')]).then((us) =>
      Promise.all(us.map((u) => commentBy(u, qid, `إجابة من ${u.username}`))),
    );
    const r = await Promise.all(answers.map((commentId) => call(asker.auth, 'POST', `/api/v1/questions/${qid}/accept`, { commentId })));
    expect(r.map((x) => x.status)).toEqual([200, 200]);
    const current = await t.deps.db.select().from(communityAcceptances).where(eq(communityAcceptances.topicId, qid));
    expect(current.filter((a) => a.withdrawnAt === null)).toHaveLength(1);
    const shown = (await call(asker.auth, 'GET', `/api/v1/questions/${qid}`)).body.acceptedCommentId;
    expect(current.find((a) => a.withdrawnAt === null)?.commentId).toBe(shown);
  });
});
