import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/index.ts';
import { invalid } from '../errors.ts';
import {
  estimateRows,
  exactRead,
  exprsOf,
  hydrate,
  keyset,
  type Order,
  orderOf,
  type Partition,
  query,
  type Row,
  rankedRead,
  type Source,
  sqlState,
  textsOf,
  type Walked,
  walk,
} from './reads.ts';

export type { Order, Partition, SortKey, Source } from './reads.ts';

/**
 * One search engine for every listing (services, projects, and the sections to come): a page of rows matching
 * filters and, when words were typed, a full-text condition, in a chosen order, a keyset page at a time.
 *
 * Why this shape (issue 15, measured at 1,000,000 services on PostgreSQL): left to itself, the planner guesses
 * a rare word's matches from its statistics and, seeing `ORDER BY … LIMIT 25`, walks the order's index checking
 * every row's text, which for a word with no match reads the whole table (19 s); through the text index the same
 * query takes a millisecond. A common word is the other way round: its entries in the text index are long (231,000
 * rows for «تصميم» and its spellings: 100–140 ms to read them before a single row is fetched), while a walk in the
 * order's index finds a page of its matches within a few hundred rows. So the engine decides, from the planner's
 * estimates (of the filters alone, of each required word alone: how long its index entries are, and of the whole),
 * and bounds every read (`BOUNDS`):
 * 1. Few rows under the filters (≤ filterFirst): read through the filters' indexes, the text checked on each.
 * 2. Rare words (the rarest required word < commonFrom, at most exactMax matches expected): the matches through the
 *    text index only (bitmap scans; index walks and sequential scans off for that statement), at most exactMax + 1,
 *    sorted: the exact answer and count. Relevance ranks them when they are at most rankedMax.
 * 3. Otherwise a walk in the order's index — each category's index, merged, when the search keeps categories (prices
 *    and dates differ by category, so the global order could run through other categories first) — reading at most
 *    walkMax rows and checking filters and text on each; a price or rating bound seeks into the index. Relevance
 *    ranks the first rankedWalk matches of a newest-first walk: a bounded candidate set.
 * 4. A walk that spends its budget before a page (common words, rare under these filters) returns what it found,
 *    in order, with a cursor that continues the walk (the page may be short, or an empty stretch).
 * 5. Without words: a bounded walk when many rows pass the filters, the planner's plan when few do.
 * Counts: exact when the read saw every match; past that, the planner's estimate ("about"), or "more than".
 */

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
  /**
   * The conditions the text condition requires all of (one per word of an all-words search): the text index answers
   * from the rarest one's entries, so that one's estimate tells whether the index is cheap. Default: `[match]`.
   */
  terms?: SQL[];
  order: Order;
  /** The first key is a rank read from each candidate's vector: the candidates are bounded by RANKED_MAX. */
  ranked: boolean;
  /** Where ranked candidates come from when the words are common (a walk in this order: the newest). */
  candidates?: Order;
  /** The values of a partition column the search keeps (the categories), for walks. */
  partition?: Partition | null;
  /** The filters on the order's first key (a price range under a price sort): a walk seeks to them in the index. */
  seek?: SQL;
  limit: number;
  /** The previous page's last keys (the cursor), or null for the first page. */
  after: string[] | null;
  /** Bounds other than the defaults (tests reach every path on a few rows with them). */
  bounds?: Partial<Bounds>;
}

/** Which read answered (for the benchmark and the tests). */
export type SearchPath = 'list' | 'exact' | 'walk' | 'partial' | 'ranked' | 'ranked-walk';

export interface SearchPage<T> {
  rows: T[];
  /** The keys of the page's last row when more follow (the next cursor's), else null. */
  next: string[] | null;
  total: Total;
  path: SearchPath;
  /**
   * Every required word is common as written (its text-index entries are long: commonFrom): no misspelling, so a
   * single such word is not widened to its corrections.
   */
  common?: boolean;
}

