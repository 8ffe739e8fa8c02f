import { sql } from 'drizzle-orm';
import { bigint, customType, index, integer, jsonb, pgTable, smallint, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/** Service and project categories, two levels deep (category → subcategory). */
export const categories = pgTable(
  'categories',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    slug: text('slug').notNull(),
    parentId: integer('parent_id'),
    nameAr: text('name_ar').notNull(),
    nameEn: text('name_en').notNull(),
    position: integer('position').notNull().default(0),
  },
  (t) => [uniqueIndex('categories_slug_uq').on(t.slug), index('categories_parent_idx').on(t.parentId)],
);

export interface ServiceDraft {
  title: string;
  categoryId: number | null;
  description: string;
  priceCents: number;
  deliveryDays: number;
  instructions: string;
  skills: string[];
  imageIds: number[];
  addons: { title: string; priceCents: number; extraDays: number }[];
  /** Up to three packages (catalog/packages.ts); absent or empty: the service sells at its one price. */
  packages?: PackageDraft[];
}

export type PackageTier = 'basic' | 'standard' | 'premium';

/** One package as typed and as a pending edit keeps it; `revisions` null = unlimited. */
export interface PackageDraft {
  tier: PackageTier;
  title: string;
  description: string;
  priceCents: number;
  deliveryDays: number;
  revisions: number | null;
}

/**
 * A fixed-price service (الخدمات). `status`: draft → pending (awaiting a moderator) → published | rejected;
 * published ↔ paused. An edit of a published service waits in `pending_edit` while the live version stays.
 */
export const services = pgTable(
  'services',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    sellerId: integer('seller_id').notNull(),
    status: text('status').notNull(),
    title: text('title').notNull(),
    categoryId: integer('category_id'),
    description: text('description').notNull(),
    priceCents: integer('price_cents').notNull(),
    deliveryDays: integer('delivery_days').notNull(),
    instructions: text('instructions').notNull().default(''),
    skills: jsonb('skills').$type<string[]>().notNull().default([]),
    /** Image file ids in order; the first is the main image. */
    imageIds: jsonb('image_ids').$type<number[]>().notNull().default([]),
    addons: jsonb('addons').$type<{ id: number; title: string; priceCents: number; extraDays: number }[]>().notNull().default([]),
    pendingEdit: jsonb('pending_edit').$type<ServiceDraft>(),
    rejectReason: text('reject_reason'),
    /** Normalised title, skills, description and category names (Arabic normalisation, lower case). */
    searchText: text('search_text').notNull().default(''),
    searchVector: tsvector('search_vector').generatedAlwaysAs(
      sql`setweight(to_tsvector('arabic', search_text), 'A') || setweight(to_tsvector('english', search_text), 'B')`,
    ),
    /** The seller's level, kept here for the level filter (set on submit/approval and by syncSellerLevel). */
    sellerLevel: text('seller_level').notNull().default('new'),
    ordersCount: integer('orders_count').notNull().default(0),
    salesCents: bigint('sales_cents', { mode: 'number' }).notNull().default(0),
    ratingSum: integer('rating_sum').notNull().default(0),
    ratingCount: integer('rating_count').notNull().default(0),
    publishedAt: ts('published_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('services_seller_idx').on(t.sellerId, t.status),
    index('services_listing_idx').on(t.status, t.categoryId, t.priceCents),
    index('services_published_idx').on(t.publishedAt),
    index('services_level_idx').on(t.status, t.sellerLevel),
    // Which services show an image (`image_ids @> '[id]'`): who may see it follows from them.
    index('services_images_idx').using('gin', t.imageIds.op('jsonb_path_ops')),
  ],
);

/** The average rating, unrated last (-1), as the rating order's indexes compute it (catalog/search.ts reads it so). */
const RATING = sql`(coalesce(rating_sum::float8 / nullif(rating_count, 0), -1))`;

/**
 * What a search reads of a published service (issue 15): its filters, its sort keys and its words, one small row
 * (~0.4 KB, against ~3.7 KB in `services`), so that a search reading thousands of rows reads them from memory.
 * Kept by the trigger `service_search_sync` (migration 0017) in the writing transaction: a service is here exactly
 * while it is published. `terms`: the hashes (`hashtext`) of the row's lexemes in both configurations, Arabic and
 * English (`search_hashes(search_text)`); a query asks for the hashes of its words' spellings (`&&`).
 */
export const serviceSearch = pgTable(
  'service_search',
  {
    id: integer('id')
      .primaryKey()
      .references(() => services.id, { onDelete: 'cascade' }),
    categoryId: integer('category_id'),
    sellerId: integer('seller_id').notNull(),
    sellerLevel: text('seller_level').notNull(),
    priceCents: integer('price_cents').notNull(),
    deliveryDays: integer('delivery_days').notNull(),
    ordersCount: integer('orders_count').notNull(),
    ratingSum: integer('rating_sum').notNull(),
    ratingCount: integer('rating_count').notNull(),
    publishedAt: ts('published_at'),
    terms: integer('terms').array().notNull(),
  },
  (t) => [
    index('service_search_terms_idx').using('gin', t.terms),
    index('service_search_seller_idx').on(t.sellerId),
    index('service_search_level_idx').on(t.sellerLevel),
    index('service_search_days_idx').on(t.deliveryDays),
    // The search's orders, walked by keyset. Plain DESC (nulls first, PostgreSQL's default), as the queries order.
    index('service_search_newest_idx').on(sql`published_at DESC`, sql`id DESC`),
    index('service_search_sales_idx').on(sql`orders_count DESC`, sql`published_at DESC`, sql`id DESC`),
    index('service_search_rating_idx').on(sql`${RATING} DESC`, sql`rating_count DESC`, sql`orders_count DESC`, sql`id DESC`),
    index('service_search_price_idx').on(t.priceCents, t.id),
    // The same orders within a category, the category in the keys' direction: a search that keeps categories walks
    // each one's with the category in its keyset (so no other index can take the keyset) and merges them.
    index('service_search_cat_newest_idx').on(sql`category_id DESC`, sql`published_at DESC`, sql`id DESC`),
    index('service_search_cat_sales_idx').on(sql`category_id DESC`, sql`orders_count DESC`, sql`published_at DESC`, sql`id DESC`),
    index('service_search_cat_rating_idx').on(
      sql`category_id DESC`,
      sql`${RATING} DESC`,
      sql`rating_count DESC`,
      sql`orders_count DESC`,
      sql`id DESC`,
    ),
    index('service_search_cat_price_idx').on(t.categoryId, t.priceCents, t.id),
  ],
);

/**
 * A service's packages (issue 20): basic, standard, premium, each at most once. The live version only; an edit of a
 * published service keeps its proposed packages in `services.pending_edit` until approved. With packages the
 * service's `price_cents` and `delivery_days` are the basic package's (search, sort and filters read them).
 */
export const servicePackages = pgTable(
  'service_packages',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    serviceId: integer('service_id')
      .notNull()
      .references(() => services.id, { onDelete: 'cascade' }),
    tier: text('tier').$type<PackageTier>().notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    priceCents: integer('price_cents').notNull(),
    deliveryDays: integer('delivery_days').notNull(),
    /** Null: unlimited revisions. */
    revisions: smallint('revisions'),
  },
  (t) => [uniqueIndex('service_packages_tier_uq').on(t.serviceId, t.tier)],
);
