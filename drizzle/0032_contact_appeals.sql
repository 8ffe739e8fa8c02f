ALTER TABLE "contact_attempts" ADD COLUMN "appeal" text;--> statement-breakpoint
ALTER TABLE "contact_attempts" ADD COLUMN "appeal_body" text;--> statement-breakpoint
ALTER TABLE "contact_attempts" ADD COLUMN "appeal_target" jsonb;--> statement-breakpoint
ALTER TABLE "contact_attempts" ADD COLUMN "appealed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "contact_attempts" ADD COLUMN "decided_by" integer;--> statement-breakpoint
ALTER TABLE "contact_attempts" ADD COLUMN "decided_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "contact_attempts" ADD COLUMN "decision_note" text;--> statement-breakpoint
CREATE INDEX "contact_attempts_appeals_idx" ON "contact_attempts" USING btree ("appealed_at") WHERE appeal = 'pending';