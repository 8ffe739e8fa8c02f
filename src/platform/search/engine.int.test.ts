import { type SQL, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../../../test/helpers.ts';
import { BOUNDS, type Bounds, type Order, runSearch, type SearchPath, type SearchRun, type Source } from './engine.ts';
import { searchWords } from './words.ts';

/**
 * The engine on a table of its own: whichever read it picks (the text index, a walk — partitioned or not — a
 * walk that stops short, a listing), paging through a search gives exactly the matches a plain ORDER BY gives,
 * each once, in order. Tiny bounds make 400 rows reach every path.
 */

let t: TestApp;
const N = 400;

const source: Source = {
  from: sql`search_t t`,
  id: sql`t.id`,
  columns: sql`t.id, t.price, t.cat`,
  scope: sql`t.status = 'on'`,
};
const ID = { expr: sql`t.id`, type: 'int' } as const;
const orders: Record<string, Order> = {
  cheap: { keys: [{ expr: sql`t.price`, type: 'int' }, ID], desc: false },
  dear: { keys: [{ expr: sql`t.price`, type: 'int' }, ID], desc: true },
  newest: { keys: [{ expr: sql`t.made`, type: 'date' }, ID], desc: true },
};
const TINY: Bounds = {
  commonFrom: 5,
  exactMax: 3,
  walkMax: 7,
  rankedMax: 4,
  rankedWalk: 4,
  rankedWalkMax: 7,
  fallbackMs: 1000,
  countMax: 5,
  filterFirst: 2,
};
/** Tiny, but every search's rows read through its filters first. */
const FILTERS_FIRST: Bounds = { ...TINY, filterFirst: 100_000 };

const rows = async <R>(q: SQL) => ((await t.deps.db.execute(q)) as unknown as { rows: R[] }).rows;

beforeAll(async () => {
  t = await makeTestApp();
  await t.deps.db.execute(sql`CREATE TABLE search_t (id int PRIMARY KEY, status text NOT NULL, cat int NOT NULL, price int NOT NULL,
    made timestamptz NOT NULL, body text NOT NULL, v tsvector GENERATED ALWAYS AS (to_tsvector('simple', body)) STORED)`);
  await t.deps.db.execute(sql`CREATE INDEX search_t_v ON search_t USING gin (v)`);
  await t.deps.db.execute(sql`CREATE INDEX search_t_price ON search_t (price, id) WHERE status = 'on'`);
  await t.deps.db.execute(sql`CREATE INDEX search_t_cat_price ON search_t (cat, price, id) WHERE status = 'on'`);
  await t.deps.db.execute(sql`CREATE INDEX search_t_made ON search_t (made DESC, id DESC) WHERE status = 'on'`);
  await t.deps.db.execute(sql`CREATE INDEX search_t_cat_made ON search_t (cat DESC, made DESC, id DESC) WHERE status = 'on'`);
  const values: SQL[] = [];
  for (let i = 1; i <= N; i++) {
    const words = ['common'];
    if (i % 10 === 0) words.push('mid');
    if (i % 97 === 0) words.push('rare');
    // "pricey" is only said by the dearest: a word the cheap-first walk meets last.
    const price = (i * 37) % 1000;
    if (price > 900) words.push('pricey');
    if (i % 2) words.push('odd');
    // Some prices and dates repeat, so the id decides between equal keys.
    const made = new Date(Date.UTC(2026, 0, 1) + (i % 50) * 3_600_000 + (i % 7) * 123_457);
    values.push(sql`(${i}, ${i % 11 === 0 ? 'off' : 'on'}, ${i % 4}, ${price - (price % 5)}, ${made}, ${words.join(' ')})`);
  }
  await t.deps.db.execute(sql`INSERT INTO search_t (id, status, cat, price, made, body) VALUES ${sql.join(values, sql`, `)}`);
  await t.deps.db.execute(sql`ANALYZE search_t`);
});
afterAll(async () => {
  await t.close();
});

const FILTERS: Record<string, { sql: SQL; cats?: number[] }> = {
  none: { sql: sql`true` },
  cat1: { sql: sql`t.cat = 1`, cats: [1] },
  cats12: { sql: sql`t.cat IN (1, 2)`, cats: [1, 2] },
  dear: { sql: sql`t.price >= 500` },
};

/** Every page of a search, as the engine gives them, with the paths it took. */
async function pagesOf(word: string | null, filter: string, order: string, bounds?: Partial<Bounds>) {
  const f = FILTERS[filter];
  const ids: number[] = [];
  const paths = new Set<SearchPath>();
  let after: string[] | null = null;
  let first: { n: number; capped: boolean; estimated: boolean } | null = null;
  for (let page = 0; page < 300; page++) {
    const r = await runSearch(t.deps.db, {
      source,
      filters: f.sql,
      match: word ? sql`t.v @@ to_tsquery('simple', ${word})` : null,
      order: orders[order],
      ranked: false,
      partition: f.cats ? { column: sql`t.cat`, values: f.cats } : null,
      seek: filter === 'dear' && order !== 'newest' ? sql`t.price >= 500` : undefined,
      limit: 5,
      after,
      bounds,
    });
    first ??= r.total;
    ids.push(...r.rows.map((x) => Number(x.id)));
    paths.add(r.path);
    if (!r.next) return { ids, paths, total: first };
    after = r.next;
  }
  throw new Error('no end');
}

async function expected(word: string | null, filter: string, order: string): Promise<number[]> {
  const o = orders[order];
  const by = sql.join(
    o.keys.map((k) => sql`${k.expr} ${o.desc ? sql`DESC` : sql`ASC`}`),
    sql`, `,
  );
  const text = word ? sql`AND t.v @@ to_tsquery('simple', ${word})` : sql``;
  return (
    await rows<{ id: number }>(sql`SELECT t.id FROM search_t t WHERE t.status = 'on' AND ${FILTERS[filter].sql} ${text} ORDER BY ${by}`)
  ).map((r) => Number(r.id));
}

describe('the search engine', () => {
  it('pages through exactly the matches, in order, whichever read it takes', async () => {
    const seen = new Set<SearchPath>();
    for (const word of [null, 'common', 'mid', 'rare', 'pricey', 'odd & mid', 'nothing'])
      for (const filter of Object.keys(FILTERS))
        for (const order of Object.keys(orders))
          for (const bounds of [undefined, TINY, FILTERS_FIRST]) {
            const want = await expected(word, filter, order);
            const got = await pagesOf(word, filter, order, bounds);
            expect(got.ids, `${word} ${filter} ${order} ${JSON.stringify(bounds)} via ${[...got.paths]}`).toEqual(want);
            for (const p of got.paths) seen.add(p);
            // A count that says it is exact is.
            if (!got.total.capped && !got.total.estimated) expect(got.total.n).toBe(want.length);
          }
    // Each way of reading was taken somewhere above.
    expect([...seen].sort()).toEqual(['exact', 'list', 'partial', 'walk']);
  }, 120_000);

  it('ranks a bounded candidate set and pages through it by keyset', async () => {
    const seen = new Set<SearchPath>();
    for (const word of ['mid | rare', 'common | rare'])
      for (const bounds of [undefined, TINY]) {
        const rank = sql`ts_rank(t.v, to_tsquery('simple', ${word}))`;
        const order: Order = { keys: [{ expr: rank, type: 'float' }, { expr: sql`t.price`, type: 'int' }, ID], desc: true };
        const ids: number[] = [];
        const ranks: number[] = [];
        let after: string[] | null = null;
        for (let i = 0; i < 200; i++) {
          const r = await runSearch(t.deps.db, {
            source: { ...source, columns: sql`t.id, ${rank} AS rank` },
            filters: sql`true`,
            match: sql`t.v @@ to_tsquery('simple', ${word})`,
            order,
            ranked: true,
            candidates: orders.newest,
            limit: 3,
            after,
            bounds: bounds && { ...bounds, rankedWalkMax: word.startsWith('common') ? 50 : bounds.rankedWalkMax },
          });
          seen.add(r.path);
          ids.push(...r.rows.map((x) => Number(x.id)));
          ranks.push(...r.rows.map((x) => Number(x.rank)));
          if (!r.next) break;
          after = r.next;
        }
        const all = await expected(word, 'none', 'newest');
        expect(new Set(ids).size).toBe(ids.length);
        for (const id of ids) expect(all).toContain(id);
        expect([...ranks].sort((a, b) => b - a)).toEqual(ranks);
        // A bounded candidate set: with the default bounds, every match of these words up to rankedMax (the newest).
        expect(ids.length).toBe(bounds ? Math.min(TINY.rankedMax, all.length) : Math.min(BOUNDS.rankedMax, all.length));
      }
    expect(seen).toEqual(new Set(['ranked', 'ranked-walk']));
  });

  it('says when every word is common as written (no typo to correct)', async () => {
    const run = (word: string, filters: SQL, bounds: Partial<Bounds>) =>
      runSearch(t.deps.db, {
        source,
        filters,
        match: sql`t.v @@ to_tsquery('simple', ${word})`,
        order: orders.cheap,
        ranked: false,
        limit: 5,
        after: null,
        bounds,
      });
    // «common» is in every row, «rare» in four: from 50 estimated matches a word is common.
    expect((await run('common', sql`true`, { commonFrom: 50, filterFirst: 0 })).common).toBe(true);
    expect((await run('rare', sql`true`, { commonFrom: 50, filterFirst: 0 })).common).toBe(false);
    expect((await run('common', sql`true`, { commonFrom: 100_000, filterFirst: 0 })).common).toBe(false);

    // A single common word that finds little under its filters is not widened to its corrections («commons»).
    await t.deps.db.execute(sql`INSERT INTO search_words (word) VALUES ('commons') ON CONFLICT DO NOTHING`);
    const widenedFor = async (commonFrom: number) => {
      const asked: string[][] = [];
      const exactRun = (after: string[] | null): SearchRun => ({
        source,
        filters: sql`t.price > 1000`,
        match: sql`t.v @@ to_tsquery('simple', 'common')`,
        order: orders.cheap,
        ranked: false,
        limit: 5,
        after,
        bounds: { commonFrom, filterFirst: 0 },
      });
      await searchWords(t.deps.db, {
        words: ['common'],
        synonyms: new Map(),
        cursor: { mode: 'e', after: null },
        limit: 5,
        exact: exactRun,
        widened: (all, after) => {
          asked.push(all);
          return { ...exactRun(after), match: sql`t.v @@ to_tsquery('simple', 'common | commons')` };
        },
      });
      return asked;
    };
    expect(await widenedFor(50)).toEqual([]);
    // (The lexicon holds the seeded help articles' words too: «comment», «commission» may be corrections as well.)
    expect(await widenedFor(100_000)).toEqual([expect.arrayContaining(['common', 'commons'])]);
  });

  it('refuses a cursor whose keys do not cast', async () => {
    const run = (after: string[]) =>
      runSearch(t.deps.db, { source, filters: sql`true`, match: null, order: orders.cheap, ranked: false, limit: 5, after });
    await expect(run(['99999999999', '1'])).rejects.toMatchObject({
      code: 'validation.failed',
      fields: { cursor: 'search.cursor_invalid' },
    });
  });
});
