CREATE TABLE "audio_recordings" (
	"questionnaire_id" text NOT NULL,
	"target" text NOT NULL,
	"language" text NOT NULL,
	"mime" text NOT NULL,
	"sha256" text NOT NULL,
	"bytes" "bytea" NOT NULL,
	"uploaded_by" integer,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "audio_recordings_questionnaire_id_target_language_pk" PRIMARY KEY("questionnaire_id","target","language")
);
--> statement-breakpoint
ALTER TABLE "audio_recordings" ADD CONSTRAINT "audio_recordings_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;