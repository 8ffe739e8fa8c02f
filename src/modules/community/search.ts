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
import { SKILL_MAX_CHARS, type TopicSort, type TopicType } from './rules.ts';

/**
 * Listing and searching visible topics (or questions) through the shared engine (platform/search), as works and
 * contests are: full text on `search_vector` with Arabic forms, synonyms and typo corrections; the section, skill and
 * "unanswered" filters; three sorts, each walked in its own partial index (schema.ts), a keyset page at a time.
 */

export interface TopicQuery {
  type: TopicType;
  q?: string;
  sectionId?: number;
  skill?: string;
  /** Questions without any answer yet. */
  unanswered?: boolean;
  sort: TopicSort;
  limit: number;
  cursor?: string;
}

export interface TopicHit {
  id: number;
  type: string;
  sectionId: number | null;
  authorId: number;
  title: string;
  skills: string[];
  votesCount: number;
  commentsCount: number;
  answersCount: number;
  acceptedCommentId: number | null;
  lockedAt: Date | null;
  pinnedAt: Date | null;
  lastActivityAt: Date;
  createdAt: Date;
}

const HIT_COLUMNS = sql`t.id, t.type, t.section_id AS "sectionId", t.author_id AS "authorId", t.title, t.skills,
  t.votes_count AS "votesCount", t.comments_count AS "commentsCount", t.answers_count AS "answersCount",
  t.accepted_comment_id AS "acceptedCommentId", t.locked_at AS "lockedAt", t.pinned_at AS "pinnedAt",
  t.last_activity_at AS "lastActivityAt", t.created_at AS "createdAt"`;

type Raw = Record<keyof TopicHit, unknown>;
const date = (v: unknown) => (v === null ? null : new Date(v as string));

function toHit(r: Raw): TopicHit {
  return {
    id: Number(r.id),
    type: String(r.type),
    sectionId: r.sectionId === null ? null : Number(r.sectionId),
    authorId: Number(r.authorId),
    title: String(r.title),
    skills: (typeof r.skills === 'string' ? JSON.parse(r.skills) : r.skills) as string[],
    votesCount: Number(r.votesCount),
    commentsCount: Number(r.commentsCount),
    answersCount: Number(r.answersCount),
    acceptedCommentId: r.acceptedCommentId === null ? null : Number(r.acceptedCommentId),
    lockedAt: date(r.lockedAt),
    pinnedAt: date(r.pinnedAt),
    lastActivityAt: new Date(r.lastActivityAt as string),
    createdAt: new Date(r.createdAt as string),
  };
}

const CREATED = { expr: sql`t.created_at`, type: 'date' } as const;
const ID = { expr: sql`t.id`, type: 'int' } as const;
/** Each sort's keys, all descending, as its index (schema.ts) orders them. */
const ORDERS: Record<TopicSort, Order> = {
  active: { keys: [{ expr: sql`t.last_activity_at`, type: 'date' }, ID], desc: true },
  newest: { keys: [CREATED, ID], desc: true },
  votes: { keys: [{ expr: sql`t.votes_count`, type: 'int' }, CREATED, ID], desc: true },
};

const sourceOf = (type: TopicType) => ({
  from: sql`community_topics t`,
  id: sql`t.id`,
  columns: HIT_COLUMNS,
  scope: sql`t.status = 'visible' AND t.type = ${type}`,
});

function matchOf(words: string[], join: '&' | '|', syn: SynonymIndex): SQL {
  return sql`t.search_vector @@ (to_tsquery('arabic', ${tsqueryText(words, join, true, syn)}) || to_tsquery('english', ${tsqueryText(words, join, false, syn)}))`;
}

function filtersOf(q: TopicQuery): SQL {
  const where: SQL[] = [sql`true`];
  if (q.sectionId !== undefined) where.push(Number.isSafeInteger(q.sectionId) ? sql`t.section_id = ${q.sectionId}` : sql`false`);
  if (q.unanswered) where.push(sql`t.answers_count = 0`);
  const skill = normalizeText(q.skill ?? '').slice(0, SKILL_MAX_CHARS);
  if (skill) where.push(sql`t.skill_keys @> ${JSON.stringify([skill])}::jsonb`);
  return sql.join(where, sql` AND `);
}

/** Visible topics of a type matching a query and filters, a page at a time. Any query string is safe. */
export async function searchTopics(db: DbOrTx, q: TopicQuery): Promise<ListPage<TopicHit>> {
  const limit = Math.min(100, Math.max(1, Math.trunc(q.limit) || 20));
  const order = ORDERS[q.sort] ?? ORDERS.active;
  const { mode, after } = decodeCursor(
    q.cursor,
    order.keys.map((k) => k.type),
  );
  const words = wordsOf(searchTerms(q.q));
  const base = { source: sourceOf(q.type), filters: filtersOf(q), order, ranked: false, limit };
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
