import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/index.ts';
import { invalid } from '../errors.ts';
import type { KeyType } from './cursor.ts';

/**
 * One search engine for every listing (services, projects, and the sections to come): a page of rows matching
 * filters and, when words were typed, a full-text condition, in a chosen order, a keyset page at a time.
 *
 * Why this shape (issue 15, measured at 1,000,000 services): PostgreSQL's planner guesses a rare word's matches
 * from its statistics and, seeing `ORDER BY … LIMIT 25`, walks the order's index and checks every row's text
 * vector, which for a word with no match reads the whole table (19 s). Through the text index the same query
 * takes a millisecond. A common word is the other way round: its matches are dense, the index walk finds a page
 * after a few hundred rows, and sorting all its matches (150,000 for «فيديو») is what is slow. So the engine
 * decides, not the planner:
 * 1. With words and a sort other than relevance, it asks the planner for its estimate of the matches. From
 *    DENSE_FROM it first walks the order's index (bitmap scans off) for QUICK_WALK rows of the scope, checking
 *    filters and text on each: with matches more than a few in a hundred, that finds the page in a few ms.
 * 2. Otherwise it reads the matches through the text index only (bitmap scans; index walks and sequential scans
 *    off for that statement), at most EXACT_MAX + 1 of them, and sorts them: the exact answer and count.
 * 3. More than EXACT_MAX matches (at least one in a hundred at 1M): the walk goes on, to WALK_MAX rows in all.
 *    If even that finds less than a page (common words, rare together under these filters), the page holds what
 *    the walk found and its cursor continues the walk. Every step is bounded; the count is the planner's estimate.
 * 4. Relevance ranks candidates read through the text index, at most RANKED_MAX of them (ranking reads each
 *    candidate's vector): "a bounded candidate set"; the count is exact up to it and estimated past it.
 * 5. Without words, the planner's choice is good (plain columns have good statistics): the order's index, with
 *    the filters checked on the way, or a filter's index and a sort.
 * Every order pages by keyset: the cursor holds the last row's keys, so each page costs what the first does.
 */

/** A key of an order: an expression of the source's row and how its value is typed. */
export interface SortKey {
  expr: SQL;
  type: KeyType;
}

/** An order: all keys in the same direction (one row comparison pages through it), the last one unique (the id). */
export interface Order {
  keys: SortKey[];
  desc: boolean;
}

/**
 * What is searched: the table with its alias (`services s`), its id column, the columns a hit carries, and the
 * scope: the rows any search may return (`s.status = 'published'`), the condition of the orders' partial indexes.
 */
export interface Source {
  from: SQL;
  id: SQL;
  columns: SQL;
  scope: SQL;
}

/** How many rows a search found: exact, "more than n" (`capped`), or "about n" (`estimated`). */
export interface Total {
  n: number;
  capped: boolean;
  estimated: boolean;
}

export interface SearchRun {
  source: Source;
  /** Conditions on plain columns (category, price…), within the source's scope. */
  filters: SQL;
  /** The text condition (`vector @@ tsquery`), or null for a listing without words. */
  match: SQL | null;
  order: Order;
  /** The first key is a rank read from each candidate's vector: the candidates are bounded by RANKED_MAX. */
  ranked: boolean;
  limit: number;
  /** The previous page's last keys (the cursor), or null for the first page. */
  after: string[] | null;
}

export interface SearchPage<T> {
  rows: T[];
  /** The keys of the page's last row when more follow (the next cursor's), else null. */
  next: string[] | null;
  total: Total;
}

/** Matches read and sorted exactly at most (through the text index, ~2.5 µs each at 1M rows). */
export const EXACT_MAX = 10_000;
/** From this estimated number of matches the engine may walk the order's index instead (see `dense`). */
export const DENSE_FROM = 10_000;
/**
 * Rows an index walk reads at most (each read is a row, its filters and its vector, ~5–10 µs at 1M rows). The walk
 * reads the scope in the order's index and checks filters and text on each row, so this bounds the rows read
 * (filtering inside the scan would bound only the rows that pass the filters: 29,000 read for 4,000 at 100k).
 */
