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
import type { HelpTopic } from './rules.ts';

/**
 * Searching the published help articles through the shared engine (platform/search), as the other sections do: every
 * word must match the article's text in the Arabic or the English configuration, each Arabic word in its forms (with
 * and without «ال», «ات») and its synonyms, after the same normalisation (hamza forms, ta marbuta, alef maqsura);
 * nothing found widens to any of the words and the known words closest to them (typos: the `search_words` list,
 * which help_articles' trigger teaches). Ranked by relevance: the titles' words count most (weight A).
 * Without words: a topic's articles in their order.
 */

export interface HelpQuery {
  q?: string;
  topic?: HelpTopic;
  limit: number;
  cursor?: string;
  /** The time that decides what is published (the service's clock). */
  now: Date;
}

export interface HelpHit {
  id: number;
  slug: string;
  topic: string;
  position: number;
  titleAr: string;
  titleEn: string;
  bodyAr: string;
  bodyEn: string;
  publishAt: Date | null;
  updatedAt: Date;
}

const HIT_COLUMNS = sql`a.id, a.slug, a.topic, a.position, a.title_ar AS "titleAr", a.title_en AS "titleEn", a.body_ar AS "bodyAr",
  a.body_en AS "bodyEn", a.publish_at AS "publishAt", a.updated_at AS "updatedAt"`;

type Raw = Record<keyof HelpHit, unknown>;
const date = (v: unknown) => (v === null ? null : new Date(v as string));
function toHit(r: Raw): HelpHit {
  return {
    id: Number(r.id),
    slug: String(r.slug),
    topic: String(r.topic),
    position: Number(r.position),
    titleAr: String(r.titleAr),
    titleEn: String(r.titleEn),
    bodyAr: String(r.bodyAr),
    bodyEn: String(r.bodyEn),
    publishAt: date(r.publishAt),
    updatedAt: date(r.updatedAt) as Date,
  };
}

const ID = { expr: sql`a.id`, type: 'int' } as const;
/** Without words: the topics' order of their articles (position, then the oldest first). */
const BY_POSITION: Order = { keys: [{ expr: sql`a.position`, type: 'int' }, ID], desc: false };
/** Ranked candidates come newest first. */
const NEWEST: Order = { keys: [{ expr: sql`a.publish_at`, type: 'date' }, ID], desc: true };
const byRank = (rank: SQL): Order => ({ keys: [{ expr: rank, type: 'float' }, ID], desc: true });
const RANK_TYPES = byRank(sql`0`).keys.map((k) => k.type);

/** What the public sees: published, and its time has come (a scheduled article is not searched before). */
const sourceOf = (now: Date) => ({
  from: sql`help_articles a`,
  id: sql`a.id`,
  columns: HIT_COLUMNS,
  scope: sql`a.status = 'published' AND a.publish_at <= ${now.toISOString()}::timestamptz`,
});

const query = (words: string[], join: '&' | '|', syn: SynonymIndex | undefined) =>
  sql`(to_tsquery('arabic', ${tsqueryText(words, join, true, syn)}) || to_tsquery('english', ${tsqueryText(words, join, false, syn)}))`;

function matchOf(words: string[], join: '&' | '|', syn: SynonymIndex): SQL {
  return sql`a.search_vector @@ ${query(words, join, syn)}`;
}

/** The rank: the words as typed fully, their synonyms a tenth; a title that holds the query's words comes first. */
function rankOf(words: string[], join: '&' | '|', syn: SynonymIndex): SQL {
  const typed = sql`ts_rank(a.search_vector, ${query(words, join, undefined)}, 1)`;
  const inTitle = sql`(${sql.join(
    words.map((w) => sql`(strpos(a.search_title, ${w}) > 0)::int`),
    sql` + `,
  )})::float8 / ${words.length} * 0.5`;
  return syn.size === 0
    ? sql`${typed} + ${inTitle}`
    : sql`${typed} + 0.1 * ts_rank(a.search_vector, ${query(words, join, syn)}, 1) + ${inTitle}`;
}

/** Published articles matching a query (and a topic), a page at a time. Any query string is safe. */
export async function searchHelp(db: DbOrTx, q: HelpQuery): Promise<ListPage<HelpHit>> {
  const limit = Math.min(100, Math.max(1, Math.trunc(q.limit) || 20));
  const words = wordsOf(searchTerms(q.q));
  const order = words.length ? byRank(sql`0`) : BY_POSITION;
  const { mode, after } = decodeCursor(q.cursor, words.length ? RANK_TYPES : order.keys.map((k) => k.type));
  const base = {
    source: sourceOf(q.now),
    filters: q.topic ? sql`a.topic = ${q.topic}` : sql`true`,
    candidates: NEWEST,
    limit,
  };
  const result = (page: SearchPage<Record<string, unknown>> | null, m: SearchMode) => listPage(page, m, (r) => toHit(r as Raw));
  if (words.length === 0) return result(await runSearch(db, { ...base, match: null, order: BY_POSITION, ranked: false, after }), 'e');
  const syn = await loadSynonyms(db);
  const exact = (from: string[] | null) => ({
    ...base,
    match: matchOf(words, '&', syn),
    terms: words.map((w) => matchOf([w], '&', syn)),
    order: byRank(rankOf(words, '&', syn)),
    ranked: true,
    after: from,
  });
  // A help search answers with the articles holding every word when there are any: widening to any of the words
  // (meant for typos) would list half the help centre under them. Nothing found: the shared search widens.
  if (mode === 'e') {
    const page = await runSearch(db, exact(after));
    if (page.rows.length > 0 || after !== null) return result(page, 'e');
  }
  const found = await searchWords(db, {
    words,
    synonyms: syn,
    cursor: { mode, after },
    limit,
    exact,
    widened: (all, from) => ({ ...base, match: matchOf(all, '|', syn), order: byRank(rankOf(all, '|', syn)), ranked: true, after: from }),
  });
  return result(found?.page ?? null, found?.mode ?? 'w');
}