export interface Bounds {
  /** From this estimate of the words' matches (their text-index entries), a walk answers instead of the index. */
  commonFrom: number;
  /**
   * Matches read and sorted exactly at most. Each is a heap page read: ~15 µs at 1M services here, where the page
   * cache holds ~2 GB of the 4.5 GB database (a walk's row costs the same); every bound below keeps a search to a
   * few thousand such reads.
   */
  exactMax: number;
  /** Rows a walk reads at most (each a row, its filters and its vector: ~2 µs in shared buffers, ~15 µs past them). */
  walkMax: number;
  /** Candidates ranked by relevance at most. */
  rankedMax: number;
  /** Candidates a newest-first walk gives relevance at most (common words), and the rows that walk reads at most. */
  rankedWalk: number;
  rankedWalkMax: number;
  /** How long the text index may take when a walk found no candidate (ms, PostgreSQL); past it, no results. 0: none. */
  fallbackMs: number;
  /** Rows counted exactly at most by a listing without words; past it the planner's estimate is shown. */
  countMax: number;
  /** Up to this estimate of the rows passing the filters, they are read through their indexes (text checked on each). */
  filterFirst: number;
}

export const BOUNDS: Bounds = {
  commonFrom: 20_000,
  exactMax: 2_000,
  walkMax: 2_500,
  rankedMax: 250,
  rankedWalk: 100,
  rankedWalkMax: 1_500,
  fallbackMs: 30,
  countMax: 1_000,
  filterFirst: 1_500,
};

/** An estimate as people read it: two significant digits (153,874 → 150,000). */
function rounded(n: number): number {
  if (n < 100) return n;
  const unit = 10 ** (Math.floor(Math.log10(n)) - 1);
  return Math.round(n / unit) * unit;
}

const exact = (n: number): Total => ({ n, capped: false, estimated: false });
/** A total from what is known: at least `atLeast` rows, and the planner's estimate. */
function beyond(atLeast: number, estimate: number): Total {
  return estimate >= atLeast
    ? { n: rounded(estimate), capped: false, estimated: true }
    : { n: atLeast - 1, capped: true, estimated: false };
}

/** A cast of a tampered key that passed the cursor's checks (e.g. an out-of-range number) is invalid input too. */
const CAST_ERRORS = new Set(['22003', '22007', '22008', '22P02']);

export async function runSearch(db: DbOrTx, run: SearchRun): Promise<SearchPage<Row>> {
  try {
    return run.match ? await searchText(db, run, run.match) : await list(db, run);
  } catch (err) {
    if (run.after && CAST_ERRORS.has(sqlState(err) ?? '')) throw invalid({ cursor: 'search.cursor_invalid' });
    throw err;
  }
}

/** What an exact read of `where` needs from the run. */
const readOf = (run: SearchRun, where: SQL) => ({ source: run.source, where, order: run.order, after: run.after, limit: run.limit });

/** A walk that spent its budget: the matches it found (in order) and a cursor that continues the walk. */
async function partialPage(db: DbOrTx, run: SearchRun, walked: Walked, total: Total): Promise<SearchPage<Row>> {
  return { rows: await hydrate(db, run.source, walked.page), next: walked.last, total, path: 'partial' };
}

/** A page from rows with their keys (c0…): more than `limit` means there is a next page. */
async function pageFrom(db: DbOrTx, run: SearchRun, found: Row[], path: SearchPath, total: () => Promise<Total>): Promise<SearchPage<Row>> {
  const more = found.length > run.limit;
  const shown = found.slice(0, run.limit);
  const rows = await hydrate(db, run.source, shown);
  const n = run.after === null && !more ? exact(shown.length) : await total();
  return { rows, next: more ? textsOf(shown[shown.length - 1], run.order) : null, total: n, path };
}

