CREATE TABLE "bids" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "bids_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"project_id" bigint NOT NULL,
	"freelancer_id" integer NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"amount_cents" integer NOT NULL,
	"days" integer NOT NULL,
	"proposal" text NOT NULL,
	"file_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"shortlisted" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "projects" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "projects_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"owner_id" integer NOT NULL,
	"status" text NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"category_id" integer,
	"skills" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"budget_min_cents" integer NOT NULL,
	"budget_max_cents" integer NOT NULL,
	"expected_days" integer NOT NULL,
	"file_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"reject_reason" text,
	"search_text" text DEFAULT '' NOT NULL,
	"search_vector" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('arabic', search_text), 'A') || setweight(to_tsvector('english', search_text), 'B')) STORED,
	"bids_count" integer DEFAULT 0 NOT NULL,
	"bids_sum_cents" bigint DEFAULT 0 NOT NULL,
	"published_at" timestamp with time zone,
	"closes_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"hired_bid_id" bigint,
	"order_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "orders" ALTER COLUMN "service_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "reviews" ALTER COLUMN "service_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "kind" text DEFAULT 'service' NOT NULL;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "project_id" bigint;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "bid_id" bigint;--> statement-breakpoint
CREATE UNIQUE INDEX "bids_project_freelancer_uq" ON "bids" USING btree ("project_id","freelancer_id");--> statement-breakpoint
CREATE INDEX "bids_freelancer_idx" ON "bids" USING btree ("freelancer_id","status");--> statement-breakpoint
CREATE INDEX "bids_project_idx" ON "bids" USING btree ("project_id","id");--> statement-breakpoint
CREATE INDEX "projects_owner_idx" ON "projects" USING btree ("owner_id","id");--> statement-breakpoint
CREATE INDEX "projects_listing_idx" ON "projects" USING btree ("status","published_at");--> statement-breakpoint
CREATE INDEX "projects_expiry_idx" ON "projects" USING btree ("closes_at") WHERE status = 'open';--> statement-breakpoint
CREATE INDEX "projects_vector_idx" ON "projects" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "projects_trgm_idx" ON "projects" USING gin (search_text gin_trgm_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "orders_project_uq" ON "orders" USING btree ("project_id");