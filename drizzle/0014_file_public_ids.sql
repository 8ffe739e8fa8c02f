-- Files get an unguessable public address: existing rows are given one here (43 base64url characters, as
-- newToken() makes for new rows: 32 bytes from two gen_random_uuid(), 244 random bits), then it is required.
ALTER TABLE "files" ADD COLUMN "public_id" text;--> statement-breakpoint
UPDATE "files" SET "public_id" = translate(encode(decode(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'hex'), 'base64'), '+/=', '-_') WHERE "public_id" IS NULL;--> statement-breakpoint
ALTER TABLE "files" ALTER COLUMN "public_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "files" ADD CONSTRAINT "files_public_id_unique" UNIQUE("public_id");--> statement-breakpoint
-- A user's avatar address follows their avatar file's public id.
ALTER TABLE "users" ADD COLUMN "avatar_public_id" text;--> statement-breakpoint
UPDATE "users" SET "avatar_public_id" = "files"."public_id" FROM "files" WHERE "files"."id" = "users"."avatar_file_id";--> statement-breakpoint
CREATE INDEX "services_images_idx" ON "services" USING gin ("image_ids" jsonb_path_ops);
