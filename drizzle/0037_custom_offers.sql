CREATE TABLE "custom_offers" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "custom_offers_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"conversation_id" bigint NOT NULL,
	"seller_id" integer NOT NULL,
	"buyer_id" integer NOT NULL,
	"service_id" bigint,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"price_cents" bigint NOT NULL,
	"delivery_days" smallint NOT NULL,
	"revisions" smallint NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"order_id" bigint,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "revisions" smallint;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "offer_id" bigint;--> statement-breakpoint
CREATE INDEX "custom_offers_conversation_idx" ON "custom_offers" USING btree ("conversation_id","id");