CREATE TABLE "blog_articles" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "blog_articles_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"slug" text NOT NULL,
	"category" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"title_ar" text DEFAULT '' NOT NULL,
	"body_ar" text DEFAULT '' NOT NULL,
	"title_en" text DEFAULT '' NOT NULL,
	"body_en" text DEFAULT '' NOT NULL,
	"cover_file_id" bigint,
	"publish_at" timestamp with time zone,
	"search_text" text DEFAULT '' NOT NULL,
	"author_id" integer NOT NULL,
	"updated_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "blog_articles_slug_uq" ON "blog_articles" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "blog_articles_public_idx" ON "blog_articles" USING btree (publish_at DESC,id DESC) WHERE status = 'published';--> statement-breakpoint
CREATE INDEX "blog_articles_category_idx" ON "blog_articles" USING btree ("category",publish_at DESC,id DESC) WHERE status = 'published';--> statement-breakpoint
CREATE INDEX "blog_articles_cover_idx" ON "blog_articles" USING btree ("cover_file_id");