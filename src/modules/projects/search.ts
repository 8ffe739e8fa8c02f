import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/index.ts';
import { decodeCursor, encodeCursor, OFFSET_MAX, searchTerms, tsqueryText, WORD_SIMILARITY, wordsOf } from '../../platform/search.ts';
import { loadSynonyms, type SynonymIndex } from '../../platform/synonyms.ts';
import { normalizeText } from '../../platform/text.ts';

/**
 * Searching and listing open projects, the same way services are searched (catalog/search.ts):
 * full text on `search_vector` where every word must match (Arabic words with and without «ال» and with «ات»);
 * when that finds less than a page, the search widens (the cursor remembers it) to projects with any of the
 * words plus trigram matches on `search_text` (typos). Results follow the chosen sort.
 */

export const PROJECT_SORTS = ['newest', 'bids', 'budget'] as const;
export type ProjectSort = (typeof PROJECT_SORTS)[number];
/** "Posted within" choices, in days. */
export const POSTED_WITHIN = [1, 7, 30] as const;

const ANY_WORD_MAX = 500;
const TRIGRAM_MAX = 300;
/** Matches counted at most; past it the page says "more than". */
export const PROJECT_COUNT_MAX = 1000;

/** How many projects a search found: exact up to PROJECT_COUNT_MAX, `capped` past it. */
export interface ProjectTotal {
  n: number;
  capped: boolean;
}

export interface ProjectQuery {
  q?: string;
  /** Category ids (a top category with its subcategories); an empty list matches nothing. */
  categoryIds?: number[];
  /** Projects whose budget range reaches at least / at most these amounts. */
  minBudgetCents?: number;
  maxBudgetCents?: number;
  /** One skill, compared as search text is (case, hamza, ta marbuta…). */
  skill?: string;
  /** Published within this many days of `now`. */
  postedWithinDays?: number;
  now: Date;
  sort: ProjectSort;
  limit: number;
  cursor?: string;
}

export interface ProjectHit {
  id: number;
  ownerId: number;
  title: string;
  categoryId: number | null;
  skills: string[];
  budgetMinCents: number;
  budgetMaxCents: number;
  expectedDays: number;
  bidsCount: number;
  bidsSumCents: number;
  publishedAt: Date | null;
}

const HIT_COLUMNS = sql`p.id, p.owner_id AS "ownerId", p.title, p.category_id AS "categoryId", p.skills,
  p.budget_min_cents AS "budgetMinCents", p.budget_max_cents AS "budgetMaxCents", p.expected_days AS "expectedDays",
  p.bids_count AS "bidsCount", p.bids_sum_cents AS "bidsSumCents", p.published_at AS "publishedAt"`;

type Raw = Record<keyof ProjectHit, unknown>;

function toHit(r: Raw): ProjectHit {
  return {
    id: Number(r.id),
    ownerId: Number(r.ownerId),
    title: String(r.title),
    categoryId: r.categoryId === null ? null : Number(r.categoryId),
    skills: typeof r.skills === 'string' ? (JSON.parse(r.skills) as string[]) : (r.skills as string[]),
    budgetMinCents: Number(r.budgetMinCents),
    budgetMaxCents: Number(r.budgetMaxCents),
    expectedDays: Number(r.expectedDays),
    bidsCount: Number(r.bidsCount),
    bidsSumCents: Number(r.bidsSumCents),
    publishedAt: r.publishedAt === null ? null : new Date(r.publishedAt as string),
  };
}

async function rows(tx: DbOrTx, q: SQL): Promise<ProjectHit[]> {
  const r = (await tx.execute(q)) as unknown as { rows: Raw[] };
  return r.rows.map(toHit);
}

function orderBy(sort: ProjectSort): SQL {
  switch (sort) {
    case 'bids':
      return sql`p.bids_count ASC, p.published_at DESC, p.id DESC`;
    case 'budget':
      return sql`p.budget_max_cents DESC, p.budget_min_cents DESC, p.published_at DESC, p.id DESC`;
    default:
      return sql`p.published_at DESC, p.id DESC`;
  }
}

const int = (n: number | undefined, min: number, max: number) =>
  n !== undefined && Number.isFinite(n) ? Math.min(max, Math.max(min, Math.trunc(n))) : undefined;

function filtersOf(q: ProjectQuery): SQL {
  const where: SQL[] = [sql`p.status = 'open'`];
  if (q.categoryIds) {
    const ids = q.categoryIds.filter((n) => Number.isSafeInteger(n) && n > 0 && n <= 2_147_483_647);
    where.push(
      ids.length
        ? sql`p.category_id IN (${sql.join(
            ids.map((id) => sql`${id}`),
            sql`, `,
          )})`
        : sql`false`,
    );
  }
  const min = int(q.minBudgetCents, 0, 1e9);
  const max = int(q.maxBudgetCents, 0, 1e9);
  if (min) where.push(sql`p.budget_max_cents >= ${min}`);
  if (max !== undefined) where.push(sql`p.budget_min_cents <= ${max}`);
  const skill = normalizeText(q.skill ?? '').slice(0, 30);
  if (skill) {
    where.push(
      sql`EXISTS (SELECT 1 FROM jsonb_array_elements_text(p.skills) AS k(s) WHERE translate(lower(k.s), 'أإآٱىة', 'ااااية') = ${skill})`,
    );
  }
  const days = int(q.postedWithinDays, 1, 3650);
  if (days !== undefined) where.push(sql`p.published_at >= ${new Date(q.now.getTime() - days * 86_400_000)}`);
  return sql.join(where, sql` AND `);
}

