import { bigint, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** What a favourite keeps of its item when it was saved, to tell later what changed (a service's price). */
export interface FavoriteSnapshot {
  title: string;
  priceCents?: number | null;
}

/**
 * A user's favourite (المفضلة): a service, a freelancer, a project, a work… (`kind`, registered by the module that
 * owns the item: kinds.ts) and the item's id. One row per user and item, even when two saves arrive at once (the
 * unique index); at most FAVORITES_MAX per user (rules.ts).
 */
export const favorites = pgTable(
  'favorites',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    userId: integer('user_id').notNull(),
    kind: text('kind').notNull(),
    targetId: bigint('target_id', { mode: 'number' }).notNull(),
    /** The item as it was when saved: its title, and a service's price (the list says when it changed). */
    snapshot: jsonb('snapshot').$type<FavoriteSnapshot>().notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('favorites_user_item_uq').on(t.userId, t.kind, t.targetId),
    // The list: a user's favourites of one kind, newest first.
    index('favorites_user_kind_idx').on(t.userId, t.kind, t.id.desc()),
    // Who saved an item (counts, and cleaning up after the item).
    index('favorites_item_idx').on(t.kind, t.targetId),
  ],
);
