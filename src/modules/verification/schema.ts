import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * A request to verify a user's identity (توثيق الهوية): a document and a selfie, private files that only the user and
 * support staff open (every staff reading audited), and the full name as the document writes it. Support staff
 * approve it (the account's `identity_verified_at`, the badge) or reject it with a reason; the rows stay, so staff
 * keep each earlier document. States: rules.ts `VerificationStatus`.
 */
export const verificationRequests = pgTable(
  'verification_requests',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    userId: integer('user_id').notNull(),
    status: text('status').notNull().default('pending'),
    /** national_id | passport | residence_card */
    documentKind: text('document_kind').notNull(),
    /** The full name as on the document (Arabic or Latin letters). */
    fullName: text('full_name').notNull(),
    documentFileId: bigint('document_file_id', { mode: 'number' }).notNull(),
    selfieFileId: bigint('selfie_file_id', { mode: 'number' }).notNull(),
    /** Made by a verified user to replace the document: the badge stays until staff decide. */
    replacing: boolean('replacing').notNull().default(false),
    /** When staff should have decided: DECISION_BUSINESS_DAYS business days after it was made. */
    dueAt: ts('due_at').notNull(),
    decidedAt: ts('decided_at'),
    decidedBy: integer('decided_by'),
    rejectReason: text('reject_reason'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    // One pending request per user, even when two are sent at once.
    uniqueIndex('verification_one_pending_uq').on(t.userId).where(sql`status = 'pending'`),
    index('verification_user_idx').on(t.userId, t.id),
    index('verification_queue_idx').on(t.createdAt).where(sql`status = 'pending'`),
  ],
);
