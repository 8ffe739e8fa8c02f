CREATE TABLE "referral_rewards" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "referral_rewards_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"referral_id" integer NOT NULL,
	"kind" text NOT NULL,
	"reference" text NOT NULL,
	"seller_id" integer NOT NULL,
	"purchase_cents" bigint NOT NULL,
	"reward_cents" bigint NOT NULL,
	"source_transaction_id" bigint NOT NULL,
	"ledger_transaction_id" bigint,
	"clears_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "referral_rewards_kind" CHECK ("referral_rewards"."kind" IN ('reward', 'reversal')),
	CONSTRAINT "referral_rewards_amounts" CHECK ("referral_rewards"."reward_cents" >= 0 AND "referral_rewards"."purchase_cents" >= 0)
);
--> statement-breakpoint
CREATE TABLE "referrals" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "referrals_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"referrer_id" integer NOT NULL,
	"referred_id" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"flagged" text,
	"rewarded_cents" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "referrals_not_self" CHECK ("referrals"."referrer_id" <> "referrals"."referred_id"),
	CONSTRAINT "referrals_rewarded_non_negative" CHECK ("referrals"."rewarded_cents" >= 0)
);
--> statement-breakpoint
ALTER TABLE "referral_rewards" ADD CONSTRAINT "referral_rewards_referral_id_referrals_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referrals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "referral_rewards_source_uq" ON "referral_rewards" USING btree ("kind","source_transaction_id","referral_id");--> statement-breakpoint
CREATE INDEX "referral_rewards_referral_idx" ON "referral_rewards" USING btree ("referral_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "referrals_referred_uq" ON "referrals" USING btree ("referred_id");--> statement-breakpoint
CREATE INDEX "referrals_referrer_idx" ON "referrals" USING btree ("referrer_id","id");--> statement-breakpoint
-- A referral is written once: its referrer, its referred user, its date and its flag never change (only the running
-- total of rewards does); neither is ever deleted. Rewards and rewards taken back are append-only.
CREATE FUNCTION referrals_written_once() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR NEW.referrer_id <> OLD.referrer_id OR NEW.referred_id <> OLD.referred_id
     OR NEW.created_at <> OLD.created_at OR NEW.flagged IS DISTINCT FROM OLD.flagged THEN
    RAISE EXCEPTION 'a referral never changes' USING ERRCODE = 'restrict_violation';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER referrals_written_once BEFORE UPDATE OR DELETE ON referrals
  FOR EACH ROW EXECUTE FUNCTION referrals_written_once();
--> statement-breakpoint
CREATE FUNCTION referral_rewards_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'referral_rewards is append-only' USING ERRCODE = 'restrict_violation';
END $$;
--> statement-breakpoint
CREATE TRIGGER referral_rewards_append_only BEFORE UPDATE OR DELETE ON referral_rewards
  FOR EACH ROW EXECUTE FUNCTION referral_rewards_append_only();
