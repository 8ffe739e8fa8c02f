-- What a search reads of a published service, in a row of its own (catalog/schema.ts `serviceSearch`, issue 15).
CREATE TABLE "service_search" (
	"id" integer PRIMARY KEY NOT NULL,
	"category_id" integer,
	"seller_id" integer NOT NULL,
	"seller_level" text NOT NULL,
	"price_cents" integer NOT NULL,
	"delivery_days" integer NOT NULL,
	"orders_count" integer NOT NULL,
	"rating_sum" integer NOT NULL,
	"rating_count" integer NOT NULL,
	"published_at" timestamp with time zone,
	"terms" integer[] NOT NULL
);
--> statement-breakpoint
ALTER TABLE "service_search" ADD CONSTRAINT "service_search_id_services_id_fk" FOREIGN KEY ("id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
-- The hashes of a text's lexemes, sorted and distinct: a service's `terms`. Arabic words by the Arabic configuration
-- (its stems), other words by the English one (stems, stop words dropped). What a search asks for is broader
-- (search_query_hashes): its spellings' lexemes in both configurations, so a spelling as written also finds the
-- words the Arabic stemmer cuts to it («نصي» finds «نصية», stemmed «نصي»). Immutable, so a query's call is
-- computed when planning, and the text index and the statistics see the values.
CREATE FUNCTION search_hashes(t text) RETURNS integer[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(DISTINCT hashtext(u.lexeme) ORDER BY hashtext(u.lexeme)), '{}') FROM (
    SELECT a.lexeme FROM unnest(to_tsvector('arabic', t)) AS a WHERE a.lexeme ~ '[\u0600-\u06FF]'
    UNION ALL
    SELECT e.lexeme FROM unnest(to_tsvector('english', t)) AS e WHERE e.lexeme !~ '[\u0600-\u06FF]'
  ) AS u
$$;
--> statement-breakpoint
CREATE FUNCTION search_query_hashes(t text) RETURNS integer[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(DISTINCT hashtext(u.lexeme) ORDER BY hashtext(u.lexeme)), '{}')
  FROM unnest(to_tsvector('arabic', t) || to_tsvector('english', t)) AS u
$$;
--> statement-breakpoint
-- Keeps service_search in the writing transaction: a service has a row there exactly while it is published; its
-- terms are computed again only when its search text changes, nothing is written when nothing it holds changed.
CREATE FUNCTION service_search_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status <> 'published' THEN
    IF TG_OP = 'UPDATE' AND OLD.status = 'published' THEN
      DELETE FROM service_search WHERE id = NEW.id;
    END IF;
    RETURN NULL;
  END IF;
  IF TG_OP = 'UPDATE' AND OLD.status = 'published' AND OLD.search_text = NEW.search_text THEN
    IF (OLD.category_id, OLD.seller_id, OLD.seller_level, OLD.price_cents, OLD.delivery_days, OLD.orders_count, OLD.rating_sum, OLD.rating_count, OLD.published_at) IS NOT DISTINCT FROM (NEW.category_id, NEW.seller_id, NEW.seller_level, NEW.price_cents, NEW.delivery_days, NEW.orders_count, NEW.rating_sum, NEW.rating_count, NEW.published_at) THEN
      RETURN NULL;
    END IF;
    UPDATE service_search SET category_id = NEW.category_id, seller_id = NEW.seller_id, seller_level = NEW.seller_level, price_cents = NEW.price_cents, delivery_days = NEW.delivery_days, orders_count = NEW.orders_count, rating_sum = NEW.rating_sum, rating_count = NEW.rating_count, published_at = NEW.published_at WHERE id = NEW.id;
    IF FOUND THEN
      RETURN NULL;
    END IF;
  END IF;
  INSERT INTO service_search (id, category_id, seller_id, seller_level, price_cents, delivery_days, orders_count, rating_sum, rating_count, published_at, terms)
    VALUES (NEW.id, NEW.category_id, NEW.seller_id, NEW.seller_level, NEW.price_cents, NEW.delivery_days, NEW.orders_count, NEW.rating_sum, NEW.rating_count, NEW.published_at, search_hashes(NEW.search_text))
    ON CONFLICT (id) DO UPDATE SET category_id = EXCLUDED.category_id, seller_id = EXCLUDED.seller_id, seller_level = EXCLUDED.seller_level, price_cents = EXCLUDED.price_cents, delivery_days = EXCLUDED.delivery_days, orders_count = EXCLUDED.orders_count, rating_sum = EXCLUDED.rating_sum, rating_count = EXCLUDED.rating_count, published_at = EXCLUDED.published_at, terms = EXCLUDED.terms;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER services_search_sync AFTER INSERT OR UPDATE ON services
  FOR EACH ROW EXECUTE FUNCTION service_search_sync();
--> statement-breakpoint
INSERT INTO service_search (id, category_id, seller_id, seller_level, price_cents, delivery_days, orders_count, rating_sum, rating_count, published_at, terms)
  SELECT id, category_id, seller_id, seller_level, price_cents, delivery_days, orders_count, rating_sum, rating_count, published_at, search_hashes(search_text) FROM services WHERE status = 'published';
--> statement-breakpoint
-- The search reads service_search now: the services' own search indexes go.
DROP INDEX IF EXISTS "services_vector_idx";
--> statement-breakpoint
DROP INDEX IF EXISTS "services_newest_idx";
--> statement-breakpoint
DROP INDEX IF EXISTS "services_sales_idx";
--> statement-breakpoint
DROP INDEX IF EXISTS "services_rating_idx";
--> statement-breakpoint
DROP INDEX IF EXISTS "services_price_idx";
--> statement-breakpoint
DROP INDEX IF EXISTS "services_cat_newest_idx";
--> statement-breakpoint
DROP INDEX IF EXISTS "services_cat_sales_idx";
--> statement-breakpoint
DROP INDEX IF EXISTS "services_cat_rating_idx";
--> statement-breakpoint
DROP INDEX IF EXISTS "services_cat_price_idx";
--> statement-breakpoint
DROP STATISTICS IF EXISTS services_rating_stats;
--> statement-breakpoint
CREATE INDEX "service_search_terms_idx" ON "service_search" USING gin ("terms");
--> statement-breakpoint
CREATE INDEX "service_search_seller_idx" ON "service_search" USING btree ("seller_id");
--> statement-breakpoint
CREATE INDEX "service_search_level_idx" ON "service_search" USING btree ("seller_level");
--> statement-breakpoint
CREATE INDEX "service_search_days_idx" ON "service_search" USING btree ("delivery_days");
--> statement-breakpoint
CREATE INDEX "service_search_newest_idx" ON "service_search" USING btree (published_at DESC,id DESC);
--> statement-breakpoint
CREATE INDEX "service_search_sales_idx" ON "service_search" USING btree (orders_count DESC,published_at DESC,id DESC);
--> statement-breakpoint
CREATE INDEX "service_search_rating_idx" ON "service_search" USING btree ((coalesce(rating_sum::float8 / nullif(rating_count, 0), -1)) DESC,rating_count DESC,orders_count DESC,id DESC);
--> statement-breakpoint
CREATE INDEX "service_search_price_idx" ON "service_search" USING btree ("price_cents","id");
--> statement-breakpoint
CREATE INDEX "service_search_cat_newest_idx" ON "service_search" USING btree (category_id DESC,published_at DESC,id DESC);
--> statement-breakpoint
CREATE INDEX "service_search_cat_sales_idx" ON "service_search" USING btree (category_id DESC,orders_count DESC,published_at DESC,id DESC);
--> statement-breakpoint
CREATE INDEX "service_search_cat_rating_idx" ON "service_search" USING btree (category_id DESC,(coalesce(rating_sum::float8 / nullif(rating_count, 0), -1)) DESC,rating_count DESC,orders_count DESC,id DESC);
--> statement-breakpoint
CREATE INDEX "service_search_cat_price_idx" ON "service_search" USING btree ("category_id","price_cents","id");
--> statement-breakpoint
-- The planner's estimates of a word (its hash among the most common elements) and of the average rating.
ALTER TABLE service_search ALTER COLUMN terms SET STATISTICS 1000;
--> statement-breakpoint
CREATE STATISTICS IF NOT EXISTS service_search_rating_stats ON (coalesce(rating_sum::float8 / nullif(rating_count, 0), -1)) FROM service_search;
--> statement-breakpoint
ANALYZE service_search;
