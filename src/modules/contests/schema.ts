import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/**
 * A contest (المسابقات): a buyer funds a prize per place, freelancers enter, the buyer picks the winners. Its states
 * and their rules: rules.ts `ContestStatus`. The whole prize is in escrow from publishing (`contest:{id}`) until it
 * is paid to the winners or refunded.
 */
export const contests = pgTable(
  'contests',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    ownerId: integer('owner_id').notNull(),
    status: text('status').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    conditions: text('conditions').notNull().default(''),
    categoryId: integer('category_id'),
    skills: jsonb('skills').$type<string[]>().notNull().default([]),
    /** The prize of each place, first place first; their sum is what escrow holds. */
    prizesCents: jsonb('prizes_cents').$type<number[]>().notNull().default([]),
    prizeTotalCents: bigint('prize_total_cents', { mode: 'number' }).notNull().default(0),
    entryDays: integer('entry_days').notNull().default(0),
    deliveryDays: integer('delivery_days').notNull().default(0),
    /** Blind: each contestant sees only their own entries until the deadline. */
    blind: boolean('blind').notNull().default(false),
    /** Brief and reference files (private files shown to whoever may see the contest). */
    fileIds: jsonb('file_ids').$type<number[]>().notNull().default([]),
    rejectReason: text('reject_reason'),
    /** Normalised title, skills, brief and category names, as for projects (searched through platform/search). */
    searchText: text('search_text').notNull().default(''),
    searchVector: tsvector('search_vector').generatedAlwaysAs(
      sql`setweight(to_tsvector('arabic', search_text), 'A') || setweight(to_tsvector('english', search_text), 'B')`,
    ),
    /** The commission rate (basis points) when it was published: the winners are paid at that rate. */
    commissionBp: integer('commission_bp'),
    publishedAt: ts('published_at'),
    /** Approved by a moderator: entries open from here until `endsAt`. */
    startsAt: ts('starts_at'),
    endsAt: ts('ends_at'),
    extended: boolean('extended').notNull().default(false),
    endedEarly: boolean('ended_early').notNull().default(false),
    /** Active entries, and the contestants who made them (kept with the entries, for the list and its sorts). */
    entriesCount: integer('entries_count').notNull().default(0),
    contestantsCount: integer('contestants_count').notNull().default(0),
    views: integer('views').notNull().default(0),
    closedAt: ts('closed_at'),
    /**
     * The owner's top-up (a deposit) made to publish this draft: the draft is published in the transaction that
     * credits it; `topupFailure` says why it was not (the money then stays in the balance).
     */
    topupDepositId: bigint('topup_deposit_id', { mode: 'number' }),
    topupFailure: text('topup_failure'),
    /** When the owner and the contestants were told the deadline is near (once per deadline). */
    endSoonSentAt: ts('end_soon_sent_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('contests_owner_idx').on(t.ownerId, t.id),
    index('contests_listing_idx').on(t.status, t.publishedAt),
    index('contests_due_idx').on(t.endsAt).where(sql`status = 'open'`),
    index('contests_vector_idx').using('gin', t.searchVector),
    index('contests_newest_idx').on(sql`published_at DESC`, sql`id DESC`).where(sql`status <> 'draft'`),
    // The list's prize and entries sorts within a status (search.ts; the prize one walked backward, largest first).
    index('contests_prize_idx').on(t.status, t.prizeTotalCents, t.publishedAt, t.id),
    index('contests_entries_idx').on(t.status, t.entriesCount, t.id),
    index('contests_topup_idx').on(t.topupDepositId).where(sql`topup_deposit_id IS NOT NULL`),
  ],
);

/** An entry: a contestant's files and description. `status`: active | withdrawn (by its author, while open) | removed (moderators). */
export const contestEntries = pgTable(
  'contest_entries',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    contestId: bigint('contest_id', { mode: 'number' })
      .notNull()
      .references(() => contests.id),
    userId: integer('user_id').notNull(),
    status: text('status').notNull().default('active'),
    description: text('description').notNull(),
    /** The original files (private: the author, the owner and staff). */
    fileIds: jsonb('file_ids').$type<number[]>().notNull().default([]),
    /** The owner's rating (1–5) and shortlist. */
    rating: smallint('rating'),
    shortlisted: boolean('shortlisted').notNull().default(false),
    createdAt: ts('created_at').notNull().defaultNow(),
    withdrawnAt: ts('withdrawn_at'),
  },
  (t) => [
    index('contest_entries_contest_idx').on(t.contestId, t.id),
    index('contest_entries_user_idx').on(t.userId, t.contestId),
    // The entries a file belongs to (`file_ids @> '[id]'`): whether its watermarked preview is public.
    index('contest_entries_files_idx').using('gin', t.fileIds),
  ],
);

