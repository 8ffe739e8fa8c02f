import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/index.ts';
import {
  decodeCursor,
  encodeCursor,
  OFFSET_MAX,
  type SearchMode,
  searchTerms,
  tsqueryText,
  WORD_SIMILARITY,
  wordsOf,
} from '../../platform/search.ts';
import { loadSynonyms, type SynonymIndex } from '../../platform/synonyms.ts';

/**
 * Searching and listing published services (DESIGN.md "Text, language and search").
 *
 * 1. Full text, through the GIN index on `search_vector`: every word of the query must match, in the Arabic
 *    or the English configuration. The Arabic stemmer is inconsistent («شعارات» → شعارا, «الشعارات» → شعار),
 *    so each Arabic word also asks for its forms with and without «ال» and with «ات»: every spelling of a word
 *    reaches the stems its other spellings get.
 * 2. When that finds less than a page, the search widens (the cursor remembers it): services matching any of
 *    the words, plus trigram matches (`<%`, word similarity ≥ 0.4) for typos («logo desgin», «wordpres»),
 *    ranked by the word similarity to the title. Trigram matching re-reads each candidate's whole search text,
 *    so it only runs in this second step, with a bounded number of candidates.
 * Ranking: both configurations' `ts_rank_cd` plus a bonus for the words found in the title. With more than
 * RANKED_MAX matches, relevance ranks the first RANKED_MAX found; the other sorts see every match.
 */

export const SORTS = ['relevance', 'newest', 'sales', 'rating', 'price', 'price_desc'] as const;
export type SearchSort = (typeof SORTS)[number];
export const SELLER_LEVELS = ['new', 'level1', 'level2', 'level3', 'expert'] as const;

/** Matches ranked by relevance at most (ranking reads each match's vector). */
export const RANKED_MAX = 1000;
/** Candidates of the widened search: services with any of the words, and trigram matches. */
const ANY_WORD_MAX = 500;
const TRIGRAM_MAX = 300;
/** The widened search gives up (keeping the exact results) past this, on PostgreSQL. */
const WIDENED_TIMEOUT_MS = 800;

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
  /** How many services the search found: exact up to COUNT_MAX, `capped` past it ("more than 1000"). */
  total: { n: number; capped: boolean };
}

/** Matches counted at most (the count reads each match's index entry; past this the page says "more than"). */
export const COUNT_MAX = 1000;

const int = (n: number | undefined, min: number, max: number) =>
  n !== undefined && Number.isFinite(n) ? Math.min(max, Math.max(min, Math.trunc(n))) : undefined;

const HIT_COLUMNS = sql`s.id, s.seller_id AS "sellerId", s.title, s.category_id AS "categoryId", s.price_cents AS "priceCents",
  s.delivery_days AS "deliveryDays", s.image_ids AS "imageIds", s.orders_count AS "ordersCount", s.rating_sum AS "ratingSum",
  s.rating_count AS "ratingCount", s.published_at AS "publishedAt",
  (SELECT f.public_id FROM files f WHERE f.id = (s.image_ids ->> 0)::bigint) AS "imagePublicId"`;

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

async function rows(tx: DbOrTx, q: SQL): Promise<ServiceHit[]> {
  const r = (await tx.execute(q)) as unknown as { rows: RawHit[] };
  return r.rows.map(toHit);
}

/** Services matching `where`, counted up to COUNT_MAX (one more tells "more than"). */
async function countOf(db: DbOrTx, where: SQL): Promise<{ n: number; capped: boolean }> {
  const r = (await db.execute(
    sql`SELECT count(*)::int AS n FROM (SELECT 1 FROM services s WHERE ${where} LIMIT ${COUNT_MAX + 1}) found`,
  )) as unknown as { rows: { n: number }[] };
  const n = Number(r.rows[0]?.n ?? 0);
  return n > COUNT_MAX ? { n: COUNT_MAX, capped: true } : { n, capped: false };
}

const RATING = sql`CASE WHEN s.rating_count > 0 THEN s.rating_sum::float8 / s.rating_count END`;

function orderBy(sort: SearchSort, ranked: boolean): SQL {
  switch (sort) {
    // Published services always have `published_at`; `DESC` (nulls first) lets the index on it give the order.
    case 'newest':
      return sql`s.published_at DESC, s.id DESC`;
    case 'sales':
      return sql`s.orders_count DESC, s.published_at DESC, s.id DESC`;
    case 'rating':
      return sql`${RATING} DESC NULLS LAST, s.rating_count DESC, s.orders_count DESC, s.id DESC`;
    case 'price':
      return sql`s.price_cents ASC, s.id DESC`;
    case 'price_desc':
      return sql`s.price_cents DESC, s.id DESC`;
    default:
      // Relevance: the text rank when there is a query; without words, the newest first (the index gives it at once).
      return ranked ? sql`rank DESC, s.orders_count DESC, s.id DESC` : sql`s.published_at DESC, s.id DESC`;
  }
}

