CREATE TABLE "order_intents" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "order_intents_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"buyer_id" integer NOT NULL,
	"service_id" bigint NOT NULL,
	"quantity" integer NOT NULL,
	"addon_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"deposit_id" bigint NOT NULL,
	"status" text DEFAULT 'waiting' NOT NULL,
	"order_id" bigint,
	"failure" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "order_intents_deposit_uq" ON "order_intents" USING btree ("deposit_id");