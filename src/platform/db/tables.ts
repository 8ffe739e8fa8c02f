import { sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { newToken } from '../crypto.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** Work to do after a transaction commits (mail, notifications, webhooks), drained by the worker. */
export const outbox = pgTable(
  'outbox',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    kind: text('kind').notNull(),
    payload: jsonb('payload').notNull(),
    attempts: integer('attempts').notNull().default(0),
    runAt: ts('run_at').notNull().defaultNow(),
    doneAt: ts('done_at'),
    lastError: text('last_error'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('outbox_due_idx').on(t.runAt).where(sql`done_at IS NULL`)],
);

/** Append-only record of staff actions and of sensitive reads (policy 2 and 9). */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    actorId: integer('actor_id'),
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    targetId: text('target_id').notNull(),
    data: jsonb('data').notNull().default({}),
    ip: text('ip'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('audit_target_idx').on(t.targetType, t.targetId), index('audit_actor_idx').on(t.actorId)],
);

/**
 * Uploaded files: bytes live in storage under a random key; this row says who owns them. `id` is the internal
 * reference (what services and messages store); public addresses (`/files/{publicId}`, `/avatars/{publicId}`) carry
 * `publicId`, 256 random bits that cannot be guessed from another file's.
 */
export const files = pgTable('files', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  publicId: text('public_id')
    .notNull()
    .unique()
    .$defaultFn(() => newToken()),
  ownerId: integer('owner_id').notNull(),
  storageKey: text('storage_key').notNull().unique(),
  /** A small preview (images only), stored under its own random key. */
  thumbKey: text('thumb_key'),
  /**
   * A watermarked preview (images only, made when asked: a contest entry's), under its own random key. Who may load
   * it is the caller's: an attachment's preview is as private as the attachment until a module shows it.
   */
  previewKey: text('preview_key'),
  name: text('name').notNull(),
  type: text('type').notNull(),
  size: integer('size').notNull(),
  purpose: text('purpose').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
});

/** Admin-editable settings (RULES.md numbers), validated by the module that owns each key. */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedBy: integer('updated_by'),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/**
 * A request that moves money, remembered by its Idempotency-Key: a replay with the same body returns the
 * first response; another body under the same key is refused. Written in the same transaction as the movement.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    userId: integer('user_id').notNull(),
    key: text('key').notNull(),
    scope: text('scope').notNull(),
    requestHash: text('request_hash').notNull(),
    status: integer('status').notNull(),
    body: jsonb('body').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] })],
);

/**
 * The words the site's searchable texts use, for typo corrections (platform/search/lexicon.ts): filled by the
 * `search_words_learn` trigger of each searchable table (migration 0016), matched by trigram similarity.
 */
export const searchWords = pgTable('search_words', { word: text('word').primaryKey() }, (t) => [
  index('search_words_trgm_idx').using('gin', sql`${t.word} gin_trgm_ops`),
]);

/**
 * Who has a live event stream open, per server instance (platform/presence.ts): each instance heartbeats its own
 * users here (one statement every 30 s), so every instance knows who is online now. A row not refreshed for 90 s
 * (its instance crashed) counts for nothing and is swept.
 */
export const presence = pgTable(
  'presence',
  {
    instanceId: text('instance_id').notNull(),
    userId: integer('user_id').notNull(),
    seenAt: ts('seen_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.instanceId, t.userId] }),
    index('presence_user_idx').on(t.userId, t.seenAt),
    index('presence_seen_idx').on(t.seenAt),
  ],
);
