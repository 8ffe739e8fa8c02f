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
  type Source,
  type SynonymIndex,
  searchTerms,
  searchWords,
  type Total,
  termsMatch,
  tsqueryText,
  wordsOf,
} from '../../platform/search/index.ts';

/**
 * Searching and listing published services (DESIGN.md "Text, language and search"), through the shared search
 * engine (platform/search/engine.ts: how each search is read, and why).
 *
 * 1. Full text: every word of the query must match a lexeme of the service's search text, in the Arabic or the
 *    English configuration (service_search.terms holds their hashes; `termsMatch`). The Arabic stemmer is inconsistent («شعارات» → شعارا, «الشعارات» → شعار), so each Arabic
 *    word also asks for its forms with and without «ال» and with «ات», and for its synonyms.
 * 2. When that finds less than a page, the search widens (the cursor remembers it): services matching any of
 *    the words or the known words closest to them (typos: «animtion», «logo desgin», «فديو»; platform/search/lexicon.ts).
 * Relevance: `ts_rank` on the service's `search_vector` (both configurations), a bonus for the words found in the title, and in the widened
 * search the title's trigram similarity to the query, over at most RANKED_MAX candidates. Other sorts see every match.
 */

export const SORTS = ['relevance', 'newest', 'sales', 'rating', 'price', 'price_desc'] as const;
export type SearchSort = (typeof SORTS)[number];
export const SELLER_LEVELS = ['new', 'level1', 'level2', 'level3', 'expert'] as const;

export interface SearchQuery {
  q?: string;
  /** A category id; a top category includes its subcategories. */
  categoryId?: number;
  minPriceCents?: number;
  maxPriceCents?: number;
  maxDays?: number;
  sellerLevel?: string;
  /** Only these sellers (e.g. those online now, as the accounts module reports them). */
  sellerIds?: number[];
  /** Only these services (e.g. the promoted ones, for the sponsored slots of a results page). */
  serviceIds?: number[];
  /**
   * The words as typed only: no widened search for typos and any of the words (the sponsored slots: a sponsored
   * service never shows for a search it does not match).
   */
  exact?: boolean;
  /** 0–5: services whose average rating is at least this (unrated ones are left out when > 0). */
  minRating?: number;
  sort: SearchSort;
  limit: number;
  cursor?: string;
}

export interface ServiceHit {
  id: number;
  sellerId: number;
  title: string;
  categoryId: number | null;
  priceCents: number;
  deliveryDays: number;
  imageIds: number[];
  /** The main image's public id (its address, `/files/{publicId}/thumb`), or null without images. */
  imagePublicId: string | null;
  ordersCount: number;
  ratingSum: number;
  ratingCount: number;
  publishedAt: Date | null;
}

export interface SearchResult {
  items: ServiceHit[];
  nextCursor: string | null;
  /** How many services the search found: exact, "more than" (`capped`) or "about" (`estimated`). */
  total: Total;
}

const int = (n: number | undefined, min: number, max: number) =>
  n !== undefined && Number.isFinite(n) ? Math.min(max, Math.max(min, Math.trunc(n))) : undefined;

const HIT_COLUMNS = sql`s.id, s.seller_id AS "sellerId", s.title, s.category_id AS "categoryId", s.price_cents AS "priceCents",
  s.delivery_days AS "deliveryDays", s.image_ids AS "imageIds", s.orders_count AS "ordersCount", s.rating_sum AS "ratingSum",
  s.rating_count AS "ratingCount", s.published_at AS "publishedAt",
  (SELECT f.public_id FROM files f WHERE f.id = (s.image_ids ->> 0)::bigint) AS "imagePublicId"`;

/**
 * Searches read `service_search` (the published services' filters, sort keys and word hashes: small rows that stay
 * in memory, catalog/schema.ts); the hits' columns and the relevance rank come from `services`.
 */
const SOURCE: Source = { from: sql`service_search s`, id: sql`s.id`, columns: HIT_COLUMNS, scope: sql`true`, rows: sql`services s` };

type RawHit = Omit<ServiceHit, 'publishedAt' | 'imageIds'> & { publishedAt: Date | string | null; imageIds: number[] | string };

function toHit(r: RawHit): ServiceHit {
  return {
    id: Number(r.id),
    sellerId: Number(r.sellerId),
    title: r.title,
    categoryId: r.categoryId === null ? null : Number(r.categoryId),
    priceCents: Number(r.priceCents),
    deliveryDays: Number(r.deliveryDays),
    imageIds: typeof r.imageIds === 'string' ? (JSON.parse(r.imageIds) as number[]) : r.imageIds,
    imagePublicId: r.imagePublicId ?? null,
    ordersCount: Number(r.ordersCount),
    ratingSum: Number(r.ratingSum),
    ratingCount: Number(r.ratingCount),
    publishedAt: r.publishedAt === null ? null : new Date(r.publishedAt),
  };
}

