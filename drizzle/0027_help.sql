CREATE TABLE "help_articles" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "help_articles_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"slug" text NOT NULL,
	"topic" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"publish_at" timestamp with time zone,
	"title_ar" text NOT NULL,
	"title_en" text NOT NULL,
	"body_ar" text NOT NULL,
	"body_en" text NOT NULL,
	"search_title" text DEFAULT '' NOT NULL,
	"search_text" text DEFAULT '' NOT NULL,
	"search_vector" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('arabic', search_title), 'A') || setweight(to_tsvector('english', search_title), 'A') || setweight(to_tsvector('arabic', search_text), 'B') || setweight(to_tsvector('english', search_text), 'B')) STORED,
	"created_by" integer,
	"updated_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "help_votes" (
	"article_id" integer NOT NULL,
	"voter" text NOT NULL,
	"helpful" boolean NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "help_votes_article_id_voter_pk" PRIMARY KEY("article_id","voter")
);
--> statement-breakpoint
ALTER TABLE "help_votes" ADD CONSTRAINT "help_votes_article_id_help_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."help_articles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "help_articles_slug_uq" ON "help_articles" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "help_articles_vector_idx" ON "help_articles" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "help_articles_topic_idx" ON "help_articles" USING btree ("topic","position","id") WHERE status = 'published';--> statement-breakpoint
CREATE INDEX "help_articles_newest_idx" ON "help_articles" USING btree (publish_at DESC,id DESC) WHERE status = 'published';--> statement-breakpoint
CREATE INDEX "help_votes_article_idx" ON "help_votes" USING btree ("article_id","helpful");--> statement-breakpoint
-- Hand-written: the typo list (search_words, migration 0016) learns the help articles' words too.
CREATE TRIGGER help_articles_search_words AFTER INSERT OR UPDATE OF search_text ON help_articles
  FOR EACH ROW EXECUTE FUNCTION search_words_learn();
