ALTER TABLE "wallet_withdrawals" ADD COLUMN "approved_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "wallet_withdrawals" ADD COLUMN "approved_by" integer;--> statement-breakpoint
ALTER TABLE "wallet_withdrawals" ADD COLUMN "promised_by" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "wallet_withdrawals" ADD COLUMN "late_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "wallet_withdrawals" ADD COLUMN "provider" text;--> statement-breakpoint
ALTER TABLE "wallet_withdrawals" ADD COLUMN "provider_ref" text;--> statement-breakpoint
ALTER TABLE "wallet_withdrawals" ADD COLUMN "provider_error" text;--> statement-breakpoint
CREATE INDEX "wallet_withdrawals_promise_idx" ON "wallet_withdrawals" USING btree ("promised_by") WHERE late_at IS NULL AND status IN ('requested', 'approved');