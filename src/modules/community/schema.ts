import { sql } from 'drizzle-orm';
import { bigint, boolean, customType, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/**
 * The community's sections (الملتقى): a staff-managed list (seed.ts: general, experiences, questions, announcements).
 * `staffOnly`: only staff open topics in it (announcements); `hidden`: not listed and takes no new topic.
 */
export const communitySections = pgTable('community_sections', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  slug: text('slug').notNull().unique(),
  nameAr: text('name_ar').notNull(),
  nameEn: text('name_en').notNull(),
  position: integer('position').notNull().default(0),
  staffOnly: boolean('staff_only').notNull().default(false),
  hidden: boolean('hidden').notNull().default(false),
  createdAt: ts('created_at').notNull().defaultNow(),
});

/**
 * A topic of the community, or a question of the question bank (بنك الأسئلة): one table, `type` 'discussion' |
 * 'question' (rules.ts TOPIC_TYPES). `status` visible → hidden (a moderator, with the reason; its author still sees it)
 * or deleted (soft: the row stays for staff). `lockedAt`: no comments, answers or edits. A question's top-level
 * comments are its answers; `acceptedCommentId` the one its asker accepted.
 */
export const communityTopics = pgTable(
  'community_topics',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    type: text('type').notNull(),
    /** A discussion's section; a question may have none. */
    sectionId: integer('section_id'),
    authorId: integer('author_id').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    skills: jsonb('skills').$type<string[]>().notNull().default([]),
    /** The skills as search compares them (platform/text.ts `normalizeText`), for the skill filter's GIN index. */
    skillKeys: jsonb('skill_keys').$type<string[]>().notNull().default([]),
    status: text('status').notNull().default('visible'),
    hiddenReason: text('hidden_reason'),
    /** Written by an account the site does not vouch for yet (rules.ts `isNewAccount`): its links rel="nofollow ugc". */
    ugc: boolean('ugc').notNull().default(false),
    lockedAt: ts('locked_at'),
    pinnedAt: ts('pinned_at'),
    votesCount: integer('votes_count').notNull().default(0),
    /** Visible comments (a question: answers and their replies). */
    commentsCount: integer('comments_count').notNull().default(0),
    /** Visible top-level comments: a question's answers ("unanswered": none). */
    answersCount: integer('answers_count').notNull().default(0),
    acceptedCommentId: bigint('accepted_comment_id', { mode: 'number' }),
    /** Its creation, then each new comment: the "most active" sort. */
    lastActivityAt: ts('last_activity_at').notNull().defaultNow(),
    searchText: text('search_text').notNull().default(''),
    searchVector: tsvector('search_vector').generatedAlwaysAs(
      sql`setweight(to_tsvector('arabic', search_text), 'A') || setweight(to_tsvector('english', search_text), 'B')`,
    ),
    editedAt: ts('edited_at'),
    deletedAt: ts('deleted_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('community_topics_author_idx').on(t.authorId, t.createdAt),
    index('community_topics_vector_idx').using('gin', t.searchVector),
    index('community_topics_skills_idx').using('gin', t.skillKeys.op('jsonb_path_ops')),
    // The lists' orders (search.ts ORDERS), each walked by keyset within a type's visible topics.
    index('community_topics_newest_idx').on(t.type, sql`created_at DESC`, sql`id DESC`).where(sql`status = 'visible'`),
    index('community_topics_active_idx').on(t.type, sql`last_activity_at DESC`, sql`id DESC`).where(sql`status = 'visible'`),
    index('community_topics_votes_idx')
      .on(t.type, sql`votes_count DESC`, sql`created_at DESC`, sql`id DESC`)
      .where(sql`status = 'visible'`),
    index('community_topics_section_idx').on(t.sectionId, sql`last_activity_at DESC`).where(sql`status = 'visible'`),
    index('community_topics_pinned_idx').on(t.pinnedAt).where(sql`pinned_at IS NOT NULL AND status = 'visible'`),
  ],
);

