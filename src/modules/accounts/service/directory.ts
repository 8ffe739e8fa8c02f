import { and, desc, eq, gt, ilike, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/index.ts';
import type { Locale } from '../../../platform/i18n/index.ts';
import { normalizeText } from '../../../platform/text.ts';
import { users } from '../schema.ts';
import type { AccountsContext, UserRow } from './context.ts';
import { type PublicView, publicView } from './user-views.ts';

/** What public pages and other modules read about users: the directory, public cards, contact details, levels. */
export function directoryService(ctx: AccountsContext) {
  const { db, clock } = ctx;
  return {
    /** Users seen in the last 10 minutes (sessions refresh last-seen every 5), for the "online now" filters. */
    async onlineUserIds(limit = 5000): Promise<number[]> {
      const since = new Date(clock().getTime() - 10 * 60_000);
      const rows = await db
        .select({ id: users.id })
        .from(users)
        .where(and(gt(users.lastSeenAt, since), isNull(users.deactivatedAt)))
        .orderBy(desc(users.lastSeenAt))
        .limit(limit);
      return rows.map((r) => r.id);
    },

    /** The level earned by a seller's record (orders recompute it), inside the caller's transaction. */
    async setSellerLevel(userId: number, level: string, tx: DbOrTx = db): Promise<void> {
      await tx.update(users).set({ sellerLevel: level }).where(eq(users.id, userId));
    },

    async sellerLevelOf(userId: number, tx: DbOrTx = db): Promise<string> {
      const [u] = await tx.select({ level: users.sellerLevel }).from(users).where(eq(users.id, userId));
      return u?.level ?? 'new';
    },

    /** Public cards of several users at once (service lists, seller cards). */
    async publicByIds(ids: number[]): Promise<Map<number, PublicView>> {
      if (ids.length === 0) return new Map();
      // Only the columns of the public view (not the password hash, TOTP secret…); the same view as `publicView`.
      const rows = await db
        .select({
          id: users.id,
          username: users.username,
          displayName: users.displayName,
          bio: users.bio,
          country: users.country,
          skills: users.skills,
          languages: users.languages,
          sellerLevel: users.sellerLevel,
          avatarPublicId: users.avatarPublicId,
          deactivatedAt: users.deactivatedAt,
          createdAt: users.createdAt,
          lastSeenAt: users.lastSeenAt,
        })
        .from(users)
        .where(inArray(users.id, [...new Set(ids)]));
      return new Map(rows.map((u): [number, PublicView] => [u.id, publicView(u)]));
    },

    /** Where to write to a user, for other modules' mail (wallet, orders…). */
    async contactOf(userId: number, tx: DbOrTx = db): Promise<{ email: string; name: string; locale: Locale } | null> {
      const [u] = await tx
        .select({ email: users.email, name: users.displayName, locale: users.locale })
        .from(users)
        .where(eq(users.id, userId));
      return u ? { email: u.email, name: u.name, locale: u.locale as Locale } : null;
    },

    async byUsername(username: string): Promise<UserRow | null> {
      const [u] = await db.select().from(users).where(eq(users.username, username.toLowerCase()));
      return u ?? null;
    },

    /** The public directory of freelancers (المستقلين): active accounts with a filled-in profile. */
    async directory(q: { q?: string; country?: string; level?: string; skill?: string; limit?: number; cursor?: number }) {
      const limit = Math.min(Math.max(q.limit ?? 20, 1), 100);
      const conds = [isNull(users.deactivatedAt), sql`jsonb_array_length(${users.skills}) > 0`];
      const needle = normalizeText(q.q ?? '');
      if (needle) {
        for (const word of needle.split(' ').slice(0, 5)) conds.push(ilike(users.searchText, `%${word.replace(/[%_\\]/g, '\\$&')}%`));
      }
      if (q.country && /^[A-Za-z]{2}$/.test(q.country)) conds.push(eq(users.country, q.country.toUpperCase()));
      if (q.level) conds.push(eq(users.sellerLevel, q.level));
      if (q.skill) conds.push(sql`${users.skills} @> ${JSON.stringify([q.skill])}::jsonb`);
      if (q.cursor) conds.push(lt(users.id, q.cursor));
      const rows = await db
        .select()
        .from(users)
        .where(and(...conds))
        .orderBy(desc(users.id))
        .limit(limit + 1);
      const page = rows.slice(0, limit);
      return { items: page.map(publicView), nextCursor: rows.length > limit ? page[page.length - 1].id : null };
    },
  };
}
