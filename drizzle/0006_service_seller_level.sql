ALTER TABLE "services" ADD COLUMN "seller_level" text DEFAULT 'new' NOT NULL;--> statement-breakpoint
CREATE INDEX "services_level_idx" ON "services" USING btree ("status","seller_level");