async function list(db: DbOrTx, run: SearchRun): Promise<SearchPage<Row>> {
  const { source, order } = run;
  const b = { ...BOUNDS, ...run.bounds };
  const where = sql`${source.scope} AND ${run.filters}`;
  const exprs = exprsOf(order);
  const filtered = await estimateRows(db, source, where);
  if (filtered > b.filterFirst) {
    // Many rows pass the filters (as estimated): a bounded walk in the order's index, checking them on each row.
    const check = run.filters;
    const walked = await walk(
      db,
      { source, check, seek: run.seek ?? sql`true`, order, partition: run.partition ?? null },
      run.after,
      b.walkMax,
      run.limit + 1,
    );
    const total = async () => beyond(walked.page.length, filtered);
    if (!walked.budgetSpent) return pageFrom(db, run, walked.page, 'list', total);
    return partialPage(db, run, walked, await total());
  }
  // Few: the planner reads them through the filters' indexes and sorts them.
  const found = await query(
    db,
    sql`SELECT ${source.id} AS id, ${sql.join(
      exprs.map((e, i) => sql`(${e})::text AS ${sql.raw(`c${i}`)}`),
      sql`, `,
    )} FROM ${source.from} WHERE ${where} AND ${keyset(exprs, order, run.after)} ORDER BY ${orderOf(exprs, order)} LIMIT ${run.limit + 1}`,
  );
  return pageFrom(db, run, found, 'list', async () => {
    const [c] = await query<{ n: number | string }>(
      db,
      sql`SELECT count(*)::int AS n FROM (SELECT 1 FROM ${source.from} WHERE ${where} LIMIT ${b.countMax + 1}) found`,
    );
    const n = Number(c?.n ?? 0);
    return n <= b.countMax ? exact(n) : beyond(b.countMax + 1, filtered);
  });
}

async function searchText(db: DbOrTx, run: SearchRun, match: SQL): Promise<SearchPage<Row>> {
  const words = { common: false };
  const page = await readText(db, run, match, words);
  return { ...page, common: words.common };
}

async function readText(db: DbOrTx, run: SearchRun, match: SQL, words: { common: boolean }): Promise<SearchPage<Row>> {
  const { source } = run;
  const b = { ...BOUNDS, ...run.bounds };
  const where = sql`${source.scope} AND ${run.filters} AND ${match}`;
  const check = sql`${run.filters} AND ${match}`;
  const partition = run.partition ?? null;
  const seek = run.seek ?? sql`true`;
  // Few rows pass the filters (as estimated): read them through the filters' indexes, checking the text on each.
  if ((await estimateRows(db, source, sql`${source.scope} AND ${run.filters}`)) <= b.filterFirst) {
    const through = sql`${source.scope} AND ${run.filters} AND (${match}) IS TRUE`;
    if (run.ranked) {
      const read = await candidatesRead(db, run, through, b.rankedMax, { through: 'filters' });
      if (read && read.found <= b.rankedMax) return rankedPage(db, run, read);
    } else {
      const read = await exactRead(db, readOf(run, through), b.exactMax, { through: 'filters' });
      if (read && read.found <= b.exactMax) return pageFrom(db, run, read.page, 'exact', async () => exact(read.found));
    }
  }
  // The rarest required term's estimate: how long the entries are that the text index would read.
  let fewest = Number.POSITIVE_INFINITY;
  for (const term of run.terms?.length ? run.terms : [match]) {
    fewest = Math.min(fewest, await estimateRows(db, source, sql`${source.scope} AND ${term}`));
    if (fewest < b.commonFrom) break;
  }
  let estimated: number | null = null;
  const estimate = async () => {
    estimated ??= await estimateRows(db, source, where);
    return estimated;
  };
  words.common = fewest >= b.commonFrom;
  // Common: the text index's entries are long, or more matches are expected than the exact read would take.
  const common = words.common || (await estimate()) > b.exactMax;

  if (run.ranked) {
    if (!common) {
      // Every match read (at most exactMax), the newest rankedMax of them ranked: the candidates a newest-first
      // walk would give, found without walking past rows that do not match.
      const read = await candidatesRead(db, run, where, b.exactMax, {}, b.rankedMax);
      if (read && read.found <= b.exactMax) return rankedPage(db, run, read);
    }
    const walked = await walk(
      db,
      { source, check, seek: sql`true`, order: run.candidates ?? run.order, partition },
      null,
      b.rankedWalkMax,
      b.rankedWalk + 1,
    );
    if (walked.page.length === 0 && walked.budgetSpent) return rankedFromIndex(db, run, where, b, estimate);
    const candidates = walked.page.slice(0, b.rankedWalk).map((r) => Number(r.id));
    const read = await rankedRead(db, { source, order: run.order, after: run.after, limit: run.limit }, candidates);
    // Every match was a candidate: the walk went through all rows without finding more than it keeps.
    const all = !walked.budgetSpent && walked.page.length <= b.rankedWalk;
    return pageFrom(db, run, read.page, 'ranked-walk', async () => (all ? exact(read.found) : beyond(read.found, await estimate())));
  }

  if (!common) {
    const only = source.textFirst ? sql`(${source.scope} AND ${run.filters}) IS TRUE AND ${match}` : where;
    const read = await exactRead(db, readOf(run, only), b.exactMax);
    if (read && read.found <= b.exactMax) return pageFrom(db, run, read.page, 'exact', async () => exact(read.found));
  }
  const walked: Walked = await walk(db, { source, check, seek, order: run.order, partition }, run.after, b.walkMax, run.limit + 1);
  if (!walked.budgetSpent) return pageFrom(db, run, walked.page, 'walk', async () => beyond(b.exactMax + 1, await estimate()));
  // Common words, rare under these filters: what the walk found (in order: every match before its last row was read),
  // and a cursor that continues the walk — possibly an empty stretch. Reading every match instead would cost the
  // words' whole entries in the text index (100–140 ms for «تصميم» at 1M) and then each match's row.
  return partialPage(db, run, walked, beyond(b.exactMax + 1, await estimate()));
}

