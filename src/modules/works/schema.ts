import { sql } from 'drizzle-orm';
import { bigint, customType, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { BEST_SCORE_SQL } from './rules.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/**
 * A portfolio work (الأعمال): what a freelancer made, with images, skills, a category, an outside link and
 * optionally the completed order it came from (the "delivered on Kafiil" badge). `status` (rules.ts `WorkStatus`):
 * draft → published ⇄ hidden (by its owner, or by a moderator's take-down with `hiddenReason`) → deleted (soft: the
 * row, its images and its likes stay for staff).
 */
export const works = pgTable(
  'works',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    ownerId: integer('owner_id').notNull(),
    status: text('status').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    categoryId: integer('category_id'),
    skills: jsonb('skills').$type<string[]>().notNull().default([]),
    /** The skills as search compares them (platform/text.ts `normalizeText`), for the skill filter's GIN index. */
    skillKeys: jsonb('skill_keys').$type<string[]>().notNull().default([]),
    /** Image file ids (`files.purpose` 'work_image') in order: the first is the cover. */
    imageIds: jsonb('image_ids').$type<number[]>().notNull().default([]),
    /** An outside link (http/https, checked by rules.ts `linkProblem` and the contact guard), or null. */
    link: text('link'),
    /** The completed order this work came from (its owner was the seller), or null. */
    orderId: bigint('order_id', { mode: 'number' }),
    /** Normalised title, skills, category names and description (searched through platform/search). */
    searchText: text('search_text').notNull().default(''),
    searchVector: tsvector('search_vector').generatedAlwaysAs(
      sql`setweight(to_tsvector('arabic', search_text), 'A') || setweight(to_tsvector('english', search_text), 'B')`,
    ),
    likesCount: integer('likes_count').notNull().default(0),
    viewsCount: integer('views_count').notNull().default(0),
    /** The "best" sort's key: one expression of likes and views (rules.ts `BEST_SCORE_SQL`, `bestScore`). */
    bestScore: integer('best_score').generatedAlwaysAs(sql.raw(BEST_SCORE_SQL)),
    /** Why a moderator took it down (status hidden): shown to its owner, cleared when they publish it again. */
    hiddenReason: text('hidden_reason'),
    /** When its owner was last told of a like (one notice a day per work: rules.ts `LIKE_NOTICE_HOURS`). */
    likeNoticeAt: ts('like_notice_at'),
    publishedAt: ts('published_at'),
    deletedAt: ts('deleted_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('works_owner_idx').on(t.ownerId, t.id),
    index('works_vector_idx').using('gin', t.searchVector),
    // Which works show an image (`image_ids @> '[id]'`): who may load it follows from them (policy.ts).
    index('works_images_idx').using('gin', t.imageIds.op('jsonb_path_ops')),
    index('works_skills_idx').using('gin', t.skillKeys.op('jsonb_path_ops')),
    index('works_category_idx').on(t.categoryId).where(sql`status = 'published'`),
    // The listing's orders, walked by keyset within the published works (search.ts ORDERS).
    index('works_newest_idx').on(sql`published_at DESC`, sql`id DESC`).where(sql`status = 'published'`),
    index('works_best_idx').on(sql`best_score DESC`, sql`published_at DESC`, sql`id DESC`).where(sql`status = 'published'`),
    index('works_views_idx').on(sql`views_count DESC`, sql`published_at DESC`, sql`id DESC`).where(sql`status = 'published'`),
    index('works_likes_idx').on(sql`likes_count DESC`, sql`published_at DESC`, sql`id DESC`).where(sql`status = 'published'`),
    // An order badges one work at a time (a deleted work frees it).
    uniqueIndex('works_order_uq').on(t.orderId).where(sql`order_id IS NOT NULL AND status <> 'deleted'`),
  ],
);

/** One like per user and work (the primary key): a like is an insert that does nothing the second time. */
export const workLikes = pgTable(
  'work_likes',
  {
    workId: bigint('work_id', { mode: 'number' })
      .notNull()
      .references(() => works.id),
    userId: integer('user_id').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workId, t.userId] }), index('work_likes_user_idx').on(t.userId, t.createdAt)],
);

/**
 * The views counted, one per viewer (`u:{userId}`, or a hash of a visitor's address and browser) per work per day
 * (UTC): the worker's flush inserts here first (ON CONFLICT DO NOTHING) and adds only the new rows to the work's
 * count, so flushing the same views twice counts them once. Days before yesterday are pruned.
 */
export const workViewDays = pgTable(
  'work_view_days',
  {
    workId: bigint('work_id', { mode: 'number' }).notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    viewer: text('viewer').notNull(),
  },
  (t) => [primaryKey({ columns: [t.workId, t.day, t.viewer] }), index('work_view_days_day_idx').on(t.day)],
);
