ALTER TABLE "orders" ADD COLUMN "extension_requested_by" text;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "extension_days" smallint;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "extension_reason" text;