CREATE TABLE "search_words" (
	"word" text PRIMARY KEY NOT NULL
);
--> statement-breakpoint
DROP INDEX "services_trgm_idx";--> statement-breakpoint
DROP INDEX "projects_trgm_idx";--> statement-breakpoint
CREATE INDEX "search_words_trgm_idx" ON "search_words" USING gin ("word" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "services_newest_idx" ON "services" USING btree (published_at DESC,id DESC) WHERE status = 'published';--> statement-breakpoint
CREATE INDEX "services_sales_idx" ON "services" USING btree (orders_count DESC,published_at DESC,id DESC) WHERE status = 'published';--> statement-breakpoint
CREATE INDEX "services_rating_idx" ON "services" USING btree ((coalesce(rating_sum::float8 / nullif(rating_count, 0), -1)) DESC,rating_count DESC,orders_count DESC,id DESC) WHERE status = 'published';--> statement-breakpoint
CREATE INDEX "services_price_idx" ON "services" USING btree ("price_cents","id") WHERE status = 'published';--> statement-breakpoint
CREATE INDEX "services_cat_newest_idx" ON "services" USING btree (category_id DESC,published_at DESC,id DESC) WHERE status = 'published';--> statement-breakpoint
CREATE INDEX "services_cat_sales_idx" ON "services" USING btree (category_id DESC,orders_count DESC,published_at DESC,id DESC) WHERE status = 'published';--> statement-breakpoint
CREATE INDEX "services_cat_rating_idx" ON "services" USING btree (category_id DESC,(coalesce(rating_sum::float8 / nullif(rating_count, 0), -1)) DESC,rating_count DESC,orders_count DESC,id DESC) WHERE status = 'published';--> statement-breakpoint
CREATE INDEX "services_cat_price_idx" ON "services" USING btree ("category_id","price_cents","id") WHERE status = 'published';--> statement-breakpoint
CREATE INDEX "projects_newest_idx" ON "projects" USING btree (published_at DESC,id DESC) WHERE status = 'open';--> statement-breakpoint
-- The text vector stays in the row (compressed if need be), so checking a row's text while walking an order's index
-- reads no TOAST (was ~7 pages a row). Rows written from now on; `VACUUM FULL services` rewrites the older ones.
ALTER TABLE "services" ALTER COLUMN "search_vector" SET STORAGE MAIN;--> statement-breakpoint
ALTER TABLE "projects" ALTER COLUMN "search_vector" SET STORAGE MAIN;--> statement-breakpoint
-- Every word of a searchable text, for typo corrections (platform/search/lexicon.ts). The words of a tsvector come
-- sorted, so two writers add shared words in the same order (no deadlock).
CREATE FUNCTION search_words_learn() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO search_words (word)
    SELECT u.lexeme FROM unnest(to_tsvector('simple', NEW.search_text)) AS u
    WHERE char_length(u.lexeme) BETWEEN 3 AND 40
    ON CONFLICT DO NOTHING;
  RETURN NEW;
END
$$;--> statement-breakpoint
CREATE TRIGGER services_search_words AFTER INSERT OR UPDATE OF search_text ON services
  FOR EACH ROW EXECUTE FUNCTION search_words_learn();--> statement-breakpoint
CREATE TRIGGER projects_search_words AFTER INSERT OR UPDATE OF search_text ON projects
  FOR EACH ROW EXECUTE FUNCTION search_words_learn();--> statement-breakpoint
INSERT INTO search_words (word)
  SELECT DISTINCT u.lexeme FROM (SELECT search_text FROM services UNION ALL SELECT search_text FROM projects) t,
    unnest(to_tsvector('simple', t.search_text)) AS u
  WHERE char_length(u.lexeme) BETWEEN 3 AND 40
  ON CONFLICT DO NOTHING;
--> statement-breakpoint
-- The average rating's distribution, for the planner's estimates (a partial index's expression statistics are not
-- used): the engine reads a minimum-rating search through the filters when few services pass it.
CREATE STATISTICS IF NOT EXISTS services_rating_stats ON (coalesce(rating_sum::float8 / nullif(rating_count, 0), -1)) FROM services;--> statement-breakpoint
ANALYZE services;
