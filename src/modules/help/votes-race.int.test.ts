import type { AddressInfo } from 'node:net';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, signedUpUser, type TestApp } from '../../../test/helpers.ts';
import { helpArticles, helpVotes } from './schema.ts';

/**
 * Real parallel HTTP requests against a listening server: on PostgreSQL (KAFIIL_TEST_DB=postgres) they run at the
 * same time on separate connections; on PGlite one after another. Either way one person has one answer.
 */
let t: TestApp;
beforeAll(async () => {
  t = await makeTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
}, 120_000);
afterAll(async () => {
  await t.close();
});

const base = () => `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
const vote = (auth: Record<string, string>, slug: string, helpful: boolean) =>
  fetch(`${base()}/api/v1/help/${slug}/vote`, {
    method: 'PUT',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify({ helpful }),
  }).then(async (r) => ({ status: r.status, body: await r.json() }));
const articleId = async (slug: string) => (await t.deps.db.select().from(helpArticles).where(eq(helpArticles.slug, slug)))[0].id;

describe('"was this helpful?" answers at the same moment', () => {
  it('two answers by the same person at once make one row', async () => {
    const u = await signedUpUser(t, 'hrace');
    for (const slug of ['withdraw-balance', 'deposit-balance', 'run-contest', 'create-account', 'report-content']) {
      const answers = await Promise.all([vote(u.auth, slug, false), vote(u.auth, slug, false)]);
      expect(answers.map((a) => a.status)).toEqual([200, 200]);
      const id = await articleId(slug);
      expect(await t.deps.db.$count(helpVotes, and(eq(helpVotes.articleId, id), eq(helpVotes.voter, `u:${u.id}`)))).toBe(1);
    }
  });

  it('a yes and a no at once leave one answer, one of the two; many people at once count one each', async () => {
    const u = await signedUpUser(t, 'hrace2');
    const id = await articleId('refunds-and-disputes');
    const answers = await Promise.all([vote(u.auth, 'refunds-and-disputes', true), vote(u.auth, 'refunds-and-disputes', false)]);
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    const rows = await t.deps.db
      .select()
      .from(helpVotes)
      .where(and(eq(helpVotes.articleId, id), eq(helpVotes.voter, `u:${u.id}`)));
    expect(rows).toHaveLength(1);
    const people = await Promise.all(Array.from({ length: 8 }, (_, i) => signedUpUser(t, `hcrowd${'abcdefgh'[i]}`)));
    await Promise.all(
      people.flatMap((p, i) => [vote(p.auth, 'order-lifecycle', i % 2 === 0), vote(p.auth, 'order-lifecycle', i % 2 === 0)]),
    );
    const counted = await t.deps.db
      .select()
      .from(helpVotes)
      .where(eq(helpVotes.articleId, await articleId('order-lifecycle')));
    expect(counted).toHaveLength(8);
    expect(counted.filter((r) => r.helpful)).toHaveLength(4);
  });
});
