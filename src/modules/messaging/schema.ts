import { bigint, boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * A conversation between people: `direct` (an inquiry between two users, one per pair) or attached to
 * something (`order`, later `project`, `contest`) through `subjectType`/`subjectId`.
 */
export const conversations = pgTable(
  'conversations',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    kind: text('kind').notNull(),
    /** For direct conversations: "lowId:highId", unique, so a pair always reuses its conversation. */
    directKey: text('direct_key'),
    subjectType: text('subject_type'),
    subjectId: bigint('subject_id', { mode: 'number' }),
    lastMessageId: bigint('last_message_id', { mode: 'number' }),
    lastMessageAt: ts('last_message_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('conversations_direct_uq').on(t.directKey), uniqueIndex('conversations_subject_uq').on(t.subjectType, t.subjectId)],
);

/** Who takes part, and how far each has read (read receipts, unread counts). */
export const conversationMembers = pgTable(
  'conversation_members',
  {
    conversationId: bigint('conversation_id', { mode: 'number' }).notNull(),
    userId: integer('user_id').notNull(),
    lastReadMessageId: bigint('last_read_message_id', { mode: 'number' }).notNull().default(0),
    /** The "new message" mail of the current unread streak was sent (one mail until they read). */
    mailed: boolean('mailed').notNull().default(false),
    lastMessageAt: ts('last_message_at'),
    joinedAt: ts('joined_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.conversationId, t.userId] }), index('conversation_members_inbox_idx').on(t.userId, t.lastMessageAt)],
);

export const messages = pgTable(
  'messages',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    conversationId: bigint('conversation_id', { mode: 'number' }).notNull(),
    senderId: integer('sender_id').notNull(),
    body: text('body').notNull(),
    fileIds: jsonb('file_ids').$type<number[]>().notNull().default([]),
    createdAt: ts('created_at').notNull().defaultNow(),
    /** Removed by staff for a violation (policy 9): the text is gone, the row and the audit entry stay. */
    removedAt: ts('removed_at'),
  },
  (t) => [index('messages_thread_idx').on(t.conversationId, t.id)],
);

/** A user who blocked another: the blocked one cannot write to them. */
export const userBlocks = pgTable(
  'user_blocks',
  {
    blockerId: integer('blocker_id').notNull(),
    blockedId: integer('blocked_id').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.blockerId, t.blockedId] })],
);