/** A category and its subcategories, as a list the planner can estimate (a subquery makes it guess, and scan). */
async function categoryIds(db: DbOrTx, id: number): Promise<number[]> {
  const r = (await db.execute(sql`SELECT c.id FROM categories c WHERE c.id = ${id} OR c.parent_id = ${id}`)) as unknown as {
    rows: { id: number }[];
  };
  return r.rows.map((x) => Number(x.id));
}

function filtersOf(query: SearchQuery, categories: number[] | null): SQL {
  const where: SQL[] = [sql`s.status = 'published'`];
  if (categories)
    where.push(
      sql`s.category_id IN (${sql.join(
        categories.map((c) => sql`${c}`),
        sql`, `,
      )})`,
    );
  const minPrice = int(query.minPriceCents, 0, 1e9);
  const maxPrice = int(query.maxPriceCents, 0, 1e9);
  if (minPrice) where.push(sql`s.price_cents >= ${minPrice}`);
  if (maxPrice !== undefined) where.push(sql`s.price_cents <= ${maxPrice}`);
  const maxDays = int(query.maxDays, 0, 1000);
  if (maxDays !== undefined) where.push(sql`s.delivery_days <= ${maxDays}`);
  const minRating = query.minRating !== undefined && Number.isFinite(query.minRating) ? Math.min(5, Math.max(0, query.minRating)) : 0;
  if (minRating > 0) where.push(sql`s.rating_count > 0 AND s.rating_sum >= ${minRating}::float8 * s.rating_count`);
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
  return sql.join(where, sql` AND `);
}

/** Published services matching a query and filters, a page at a time. Any query string is safe. */
export async function searchServices(db: DbOrTx, query: SearchQuery): Promise<SearchResult> {
  const limit = int(query.limit, 1, 100) ?? 24;
  const { offset, mode } = decodeCursor(query.cursor);
  const text = searchTerms(query.q);
  const words = wordsOf(text);
  const categoryId = int(query.categoryId, 0, 2_147_483_647);
  const categories = categoryId === undefined ? null : await categoryIds(db, categoryId);
  if (categories?.length === 0) return { items: [], nextCursor: null, total: { n: 0, capped: false } };
  const filters = filtersOf(query, categories);
  // The count: what this page shows when it is the last one; otherwise counted (exact matches), or the widened
  // candidates' number (`total`, read with the page).
  const page = async (found: ServiceHit[], m: SearchMode, end: number, count: SQL | number): Promise<SearchResult> => {
    const more = found.length > limit && offset + limit < Math.min(end, OFFSET_MAX);
    const items = found.slice(0, limit);
    const total = !more
      ? { n: offset + items.length, capped: false }
      : typeof count === 'number'
        ? { n: Math.min(count, COUNT_MAX), capped: count > COUNT_MAX }
        : await countOf(db, count);
    return { items, nextCursor: more ? encodeCursor(offset + limit, m) : null, total };
  };

  if (words.length === 0) {
    return page(
      await rows(
        db,
        sql`SELECT ${HIT_COLUMNS} FROM services s WHERE ${filters} ORDER BY ${orderBy(query.sort, false)} LIMIT ${limit + 1} OFFSET ${offset}`,
      ),
      'e',
      OFFSET_MAX,
      filters,
    );
  }
  const syn = await loadSynonyms(db);

  // The title, normalised as the search text is, for the title bonus (a word of the query found in the title).
  const title = sql`translate(lower(s.title), 'أإآٱىة', 'ااااية')`;
  const inTitle = sql`(${sql.join(
    words.map((w) => sql`(strpos(${title}, ${w}) > 0)::int`),
    sql` + `,
  )})::float8 / ${words.length} * 0.5`;
  const ranked = query.sort === 'relevance';

  if (mode === 'e') {
    const qa = sql`to_tsquery('arabic', ${tsqueryText(words, '&', true, syn)})`;
    const qe = sql`to_tsquery('english', ${tsqueryText(words, '&', false, syn)})`;
    const match = sql`(s.search_vector @@ ${qa} OR s.search_vector @@ ${qe})`;
    const exact = ranked
      ? await db.transaction(async (tx) => {
          // The LIMIT below tempts the planner into a scan in table (or listing index) order that stops after
          // RANKED_MAX matches; when matches are rarer than it guesses, that reads and decompresses most of the
          // table. The text index's bitmap is never much slower, so it is the only way left open.
          await tx.execute(sql`SELECT set_config('enable_seqscan', 'off', true), set_config('enable_indexscan', 'off', true)`);
          return rows(
            tx,
            sql`SELECT ${HIT_COLUMNS}, ${rankOf(words, '&', syn)} + ${inTitle} AS rank
              FROM (SELECT * FROM services s WHERE ${filters} AND ${match} LIMIT ${RANKED_MAX}) s
              ORDER BY ${orderBy('relevance', true)} LIMIT ${limit + 1} OFFSET ${offset}`,
          );
        })
      : await rows(
          db,
          sql`SELECT ${HIT_COLUMNS} FROM services s WHERE ${filters} AND ${match} ORDER BY ${orderBy(query.sort, false)} LIMIT ${limit + 1} OFFSET ${offset}`,
        );
    const matching = sql`${filters} AND ${match}`;
    if (offset > 0 || exact.length >= limit) return page(exact, 'e', ranked ? RANKED_MAX : OFFSET_MAX, matching);
    const widened = await widen(db, { text, words, syn, filters, inTitle, ranked, sort: query.sort, limit, offset, exact: match });
    // A widened search that gave up (too slow) leaves the exact results.
    return widened && widened.hits.length > exact.length
      ? page(widened.hits, 'w', ANY_WORD_MAX + TRIGRAM_MAX, widened.total)
      : page(exact, 'e', OFFSET_MAX, matching);
  }
  const exact = sql`(s.search_vector @@ to_tsquery('arabic', ${tsqueryText(words, '&', true, syn)}) OR s.search_vector @@ to_tsquery('english', ${tsqueryText(words, '&', false, syn)}))`;
  const widened = await widen(db, { text, words, syn, filters, inTitle, ranked, sort: query.sort, limit, offset, exact });
  return page(widened?.hits ?? [], 'w', ANY_WORD_MAX + TRIGRAM_MAX, widened?.total ?? 0);
}

