CREATE TABLE "qual_codes" (
	"id" serial PRIMARY KEY NOT NULL,
	"guid" uuid NOT NULL,
	"parent_id" integer,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"color" text,
	"sections" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"survey_items" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"synthetic" boolean DEFAULT false NOT NULL,
	CONSTRAINT "qual_codes_guid_unique" UNIQUE("guid")
);
--> statement-breakpoint
CREATE TABLE "qual_codings" (
	"id" serial PRIMARY KEY NOT NULL,
	"turn_id" integer NOT NULL,
	"code_id" integer NOT NULL,
	"coder" text NOT NULL,
	"start_offset" integer NOT NULL,
	"end_offset" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "qual_codings_span_check" CHECK ("qual_codings"."start_offset" >= 0 and "qual_codings"."end_offset" > "qual_codings"."start_offset")
);
--> statement-breakpoint
CREATE TABLE "qual_member_checks" (
	"id" serial PRIMARY KEY NOT NULL,
	"code_id" integer NOT NULL,
	"session_id" integer NOT NULL,
	"reaction" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"synthetic" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "qual_member_checks_reaction_check" CHECK ("qual_member_checks"."reaction" in ('recognised', 'partly', 'not-recognised'))
);
--> statement-breakpoint
CREATE TABLE "qual_memos" (
	"id" serial PRIMARY KEY NOT NULL,
	"code_id" integer,
	"transcript_id" integer,
	"author" text NOT NULL,
	"text" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "qual_participants" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"kind" text NOT NULL,
	"pool" text,
	"migrant_type" text NOT NULL,
	"gender" text,
	"age" integer,
	"learning_route" text,
	"country" text,
	"municipality" text,
	"language" text,
	"literacy" text,
	"consent_date" date,
	"consent_scope" text,
	"consent_withdrawn_at" timestamp with time zone,
	"interviewer_id" integer,
	"synthetic" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "qual_participants_code_unique" UNIQUE("code"),
	CONSTRAINT "qual_participants_kind_check" CHECK ("qual_participants"."kind" in ('expert-pool', 'peer-to-peer', 'in-depth')),
	CONSTRAINT "qual_participants_pool_check" CHECK ("qual_participants"."pool" is null or "qual_participants"."pool" in ('onderwijs-b1', 'z-route', 'gezin', 'mb')),
	CONSTRAINT "qual_participants_migrant_check" CHECK ("qual_participants"."migrant_type" in ('asiel', 'gezin')),
	CONSTRAINT "qual_participants_gender_check" CHECK ("qual_participants"."gender" is null or "qual_participants"."gender" in ('man', 'vrouw')),
	CONSTRAINT "qual_participants_age_check" CHECK ("qual_participants"."age" is null or "qual_participants"."age" between 16 and 110),
	CONSTRAINT "qual_participants_route_check" CHECK ("qual_participants"."learning_route" is null or "qual_participants"."learning_route" in ('onderwijs', 'b1', 'z')),
	CONSTRAINT "qual_participants_literacy_check" CHECK ("qual_participants"."literacy" is null or "qual_participants"."literacy" in ('literate', 'low-literate'))
);
--> statement-breakpoint
CREATE TABLE "qual_quotes" (
	"id" serial PRIMARY KEY NOT NULL,
	"participant_id" integer NOT NULL,
	"session_id" integer,
	"turn_id" integer,
	"code_id" integer,
	"language" text NOT NULL,
	"text" text NOT NULL,
	"text_status" text DEFAULT 'unreviewed' NOT NULL,
	"text_nl" text,
	"text_nl_status" text DEFAULT 'draft' NOT NULL,
	"report_section" text,
	"position" integer DEFAULT 0 NOT NULL,
	"synthetic" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "qual_quotes_text_status_check" CHECK ("qual_quotes"."text_status" in ('unreviewed', 'reviewed')),
	CONSTRAINT "qual_quotes_nl_status_check" CHECK ("qual_quotes"."text_nl_status" in ('draft', 'reviewed'))
);
--> statement-breakpoint
CREATE TABLE "qual_session_participants" (
	"session_id" integer NOT NULL,
	"participant_id" integer NOT NULL,
	CONSTRAINT "qual_session_participants_session_id_participant_id_pk" PRIMARY KEY("session_id","participant_id")
);
--> statement-breakpoint
CREATE TABLE "qual_sessions" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"kind" text NOT NULL,
	"pool" text,
	"held_on" date,
	"language" text,
	"facilitator" text,
	"interviewer_id" integer,
	"notes" text DEFAULT '' NOT NULL,
	"synthetic" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "qual_sessions_code_unique" UNIQUE("code"),
	CONSTRAINT "qual_sessions_kind_check" CHECK ("qual_sessions"."kind" in ('pool-meeting', 'in-depth-interview', 'peer-interview'))
);
--> statement-breakpoint
CREATE TABLE "qual_summary_boxes" (
	"id" serial PRIMARY KEY NOT NULL,
	"report_section" text NOT NULL,
	"label" text NOT NULL,
	"title" text NOT NULL,
	"items" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"synthetic" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "qual_transcripts" (
	"id" serial PRIMARY KEY NOT NULL,
	"session_id" integer NOT NULL,
	"source" text NOT NULL,
	"format" text NOT NULL,
	"language" text,
	"imported_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "qual_transcripts_format_check" CHECK ("qual_transcripts"."format" in ('text', 'vtt', 'srt', 'docx'))
);
--> statement-breakpoint
CREATE TABLE "qual_turns" (
	"id" serial PRIMARY KEY NOT NULL,
	"transcript_id" integer NOT NULL,
	"seq" integer NOT NULL,
	"participant_id" integer,
	"staff_role" text,
	"start_ms" integer,
	"end_ms" integer,
	"text" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "qual_codes" ADD CONSTRAINT "qual_codes_parent_id_qual_codes_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."qual_codes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qual_codings" ADD CONSTRAINT "qual_codings_turn_id_qual_turns_id_fk" FOREIGN KEY ("turn_id") REFERENCES "public"."qual_turns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qual_codings" ADD CONSTRAINT "qual_codings_code_id_qual_codes_id_fk" FOREIGN KEY ("code_id") REFERENCES "public"."qual_codes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qual_member_checks" ADD CONSTRAINT "qual_member_checks_code_id_qual_codes_id_fk" FOREIGN KEY ("code_id") REFERENCES "public"."qual_codes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qual_member_checks" ADD CONSTRAINT "qual_member_checks_session_id_qual_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."qual_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qual_memos" ADD CONSTRAINT "qual_memos_code_id_qual_codes_id_fk" FOREIGN KEY ("code_id") REFERENCES "public"."qual_codes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qual_memos" ADD CONSTRAINT "qual_memos_transcript_id_qual_transcripts_id_fk" FOREIGN KEY ("transcript_id") REFERENCES "public"."qual_transcripts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qual_participants" ADD CONSTRAINT "qual_participants_interviewer_id_qual_participants_id_fk" FOREIGN KEY ("interviewer_id") REFERENCES "public"."qual_participants"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qual_quotes" ADD CONSTRAINT "qual_quotes_participant_id_qual_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."qual_participants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qual_quotes" ADD CONSTRAINT "qual_quotes_session_id_qual_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."qual_sessions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qual_quotes" ADD CONSTRAINT "qual_quotes_turn_id_qual_turns_id_fk" FOREIGN KEY ("turn_id") REFERENCES "public"."qual_turns"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qual_quotes" ADD CONSTRAINT "qual_quotes_code_id_qual_codes_id_fk" FOREIGN KEY ("code_id") REFERENCES "public"."qual_codes"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qual_session_participants" ADD CONSTRAINT "qual_session_participants_session_id_qual_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."qual_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qual_session_participants" ADD CONSTRAINT "qual_session_participants_participant_id_qual_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."qual_participants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qual_sessions" ADD CONSTRAINT "qual_sessions_interviewer_id_qual_participants_id_fk" FOREIGN KEY ("interviewer_id") REFERENCES "public"."qual_participants"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qual_transcripts" ADD CONSTRAINT "qual_transcripts_session_id_qual_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."qual_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qual_transcripts" ADD CONSTRAINT "qual_transcripts_imported_by_users_id_fk" FOREIGN KEY ("imported_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qual_turns" ADD CONSTRAINT "qual_turns_transcript_id_qual_transcripts_id_fk" FOREIGN KEY ("transcript_id") REFERENCES "public"."qual_transcripts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "qual_turns" ADD CONSTRAINT "qual_turns_participant_id_qual_participants_id_fk" FOREIGN KEY ("participant_id") REFERENCES "public"."qual_participants"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "qual_codings_turn_idx" ON "qual_codings" USING btree ("turn_id");--> statement-breakpoint
CREATE INDEX "qual_quotes_code_idx" ON "qual_quotes" USING btree ("code_id");--> statement-breakpoint
CREATE INDEX "qual_turns_transcript_idx" ON "qual_turns" USING btree ("transcript_id","seq");