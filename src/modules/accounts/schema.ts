import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const users = pgTable(
  'users',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    /** Lower-cased; unique. */
    email: text('email').notNull(),
    /** 3–30 of a-z 0-9 _; unique; never changes (policy 8). */
    username: text('username').notNull(),
    passwordHash: text('password_hash').notNull(),
    displayName: text('display_name').notNull(),
    bio: text('bio').notNull().default(''),
    country: text('country'),
    skills: jsonb('skills').$type<string[]>().notNull().default([]),
    languages: jsonb('languages').$type<string[]>().notNull().default([]),
    avatarFileId: bigint('avatar_file_id', { mode: 'number' }),
    /** The avatar file's `files.public_id`, kept here to build its address (`/avatars/{token}`) without a join. */
    avatarPublicId: text('avatar_public_id'),
    /** Normalised text of name, username and skills for the directory search. */
    searchText: text('search_text').notNull().default(''),
    roles: jsonb('roles').$type<string[]>().notNull().default([]),
    sellerLevel: text('seller_level').notNull().default('new'),
    buyerLevel: text('buyer_level').notNull().default('new'),
    locale: text('locale').notNull().default('ar'),
    emailVerifiedAt: ts('email_verified_at'),
    /** Identity verified by support staff (a document and a selfie): the profile's and the directory's badge. */
    identityVerifiedAt: ts('identity_verified_at'),
    deactivatedAt: ts('deactivated_at'),
    failedLogins: integer('failed_logins').notNull().default(0),
    /** Two-factor authentication (TOTP): the confirmed secret, one awaiting confirmation, the last step used. */
    totpSecret: text('totp_secret'),
    totpPendingSecret: text('totp_pending_secret'),
    totpEnabledAt: ts('totp_enabled_at'),
    totpLastStep: integer('totp_last_step'),
    /** SHA-256 of the unused one-time recovery codes. */
    recoveryCodes: jsonb('recovery_codes').$type<string[]>().notNull().default([]),
    lockedUntil: ts('locked_until'),
    /** Set on an account made with a known password (the demo admin): it must choose its own at the next sign-in. */
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    termsVersion: integer('terms_version').notNull(),
    privacyVersion: integer('privacy_version').notNull(),
    referrerId: integer('referrer_id'),
    /**
     * The person's record as the orders module keeps it (recomputed in the transaction of every completed order,
     * published review and removed review): orders completed as seller; the average of the published buyers' reviews
     * of them (overall score × 100, 0 without any) and how many; the same of the sellers' reviews of them as buyer.
     * The directory filters and sorts on these.
     */
    sellerJobs: integer('seller_jobs').notNull().default(0),
    sellerRatingX100: integer('seller_rating_x100').notNull().default(0),
    sellerReviews: integer('seller_reviews').notNull().default(0),
    buyerRatingX100: integer('buyer_rating_x100').notNull().default(0),
    buyerReviews: integer('buyer_reviews').notNull().default(0),
    /**
     * Shown in the freelancers directory: an active account that names at least one skill. A column of its own (kept
     * by PostgreSQL) so the planner knows how many rows are listed and the directory's indexes can be partial on it.
     */
    listed: boolean('listed').notNull().generatedAlwaysAs(sql`deactivated_at IS NULL AND jsonb_array_length(skills) > 0`),
    lastSeenAt: ts('last_seen_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('users_email_uq').on(t.email),
    uniqueIndex('users_username_uq').on(t.username),
    index('users_created_idx').on(t.createdAt),
    // The freelancers directory (service/freelancers.ts), over the listed profiles: each sort's order (walked backwards
    // for the descending sorts); the best rated within a country, a level, the verified; the name/skill search.
    index('users_listed_rating_idx').on(t.sellerRatingX100, t.sellerReviews, t.id).where(sql`listed`),
    index('users_listed_jobs_idx').on(t.sellerJobs, t.id).where(sql`listed`),
    index('users_listed_newest_idx').on(t.id).where(sql`listed`),
    index('users_listed_country_idx').on(t.country, t.sellerRatingX100, t.sellerReviews, t.id).where(sql`listed`),
    index('users_listed_level_idx').on(t.sellerLevel, t.sellerRatingX100, t.sellerReviews, t.id).where(sql`listed`),
    index('users_listed_verified_idx')
      .on(t.sellerRatingX100, t.sellerReviews, t.id)
      .where(sql`listed AND identity_verified_at IS NOT NULL`),
    index('users_listed_trgm_idx').using('gin', sql`${t.searchText} gin_trgm_ops`).where(sql`listed`),
  ],
);

/** A signed-in browser or API client. Only the SHA-256 of the token is stored. */
export const sessions = pgTable(
  'sessions',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    tokenHash: text('token_hash').notNull(),
    kind: text('kind').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    createdAt: ts('created_at').notNull().defaultNow(),
    lastSeenAt: ts('last_seen_at').notNull().defaultNow(),
    expiresAt: ts('expires_at').notNull(),
    revokedAt: ts('revoked_at'),
  },
  (t) => [uniqueIndex('sessions_token_uq').on(t.tokenHash), index('sessions_user_idx').on(t.userId).where(sql`revoked_at IS NULL`)],
);

/** Single-use tokens sent by mail: email verification and password reset. */
export const authTokens = pgTable(
  'auth_tokens',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    purpose: text('purpose').notNull(),
    tokenHash: text('token_hash').notNull(),
    expiresAt: ts('expires_at').notNull(),
    usedAt: ts('used_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('auth_tokens_hash_uq').on(t.tokenHash)],
);

/** Every acceptance of a policy version (policy 3): at sign-up and on each later acceptance. */
export const policyAcceptances = pgTable(
  'policy_acceptances',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    policy: text('policy').notNull(),
    version: integer('version').notNull(),
    ip: text('ip'),
    acceptedAt: ts('accepted_at').notNull().defaultNow(),
  },
  (t) => [index('policy_acceptances_user_idx').on(t.userId)],
);

/** Sign-in history, for login alerts (a new device gets a mail) and the security page. */
export const loginEvents = pgTable(
  'login_events',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    ip: text('ip'),
    userAgent: text('user_agent'),
    success: integer('success').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('login_events_user_idx').on(t.userId, t.createdAt)],
);

/**
 * An OpenID Connect identity linked to an account (sign-in with OIDC): the provider's issuer and its subject for the
 * person, unique together, so one identity signs in to one account; the email the provider gave when it was linked.
 */
export const userIdentities = pgTable(
  'user_identities',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    issuer: text('issuer').notNull(),
    subject: text('subject').notNull(),
    email: text('email'),
    createdAt: ts('created_at').notNull().defaultNow(),
    lastUsedAt: ts('last_used_at'),
  },
  (t) => [uniqueIndex('user_identities_issuer_subject_uq').on(t.issuer, t.subject), index('user_identities_user_idx').on(t.userId)],
);
