import { bigint, index, integer, jsonb, pgTable, smallint, text, timestamp } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * A complaint (ticket) a user files (policy 6). `status`: open (waiting for support) → answered (support
 * replied) → closed; a user's reply re-opens it. `category` 'appeal' is the appeal of a sanction.
 * `priority` 1 for level 3 and expert sellers (RULES.md: their tickets sort first), else 0.
 */
export const tickets = pgTable(
  'tickets',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    userId: integer('user_id').notNull(),
    category: text('category').notNull(),
    subject: text('subject').notNull(),
    status: text('status').notNull().default('open'),
    priority: smallint('priority').notNull().default(0),
    orderId: bigint('order_id', { mode: 'number' }),
    sanctionId: bigint('sanction_id', { mode: 'number' }),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    closedAt: ts('closed_at'),
  },
  (t) => [index('tickets_user_idx').on(t.userId, t.id), index('tickets_queue_idx').on(t.status, t.priority, t.updatedAt)],
);

/** The messages of a ticket, both ways; `staff` marks support's answers. */
export const ticketMessages = pgTable(
  'ticket_messages',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    ticketId: bigint('ticket_id', { mode: 'number' }).notNull(),
    authorId: integer('author_id').notNull(),
    staff: smallint('staff').notNull().default(0),
    body: text('body').notNull(),
    fileIds: jsonb('file_ids').$type<number[]>().notNull().default([]),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('ticket_messages_ticket_idx').on(t.ticketId, t.id)],
);