export const WALK_MAX = 3_000;
/** The first, short walk when the planner expects many matches. */
export const QUICK_WALK = 600;
/** Candidates ranked by relevance at most. */
export const RANKED_MAX = 500;
/** Rows counted exactly at most by a listing without words; past it the planner's estimate is shown. */
export const COUNT_MAX = 1_000;

type Row = Record<string, unknown>;

async function query<R = Row>(db: DbOrTx, q: SQL): Promise<R[]> {
  return ((await db.execute(q)) as unknown as { rows: R[] }).rows;
}

/** Planner settings for this transaction only (set_config(…, true)). */
async function settings(tx: DbOrTx, pairs: Record<string, string>): Promise<void> {
  const list = Object.entries(pairs).map(([k, v]) => sql`set_config(${k}, ${v}, true)`);
  await tx.execute(sql`SELECT ${sql.join(list, sql`, `)}`);
}
/** Only the text index's bitmap may find rows. */
const BITMAP_ONLY = { enable_seqscan: 'off', enable_indexscan: 'off', enable_indexonlyscan: 'off', work_mem: '32MB' };
/** Only an index walk (in the order's index) may find rows. */
const WALK_ONLY = { enable_seqscan: 'off', enable_bitmapscan: 'off' };

const CAST: Record<KeyType, SQL> = { int: sql`::int`, float: sql`::float8`, date: sql`::timestamptz` };

/** `(k1, k2, …) < (v1, v2, …)` (or `>` ascending) over the given key expressions. */
function keyset(exprs: SQL[], order: Order, after: string[] | null): SQL {
  if (!after) return sql`true`;
  const values = after.map((v, i) => sql`${v}${CAST[order.keys[i].type]}`);
  return sql`(${sql.join(exprs, sql`, `)}) ${order.desc ? sql`<` : sql`>`} (${sql.join(values, sql`, `)})`;
}

const dir = (order: Order) => (order.desc ? sql` DESC` : sql` ASC`);
/** The order's keys as output columns k0, k1… (typed) for a set that is sorted after it is read. */
const keyColumns = (order: Order) =>
  sql.join(
    order.keys.map((k, i) => sql`${k.expr} AS ${sql.raw(`k${i}`)}`),
    sql`, `,
  );
const keyNames = (order: Order, prefix: string) => order.keys.map((_, i) => sql.raw(`${prefix}k${i}`));
const keyTexts = (order: Order, prefix: string) =>
  sql.join(
    order.keys.map((_, i) => sql.raw(`${prefix}k${i}::text AS c${i}`)),
    sql`, `,
  );
const orderOf = (exprs: SQL[], order: Order) =>
  sql.join(
    exprs.map((e) => sql`${e}${dir(order)}`),
    sql`, `,
  );
const textsOf = (r: Row, order: Order) => order.keys.map((_, i) => String(r[`c${i}`]));

/** The planner's estimate of the rows matching `where` (EXPLAIN plans the statement without running it). */
export async function estimateRows(db: DbOrTx, source: Source, where: SQL): Promise<number> {
  const [row] = await query<Row>(db, sql`EXPLAIN (FORMAT JSON) SELECT 1 FROM ${source.from} WHERE ${where}`);
  const value = row ? Object.values(row)[0] : null;
  const plan = (typeof value === 'string' ? JSON.parse(value) : value) as { Plan: { 'Plan Rows': number } }[] | null;
  return Math.max(0, Math.round(Number(plan?.[0]?.Plan?.['Plan Rows'] ?? 0)));
}

/** The scope's size as the planner knows it (its statistics), read once a minute. */
const scopeSizes = new Map<string, { n: number; at: number }>();
async function scopeSize(db: DbOrTx, source: Source): Promise<number> {
  const key = JSON.stringify(source.from) + JSON.stringify(source.scope);
  const known = scopeSizes.get(key);
  if (known && Date.now() - known.at < 60_000) return known.n;
  const n = await estimateRows(db, source, source.scope);
  scopeSizes.set(key, { n, at: Date.now() });
  return n;
}

/** An estimate as people read it: two significant digits (153,874 → 150,000). */
function rounded(n: number): number {
  if (n < 100) return n;
  const unit = 10 ** (Math.floor(Math.log10(n)) - 1);
  return Math.round(n / unit) * unit;
}

