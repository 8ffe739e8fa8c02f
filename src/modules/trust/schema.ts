import { sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** Every refused attempt to send or publish contact details (privacy policy 4): who, where, what was found. */
export const contactAttempts = pgTable(
  'contact_attempts',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    userId: integer('user_id').notNull(),
    /** Where it was typed: 'message', 'service', … */
    context: text('context').notNull(),
    found: jsonb('found').$type<{ kind: string; text: string }[]>().notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('contact_attempts_user_idx').on(t.userId, t.createdAt)],
);

/** A case for the moderators about a user (e.g. repeated contact-details attempts); one open case per user and kind. */
export const moderationCases = pgTable(
  'moderation_cases',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    userId: integer('user_id').notNull(),
    kind: text('kind').notNull(),
    status: text('status').notNull().default('open'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: ts('created_at').notNull().defaultNow(),
    closedAt: ts('closed_at'),
  },
  (t) => [uniqueIndex('moderation_cases_open_uq').on(t.userId, t.kind).where(sql`status = 'open'`)],
);
