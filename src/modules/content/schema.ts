import { date, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** Published versions of the privacy policy and the terms; the newest is in force. Never edited. */
export const policyVersions = pgTable(
  'policy_versions',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    policy: text('policy').notNull(),
    version: integer('version').notNull(),
    lastUpdated: date('last_updated').notNull(),
    titleAr: text('title_ar').notNull(),
    titleEn: text('title_en').notNull(),
    bodyAr: text('body_ar').notNull(),
    bodyEn: text('body_en').notNull(),
    changeNoteAr: text('change_note_ar').notNull().default(''),
    changeNoteEn: text('change_note_en').notNull().default(''),
    publishedBy: integer('published_by'),
    publishedAt: ts('published_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('policy_versions_uq').on(t.policy, t.version)],
);

/** Messages sent through the contact page; support reads them in the admin area. */
export const contactMessages = pgTable('contact_messages', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  userId: integer('user_id'),
  name: text('name').notNull(),
  email: text('email').notNull(),
  subject: text('subject').notNull(),
  body: text('body').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
});
