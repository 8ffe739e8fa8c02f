import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * The points ledger (نظام النقاط, RULES.md "Points"): append-only, one entry per change of one user's points.
 * A balance is the SUM of a user's deltas, never a stored field. `reason` says why (rules.ts REASONS), `source` what
 * it came from ("order:42", "review:7", "vote:topic:5:9#1", "answer:3", "violation:service:12", "grant:<uuid>").
 * The unique key (user, reason, source) makes an event counted twice (a retry, a race) count once; a reversal is a
 * new entry with its own reason (`vote_withdrawn`, `answer_unaccepted`, `review_removed`) and the same source.
 * Entries are never updated or deleted (the migration's trigger refuses both).
 */
export const pointsEntries = pgTable(
  'points_entries',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    userId: integer('user_id').notNull(),
    delta: integer('delta').notNull(),
    reason: text('reason').notNull(),
    source: text('source').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    /** The staff member who granted or removed points by hand (null: the site's own rules). */
    createdBy: integer('created_by'),
    /** Staff's reason for a grant or a removal (shown to the user as text, never as HTML). */
    note: text('note'),
  },
  (t) => [
    uniqueIndex('points_entries_event_uq').on(t.userId, t.reason, t.source),
    // The statement (newest first) and the balance (an index-only SUM over the user's rows).
    index('points_entries_user_idx').on(t.userId, t.id.desc(), t.delta),
    check('points_entries_delta_nonzero', sql`${t.delta} <> 0`),
  ],
);
