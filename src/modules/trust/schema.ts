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
    /**
     * The author asked a moderator to review the refusal (appeals.ts): the text as refused and where it was going
     * (kept only once appealed); `appeal` pending → overturned (the text is delivered and the refusal no longer
     * counts toward a case) | upheld, with the moderator's note.
     */
    appeal: text('appeal'),
    appealBody: text('appeal_body'),
    appealTarget: jsonb('appeal_target').$type<Record<string, string | number>>(),
    appealedAt: ts('appealed_at'),
    decidedBy: integer('decided_by'),
    decidedAt: ts('decided_at'),
    decisionNote: text('decision_note'),
  },
  (t) => [
    index('contact_attempts_user_idx').on(t.userId, t.createdAt),
    index('contact_attempts_appeals_idx').on(t.appealedAt).where(sql`appeal = 'pending'`),
  ],
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

/**
 * A report (إبلاغ) of a piece of content or a profile: one per reporter and target. `status`: open →
 * dismissed | actioned (decided together for every open report of the same target).
 */
export const reports = pgTable(
  'reports',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    reporterId: integer('reporter_id').notNull(),
    targetType: text('target_type').notNull(),
    targetId: bigint('target_id', { mode: 'number' }).notNull(),
    /** The author of the reported content (or the reported user), found when the report is filed. */
    authorId: integer('author_id').notNull(),
    reason: text('reason').notNull(),
    details: text('details').notNull().default(''),
    status: text('status').notNull().default('open'),
    decision: text('decision'),
    decidedBy: integer('decided_by'),
    decidedAt: ts('decided_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('reports_reporter_target_uq').on(t.reporterId, t.targetType, t.targetId),
    index('reports_queue_idx').on(t.status, t.targetType, t.targetId),
  ],
);

/**
 * What moderators did to a piece of content (hidden or deleted), with the reason the author was given and
 * a snapshot of the content as it was: deleted content stays readable by staff for the record.
 */
export const moderatedContent = pgTable(
  'moderated_content',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    targetType: text('target_type').notNull(),
    targetId: bigint('target_id', { mode: 'number' }).notNull(),
    authorId: integer('author_id').notNull(),
    action: text('action').notNull(),
    reason: text('reason').notNull(),
    snapshot: jsonb('snapshot').$type<Record<string, unknown>>().notNull(),
    actorId: integer('actor_id').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('moderated_content_target_idx').on(t.targetType, t.targetId), index('moderated_content_author_idx').on(t.authorId)],
);

/**
 * A warning or a sanction (policy 10). `scopes`: ['full'] or some of selling, buying, messaging, withdrawing,
 * posting (empty for a warning). `endsAt` null = permanent. Lifted by staff, or by the worker when it ends.
 */
export const sanctions = pgTable(
  'sanctions',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    userId: integer('user_id').notNull(),
    kind: text('kind').notNull(),
    scopes: jsonb('scopes').$type<string[]>().notNull().default([]),
    reason: text('reason').notNull(),
    endsAt: ts('ends_at'),
    /** The report target or case it answers, when there is one ("service:12", "case:3"). */
    source: text('source'),
    createdBy: integer('created_by').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    liftedAt: ts('lifted_at'),
    liftedBy: integer('lifted_by'),
    liftReason: text('lift_reason'),
  },
  (t) => [
    index('sanctions_user_idx').on(t.userId, t.id),
    index('sanctions_active_idx').on(t.userId).where(sql`lifted_at IS NULL AND kind = 'sanction'`),
    index('sanctions_expiry_idx').on(t.endsAt).where(sql`lifted_at IS NULL AND kind = 'sanction'`),
  ],
);
