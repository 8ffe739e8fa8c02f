CREATE TABLE "contest_awards" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "contest_awards_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"contest_id" bigint NOT NULL,
	"place" smallint NOT NULL,
	"entry_id" bigint NOT NULL,
	"winner_id" integer NOT NULL,
	"prize_cents" bigint NOT NULL,
	"status" text DEFAULT 'handover' NOT NULL,
	"awarded_by" integer NOT NULL,
	"awarded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"handover_note" text,
	"handover_file_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"delivered_at" timestamp with time zone,
	"paid_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "contest_entries" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "contest_entries_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"contest_id" bigint NOT NULL,
	"user_id" integer NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"description" text NOT NULL,
	"file_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"rating" smallint,
	"shortlisted" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"withdrawn_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "contests" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "contests_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"owner_id" integer NOT NULL,
	"status" text NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"conditions" text DEFAULT '' NOT NULL,
	"category_id" integer,
	"skills" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"prizes_cents" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"prize_total_cents" bigint DEFAULT 0 NOT NULL,
	"entry_days" integer DEFAULT 0 NOT NULL,
	"delivery_days" integer DEFAULT 0 NOT NULL,
	"blind" boolean DEFAULT false NOT NULL,
	"file_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"reject_reason" text,
	"search_text" text DEFAULT '' NOT NULL,
	"search_vector" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('arabic', search_text), 'A') || setweight(to_tsvector('english', search_text), 'B')) STORED,
	"commission_bp" integer,
	"published_at" timestamp with time zone,
	"starts_at" timestamp with time zone,
	"ends_at" timestamp with time zone,
	"extended" boolean DEFAULT false NOT NULL,
	"ended_early" boolean DEFAULT false NOT NULL,
	"entries_count" integer DEFAULT 0 NOT NULL,
	"contestants_count" integer DEFAULT 0 NOT NULL,
	"views" integer DEFAULT 0 NOT NULL,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "contest_awards" ADD CONSTRAINT "contest_awards_contest_id_contests_id_fk" FOREIGN KEY ("contest_id") REFERENCES "public"."contests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contest_awards" ADD CONSTRAINT "contest_awards_entry_id_contest_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."contest_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contest_entries" ADD CONSTRAINT "contest_entries_contest_id_contests_id_fk" FOREIGN KEY ("contest_id") REFERENCES "public"."contests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "contest_awards_place_uq" ON "contest_awards" USING btree ("contest_id","place");--> statement-breakpoint
CREATE UNIQUE INDEX "contest_awards_entry_uq" ON "contest_awards" USING btree ("entry_id");--> statement-breakpoint
CREATE INDEX "contest_awards_due_idx" ON "contest_awards" USING btree ("delivered_at") WHERE status = 'delivered';--> statement-breakpoint
CREATE INDEX "contest_entries_contest_idx" ON "contest_entries" USING btree ("contest_id","id");--> statement-breakpoint
CREATE INDEX "contest_entries_user_idx" ON "contest_entries" USING btree ("user_id","contest_id");--> statement-breakpoint
CREATE INDEX "contests_owner_idx" ON "contests" USING btree ("owner_id","id");--> statement-breakpoint
CREATE INDEX "contests_listing_idx" ON "contests" USING btree ("status","published_at");--> statement-breakpoint
CREATE INDEX "contests_due_idx" ON "contests" USING btree ("ends_at") WHERE status = 'open';--> statement-breakpoint
CREATE INDEX "contests_vector_idx" ON "contests" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "contests_newest_idx" ON "contests" USING btree (published_at DESC,id DESC) WHERE status <> 'draft';