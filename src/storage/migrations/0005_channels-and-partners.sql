CREATE TABLE "channel_partners" (
	"channel_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "channel_partners_channel_id_user_id_pk" PRIMARY KEY("channel_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "channels" (
	"id" serial PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"municipality" text NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "channels_slug_unique" UNIQUE("slug"),
	CONSTRAINT "channels_kind_check" CHECK ("channels"."kind" in ('municipality', 'language-school', 'contact-person', 'advisory-council', 'information-meeting', 'social-organisation')),
	CONSTRAINT "channels_slug_check" CHECK ("channels"."slug" ~ '^[a-z0-9][a-z0-9-]{0,39}$' and "channels"."slug" !~ '^(demo-|sessie-)')
);
--> statement-breakpoint
ALTER TABLE "channel_partners" ADD CONSTRAINT "channel_partners_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_partners" ADD CONSTRAINT "channel_partners_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channels" ADD CONSTRAINT "channels_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "channel_partners_user_idx" ON "channel_partners" USING btree ("user_id");