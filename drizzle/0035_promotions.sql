CREATE TABLE "promotions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "promotions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"service_id" integer NOT NULL,
	"seller_id" integer NOT NULL,
	"paid_with" text NOT NULL,
	"points_spent" integer DEFAULT 0 NOT NULL,
	"cents_paid" integer DEFAULT 0 NOT NULL,
	"state" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"remaining_ms" bigint,
	"stopped_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"impressions" bigint DEFAULT 0 NOT NULL,
	"clicks" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "promotions_paid_with" CHECK ("promotions"."paid_with" IN ('points', 'money', 'free')),
	CONSTRAINT "promotions_state" CHECK ("promotions"."state" IN ('active', 'stopped', 'ended'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX "promotions_service_running_uq" ON "promotions" USING btree ("service_id") WHERE state IN ('active', 'stopped');--> statement-breakpoint
CREATE INDEX "promotions_seller_idx" ON "promotions" USING btree ("seller_id","id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "promotions_due_idx" ON "promotions" USING btree ("state","ends_at");