CREATE TABLE "community_acceptances" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "community_acceptances_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"topic_id" bigint NOT NULL,
	"comment_id" bigint NOT NULL,
	"answerer_id" integer NOT NULL,
	"accepted_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"withdrawn_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "community_comments" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "community_comments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"topic_id" bigint NOT NULL,
	"parent_id" bigint,
	"author_id" integer NOT NULL,
	"body" text NOT NULL,
	"status" text DEFAULT 'visible' NOT NULL,
	"hidden_reason" text,
	"ugc" boolean DEFAULT false NOT NULL,
	"votes_count" integer DEFAULT 0 NOT NULL,
	"edited_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "community_follows" (
	"topic_id" bigint NOT NULL,
	"user_id" integer NOT NULL,
	"pending_since" timestamp with time zone,
	"pending_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "community_follows_topic_id_user_id_pk" PRIMARY KEY("topic_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "community_revisions" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "community_revisions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"target_type" text NOT NULL,
	"target_id" bigint NOT NULL,
	"topic_id" bigint NOT NULL,
	"title" text,
	"body" text NOT NULL,
	"skills" jsonb,
	"written_at" timestamp with time zone NOT NULL,
	"replaced_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "community_sections" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "community_sections_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"slug" text NOT NULL,
	"name_ar" text NOT NULL,
	"name_en" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"staff_only" boolean DEFAULT false NOT NULL,
	"hidden" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "community_sections_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "community_topics" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "community_topics_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"type" text NOT NULL,
	"section_id" integer,
	"author_id" integer NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"skills" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"skill_keys" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text DEFAULT 'visible' NOT NULL,
	"hidden_reason" text,
	"ugc" boolean DEFAULT false NOT NULL,
	"locked_at" timestamp with time zone,
	"pinned_at" timestamp with time zone,
	"votes_count" integer DEFAULT 0 NOT NULL,
	"comments_count" integer DEFAULT 0 NOT NULL,
	"answers_count" integer DEFAULT 0 NOT NULL,
	"accepted_comment_id" bigint,
	"last_activity_at" timestamp with time zone DEFAULT now() NOT NULL,
	"search_text" text DEFAULT '' NOT NULL,
	"search_vector" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('arabic', search_text), 'A') || setweight(to_tsvector('english', search_text), 'B')) STORED,
	"edited_at" timestamp with time zone,
	"deleted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "community_votes" (
	"target_type" text NOT NULL,
	"target_id" bigint NOT NULL,
	"user_id" integer NOT NULL,
	"recipient_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "community_votes_target_type_target_id_user_id_pk" PRIMARY KEY("target_type","target_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "community_comments" ADD CONSTRAINT "community_comments_topic_id_community_topics_id_fk" FOREIGN KEY ("topic_id") REFERENCES "public"."community_topics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "community_acceptances_current_uq" ON "community_acceptances" USING btree ("topic_id") WHERE withdrawn_at IS NULL;--> statement-breakpoint
CREATE INDEX "community_acceptances_answerer_idx" ON "community_acceptances" USING btree ("answerer_id","created_at");--> statement-breakpoint
CREATE INDEX "community_comments_topic_idx" ON "community_comments" USING btree ("topic_id","id");--> statement-breakpoint
CREATE INDEX "community_comments_author_idx" ON "community_comments" USING btree ("author_id","created_at");--> statement-breakpoint
CREATE INDEX "community_follows_user_idx" ON "community_follows" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "community_follows_pending_idx" ON "community_follows" USING btree ("pending_since") WHERE pending_since IS NOT NULL;--> statement-breakpoint
CREATE INDEX "community_revisions_topic_idx" ON "community_revisions" USING btree ("topic_id","id");--> statement-breakpoint
CREATE INDEX "community_topics_author_idx" ON "community_topics" USING btree ("author_id","created_at");--> statement-breakpoint
CREATE INDEX "community_topics_vector_idx" ON "community_topics" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "community_topics_skills_idx" ON "community_topics" USING gin ("skill_keys" jsonb_path_ops);--> statement-breakpoint
CREATE INDEX "community_topics_newest_idx" ON "community_topics" USING btree ("type",created_at DESC,id DESC) WHERE status = 'visible';--> statement-breakpoint
CREATE INDEX "community_topics_active_idx" ON "community_topics" USING btree ("type",last_activity_at DESC,id DESC) WHERE status = 'visible';--> statement-breakpoint
CREATE INDEX "community_topics_votes_idx" ON "community_topics" USING btree ("type",votes_count DESC,created_at DESC,id DESC) WHERE status = 'visible';--> statement-breakpoint
CREATE INDEX "community_topics_section_idx" ON "community_topics" USING btree ("section_id",last_activity_at DESC) WHERE status = 'visible';--> statement-breakpoint
CREATE INDEX "community_topics_pinned_idx" ON "community_topics" USING btree ("pinned_at") WHERE pinned_at IS NOT NULL AND status = 'visible';--> statement-breakpoint
CREATE INDEX "community_votes_recipient_idx" ON "community_votes" USING btree ("recipient_id","created_at");--> statement-breakpoint
-- Hand-written (not generated by drizzle-kit): the topics' words feed the search lexicon for typo corrections
-- (platform/search/lexicon.ts), as services' and projects' do (search_words_learn, 0016_search_engine.sql).
CREATE TRIGGER community_topics_search_words AFTER INSERT OR UPDATE OF search_text ON community_topics
  FOR EACH ROW EXECUTE FUNCTION search_words_learn();--> statement-breakpoint
-- Hand-written: the text vector stays in the row, as for services and projects (no TOAST read on a walk).
ALTER TABLE "community_topics" ALTER COLUMN "search_vector" SET STORAGE MAIN;
