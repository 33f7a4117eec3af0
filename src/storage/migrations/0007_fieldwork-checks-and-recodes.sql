CREATE TABLE "other_recodes" (
	"id" serial PRIMARY KEY NOT NULL,
	"response_id" uuid NOT NULL,
	"item_id" text NOT NULL,
	"other_item_id" text NOT NULL,
	"other_code" integer NOT NULL,
	"text" text NOT NULL,
	"code" integer,
	"decided_by" integer,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_by" integer,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "response_reviews" (
	"id" serial PRIMARY KEY NOT NULL,
	"response_id" uuid NOT NULL,
	"check_id" text NOT NULL,
	"decision" text NOT NULL,
	"reason" text NOT NULL,
	"decided_by" integer,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_by" integer,
	"revoked_at" timestamp with time zone,
	"revoke_reason" text,
	CONSTRAINT "response_reviews_decision_check" CHECK ("response_reviews"."decision" in ('keep', 'exclude')),
	CONSTRAINT "response_reviews_reason_check" CHECK (length("response_reviews"."reason") between 1 and 500)
);
--> statement-breakpoint
ALTER TABLE "other_recodes" ADD CONSTRAINT "other_recodes_response_id_responses_id_fk" FOREIGN KEY ("response_id") REFERENCES "public"."responses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "other_recodes" ADD CONSTRAINT "other_recodes_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "other_recodes" ADD CONSTRAINT "other_recodes_revoked_by_users_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "response_reviews" ADD CONSTRAINT "response_reviews_response_id_responses_id_fk" FOREIGN KEY ("response_id") REFERENCES "public"."responses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "response_reviews" ADD CONSTRAINT "response_reviews_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "response_reviews" ADD CONSTRAINT "response_reviews_revoked_by_users_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "other_recodes_live_idx" ON "other_recodes" USING btree ("response_id","other_item_id") WHERE revoked_at is null;--> statement-breakpoint
CREATE UNIQUE INDEX "response_reviews_live_idx" ON "response_reviews" USING btree ("response_id","check_id") WHERE revoked_at is null;--> statement-breakpoint
CREATE INDEX "response_reviews_excluded_idx" ON "response_reviews" USING btree ("response_id") WHERE decision = 'exclude' and revoked_at is null;