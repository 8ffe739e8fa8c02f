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
import { normalizeText } from '../../platform/text.ts';

/**
 * Searching and listing open projects, the same way services are searched (catalog/search.ts), through the
 * shared engine (platform/search/engine.ts): full text on `search_vector` where every word must match (Arabic
 * words with and without «ال» and with «ات», and synonyms); when that finds less than a page, the search widens
 * (the cursor remembers it) to projects with any of the words or the known words closest to them (typos).
 * Results follow the chosen sort, a keyset page at a time.
 */

export const PROJECT_SORTS = ['newest', 'bids', 'budget'] as const;
export type ProjectSort = (typeof PROJECT_SORTS)[number];
/** "Posted within" choices, in days. */
export const POSTED_WITHIN = [1, 7, 30] as const;

/** How many projects a search found: exact, "more than" (`capped`) or "about" (`estimated`). */
export type ProjectTotal = Total;

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

const PUBLISHED = { expr: sql`p.published_at`, type: 'date' } as const;
const ID = { expr: sql`p.id`, type: 'int' } as const;
/** Each sort's keys, all descending (fewest bids first is the bids count negated). */
const ORDERS: Record<ProjectSort, Order> = {
  newest: { keys: [PUBLISHED, ID], desc: true },
  bids: { keys: [{ expr: sql`(-p.bids_count)`, type: 'int' }, PUBLISHED, ID], desc: true },
  budget: {
    keys: [{ expr: sql`p.budget_max_cents`, type: 'int' }, { expr: sql`p.budget_min_cents`, type: 'int' }, PUBLISHED, ID],
    desc: true,
  },
};

const SOURCE = { from: sql`projects p`, id: sql`p.id`, columns: HIT_COLUMNS, scope: sql`p.status = 'open'` };

function matchOf(words: string[], join: '&' | '|', syn: SynonymIndex): SQL {
  return sql`p.search_vector @@ (to_tsquery('arabic', ${tsqueryText(words, join, true, syn)}) || to_tsquery('english', ${tsqueryText(words, join, false, syn)}))`;
}

const int = (n: number | undefined, min: number, max: number) =>
  n !== undefined && Number.isFinite(n) ? Math.min(max, Math.max(min, Math.trunc(n))) : undefined;

/** The conditions on plain columns, and the "posted within" bound as `seek` under the newest-first sort (a walk starts there). */
function filtersOf(q: ProjectQuery): { filters: SQL; seek: SQL | undefined } {
  // Within the source's scope (open projects).
  const where: SQL[] = [sql`true`];
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
  const posted = days === undefined ? undefined : sql`p.published_at >= ${new Date(q.now.getTime() - days * 86_400_000)}`;
  if (posted) where.push(posted);
  return { filters: sql.join(where, sql` AND `), seek: q.sort === 'newest' ? posted : undefined };
}

/** Open projects matching a query and filters, a page at a time. Any query string is safe. */
export async function searchProjects(
  db: DbOrTx,
  q: ProjectQuery,
): Promise<{ items: ProjectHit[]; nextCursor: string | null; total: ProjectTotal }> {
  const limit = int(q.limit, 1, 100) ?? 20;
  const order = ORDERS[q.sort] ?? ORDERS.newest;
  const { mode, after } = decodeCursor(
    q.cursor,
    order.keys.map((k) => k.type),
  );
  const text = searchTerms(q.q);
  const words = wordsOf(text);
  const base = { source: SOURCE, ...filtersOf(q), order, ranked: false, limit };
  const result = (page: SearchPage<Record<string, unknown>> | null, m: SearchMode) => listPage(page, m, (r) => toHit(r as Raw));
  if (words.length === 0) return result(await runSearch(db, { ...base, match: null, after }), 'e');
  const syn = await loadSynonyms(db);
  // The widened search; null when it would search what the exact one did (one word, no other spelling).
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
