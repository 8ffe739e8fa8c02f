import { sql } from 'drizzle-orm';
import { boolean, customType, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/**
 * A help centre article (مركز المساعدة), written by staff in Arabic and English. `status` is `draft` or `published`;
 * a published article shows from `publish_at` (a future time: scheduled; rules.ts `articleState`). The slug is its
 * address (`/help/articles/{slug}`), fixed once made: the FAQ and other pages link to it.
 */
export const helpArticles = pgTable(
  'help_articles',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    slug: text('slug').notNull(),
    /** One of rules.ts `HELP_TOPICS`. */
    topic: text('topic').notNull(),
    /** Its place within its topic (smaller first). */
    position: integer('position').notNull().default(0),
    status: text('status').notNull().default('draft'),
    publishAt: ts('publish_at'),
    titleAr: text('title_ar').notNull(),
    titleEn: text('title_en').notNull(),
    /** The site's simple formatting with headings (platform/rich-text.ts). */
    bodyAr: text('body_ar').notNull(),
    bodyEn: text('body_en').notNull(),
    /** Both titles, normalised (platform/text.ts): the words that rank first. */
    searchTitle: text('search_title').notNull().default(''),
    /** Both titles and both bodies without their marks, normalised: what a search reads (and the typo list learns). */
    searchText: text('search_text').notNull().default(''),
    searchVector: tsvector('search_vector').generatedAlwaysAs(
      sql`setweight(to_tsvector('arabic', search_title), 'A') || setweight(to_tsvector('english', search_title), 'A') || setweight(to_tsvector('arabic', search_text), 'B') || setweight(to_tsvector('english', search_text), 'B')`,
    ),
    createdBy: integer('created_by'),
    updatedBy: integer('updated_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('help_articles_slug_uq').on(t.slug),
    index('help_articles_vector_idx').using('gin', t.searchVector),
    index('help_articles_topic_idx').on(t.topic, t.position, t.id).where(sql`status = 'published'`),
    index('help_articles_newest_idx').on(sql`publish_at DESC`, sql`id DESC`).where(sql`status = 'published'`),
  ],
);

/**
 * "Was this helpful?": one answer per article and voter — `u:{userId}` signed in, `v:{sha256 of the visitor's
 * cookie}` before — changed in place (the primary key makes two answers at once one row).
 */
export const helpVotes = pgTable(
  'help_votes',
  {
    articleId: integer('article_id')
      .notNull()
      .references(() => helpArticles.id),
    voter: text('voter').notNull(),
    helpful: boolean('helpful').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.articleId, t.voter] }), index('help_votes_article_idx').on(t.articleId, t.helpful)],
);
