import { type AnyColumn, and, desc, eq, gte, isNotNull, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/index.ts';
import type { Presence } from '../../../platform/presence.ts';
import { decodeCursor, encodeCursor, type KeyType, searchTerms, wordsOf } from '../../../platform/search/index.ts';
import { users } from '../schema.ts';
import type { AccountsContext } from './context.ts';
import { type PublicView, publicView } from './user-views.ts';

/** The seller levels (RULES.md "Levels"), as the directory filters them. */
export const SELLER_LEVELS = ['new', 'level1', 'level2', 'level3', 'expert'] as const;
/** The directory's orders: best rated (the default), most jobs done, newest members. */
export const FREELANCER_SORTS = ['rating', 'jobs', 'newest'] as const;
export type FreelancerSort = (typeof FREELANCER_SORTS)[number];
export const FREELANCERS_PAGE_MAX = 100;
/** The online filter looks among at most this many people online now. */

export interface FreelancerQuery {
  /** Words of a name, a username or a skill (Arabic-aware: normalised, with or without «ال»). */
  q?: string;
  online?: boolean;
  verified?: boolean;
  /** 1–5: at least this average from buyers' reviews (so rated at all). */
  minRating?: number;
  level?: string;
  /** A skill, matched in the skills as normalised text. */
  skill?: string;
  /** An ISO 3166-1 alpha-2 code. */
  country?: string;
  sort?: FreelancerSort;
  limit?: number;
  /** The opaque keyset cursor of the previous page (`nextCursor`). */
  cursor?: string;
}

export type FreelancerCard = PublicView & { online: boolean };

/** The columns a public card is made of (never the password hash, TOTP secret, email…). */
export const publicColumns = {
  id: users.id,
  username: users.username,
  displayName: users.displayName,
  bio: users.bio,
  country: users.country,
  skills: users.skills,
  languages: users.languages,
  sellerLevel: users.sellerLevel,
  buyerLevel: users.buyerLevel,
  avatarPublicId: users.avatarPublicId,
  deactivatedAt: users.deactivatedAt,
  createdAt: users.createdAt,
  lastSeenAt: users.lastSeenAt,
  identityVerifiedAt: users.identityVerifiedAt,
  sellerJobs: users.sellerJobs,
  sellerRatingX100: users.sellerRatingX100,
  sellerReviews: users.sellerReviews,
  buyerRatingX100: users.buyerRatingX100,
  buyerReviews: users.buyerReviews,
};

/** Each sort's keys, all descending: the keyset of its index (users_listed_*_idx, walked backwards). */
const KEYS: Record<FreelancerSort, { cols: AnyColumn[]; types: KeyType[]; of: (r: PublicRow) => number[] }> = {
  rating: {
    cols: [users.sellerRatingX100, users.sellerReviews, users.id],
    types: ['int', 'int', 'int'],
    of: (r) => [r.sellerRatingX100, r.sellerReviews, r.id],
  },
  jobs: { cols: [users.sellerJobs, users.id], types: ['int', 'int'], of: (r) => [r.sellerJobs, r.id] },
  newest: { cols: [users.id], types: ['int'], of: (r) => [r.id] },
};
type PublicRow = { [K in keyof typeof publicColumns]: (typeof users.$inferSelect)[K] };

/** `%word%` for LIKE, its wildcards taken literally. */
const contains = (w: string) => `%${w.replace(/[%_\\]/g, '\\$&')}%`;
/** An Arabic word without its article: «المصمم» finds «مصمم» and «المصمم» alike (searched as a part of the text). */
const coreOf = (w: string) => (/^ال[\u0600-\u06FF]{2,}/.test(w) ? w.slice(2) : w);

/**
 * The freelancers directory (المستقلين): active accounts that name a skill, searched by name, username or skill in
 * the normalised `search_text` (trigram index), filtered on plain columns of the row (level, country, verified, the
 * rating the orders module keeps there) and on who is online now (presence: read first, a short list), in one of three
 * orders, a keyset page at a time (users_listed_*_idx). Each card says whether its person is online now: one read for
 * the page.
 */
export function freelancersService(ctx: AccountsContext, presence: Presence) {
  const { db } = ctx;

  async function freelancers(query: FreelancerQuery, tx: DbOrTx = db): Promise<{ items: FreelancerCard[]; nextCursor: string | null }> {
    const limit = Math.min(Math.max(Math.trunc(query.limit ?? 20), 1), FREELANCERS_PAGE_MAX);
    const sort: FreelancerSort = query.sort && FREELANCER_SORTS.includes(query.sort) ? query.sort : 'rating';
    const keys = KEYS[sort];
    const cursor = decodeCursor(query.cursor, keys.types);
    const conds: (SQL | undefined)[] = [sql`${users.listed}`];
    for (const word of wordsOf(searchTerms(query.q)).filter((w) => w.length > 1)) {
      conds.push(sql`${users.searchText} LIKE ${contains(coreOf(word))}`);
    }
    const skill = searchTerms(query.skill);
    if (skill) conds.push(sql`${users.searchText} LIKE ${contains(skill)}`);
    if (query.country) conds.push(eq(users.country, query.country.toUpperCase()));
    if (query.level) conds.push(eq(users.sellerLevel, query.level));
    if (query.verified) conds.push(isNotNull(users.identityVerifiedAt));
    if (query.minRating !== undefined && query.minRating > 0) {
      conds.push(gte(users.sellerRatingX100, Math.round(Math.min(query.minRating, 5) * 100)));
    }
    // Who is online now: a semi-join on the presence rows (and this instance's own streams), however many they are.
    if (query.online) conds.push(presence.onlineWhere(sql`${users.id}`));
    if (cursor.after) {
      conds.push(
        sql`(${sql.join(keys.cols, sql`, `)}) < (${sql.join(
          cursor.after.map((v) => sql`${Number(v)}`),
          sql`, `,
        )})`,
      );
    }
    const rows = await tx
      .select(publicColumns)
      .from(users)
      .where(and(...conds))
      .orderBy(...keys.cols.map((k) => desc(k)))
      .limit(limit + 1);
    const page = rows.slice(0, limit);
    const online = await presence.onlineIds(page.map((r) => r.id));
    const last = page[page.length - 1];
    return {
      items: page.map((r) => ({ ...publicView(r), online: online.has(r.id) })),
      nextCursor: rows.length > limit && last ? encodeCursor('e', keys.of(last).map(String)) : null,
    };
  }

  return {
    freelancers,

    /** Everyone online now (live streams on any instance), for filters that list people's content (services). */
    onlineUserIds: (limit = 5000): Promise<number[]> => presence.allOnline(limit),

    /** Whether these users are online now (cards, a profile). */
    onlineIds: (ids: number[]): Promise<Set<number>> => presence.onlineIds(ids),

    /**
     * Holds these people's records until the caller's transaction ends (their user rows, in id order so that two
     * callers never wait on each other in a circle): a recount made after it sees every review committed before, so
     * two reviews published at once both count.
     */
    async lockPersonRecords(userIds: number[], tx: DbOrTx): Promise<void> {
      const ids = [...new Set(userIds)].sort((a, b) => a - b);
      if (ids.length === 0) return;
      await tx.execute(sql`SELECT id FROM users WHERE id = ANY (${`{${ids.join(',')}}`}::int[]) ORDER BY id FOR NO KEY UPDATE`);
    },

    /**
     * The person's record, as the orders module recomputes it in the transaction that changed it (a completed
     * order, a published or removed review): what the directory filters and sorts on.
     */
    async setPersonStats(
      userId: number,
      s: { sellerJobs: number; sellerRatingX100: number; sellerReviews: number; buyerRatingX100: number; buyerReviews: number },
      tx: DbOrTx = db,
    ): Promise<void> {
      await tx.update(users).set(s).where(eq(users.id, userId));
    },
  };
}