/**
 * Relevance when the newest-first walk found no candidate (common words, rare under these filters): the first
 * RANKED_MAX matches the text index gives, within `fallbackMs` — past it (the words' entries are long), none.
 */
async function rankedFromIndex(
  db: DbOrTx,
  run: SearchRun,
  where: SQL,
  b: Bounds,
  estimate: () => Promise<number>,
): Promise<SearchPage<Row>> {
  const read = b.fallbackMs > 0 ? await candidatesRead(db, run, where, b.rankedMax, { timeoutMs: b.fallbackMs }) : null;
  if (!read) return { rows: [], next: null, total: exact(0), path: 'ranked' };
  return rankedPage(db, run, read, async () => (read.found <= b.rankedMax ? exact(read.found) : beyond(b.rankedMax + 1, await estimate())));
}

/**
 * Ranked candidates: the matches of `where` (at most `max` read; `found` says whether there were more), the first
 * `keep` of them in the candidates' order (the newest), by id.
 */
async function candidatesRead(
  db: DbOrTx,
  run: SearchRun,
  where: SQL,
  max: number,
  opts: { timeoutMs?: number; through?: 'text' | 'filters' } = {},
  keep = max,
): Promise<{ ids: number[]; found: number } | null> {
  const order = run.candidates ?? run.order;
  const read = await exactRead(db, { source: run.source, where, order, after: null, limit: keep }, max, opts);
  return read && { ids: read.page.slice(0, keep).map((r) => Number(r.id)), found: read.found };
}

/** The page of a ranked set: the candidates ranked (their rank read from the source's rows), by default all of them. */
async function rankedPage(
  db: DbOrTx,
  run: SearchRun,
  read: { ids: number[]; found: number },
  total: () => Promise<Total> = async () => exact(read.found),
): Promise<SearchPage<Row>> {
  const ranked = await rankedRead(db, { source: run.source, order: run.order, after: run.after, limit: run.limit }, read.ids);
  return pageFrom(db, run, ranked.page, read.found <= read.ids.length ? 'ranked' : 'ranked-walk', total);
}
