import { index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';

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
