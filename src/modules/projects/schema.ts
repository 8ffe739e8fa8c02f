import { sql } from 'drizzle-orm';
import { bigint, customType, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/**
 * A project (المشاريع): a buyer describes work, freelancers bid, the owner hires one. `status`:
 * draft → pending (a moderator reviews it) → open (bids for 30 days) | rejected (with a reason);
 * open → hired (an order carries the work from there) | closed (by its owner, without hiring) | expired.
 */
export const projects = pgTable(
  'projects',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    ownerId: integer('owner_id').notNull(),
    status: text('status').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    categoryId: integer('category_id'),
    skills: jsonb('skills').$type<string[]>().notNull().default([]),
    budgetMinCents: integer('budget_min_cents').notNull(),
    budgetMaxCents: integer('budget_max_cents').notNull(),
    expectedDays: integer('expected_days').notNull(),
    /** Private attachment file ids (shown to whoever may see the project). */
    fileIds: jsonb('file_ids').$type<number[]>().notNull().default([]),
    rejectReason: text('reject_reason'),
    /** Normalised title, skills, description and category names, as for services. */
    searchText: text('search_text').notNull().default(''),
    searchVector: tsvector('search_vector').generatedAlwaysAs(
      sql`setweight(to_tsvector('arabic', search_text), 'A') || setweight(to_tsvector('english', search_text), 'B')`,
    ),
    /** Kept up to date with the bids, for the list's sorts and the page (bids count, average bid). */
    bidsCount: integer('bids_count').notNull().default(0),
    bidsSumCents: bigint('bids_sum_cents', { mode: 'number' }).notNull().default(0),
    publishedAt: ts('published_at'),
    /** When bidding ends (publishedAt + 30 days); the worker expires open projects past it. */
    closesAt: ts('closes_at'),
    closedAt: ts('closed_at'),
    hiredBidId: bigint('hired_bid_id', { mode: 'number' }),
    orderId: bigint('order_id', { mode: 'number' }),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('projects_owner_idx').on(t.ownerId, t.id),
    index('projects_listing_idx').on(t.status, t.publishedAt),
    index('projects_expiry_idx').on(t.closesAt).where(sql`status = 'open'`),
    index('projects_vector_idx').using('gin', t.searchVector),
    index('projects_newest_idx').on(sql`published_at DESC`, sql`id DESC`).where(sql`status = 'open'`),
  ],
);

/**
 * A freelancer's bid on a project, one per freelancer and project. `status`: active (counts against the
 * level's limit) → withdrawn | hired | not_chosen (another was hired) | closed (the project closed or expired).
 */
export const bids = pgTable(
  'bids',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    projectId: bigint('project_id', { mode: 'number' }).notNull(),
    freelancerId: integer('freelancer_id').notNull(),
    status: text('status').notNull().default('active'),
    amountCents: integer('amount_cents').notNull(),
    days: integer('days').notNull(),
    proposal: text('proposal').notNull(),
    fileIds: jsonb('file_ids').$type<number[]>().notNull().default([]),
    /** The owner's shortlist mark. */
    shortlisted: integer('shortlisted').notNull().default(0),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('bids_project_freelancer_uq').on(t.projectId, t.freelancerId),
    index('bids_freelancer_idx').on(t.freelancerId, t.status),
    index('bids_project_idx').on(t.projectId, t.id),
  ],
);
