ALTER TABLE "files" ADD COLUMN "preview_key" text;--> statement-breakpoint
CREATE INDEX "contest_entries_files_idx" ON "contest_entries" USING gin ("file_ids");