const PUBLISHED = sql`s.published_at`;
const ID = { expr: sql`s.id`, type: 'int' } as const;
/** The average rating, unrated last (-1): the expression of `service_search_rating_idx`. */
const RATING = sql`coalesce(s.rating_sum::float8 / nullif(s.rating_count, 0), -1)`;

/** Each sort's keys, as the indexes of service_search (schema.ts) order the published services. */
const ORDERS: Record<Exclude<SearchSort, 'relevance'>, Order> = {
  newest: { keys: [{ expr: PUBLISHED, type: 'date' }, ID], desc: true },
  sales: { keys: [{ expr: sql`s.orders_count`, type: 'int' }, { expr: PUBLISHED, type: 'date' }, ID], desc: true },
  rating: {
    keys: [{ expr: RATING, type: 'float' }, { expr: sql`s.rating_count`, type: 'int' }, { expr: sql`s.orders_count`, type: 'int' }, ID],
    desc: true,
  },
  price: { keys: [{ expr: sql`s.price_cents`, type: 'int' }, ID], desc: false },
  price_desc: { keys: [{ expr: sql`s.price_cents`, type: 'int' }, ID], desc: true },
};

/** Relevance: the rank, then the best-selling, then the newest id. */
const byRank = (rank: SQL): Order => ({
  keys: [{ expr: rank, type: 'float' }, { expr: sql`s.orders_count`, type: 'int' }, ID],
  desc: true,
});
const RANK_TYPES = byRank(sql`0`).keys.map((k) => k.type);

/** A category and its subcategories, as a list the planner can estimate (a subquery makes it guess, and scan). */
async function categoryIds(db: DbOrTx, id: number): Promise<number[]> {
  const r = (await db.execute(sql`SELECT c.id FROM categories c WHERE c.id = ${id} OR c.parent_id = ${id}`)) as unknown as {
    rows: { id: number }[];
  };
  return r.rows.map((x) => Number(x.id));
}

/**
 * The conditions on plain columns, and among them those on the sort's first key (`seek`: a price range under a
 * price sort, the minimum rating under the rating sort), where a walk in that order's index starts.
 */
function filtersOf(query: SearchQuery, categories: number[] | null): { filters: SQL; seek: SQL | undefined } {
  // Within the source's scope (published services).
  const where: SQL[] = [sql`true`];
  if (categories)
    where.push(
      sql`s.category_id IN (${sql.join(
        categories.map((c) => sql`${c}`),
        sql`, `,
      )})`,
    );
  const minPrice = int(query.minPriceCents, 0, 1e9);
  const maxPrice = int(query.maxPriceCents, 0, 1e9);
  const price: SQL[] = [];
  if (minPrice) price.push(sql`s.price_cents >= ${minPrice}`);
  if (maxPrice !== undefined) price.push(sql`s.price_cents <= ${maxPrice}`);
  where.push(...price);
  const maxDays = int(query.maxDays, 0, 1000);
  if (maxDays !== undefined) where.push(sql`s.delivery_days <= ${maxDays}`);
  const minRating = query.minRating !== undefined && Number.isFinite(query.minRating) ? Math.min(5, Math.max(0, query.minRating)) : 0;
  // As the rating order's index computes it (unrated: -1), so that index finds the rated services at once.
  const rating = minRating > 0 ? sql`${RATING} >= ${minRating}::float8` : null;
  if (rating) where.push(rating);
  if (query.sellerLevel && (SELLER_LEVELS as readonly string[]).includes(query.sellerLevel)) {
    // The seller's level belongs to the accounts module: read through its public column only (see the handover note).
    where.push(sql`s.seller_level = ${query.sellerLevel}`);
  }
  if (query.sellerIds) {
    const ids = query.sellerIds.filter((id) => Number.isSafeInteger(id) && id > 0).slice(0, 5000);
    where.push(
      ids.length
        ? sql`s.seller_id IN (${sql.join(
            ids.map((id) => sql`${id}`),
            sql`, `,
          )})`
        : sql`false`,
    );
  }
  if (query.serviceIds) {
    const ids = query.serviceIds.filter((id) => Number.isSafeInteger(id) && id > 0).slice(0, 1000);
    where.push(
      ids.length
        ? sql`s.id IN (${sql.join(
            ids.map((id) => sql`${id}`),
            sql`, `,
          )})`
        : sql`false`,
    );
  }
  const byPrice = query.sort === 'price' || query.sort === 'price_desc';
  const seek = byPrice && price.length ? sql.join(price, sql` AND `) : query.sort === 'rating' && rating ? rating : undefined;
  return { filters: sql.join(where, sql` AND `), seek };
}

