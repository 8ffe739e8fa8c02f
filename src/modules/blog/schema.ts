import { sql } from 'drizzle-orm';
import { bigint, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * A blog article (مدونة كفيل), written by staff with the `content` permission, in Arabic, English or both (a
 * language is there when its title and body are; rules.ts `languagesOf`). `status` is the staff's intent:
 * `draft` (never public) or `published`; a published article whose `publish_at` is still ahead is *scheduled* and
 * becomes public by itself when the clock reaches it (every public read asks `publish_at <= now`: no worker needed).
 */
export const blogArticles = pgTable(
  'blog_articles',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    /** The address part (`/blog/{slug}`): a-z, 0-9 and hyphens, unique. */
    slug: text('slug').notNull(),
    /** One of rules.ts BLOG_CATEGORIES. */
    category: text('category').notNull(),
    status: text('status').notNull().default('draft'),
    titleAr: text('title_ar').notNull().default(''),
    bodyAr: text('body_ar').notNull().default(''),
    titleEn: text('title_en').notNull().default(''),
    bodyEn: text('body_en').notNull().default(''),
    /** The cover image (`files.purpose` 'blog_cover', re-encoded like service images), or null. */
    coverFileId: bigint('cover_file_id', { mode: 'number' }),
    /** When it is (or becomes) public; null for a draft never given a date. */
    publishAt: ts('publish_at'),
    /** Normalised titles and plain bodies (platform/text.ts `normalizeText`), for `?q=`. */
    searchText: text('search_text').notNull().default(''),
    authorId: integer('author_id').notNull(),
    updatedBy: integer('updated_by').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('blog_articles_slug_uq').on(t.slug),
    // The public list, newest first (keyset on publish_at, id), and per category.
    index('blog_articles_public_idx').on(sql`publish_at DESC`, sql`id DESC`).where(sql`status = 'published'`),
    index('blog_articles_category_idx').on(t.category, sql`publish_at DESC`, sql`id DESC`).where(sql`status = 'published'`),
    index('blog_articles_cover_idx').on(t.coverFileId),
  ],
);

export type BlogArticleRow = typeof blogArticles.$inferSelect;