/**
 * The widened search: the exact matches (fewer than a page), services with any of the words, and trigram matches;
 * null when it took too long.
 */
async function widen(
  db: DbOrTx,
  o: {
    text: string;
    words: string[];
    syn: SynonymIndex;
    filters: SQL;
    inTitle: SQL;
    ranked: boolean;
    sort: SearchSort;
    limit: number;
    offset: number;
    exact: SQL;
  },
): Promise<{ hits: ServiceHit[]; total: number } | null> {
  const qa = sql`to_tsquery('arabic', ${tsqueryText(o.words, '|', true, o.syn)})`;
  const qe = sql`to_tsquery('english', ${tsqueryText(o.words, '|', false, o.syn)})`;
  // Trigrams need 3 letters or digits (pg_trgm ignores the rest).
  const trigram = (o.text.match(/[\p{L}\p{N}]/gu)?.length ?? 0) >= 3;
  const candidates = sql`(SELECT s.id FROM services s WHERE ${o.filters} AND ${o.exact} LIMIT ${o.limit})
    UNION (SELECT s.id FROM services s WHERE ${o.filters} AND (s.search_vector @@ ${qa} OR s.search_vector @@ ${qe}) LIMIT ${ANY_WORD_MAX})
    ${trigram ? sql`UNION (SELECT s.id FROM services s WHERE ${o.filters} AND ${o.text} <% s.search_text LIMIT ${TRIGRAM_MAX})` : sql``}`;
  const rank = sql`${rankOf(o.words, '|', o.syn)} + ${o.inTitle}
    + word_similarity(${o.text}, left(s.search_text, 120))`;
  // The candidates are few (≤ ANY_WORD_MAX + TRIGRAM_MAX + a page): their count comes with the page.
  const statement = sql`SELECT ${HIT_COLUMNS}, count(*) OVER () AS total${o.ranked ? sql`, ${rank} AS rank` : sql``} FROM services s WHERE s.id IN (${candidates})
    ORDER BY ${orderBy(o.sort, o.ranked)} LIMIT ${o.limit + 1} OFFSET ${o.offset}`;
  try {
    return await db.transaction(async (tx) => {
      // `<%` reads its threshold from this setting; set_config(…, true) keeps both settings to this transaction.
      await tx.execute(
        sql`SELECT set_config('pg_trgm.word_similarity_threshold', ${String(WORD_SIMILARITY)}, true), set_config('statement_timeout', ${String(WIDENED_TIMEOUT_MS)}, true)`,
      );
      const r = (await tx.execute(statement)) as unknown as { rows: (RawHit & { total: number | string })[] };
      return { hits: r.rows.map(toHit), total: Number(r.rows[0]?.total ?? 0) };
    });
  } catch (err) {
    const code = (err as { code?: string; cause?: { code?: string } }).code ?? (err as { cause?: { code?: string } }).cause?.code;
    if (code === '57014') return null;
    throw err;
  }
}

/**
 * The text rank: the words as typed count fully, their synonyms a tenth, so the service that says «شعار» comes
 * before the one that says "logo" for «الشعار», while «لوجو» (a word no service writes) still ranks its matches.
 */
function rankOf(words: string[], join: '&' | '|', syn: SynonymIndex): SQL {
  const typed = sql`ts_rank_cd(s.search_vector, to_tsquery('arabic', ${tsqueryText(words, join, true)}), 1)
    + ts_rank_cd(s.search_vector, to_tsquery('english', ${tsqueryText(words, join, false)}), 1)`;
  if (syn.size === 0) return typed;
  return sql`${typed} + 0.1 * (ts_rank_cd(s.search_vector, to_tsquery('arabic', ${tsqueryText(words, join, true, syn)}), 1)
    + ts_rank_cd(s.search_vector, to_tsquery('english', ${tsqueryText(words, join, false, syn)}), 1))`;
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