/** The text condition on service_search's word hashes: each word (or any) in one of its spellings. */
function matchOf(words: string[], join: '&' | '|', syn: SynonymIndex): SQL {
  return termsMatch(sql`s.terms`, words, join, syn);
}

/** Published services matching a query and filters, a page at a time. Any query string is safe. */
export async function searchServices(db: DbOrTx, query: SearchQuery): Promise<SearchResult> {
  const limit = int(query.limit, 1, 100) ?? 24;
  const text = searchTerms(query.q);
  const words = wordsOf(text);
  const ranked = words.length > 0 && query.sort === 'relevance';
  const order = ORDERS[query.sort === 'relevance' ? 'newest' : query.sort] ?? ORDERS.newest;
  const { mode, after } = decodeCursor(query.cursor, ranked ? RANK_TYPES : order.keys.map((k) => k.type));
  const categoryId = int(query.categoryId, 0, 2_147_483_647);
  const categories = categoryId === undefined ? null : await categoryIds(db, categoryId);
  const result = (page: SearchPage<Record<string, unknown>> | null, m: SearchMode): SearchResult =>
    listPage(page, m, (r) => toHit(r as unknown as RawHit));
  if (categories?.length === 0) return result(null, 'e');
  const { filters, seek } = filtersOf(query, categories);
  const base = {
    source: SOURCE,
    filters,
    limit,
    candidates: ORDERS.newest,
    // Services are in leaf categories only: a top category's own id holds none (its walk would be an empty one).
    partition: categories
      ? { column: sql`s.category_id`, values: categories.length > 1 ? categories.filter((c) => c !== categoryId) : categories }
      : null,
    seek,
  };
  if (words.length === 0) return result(await runSearch(db, { ...base, match: null, order, ranked: false, after }), 'e');

  const syn = await loadSynonyms(db);
  if (query.exact) {
    const page = await runSearch(db, { ...base, match: matchOf(words, '&', syn), order, ranked: false, after });
    return result(page, 'e');
  }
  // The title, normalised as the search text is, for the title bonus (a word of the query found in the title).
  const title = sql`translate(lower(s.title), 'أإآٱىة', 'ااااية')`;
  const inTitle = sql`(${sql.join(
    words.map((w) => sql`(strpos(${title}, ${w}) > 0)::int`),
    sql` + `,
  )})::float8 / ${words.length} * 0.5`;
  const found = await searchWords(db, {
    words,
    synonyms: syn,
    cursor: { mode, after },
    limit,
    exact: (from) => ({
      ...base,
      match: matchOf(words, '&', syn),
      terms: words.map((w) => matchOf([w], '&', syn)),
      order: ranked ? byRank(sql`${rankOf(words, '&', syn)} + ${inTitle}`) : order,
      ranked,
      after: from,
    }),
    widened: (all, from) => ({
      ...base,
      match: matchOf(all, '|', syn),
      order: ranked ? byRank(sql`${rankOf(all, '|', syn)} + ${inTitle} + word_similarity(${text}, ${title})`) : order,
      ranked,
      after: from,
    }),
  });
  return result(found?.page ?? null, found?.mode ?? 'w');
}

/**
 * The text rank: the words as typed count fully, their synonyms a tenth, so the service that says «شعار» comes
 * before the one that says "logo" for «الشعار», while «لوجو» (a word no service writes) still ranks its matches.
 * `ts_rank` (word frequency), not `ts_rank_cd` (cover density): with a synonyms group's dozen spellings the cover
 * density took ~350 µs a candidate at 100k services, eight times the frequency rank.
 */
function rankOf(words: string[], join: '&' | '|', syn: SynonymIndex): SQL {
  const both = (s2: SynonymIndex | undefined) =>
    sql`(to_tsquery('arabic', ${tsqueryText(words, join, true, s2)}) || to_tsquery('english', ${tsqueryText(words, join, false, s2)}))`;
  const typed = sql`ts_rank(s.search_vector, ${both(undefined)}, 1)`;
  return syn.size === 0 ? typed : sql`${typed} + 0.1 * ts_rank(s.search_vector, ${both(syn)}, 1)`;
}

/** Other published services of a seller, the best-selling first. */
export async function relatedBySeller(db: DbOrTx, sellerId: number, exceptId: number, limit = 4): Promise<ServiceHit[]> {
  return rows(
    db,
    sql`SELECT ${HIT_COLUMNS} FROM services s
      WHERE s.seller_id = ${sellerId} AND s.status = 'published' AND s.id <> ${exceptId}
      ORDER BY s.orders_count DESC, s.published_at DESC NULLS LAST, s.id DESC
      LIMIT ${int(limit, 1, 24) ?? 4}`,
  );
}

async function rows(tx: DbOrTx, q: SQL): Promise<ServiceHit[]> {
  const r = (await tx.execute(q)) as unknown as { rows: RawHit[] };
  return r.rows.map(toHit);
}
