CREATE TABLE "contest_view_days" (
	"contest_id" bigint NOT NULL,
	"day" date NOT NULL,
	"viewer" text NOT NULL,
	CONSTRAINT "contest_view_days_contest_id_day_viewer_pk" PRIMARY KEY("contest_id","day","viewer")
);
--> statement-breakpoint
CREATE INDEX "contest_view_days_day_idx" ON "contest_view_days" USING btree ("day");