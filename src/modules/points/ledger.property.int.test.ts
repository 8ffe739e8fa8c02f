import { eq, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, signedUpUser, staffUser, type TestApp } from '../../../test/helpers.ts';
import { queryRows } from '../../platform/db/index.ts';
import type { PointsReason } from './rules.ts';
import { pointsEntries } from './schema.ts';

/**
 * Random sequences of points operations — awards, the same award again, reversals (with and without an award to
 * reverse), staff grants and removals (some past the balance) — against the real ledger (PGlite, or PostgreSQL with
 * KAFIIL_TEST_DB=postgres) and a small model that knows the rules but none of the code. After every step each
 * balance is the model's and the SUM of the user's entries, and no (user, reason, source) appears twice.
 */

const USERS = 3;
const SOURCES = 3;
let t: TestApp;
const users: number[] = [];
let fin: { id: number; roles: string[] };
let run = 0;

beforeAll(async () => {
  t = await makeTestApp();
  for (let i = 0; i < USERS; i++) users.push((await signedUpUser(t, `pprop${i}`)).id);
  const f = await staffUser(t, ['finance'], 'ppropfin');
  fin = { id: f.id, roles: ['finance'] };
}, 60_000);
afterAll(async () => {
  await t.close();
});

type Op =
  | { op: 'order'; u: number; s: number; dollars: number }
  | { op: 'earn'; kind: 'vote' | 'answer' | 'review'; u: number; s: number }
  | { op: 'reverse'; kind: 'vote' | 'answer' | 'review'; u: number; s: number }
  | { op: 'violation'; u: number; s: number }
  | { op: 'grant'; u: number; delta: number };

const u = fc.integer({ min: 0, max: USERS - 1 });
const s = fc.integer({ min: 0, max: SOURCES - 1 });
const kind = fc.constantFrom('vote' as const, 'answer' as const, 'review' as const);
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('order' as const), u, s, dollars: fc.integer({ min: 0, max: 500 }) }),
  fc.record({ op: fc.constant('earn' as const), kind, u, s }),
  fc.record({ op: fc.constant('earn' as const), kind, u, s }),
  fc.record({ op: fc.constant('reverse' as const), kind, u, s }),
  fc.record({ op: fc.constant('violation' as const), u, s }),
  fc.record({ op: fc.constant('grant' as const), u, delta: fc.integer({ min: -120, max: 120 }).filter((d) => d !== 0) }),
);

const EARN: Record<'vote' | 'answer' | 'review', [PointsReason, PointsReason, number]> = {
  vote: ['vote_received', 'vote_withdrawn', 2],
  answer: ['answer_accepted', 'answer_unaccepted', 5],
  review: ['review_5star', 'review_removed', 10],
};

/** The model: each user's balance, which one-time events were counted, which reversible earnings stand now. */
interface Model {
  balance: number[];
  once: Set<string>;
  standing: Set<string>;
}

describe('the points ledger, property-based', () => {
  it('balance = the model = SUM of entries after every step; an event counts once; a reversal takes back exactly', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 25 }), async (ops) => {
        run++;
        const m: Model = { balance: Array(USERS).fill(0), once: new Set(), standing: new Set() };
        const before = await Promise.all(users.map((id) => t.services.points.balance(id)));
        const src = (x: string) => `${x}:${run}`;
        for (const o of ops) {
          const id = users[o.u];
          const award = (a: Parameters<typeof t.services.points.award>[1]) => t.deps.db.transaction((tx) => t.services.points.award(tx, a));
          if (o.op === 'order') {
            const key = `order:${o.u}:${o.s}`;
            const wrote = await award({ userId: id, reason: 'order_completed', source: src(`order:${o.s}`), per: o.dollars });
            const expected = !m.once.has(key) && o.dollars > 0;
            expect(wrote).toBe(expected);
            if (expected) {
              m.once.add(key);
              m.balance[o.u] += o.dollars;
            }
          } else if (o.op === 'earn' || o.op === 'reverse') {
            const [earning, reversal, n] = EARN[o.kind];
            const key = `${o.kind}:${o.u}:${o.s}`;
            const source = src(`${o.kind}:${o.s}`);
            const wrote = await award({ userId: id, reason: o.op === 'earn' ? earning : reversal, source });
            const expected = o.op === 'earn' ? !m.standing.has(key) : m.standing.has(key);
            expect(wrote).toBe(expected);
            if (expected && o.op === 'earn') {
              m.standing.add(key);
              m.balance[o.u] += n;
            } else if (expected) {
              m.standing.delete(key);
              m.balance[o.u] -= n;
            }
          } else if (o.op === 'violation') {
            const key = `violation:${o.u}:${o.s}`;
            const wrote = await award({ userId: id, reason: 'violation', source: src(`violation:topic:${o.s}`) });
            expect(wrote).toBe(!m.once.has(key));
            if (!m.once.has(key)) {
              m.once.add(key);
              m.balance[o.u] -= 50;
            }
          } else {
            const now = before[o.u] + m.balance[o.u];
            const refused = o.delta < 0 && now + o.delta < 0;
            const r = await t.services.points.grant(fin, { userId: id, delta: o.delta, note: 'تعديل تجريبي للنقاط' }, null).then(
              (x) => x,
              (e: { code?: string }) => e,
            );
            if (refused) expect(r).toMatchObject({ code: 'points.removal_exceeds' });
            else {
              expect(r).toMatchObject({ created: true, balance: now + o.delta });
              m.balance[o.u] += o.delta;
            }
          }
          for (let i = 0; i < USERS; i++) {
            const b = await t.services.points.balance(users[i]);
            expect(b).toBe(before[i] + m.balance[i]);
            const [sum] = await t.deps.db
              .select({ n: sql<string>`coalesce(sum(delta), 0)` })
              .from(pointsEntries)
              .where(eq(pointsEntries.userId, users[i]));
            expect(Number(sum.n)).toBe(b);
          }
        }
        const dup = await queryRows<{ n: string }>(
          t.deps.db,
          sql`SELECT count(*) AS n FROM (SELECT 1 FROM points_entries GROUP BY user_id, reason, source HAVING count(*) > 1) d`,
        );
        expect(Number(dup[0].n)).toBe(0);
      }),
      { numRuns: 25, seed: 1919, endOnFailure: true },
    );
  }, 240_000);
});
