ALTER TABLE "contest_awards" ADD COLUMN "disputed_by" integer;--> statement-breakpoint
ALTER TABLE "contest_awards" ADD COLUMN "dispute_reason" text;--> statement-breakpoint
ALTER TABLE "contest_awards" ADD COLUMN "disputed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "contest_awards" ADD COLUMN "decision" text;--> statement-breakpoint
ALTER TABLE "contest_awards" ADD COLUMN "decision_reason" text;--> statement-breakpoint
ALTER TABLE "contest_awards" ADD COLUMN "decided_by" integer;--> statement-breakpoint
ALTER TABLE "contest_awards" ADD COLUMN "decided_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "contest_comments" ADD COLUMN "entry_id" bigint;--> statement-breakpoint
ALTER TABLE "contests" ADD COLUMN "topup_deposit_id" bigint;--> statement-breakpoint
ALTER TABLE "contests" ADD COLUMN "topup_failure" text;--> statement-breakpoint
ALTER TABLE "contests" ADD COLUMN "end_soon_sent_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "contest_awards_disputed_idx" ON "contest_awards" USING btree ("disputed_at") WHERE status = 'disputed';--> statement-breakpoint
CREATE INDEX "contest_comments_entry_idx" ON "contest_comments" USING btree ("entry_id","id") WHERE entry_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX "contests_topup_idx" ON "contests" USING btree ("topup_deposit_id") WHERE topup_deposit_id IS NOT NULL;