/** A total from what is known: more than `atLeast - 1` rows, and the planner's estimate. */
function beyond(atLeast: number, estimate: number): Total {
  return estimate >= atLeast
    ? { n: rounded(estimate), capped: false, estimated: true }
    : { n: atLeast - 1, capped: true, estimated: false };
}

/** The hit columns of the page's rows, in the page's order. */
async function hydrate(db: DbOrTx, source: Source, page: Row[]): Promise<Row[]> {
  if (page.length === 0) return [];
  const ids = page.map((r) => Number(r.id));
  const found = await query(
    db,
    sql`SELECT ${source.columns}, ${source.id} AS "__id" FROM ${source.from} WHERE ${source.id} IN (${sql.join(
      ids.map((id) => sql`${id}`),
      sql`, `,
    )})`,
  );
  const byId = new Map(found.map((r) => [Number(r.__id), r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    const { __id: _, ...rest } = r;
    return [rest];
  });
}

/** A cast of a tampered key that passed the cursor's checks (e.g. an out-of-range number) is invalid input too. */
function cursorCastError(err: unknown): boolean {
  const code = (err as { code?: string }).code ?? (err as { cause?: { code?: string } }).cause?.code;
  return code === '22003' || code === '22007' || code === '22008' || code === '22P02';
}

export async function runSearch(db: DbOrTx, run: SearchRun): Promise<SearchPage<Row>> {
  try {
    return await searchOnce(db, run);
  } catch (err) {
    if (run.after && cursorCastError(err)) throw invalid({ cursor: 'search.cursor_invalid' });
    throw err;
  }
}

async function searchOnce(db: DbOrTx, run: SearchRun): Promise<SearchPage<Row>> {
  const { source, order, limit } = run;
  const exprs = order.keys.map((k) => k.expr);
  const first = run.after === null;
  const inScope = sql`${source.scope} AND ${run.filters}`;
  const finish = async (page: Row[], total: () => Promise<Total>): Promise<SearchPage<Row>> => {
    const more = page.length > limit;
    const shown = page.slice(0, limit);
    const rows = await hydrate(db, source, shown);
    const n = first && !more ? { n: shown.length, capped: false, estimated: false } : await total();
    return { rows, next: more ? textsOf(shown[shown.length - 1], order) : null, total: n };
  };

  if (!run.match) {
    const page = await query(
      db,
      sql`SELECT ${source.id} AS id, ${sql.join(
        exprs.map((e, i) => sql`(${e})::text AS ${sql.raw(`c${i}`)}`),
        sql`, `,
      )} FROM ${source.from} WHERE ${inScope} AND ${keyset(exprs, order, run.after)} ORDER BY ${orderOf(exprs, order)} LIMIT ${limit + 1}`,
    );
    return finish(page, async () => {
      const [c] = await query<{ n: number | string }>(
        db,
        sql`SELECT count(*)::int AS n FROM (SELECT 1 FROM ${source.from} WHERE ${inScope} LIMIT ${COUNT_MAX + 1}) found`,
      );
      const n = Number(c?.n ?? 0);
      return n <= COUNT_MAX ? { n, capped: false, estimated: false } : beyond(COUNT_MAX + 1, await estimateRows(db, source, inScope));
    });
  }

  const where = sql`${inScope} AND ${run.match}`;
  if (run.ranked) {
    const { page, found } = await exactRead(db, run, RANKED_MAX);
    return finish(page, async () =>
      found <= RANKED_MAX ? { n: found, capped: false, estimated: false } : beyond(RANKED_MAX + 1, await estimateRows(db, source, where)),
    );
  }

  const estimate = await estimateRows(db, source, where);
  // Dense, as the planner sees it: a short walk (QUICK_WALK rows, a few ms) finds a page when the matches are
  // more than a few in a hundred. The planner multiplies the filters' and the words' shares as if unrelated, so a
  // walk that finds nothing costs only these few ms before the exact read.
  let walked: Walked | null = null;
  if (estimate >= DENSE_FROM) {
    walked = await walk(db, run, run.after, QUICK_WALK, limit + 1);
    if (!walked.budgetSpent) return finish(walked.page, async () => beyond(EXACT_MAX + 1, estimate));
  }
  const exact = await exactRead(db, run, EXACT_MAX);
  if (exact.found <= EXACT_MAX) return finish(exact.page, async () => ({ n: exact.found, capped: false, estimated: false }));
  // More than EXACT_MAX matches: at least one in a hundred at a million rows. The walk goes on (or starts).
  const known = walked?.page ?? [];
  const rest = await walk(db, run, walked ? walked.last : run.after, walked ? WALK_MAX - QUICK_WALK : WALK_MAX, limit + 1 - known.length);
  const page = [...known, ...rest.page];
  if (!rest.budgetSpent) return finish(page, async () => beyond(EXACT_MAX + 1, estimate));
  // Common words, rare together under these filters: what the walk found, and a cursor that continues the walk.
  const rows = await hydrate(db, source, page.slice(0, limit));
  return { rows, next: rest.last, total: beyond(EXACT_MAX + 1, estimate) };
}

/**
 * The matches read through the text index only, at most `max + 1`, sorted, and the page after the cursor;
 * `found` is how many were read (more than `max`: there are more than that).
 */
async function exactRead(db: DbOrTx, run: SearchRun, max: number): Promise<{ page: Row[]; found: number }> {
  const { source, order } = run;
  return db.transaction(async (tx) => {
    await settings(tx, { ...BITMAP_ONLY, extra_float_digits: '3' });
    const names = keyNames(order, 'm.');
    const pageNames = keyNames(order, 'p.');
    // One row at least (the count), joined with the page's rows, if any.
    const found = await query(
      tx,
      sql`WITH m AS MATERIALIZED (SELECT ${source.id} AS id, ${keyColumns(order)} FROM ${source.from}
          WHERE ${source.scope} AND ${run.filters} AND ${run.match} LIMIT ${max + 1}),
        p AS (SELECT m.* FROM m WHERE ${keyset(names, order, run.after)} ORDER BY ${orderOf(names, order)} LIMIT ${run.limit + 1})
        SELECT c.found, p.id, ${keyTexts(order, 'p.')} FROM (SELECT count(*)::int AS found FROM m) c
        LEFT JOIN p ON true ORDER BY ${orderOf(pageNames, order)}`,
    );
    const page = found.filter((r) => r.id !== null && r.id !== undefined);
    const count = Number(found[0]?.found ?? 0);
    return { page, found: count };
  });
}

interface Walked {
  /** The matches found, at most `need`. */
  page: Row[];
  /** The budget was spent before `need` matches were found; `last` holds the keys of the last row read. */
  budgetSpent: boolean;
  last: string[] | null;
}

/**
 * The order's index walked within the scope from `after`, reading at most `budget` rows and checking filters and
 * text on each, until `need` matches are found. Not `budgetSpent`: the matches were found, or there were no more rows.
 */
async function walk(db: DbOrTx, run: SearchRun, after: string[] | null, budget: number, need: number): Promise<Walked> {
  const { source, order } = run;
  const exprs = order.keys.map((k) => k.expr);
  return db.transaction(async (tx) => {
    await settings(tx, WALK_ONLY);
    const found = await query(
      tx,
      sql`SELECT x.id, x.hit, x.rn, ${keyTexts(order, 'x.')} FROM (
          SELECT w.*, row_number() OVER () AS rn FROM (
            SELECT ${source.id} AS id, ${keyColumns(order)}, (${run.filters} AND ${run.match}) AS hit FROM ${source.from}
            WHERE ${source.scope} AND ${keyset(exprs, order, after)} ORDER BY ${orderOf(exprs, order)} LIMIT ${budget}
          ) w
        ) x WHERE x.hit OR x.rn = ${budget} LIMIT ${need + 1}`,
    );
    const page = found.filter((r) => r.hit === true || r.hit === 't').slice(0, need);
    const tail = found.find((r) => Number(r.rn) === budget);
    const budgetSpent = tail !== undefined && page.length < need;
    return { page, budgetSpent, last: budgetSpent && tail ? textsOf(tail, order) : null };
  });
}
