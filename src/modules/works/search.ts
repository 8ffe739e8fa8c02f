import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/index.ts';
import {
  decodeCursor,
  type ListPage,
  listPage,
  loadSynonyms,
  type Order,
  runSearch,
  type SearchMode,
  type SearchPage,
  type SynonymIndex,
  searchTerms,
  searchWords,
  tsqueryText,
  wordsOf,
} from '../../platform/search/index.ts';
import { normalizeText } from '../../platform/text.ts';
import { SKILL_MAX_CHARS } from './rules.ts';

/**
 * Searching and listing published works through the shared engine (platform/search/engine.ts), as projects and
 * contests are: full text on `search_vector` where every word must match (Arabic forms and synonyms), widened to any
 * of the words or their corrections when that finds less than a page; the category and skill filters; four sorts,
 * each walked in its own partial index (schema.ts), a keyset page at a time.
 */

export const WORK_SORTS = ['best', 'newest', 'views', 'likes'] as const;
export type WorkSort = (typeof WORK_SORTS)[number];

export interface WorkQuery {
  q?: string;
  /** Category ids (a top category with its subcategories); an empty list matches nothing. */
  categoryIds?: number[];
  /** One skill, compared as search text is (case, hamza, ta marbuta…). */
  skill?: string;
  /** One freelancer's works. */
  ownerId?: number;
  sort: WorkSort;
  limit: number;
  cursor?: string;
}

export interface WorkHit {
  id: number;
  ownerId: number;
  title: string;
  categoryId: number | null;
  skills: string[];
  imageIds: number[];
  orderId: number | null;
  likesCount: number;
  viewsCount: number;
  publishedAt: Date | null;
}

const HIT_COLUMNS = sql`w.id, w.owner_id AS "ownerId", w.title, w.category_id AS "categoryId", w.skills, w.image_ids AS "imageIds",
  w.order_id AS "orderId", w.likes_count AS "likesCount", w.views_count AS "viewsCount", w.published_at AS "publishedAt"`;

type Raw = Record<keyof WorkHit, unknown>;
const json = <T>(v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v) as T;

function toHit(r: Raw): WorkHit {
  return {
    id: Number(r.id),
    ownerId: Number(r.ownerId),
    title: String(r.title),
    categoryId: r.categoryId === null ? null : Number(r.categoryId),
    skills: json<string[]>(r.skills),
    imageIds: json<number[]>(r.imageIds),
    orderId: r.orderId === null ? null : Number(r.orderId),
    likesCount: Number(r.likesCount),
    viewsCount: Number(r.viewsCount),
    publishedAt: r.publishedAt === null ? null : new Date(r.publishedAt as string),
  };
}

const PUBLISHED = { expr: sql`w.published_at`, type: 'date' } as const;
const ID = { expr: sql`w.id`, type: 'int' } as const;
/** Each sort's keys, all descending, as its index (schema.ts) orders them. */
const ORDERS: Record<WorkSort, Order> = {
  best: { keys: [{ expr: sql`w.best_score`, type: 'int' }, PUBLISHED, ID], desc: true },
  newest: { keys: [PUBLISHED, ID], desc: true },
  views: { keys: [{ expr: sql`w.views_count`, type: 'int' }, PUBLISHED, ID], desc: true },
  likes: { keys: [{ expr: sql`w.likes_count`, type: 'int' }, PUBLISHED, ID], desc: true },
};

const SOURCE = { from: sql`works w`, id: sql`w.id`, columns: HIT_COLUMNS, scope: sql`w.status = 'published'` };

function matchOf(words: string[], join: '&' | '|', syn: SynonymIndex): SQL {
  return sql`w.search_vector @@ (to_tsquery('arabic', ${tsqueryText(words, join, true, syn)}) || to_tsquery('english', ${tsqueryText(words, join, false, syn)}))`;
}

const int = (n: number | undefined, min: number, max: number) =>
  n !== undefined && Number.isFinite(n) ? Math.min(max, Math.max(min, Math.trunc(n))) : undefined;

/** The conditions on plain columns, within the source's scope (published works). */
function filtersOf(q: WorkQuery): SQL {
  const where: SQL[] = [sql`true`];
  if (q.categoryIds) {
    const ids = q.categoryIds.filter((n) => Number.isSafeInteger(n) && n > 0 && n <= 2_147_483_647);
    where.push(
      ids.length
        ? sql`w.category_id IN (${sql.join(
            ids.map((id) => sql`${id}`),
            sql`, `,
          )})`
        : sql`false`,
    );
  }
  if (q.ownerId !== undefined) where.push(Number.isSafeInteger(q.ownerId) ? sql`w.owner_id = ${q.ownerId}` : sql`false`);
  // The skill as the form saved it (normalised: skill_keys), through the GIN index.
  const skill = normalizeText(q.skill ?? '').slice(0, SKILL_MAX_CHARS);
  if (skill) where.push(sql`w.skill_keys @> ${JSON.stringify([skill])}::jsonb`);
  return sql.join(where, sql` AND `);
}

/** Published works matching a query and filters, a page at a time. Any query string is safe. */
export async function searchWorks(db: DbOrTx, q: WorkQuery): Promise<ListPage<WorkHit>> {
  const limit = int(q.limit, 1, 100) ?? 20;
  const order = ORDERS[q.sort] ?? ORDERS.best;
  const { mode, after } = decodeCursor(
    q.cursor,
    order.keys.map((k) => k.type),
  );
  const words = wordsOf(searchTerms(q.q));
  const base = { source: SOURCE, filters: filtersOf(q), order, ranked: false, limit };
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
