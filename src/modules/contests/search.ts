import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/index.ts';
import {
  decodeCursor,
  listPage,
  loadSynonyms,
  type Order,
  runSearch,
  type SearchMode,
  type SearchPage,
  type SynonymIndex,
  searchTerms,
  searchWords,
  type Total,
  tsqueryText,
  wordsOf,
} from '../../platform/search/index.ts';
import { LISTED } from './rules.ts';

/**
 * Searching and listing contests, through the shared engine (platform/search/engine.ts) as projects are: full text
 * on `search_vector` where every word must match (Arabic forms and synonyms), widened to any of the words or their
 * corrections when that finds less than a page; filters (category, prize, status) and sorts, a keyset page at a time.
 */

export const CONTEST_SORTS = ['newest', 'ending', 'prize', 'entries'] as const;
export type ContestSort = (typeof CONTEST_SORTS)[number];
export const CONTEST_STATUSES = ['open', 'judging', 'finished'] as const;
export type ContestListStatus = (typeof CONTEST_STATUSES)[number];

export interface ContestQuery {
  q?: string;
  /** Category ids (a top category with its subcategories); an empty list matches nothing. */
  categoryIds?: number[];
  /** The whole prize at least / at most (cents). */
  minPrizeCents?: number;
  maxPrizeCents?: number;
  /** Open (default), judging (the deadline passed, winners not all paid) or finished. */
  status?: ContestListStatus;
  sort: ContestSort;
  limit: number;
  cursor?: string;
}

export interface ContestHit {
  id: number;
  ownerId: number;
  title: string;
  categoryId: number | null;
  status: string;
  prizesCents: number[];
  prizeTotalCents: number;
  blind: boolean;
  entriesCount: number;
  contestantsCount: number;
  endsAt: Date | null;
  publishedAt: Date | null;
}

const HIT_COLUMNS = sql`c.id, c.owner_id AS "ownerId", c.title, c.category_id AS "categoryId", c.status, c.prizes_cents AS "prizesCents",
  c.prize_total_cents AS "prizeTotalCents", c.blind, c.entries_count AS "entriesCount", c.contestants_count AS "contestantsCount",
  c.ends_at AS "endsAt", c.published_at AS "publishedAt"`;

type Raw = Record<keyof ContestHit, unknown>;
const date = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string));

function toHit(r: Raw): ContestHit {
  return {
    id: Number(r.id),
    ownerId: Number(r.ownerId),
    title: String(r.title),
    categoryId: r.categoryId === null ? null : Number(r.categoryId),
    status: String(r.status),
    prizesCents: (typeof r.prizesCents === 'string' ? JSON.parse(r.prizesCents) : r.prizesCents) as number[],
    prizeTotalCents: Number(r.prizeTotalCents),
    blind: r.blind === true || r.blind === 't',
    entriesCount: Number(r.entriesCount),
    contestantsCount: Number(r.contestantsCount),
    endsAt: date(r.endsAt),
    publishedAt: date(r.publishedAt),
  };
}

const ID_DESC = { expr: sql`c.id`, type: 'int' } as const;
/** Each sort's keys, all in one direction (one row comparison pages through them), the id last. */
const ORDERS: Record<ContestSort, Order> = {
  newest: { keys: [{ expr: sql`c.published_at`, type: 'date' }, ID_DESC], desc: true },
  ending: { keys: [{ expr: sql`c.ends_at`, type: 'date' }, ID_DESC], desc: false },
  prize: { keys: [{ expr: sql`c.prize_total_cents`, type: 'int' }, { expr: sql`c.published_at`, type: 'date' }, ID_DESC], desc: true },
  entries: { keys: [{ expr: sql`c.entries_count`, type: 'int' }, ID_DESC], desc: false },
};

const list = (xs: readonly string[]) =>
  sql.join(
    xs.map((x) => sql`${x}`),
    sql`, `,
  );
/**
 * The contests a listing shows: those of the status asked for (open by default). The status is the source's scope,
 * not a filter: a walk in a sort's index reads only those rows. Checked on every row instead, the ending sort read
 * the contests that had ended first (every judging and finished one: their deadlines are the earliest) and spent
 * its budget before the first open one — an empty page (measured at 10,000 contests: bench/contests.ts).
 */
const sourceOf = (status: ContestListStatus | undefined) => ({
  from: sql`contests c`,
  id: sql`c.id`,
  columns: HIT_COLUMNS,
  scope: sql`c.status IN (${list(LISTED[status ?? 'open'] ?? LISTED.open)})`,
  textFirst: true,
});

function matchOf(words: string[], join: '&' | '|', syn: SynonymIndex): SQL {
  return sql`c.search_vector @@ (to_tsquery('arabic', ${tsqueryText(words, join, true, syn)}) || to_tsquery('english', ${tsqueryText(words, join, false, syn)}))`;
}

const int = (n: number | undefined, min: number, max: number) =>
  n !== undefined && Number.isFinite(n) ? Math.min(max, Math.max(min, Math.trunc(n))) : undefined;

function filtersOf(q: ContestQuery): SQL {
  const where: SQL[] = [];
  if (q.categoryIds) {
    const ids = q.categoryIds.filter((n) => Number.isSafeInteger(n) && n > 0 && n <= 2_147_483_647);
    where.push(
      ids.length
        ? sql`c.category_id IN (${sql.join(
            ids.map((id) => sql`${id}`),
            sql`, `,
          )})`
        : sql`false`,
    );
  }
  const min = int(q.minPrizeCents, 0, 1e10);
  const max = int(q.maxPrizeCents, 0, 1e10);
  if (min) where.push(sql`c.prize_total_cents >= ${min}`);
  if (max !== undefined) where.push(sql`c.prize_total_cents <= ${max}`);
  return where.length ? sql.join(where, sql` AND `) : sql`true`;
}

/** Contests matching a query and filters, a page at a time. Any query string is safe. */
export async function searchContests(
  db: DbOrTx,
  q: ContestQuery,
): Promise<{ items: ContestHit[]; nextCursor: string | null; total: Total }> {
  const limit = int(q.limit, 1, 100) ?? 20;
  const order = ORDERS[q.sort] ?? ORDERS.newest;
  const { mode, after } = decodeCursor(
    q.cursor,
    order.keys.map((k) => k.type),
  );
  const words = wordsOf(searchTerms(q.q));
  const base = { source: sourceOf(q.status), filters: filtersOf(q), order, ranked: false, limit };
  const result = (page: SearchPage<Record<string, unknown>> | null, m: SearchMode) => listPage(page, m, (r) => toHit(r as Raw));
  if (words.length === 0) return result(await runSearch(db, { ...base, match: null, after }), 'e');
  const syn = await loadSynonyms(db);
  const found = await searchWords(db, {
    words,
    synonyms: syn,
    cursor: { mode, after },
    limit,
    exact: (from) => ({ ...base, match: matchOf(words, '&', syn), terms: words.map((w) => matchOf([w], '&', syn)), after: from }),
    widened: (all, from) => ({ ...base, match: matchOf(all, '|', syn), after: from }),
  });
  return result(found?.page ?? null, found?.mode ?? 'w');
}
