import { eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/index.ts';
import type { Locale } from '../../../platform/i18n/index.ts';
import { users } from '../schema.ts';
import type { AccountsContext, UserRow } from './context.ts';
import { publicColumns } from './freelancers.ts';
import { type PublicView, publicView } from './user-views.ts';

/** What public pages and other modules read about users: public cards, contact details, levels. */
export function directoryService(ctx: AccountsContext) {
  const { db } = ctx;
  return {
    /** The level earned by a seller's record (orders recompute it), inside the caller's transaction. */
    async setSellerLevel(userId: number, level: string, tx: DbOrTx = db): Promise<void> {
      await tx.update(users).set({ sellerLevel: level }).where(eq(users.id, userId));
    },

    /** The buyer's level (orders recompute it from what was spent; staff give VIP), inside the caller's transaction. */
    async setBuyerLevel(userId: number, level: string, tx: DbOrTx = db): Promise<void> {
      await tx.update(users).set({ buyerLevel: level }).where(eq(users.id, userId));
    },

    async buyerLevelOf(userId: number, tx: DbOrTx = db): Promise<string> {
      const [u] = await tx.select({ level: users.buyerLevel }).from(users).where(eq(users.id, userId));
      return u?.level ?? 'new';
    },

    async sellerLevelOf(userId: number, tx: DbOrTx = db): Promise<string> {
      const [u] = await tx.select({ level: users.sellerLevel }).from(users).where(eq(users.id, userId));
      return u?.level ?? 'new';
    },

    /** Public cards of several users at once (service lists, seller cards). */
    async publicByIds(ids: number[]): Promise<Map<number, PublicView>> {
      if (ids.length === 0) return new Map();
      // Only the columns of the public view (not the password hash, TOTP secret…): the directory's own.
      const rows = await db
        .select(publicColumns)
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
  };
}
