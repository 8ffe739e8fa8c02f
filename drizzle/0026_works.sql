CREATE TABLE "work_likes" (
	"work_id" bigint NOT NULL,
	"user_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "work_likes_work_id_user_id_pk" PRIMARY KEY("work_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "work_view_days" (
	"work_id" bigint NOT NULL,
	"day" date NOT NULL,
	"viewer" text NOT NULL,
	CONSTRAINT "work_view_days_work_id_day_viewer_pk" PRIMARY KEY("work_id","day","viewer")
);
--> statement-breakpoint
CREATE TABLE "works" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "works_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"owner_id" integer NOT NULL,
	"status" text NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"category_id" integer,
	"skills" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"skill_keys" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"image_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"link" text,
	"order_id" bigint,
	"search_text" text DEFAULT '' NOT NULL,
	"search_vector" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('arabic', search_text), 'A') || setweight(to_tsvector('english', search_text), 'B')) STORED,
	"likes_count" integer DEFAULT 0 NOT NULL,
	"views_count" integer DEFAULT 0 NOT NULL,
	"best_score" integer GENERATED ALWAYS AS (likes_count * 5 + views_count) STORED,
	"hidden_reason" text,
	"like_notice_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"deleted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "work_likes" ADD CONSTRAINT "work_likes_work_id_works_id_fk" FOREIGN KEY ("work_id") REFERENCES "public"."works"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "work_likes_user_idx" ON "work_likes" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "work_view_days_day_idx" ON "work_view_days" USING btree ("day");--> statement-breakpoint
CREATE INDEX "works_owner_idx" ON "works" USING btree ("owner_id","id");--> statement-breakpoint
CREATE INDEX "works_vector_idx" ON "works" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "works_images_idx" ON "works" USING gin ("image_ids" jsonb_path_ops);--> statement-breakpoint
CREATE INDEX "works_skills_idx" ON "works" USING gin ("skill_keys" jsonb_path_ops);--> statement-breakpoint
CREATE INDEX "works_category_idx" ON "works" USING btree ("category_id") WHERE status = 'published';--> statement-breakpoint
CREATE INDEX "works_newest_idx" ON "works" USING btree (published_at DESC,id DESC) WHERE status = 'published';--> statement-breakpoint
CREATE INDEX "works_best_idx" ON "works" USING btree (best_score DESC,published_at DESC,id DESC) WHERE status = 'published';--> statement-breakpoint
CREATE INDEX "works_views_idx" ON "works" USING btree (views_count DESC,published_at DESC,id DESC) WHERE status = 'published';--> statement-breakpoint
CREATE INDEX "works_likes_idx" ON "works" USING btree (likes_count DESC,published_at DESC,id DESC) WHERE status = 'published';--> statement-breakpoint
CREATE UNIQUE INDEX "works_order_uq" ON "works" USING btree ("order_id") WHERE order_id IS NOT NULL AND status <> 'deleted';