/** Open projects matching a query and filters, a page at a time. Any query string is safe. */
export async function searchProjects(
  db: DbOrTx,
  q: ProjectQuery,
): Promise<{ items: ProjectHit[]; nextCursor: string | null; total: ProjectTotal }> {
  const limit = int(q.limit, 1, 100) ?? 20;
  const { offset, mode } = decodeCursor(q.cursor);
  const text = searchTerms(q.q);
  const words = wordsOf(text);
  const filters = filtersOf(q);
  const order = orderBy(q.sort);
  // The count: what this page shows when it is the last one; otherwise counted (capped), or the widened candidates'.
  const page = async (found: ProjectHit[], m: 'e' | 'w', end: number, count: SQL | number) => {
    const more = found.length > limit && offset + limit < Math.min(end, OFFSET_MAX);
    const items = found.slice(0, limit);
    const total: ProjectTotal = !more
      ? { n: offset + items.length, capped: false }
      : typeof count === 'number'
        ? { n: Math.min(count, PROJECT_COUNT_MAX), capped: count > PROJECT_COUNT_MAX }
        : await countOf(db, count);
    return { items, nextCursor: more ? encodeCursor(offset + limit, m) : null, total };
  };
  if (words.length === 0) {
    return page(
      await rows(db, sql`SELECT ${HIT_COLUMNS} FROM projects p WHERE ${filters} ORDER BY ${order} LIMIT ${limit + 1} OFFSET ${offset}`),
      'e',
      OFFSET_MAX,
      filters,
    );
  }
  const syn = await loadSynonyms(db);
  const exact = sql`(p.search_vector @@ to_tsquery('arabic', ${tsqueryText(words, '&', true, syn)})
    OR p.search_vector @@ to_tsquery('english', ${tsqueryText(words, '&', false, syn)}))`;
  const matching = sql`${filters} AND ${exact}`;
  if (mode === 'e') {
    const found = await rows(
      db,
      sql`SELECT ${HIT_COLUMNS} FROM projects p WHERE ${filters} AND ${exact} ORDER BY ${order} LIMIT ${limit + 1} OFFSET ${offset}`,
    );
    if (offset > 0 || found.length >= limit) return page(found, 'e', OFFSET_MAX, matching);
    const widened = await widen(db, { text, words, syn, filters, order, limit, offset, exact });
    return widened.hits.length > found.length
      ? page(widened.hits, 'w', ANY_WORD_MAX + TRIGRAM_MAX, widened.total)
      : page(found, 'e', OFFSET_MAX, matching);
  }
  const widened = await widen(db, { text, words, syn, filters, order, limit, offset, exact });
  return page(widened.hits, 'w', ANY_WORD_MAX + TRIGRAM_MAX, widened.total);
}

/** Projects matching `where`, counted up to PROJECT_COUNT_MAX (one more tells "more than"). */
async function countOf(db: DbOrTx, where: SQL): Promise<ProjectTotal> {
  const r = (await db.execute(
    sql`SELECT count(*)::int AS n FROM (SELECT 1 FROM projects p WHERE ${where} LIMIT ${PROJECT_COUNT_MAX + 1}) found`,
  )) as unknown as { rows: { n: number }[] };
  const n = Number(r.rows[0]?.n ?? 0);
  return n > PROJECT_COUNT_MAX ? { n: PROJECT_COUNT_MAX, capped: true } : { n, capped: false };
}

/** The widened search: the exact matches, projects with any of the words, and trigram matches (typos). */
async function widen(
  db: DbOrTx,
  o: { text: string; words: string[]; syn: SynonymIndex; filters: SQL; order: SQL; limit: number; offset: number; exact: SQL },
): Promise<{ hits: ProjectHit[]; total: number }> {
  const anyWord = sql`(p.search_vector @@ to_tsquery('arabic', ${tsqueryText(o.words, '|', true, o.syn)})
    OR p.search_vector @@ to_tsquery('english', ${tsqueryText(o.words, '|', false, o.syn)}))`;
  const trigram = (o.text.match(/[\p{L}\p{N}]/gu)?.length ?? 0) >= 3;
  const candidates = sql`(SELECT p.id FROM projects p WHERE ${o.filters} AND ${o.exact} LIMIT ${o.limit})
    UNION (SELECT p.id FROM projects p WHERE ${o.filters} AND ${anyWord} LIMIT ${ANY_WORD_MAX})
    ${trigram ? sql`UNION (SELECT p.id FROM projects p WHERE ${o.filters} AND ${o.text} <% p.search_text LIMIT ${TRIGRAM_MAX})` : sql``}`;
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT set_config('pg_trgm.word_similarity_threshold', ${String(WORD_SIMILARITY)}, true)`);
    // The candidates are few (≤ ANY_WORD_MAX + TRIGRAM_MAX + a page): their count comes with the page.
    const r = (await tx.execute(
      sql`SELECT ${HIT_COLUMNS}, count(*) OVER () AS total FROM projects p WHERE p.id IN (${candidates}) ORDER BY ${o.order} LIMIT ${o.limit + 1} OFFSET ${o.offset}`,
    )) as unknown as { rows: (Raw & { total: number | string })[] };
    return { hits: r.rows.map(toHit), total: Number(r.rows[0]?.total ?? 0) };
  });
}