/**
 * A place awarded: its entry, its winner and the prize, then the handover of the final files.
 * `status`: handover (the winner delivers) → delivered (the owner accepts, or it is accepted after 3 days) → paid;
 * from handover or delivered either side may open a dispute (disputed) → staff: paid, refunded, or handover again.
 */
export const contestAwards = pgTable(
  'contest_awards',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    contestId: bigint('contest_id', { mode: 'number' })
      .notNull()
      .references(() => contests.id),
    place: smallint('place').notNull(),
    entryId: bigint('entry_id', { mode: 'number' })
      .notNull()
      .references(() => contestEntries.id),
    winnerId: integer('winner_id').notNull(),
    prizeCents: bigint('prize_cents', { mode: 'number' }).notNull(),
    status: text('status').notNull().default('handover'),
    /** Who awarded it: the owner, or staff after the owner's window passed. */
    awardedBy: integer('awarded_by').notNull(),
    awardedAt: ts('awarded_at').notNull().defaultNow(),
    /** The handover: the winner's note and the final files (private: the winner, the owner and staff). */
    handoverNote: text('handover_note'),
    handoverFileIds: jsonb('handover_file_ids').$type<number[]>().notNull().default([]),
    deliveredAt: ts('delivered_at'),
    paidAt: ts('paid_at'),
    /**
     * A dispute over the handover (status `disputed`, the automatic acceptance stopped): who opened it and why;
     * then staff's decision — `pay` (the winner is paid), `refund` (this place's prize back to the owner) or `redo`
     * (back to the handover) — with a reason both sides see.
     */
    disputedBy: integer('disputed_by'),
    disputeReason: text('dispute_reason'),
    disputedAt: ts('disputed_at'),
    decision: text('decision'),
    decisionReason: text('decision_reason'),
    decidedBy: integer('decided_by'),
    decidedAt: ts('decided_at'),
  },
  (t) => [
    uniqueIndex('contest_awards_place_uq').on(t.contestId, t.place),
    uniqueIndex('contest_awards_entry_uq').on(t.entryId),
    index('contest_awards_due_idx').on(t.deliveredAt).where(sql`status = 'delivered'`),
    index('contest_awards_disputed_idx').on(t.disputedAt).where(sql`status = 'disputed'`),
  ],
);

/**
 * The contest's public thread: comments and one level of replies (`parentId`: the comment replied to). Their author
 * edits them; a moderator's takedown leaves `status` removed (the thread shows that a comment was removed).
 */
export const contestComments = pgTable(
  'contest_comments',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    contestId: bigint('contest_id', { mode: 'number' })
      .notNull()
      .references(() => contests.id),
    userId: integer('user_id').notNull(),
    parentId: bigint('parent_id', { mode: 'number' }),
    /** Set: a private comment on that entry, between the contest's owner and the entry's author (and staff). */
    entryId: bigint('entry_id', { mode: 'number' }),
    body: text('body').notNull(),
    status: text('status').notNull().default('visible'),
    createdAt: ts('created_at').notNull().defaultNow(),
    editedAt: ts('edited_at'),
  },
  (t) => [
    index('contest_comments_thread_idx').on(t.contestId, t.id),
    index('contest_comments_entry_idx').on(t.entryId, t.id).where(sql`entry_id IS NOT NULL`),
  ],
);

/**
 * Who viewed a contest on which day (UTC): a viewer counts once a day in `contests.views` (platform/views.ts). Only
 * today's and yesterday's rows are kept.
 */
export const contestViewDays = pgTable(
  'contest_view_days',
  {
    contestId: bigint('contest_id', { mode: 'number' }).notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    viewer: text('viewer').notNull(),
  },
  (t) => [primaryKey({ columns: [t.contestId, t.day, t.viewer] }), index('contest_view_days_day_idx').on(t.day)],
);