/**
 * A comment on a topic (a question: an answer, or a reply to one): one level of replies (`parentId` is always a
 * top-level comment). `status` visible | hidden | deleted, as topics.
 */
export const communityComments = pgTable(
  'community_comments',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    topicId: bigint('topic_id', { mode: 'number' })
      .notNull()
      .references(() => communityTopics.id),
    parentId: bigint('parent_id', { mode: 'number' }),
    authorId: integer('author_id').notNull(),
    body: text('body').notNull(),
    status: text('status').notNull().default('visible'),
    hiddenReason: text('hidden_reason'),
    ugc: boolean('ugc').notNull().default(false),
    votesCount: integer('votes_count').notNull().default(0),
    editedAt: ts('edited_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('community_comments_topic_idx').on(t.topicId, t.id), index('community_comments_author_idx').on(t.authorId, t.createdAt)],
);

/**
 * One up-vote per user per topic or comment (the primary key): voting is an insert that does nothing the second time.
 * `recipientId` is the author voted for, kept for the points to come (RULES.md "Points": +2 per up-vote received).
 */
export const communityVotes = pgTable(
  'community_votes',
  {
    targetType: text('target_type').notNull(),
    targetId: bigint('target_id', { mode: 'number' }).notNull(),
    userId: integer('user_id').notNull(),
    recipientId: integer('recipient_id').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.targetType, t.targetId, t.userId] }),
    index('community_votes_recipient_idx').on(t.recipientId, t.createdAt),
  ],
);

/**
 * Every acceptance of an answer, kept for the points to come (+5 per accepted answer): the current one has no
 * `withdrawnAt` (one per question, by the partial unique index); the asker changing their mind withdraws it.
 */
export const communityAcceptances = pgTable(
  'community_acceptances',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    topicId: bigint('topic_id', { mode: 'number' }).notNull(),
    commentId: bigint('comment_id', { mode: 'number' }).notNull(),
    answererId: integer('answerer_id').notNull(),
    acceptedBy: integer('accepted_by').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    withdrawnAt: ts('withdrawn_at'),
  },
  (t) => [
    uniqueIndex('community_acceptances_current_uq').on(t.topicId).where(sql`withdrawn_at IS NULL`),
    index('community_acceptances_answerer_idx').on(t.answererId, t.createdAt),
  ],
);

/** The earlier versions of an edited topic or comment (staff read them): the text as it was before each edit. */
export const communityRevisions = pgTable(
  'community_revisions',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    targetType: text('target_type').notNull(),
    targetId: bigint('target_id', { mode: 'number' }).notNull(),
    /** The topic it belongs to (a comment's topic), for the history page. */
    topicId: bigint('topic_id', { mode: 'number' }).notNull(),
    title: text('title'),
    body: text('body').notNull(),
    skills: jsonb('skills').$type<string[]>(),
    /** When that version was written (the topic's creation or its previous edit). */
    writtenAt: ts('written_at').notNull(),
    replacedAt: ts('replaced_at').notNull().defaultNow(),
  },
  (t) => [index('community_revisions_topic_idx').on(t.topicId, t.id)],
);

/**
 * Who follows a topic (its author and each commenter at first; anyone may follow or stop). New comments are told in
 * the app at once; `pendingSince` marks comments not mailed yet, which the digest (runDue) mails together.
 */
export const communityFollows = pgTable(
  'community_follows',
  {
    topicId: bigint('topic_id', { mode: 'number' }).notNull(),
    userId: integer('user_id').notNull(),
    pendingSince: ts('pending_since'),
    pendingCount: integer('pending_count').notNull().default(0),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.topicId, t.userId] }),
    index('community_follows_user_idx').on(t.userId),
    index('community_follows_pending_idx').on(t.pendingSince).where(sql`pending_since IS NOT NULL`),
  ],
);
