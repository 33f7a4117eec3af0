// The one database schema, in Drizzle's TypeScript form. Migrations in ./migrations are generated from it by
// `npm run db:generate` and committed; PostgreSQL and PGlite run the same files. Responses never hold names,
// addresses or IP addresses.
import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  customType,
  date,
  check,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

export const studies = pgTable('studies', {
  id: text('id').primaryKey(),
  title: jsonb('title').notNull(),
  createdAt: createdAt(),
});

export const waves = pgTable('waves', {
  id: text('id').primaryKey(),
  studyId: text('study_id')
    .notNull()
    .references(() => studies.id),
  number: integer('number').notNull(),
  label: text('label').notNull(),
  createdAt: createdAt(),
});

export const questionnaires = pgTable(
  'questionnaires',
  {
    id: text('id').notNull(),
    version: integer('version').notNull(),
    waveId: text('wave_id')
      .notNull()
      .references(() => waves.id),
    group: text('group_name').notNull(),
    /** The canonical QuestionnaireDefinition, as validated on load. */
    definition: jsonb('definition').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.id, t.version] })],
);

export const responses = pgTable(
  'responses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** sha256 of the secret in the respondent's link; the secret itself is never stored. */
    accessHash: text('access_hash').notNull().unique(),
    questionnaireId: text('questionnaire_id').notNull(),
    questionnaireVersion: integer('questionnaire_version').notNull(),
    waveId: text('wave_id')
      .notNull()
      .references(() => waves.id),
    language: text('language').notNull(),
    channel: text('channel').notNull(),
    status: text('status').notNull().default('started'),
    currentPage: text('current_page'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    /** Answers to the landing page's filter questions that chose the questionnaire. */
    landing: jsonb('landing'),
    groupSessionId: integer('group_session_id').references(() => groupSessions.id, { onDelete: 'set null' }),
    /** Raised by every page save: a save names the revision it was computed from and fails if it moved on. */
    revision: integer('revision').notNull().default(0),
  },
  (t) => [
    foreignKey({ columns: [t.questionnaireId, t.questionnaireVersion], foreignColumns: [questionnaires.id, questionnaires.version] }),
    check('responses_status_check', sql`${t.status} in ('started', 'completed')`),
    check('responses_language_check', sql`${t.language} in ('nl', 'en', 'ar', 'tr', 'ti')`),
    index('responses_questionnaire_idx').on(t.questionnaireId, t.questionnaireVersion),
  ],
);

export const answers = pgTable(
  'answers',
  {
    responseId: uuid('response_id')
      .notNull()
      .references(() => responses.id, { onDelete: 'cascade' }),
    itemId: text('item_id').notNull(),
    /** A number (option code or numeric answer), an array of option codes, or text. */
    value: jsonb('value').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.responseId, t.itemId] })],
);

export const users = pgTable(
  'users',
  {
    id: serial('id').primaryKey(),
    username: text('username').notNull().unique(),
    /** scrypt$N$r$p$salt$hash, see web/auth/password.ts */
    passwordHash: text('password_hash').notNull(),
    role: text('role').notNull(),
    createdAt: createdAt(),
    /** Set when the account is disabled: it cannot log in and its sessions are gone. */
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('users_role_check', sql`${t.role} in ('admin', 'researcher', 'qualitative', 'partner')`)],
);

export const userSessions = pgTable('user_sessions', {
  /** sha256 of the session cookie's value. */
  idHash: text('id_hash').primaryKey(),
  userId: integer('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  csrfToken: text('csrf_token').notNull(),
  createdAt: createdAt(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  /** Last request of the session (kept to the minute): a session idle for longer than the idle timeout has ended. */
  lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
});

export const auditLog = pgTable('audit_log', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  userId: integer('user_id').references(() => users.id, { onDelete: 'set null' }),
  action: text('action').notNull(),
  detail: jsonb('detail').notNull().default({}),
});

/** Invitation codes from the letters (DUO route); only hashes are stored, the plain codes go to the mailing house once. */
export const invitations = pgTable(
  'invitations',
  {
    id: serial('id').primaryKey(),
    waveId: text('wave_id')
      .notNull()
      .references(() => waves.id),
    codeHash: text('code_hash').notNull().unique(),
    channel: text('channel').notNull(),
    /** The questionnaire the letter's recipient belongs to, when the population register says so. */
    questionnaireId: text('questionnaire_id'),
    responseId: uuid('response_id').references(() => responses.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('invitations_response_idx').on(t.responseId)],
);

/** A facilitated session in which participants answer together on their own phones (e.g. at a language school). */
export const groupSessions = pgTable('group_sessions', {
  id: serial('id').primaryKey(),
  waveId: text('wave_id')
    .notNull()
    .references(() => waves.id),
  /** Short code shown to the participants; not a secret of any person. */
  code: text('code').notNull().unique(),
  label: text('label').notNull(),
  createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: createdAt(),
  closesAt: timestamp('closes_at', { withTimezone: true }).notNull(),
});

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

/** Recorded audio for low-literacy respondents: one file per questionnaire, item (or item:option) and language. */
export const audioRecordings = pgTable(
  'audio_recordings',
  {
    questionnaireId: text('questionnaire_id').notNull(),
    /** An item id, or `itemId:optionCode` for an answer option. */
    target: text('target').notNull(),
    language: text('language').notNull(),
    mime: text('mime').notNull(),
    sha256: text('sha256').notNull(),
    bytes: bytea('bytes').notNull(),
    uploadedBy: integer('uploaded_by').references(() => users.id, { onDelete: 'set null' }),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.questionnaireId, t.target, t.language] })],
);

/**
 * Counters of the rate limits that must hold across serving processes (code guessing, new responses,
 * logins): per scope and key, the attempts since the window started. Keys are keyed hashes of client
 * addresses or user names, never the addresses themselves; rows outlive their window by minutes at most.
 * The migration makes the table UNLOGGED: it is not written to the WAL, backups or replicas, and a crash empties it.
 */
export const rateLimits = pgTable(
  'rate_limits',
  {
    scope: text('scope').notNull(),
    key: text('key').notNull(),
    windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
    count: integer('count').notNull(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.key] })],
);

/** Random secrets of this installation, made on first use (the key of the rate limits' address hashes). */
export const serverSecrets = pgTable('server_secrets', {
  name: text('name').primaryKey(),
  value: text('value').notNull(),
  createdAt: createdAt(),
});

/** The kinds of recruitment channel of the municipal route, as the columns of the report's Table B.1. */
export const CHANNEL_KINDS = [
  'municipality',
  'language-school',
  'contact-person',
  'advisory-council',
  'information-meeting',
  'social-organisation',
] as const;

/**
 * Recruitment channels of the municipal route: a partner's own link (`/?kanaal=slug`), QR code, flyer and
 * messages. Responses that arrive by a channel's link carry its slug in `responses.channel`, so counts per
 * channel are a join on that text (channels made by hand before the register count too).
 */
export const channels = pgTable(
  'channels',
  {
    id: serial('id').primaryKey(),
    slug: text('slug').notNull().unique(),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    /** Municipality or region the channel works in (the rows of Table B.1). */
    municipality: text('municipality').notNull(),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    check('channels_kind_check', sql`${t.kind} in (${sql.raw(CHANNEL_KINDS.map((k) => `'${k}'`).join(', '))})`),
    // The link's rules (web/respondent): never a channel the system sets itself (demo-*, sessie-*).
    check('channels_slug_check', sql`${t.slug} ~ '^[a-z0-9][a-z0-9-]{0,39}$' and ${t.slug} !~ '^(demo-|sessie-)'`),
  ],
);

/** Partner accounts (role 'partner') and the channels whose aggregated counts they may see. */
export const channelPartners = pgTable(
  'channel_partners',
  {
    channelId: integer('channel_id')
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.channelId, t.userId] }), index('channel_partners_user_idx').on(t.userId)],
);

// ── The qualitative arm (src/qual/): participants, sessions, transcripts, codebook, codings, quotes. ──
// No table here holds a name: participants are known by a code and the attributes the report prints.
// `synthetic` marks the demo corpus, like the demo responses' "demo-" channels.

/** The participant register of the qualitative arm (Tables 2.7 and 2.8 of the report come out of it). */
export const qualParticipants = pgTable(
  'qual_participants',
  {
    id: serial('id').primaryKey(),
    /** A pseudonymous code such as "EP-Z-07"; never a name. */
    code: text('code').notNull().unique(),
    /** How the person took part: an expert pool, a peer-to-peer interview or an in-depth interview. */
    kind: text('kind').notNull(),
    /** The expert pool (kind expert-pool only). */
    pool: text('pool'),
    migrantType: text('migrant_type').notNull(),
    gender: text('gender'),
    age: integer('age'),
    learningRoute: text('learning_route'),
    /** Country of origin as the report prints it (Dutch name, e.g. "Syrië"). */
    country: text('country'),
    municipality: text('municipality'),
    /** Language the person speaks in sessions (ISO 639-1, e.g. "ar", "fa", "en"). */
    language: text('language'),
    literacy: text('literacy'),
    consentDate: date('consent_date', { mode: 'string' }),
    consentScope: text('consent_scope'),
    consentWithdrawnAt: timestamp('consent_withdrawn_at', { withTimezone: true }),
    /** Who held this person's peer-to-peer interview: a pool member. */
    interviewerId: integer('interviewer_id'),
    synthetic: boolean('synthetic').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    foreignKey({ columns: [t.interviewerId], foreignColumns: [t.id] }).onDelete('set null'),
    check('qual_participants_kind_check', sql`${t.kind} in ('expert-pool', 'peer-to-peer', 'in-depth')`),
    check('qual_participants_pool_check', sql`${t.pool} is null or ${t.pool} in ('onderwijs-b1', 'z-route', 'gezin', 'mb')`),
    check('qual_participants_migrant_check', sql`${t.migrantType} in ('asiel', 'gezin')`),
    check('qual_participants_gender_check', sql`${t.gender} is null or ${t.gender} in ('man', 'vrouw')`),
    check('qual_participants_age_check', sql`${t.age} is null or ${t.age} between 16 and 110`),
    check('qual_participants_route_check', sql`${t.learningRoute} is null or ${t.learningRoute} in ('onderwijs', 'b1', 'z')`),
    check('qual_participants_literacy_check', sql`${t.literacy} is null or ${t.literacy} in ('literate', 'low-literate')`),
  ],
);

/** A pool meeting or an interview. Peer-to-peer interviews were shared orally: they keep notes, not transcripts. */
export const qualSessions = pgTable(
  'qual_sessions',
  {
    id: serial('id').primaryKey(),
    code: text('code').notNull().unique(),
    kind: text('kind').notNull(),
    pool: text('pool'),
    heldOn: date('held_on', { mode: 'string' }),
    language: text('language'),
    facilitator: text('facilitator'),
    interviewerId: integer('interviewer_id').references(() => qualParticipants.id, { onDelete: 'set null' }),
    notes: text('notes').notNull().default(''),
    synthetic: boolean('synthetic').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [check('qual_sessions_kind_check', sql`${t.kind} in ('pool-meeting', 'in-depth-interview', 'peer-interview')`)],
);

export const qualSessionParticipants = pgTable(
  'qual_session_participants',
  {
    sessionId: integer('session_id')
      .notNull()
      .references(() => qualSessions.id, { onDelete: 'cascade' }),
    participantId: integer('participant_id')
      .notNull()
      .references(() => qualParticipants.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.participantId] })],
);

export const qualTranscripts = pgTable(
  'qual_transcripts',
  {
    id: serial('id').primaryKey(),
    sessionId: integer('session_id')
      .notNull()
      .references(() => qualSessions.id, { onDelete: 'cascade' }),
    /** The imported file's name (not its path). */
    source: text('source').notNull(),
    format: text('format').notNull(),
    language: text('language'),
    importedBy: integer('imported_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [check('qual_transcripts_format_check', sql`${t.format} in ('text', 'vtt', 'srt', 'docx')`)],
);

/** One speaker turn; the speaker is a participant or a member of staff (facilitator, interviewer, interpreter). */
export const qualTurns = pgTable(
  'qual_turns',
  {
    id: serial('id').primaryKey(),
    transcriptId: integer('transcript_id')
      .notNull()
      .references(() => qualTranscripts.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    participantId: integer('participant_id').references(() => qualParticipants.id, { onDelete: 'set null' }),
    /** For staff turns: their role ("facilitator", "interviewer", "interpreter"); null for a participant. */
    staffRole: text('staff_role'),
    startMs: integer('start_ms'),
    endMs: integer('end_ms'),
    text: text('text').notNull(),
  },
  (t) => [index('qual_turns_transcript_idx').on(t.transcriptId, t.seq)],
);

/** The codebook: patterns in a hierarchy, each linked to report sections and survey items. */
export const qualCodes = pgTable(
  'qual_codes',
  {
    id: serial('id').primaryKey(),
    /** REFI-QDA's GUID, kept across export and import. */
    guid: uuid('guid').notNull().unique(),
    parentId: integer('parent_id'),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    color: text('color'),
    /** Report sections ("4.4") and survey items ("Q4.19") the pattern belongs to. */
    sections: jsonb('sections').$type<string[]>().notNull().default([]),
    surveyItems: jsonb('survey_items').$type<string[]>().notNull().default([]),
    position: integer('position').notNull().default(0),
    synthetic: boolean('synthetic').notNull().default(false),
  },
  (t) => [foreignKey({ columns: [t.parentId], foreignColumns: [t.id] }).onDelete('cascade')],
);

/** A span of a turn coded with a pattern by one researcher (offsets in UTF-16 code units of the turn's text). */
export const qualCodings = pgTable(
  'qual_codings',
  {
    id: serial('id').primaryKey(),
    turnId: integer('turn_id')
      .notNull()
      .references(() => qualTurns.id, { onDelete: 'cascade' }),
    codeId: integer('code_id')
      .notNull()
      .references(() => qualCodes.id, { onDelete: 'cascade' }),
    coder: text('coder').notNull(),
    start: integer('start_offset').notNull(),
    end: integer('end_offset').notNull(),
    createdAt: createdAt(),
  },
  (t) => [check('qual_codings_span_check', sql`${t.start} >= 0 and ${t.end} > ${t.start}`), index('qual_codings_turn_idx').on(t.turnId)],
);

export const qualMemos = pgTable('qual_memos', {
  id: serial('id').primaryKey(),
  codeId: integer('code_id').references(() => qualCodes.id, { onDelete: 'cascade' }),
  transcriptId: integer('transcript_id').references(() => qualTranscripts.id, { onDelete: 'cascade' }),
  author: text('author').notNull(),
  text: text('text').notNull(),
  createdAt: createdAt(),
});

/** A quote: the words in the language spoken and the Dutch translation, each with its review status. */
export const qualQuotes = pgTable(
  'qual_quotes',
  {
    id: serial('id').primaryKey(),
    participantId: integer('participant_id')
      .notNull()
      .references(() => qualParticipants.id, { onDelete: 'cascade' }),
    sessionId: integer('session_id').references(() => qualSessions.id, { onDelete: 'set null' }),
    turnId: integer('turn_id').references(() => qualTurns.id, { onDelete: 'set null' }),
    codeId: integer('code_id').references(() => qualCodes.id, { onDelete: 'set null' }),
    language: text('language').notNull(),
    text: text('text').notNull(),
    textStatus: text('text_status').notNull().default('unreviewed'),
    textNl: text('text_nl'),
    textNlStatus: text('text_nl_status').notNull().default('draft'),
    /** Chosen for the report under this section ("3.4"); null when not chosen. */
    reportSection: text('report_section'),
    position: integer('position').notNull().default(0),
    synthetic: boolean('synthetic').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    check('qual_quotes_text_status_check', sql`${t.textStatus} in ('unreviewed', 'reviewed')`),
    check('qual_quotes_nl_status_check', sql`${t.textNlStatus} in ('draft', 'reviewed')`),
    index('qual_quotes_code_idx').on(t.codeId),
  ],
);

/** "Samenvattend: kwalitatieve inzichten" boxes per report section, built from patterns. */
export const qualSummaryBoxes = pgTable('qual_summary_boxes', {
  id: serial('id').primaryKey(),
  reportSection: text('report_section').notNull(),
  label: text('label').notNull(),
  title: text('title').notNull(),
  /** [{ codeId, heading, text }], validated by qual/boxes.ts. */
  items: jsonb('items').notNull().default([]),
  position: integer('position').notNull().default(0),
  synthetic: boolean('synthetic').notNull().default(false),
});

/** A member check: a pattern put back to a later pool session and the participants' reaction to it. */
export const qualMemberChecks = pgTable(
  'qual_member_checks',
  {
    id: serial('id').primaryKey(),
    codeId: integer('code_id')
      .notNull()
      .references(() => qualCodes.id, { onDelete: 'cascade' }),
    sessionId: integer('session_id')
      .notNull()
      .references(() => qualSessions.id, { onDelete: 'cascade' }),
    reaction: text('reaction').notNull(),
    note: text('note').notNull().default(''),
    synthetic: boolean('synthetic').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [check('qual_member_checks_reaction_check', sql`${t.reaction} in ('recognised', 'partly', 'not-recognised')`)],
);

// ── Fieldwork decisions (issue 16): the data checks' keep/exclude decisions and the recoded "Anders,
// namelijk..." answers. Both tables are logs: a decision is taken back by recording who revoked it and when,
// never by deleting or rewriting the row; only a respondent's withdrawal removes them with the response. ──

/**
 * A decision on a response one of the data checks flagged: keep it, or exclude it from analysis with a reason.
 * The analysis loader (storage/wave-data.ts) leaves out responses with a live exclusion; nothing is deleted.
 */
export const responseReviews = pgTable(
  'response_reviews',
  {
    id: serial('id').primaryKey(),
    responseId: uuid('response_id')
      .notNull()
      .references(() => responses.id, { onDelete: 'cascade' }),
    /** The check that flagged the response (fieldwork/checks.ts CHECK_IDS), or "manual". */
    check: text('check_id').notNull(),
    decision: text('decision').notNull(),
    reason: text('reason').notNull(),
    decidedBy: integer('decided_by').references(() => users.id, { onDelete: 'set null' }),
    decidedAt: timestamp('decided_at', { withTimezone: true }).notNull().defaultNow(),
    revokedBy: integer('revoked_by').references(() => users.id, { onDelete: 'set null' }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokeReason: text('revoke_reason'),
  },
  (t) => [
    check('response_reviews_decision_check', sql`${t.decision} in ('keep', 'exclude')`),
    check('response_reviews_reason_check', sql`length(${t.reason}) between 1 and 500`),
    // One live decision per response and check; a new one revokes the old in the same transaction.
    uniqueIndex('response_reviews_live_idx')
      .on(t.responseId, t.check)
      .where(sql`revoked_at is null`),
    index('response_reviews_excluded_idx')
      .on(t.responseId)
      .where(sql`decision = 'exclude' and revoked_at is null`),
  ],
);

/**
 * A researcher's recode of an open "Anders, namelijk..." answer to an existing option (or the decision that
 * it stays "other": code null). The answer itself stays as given in `answers`; `text` is the open answer the
 * decision was made on, so a text the respondent changed afterwards is not recoded (analysis/recodes.ts).
 */
export const otherRecodes = pgTable(
  'other_recodes',
  {
    id: serial('id').primaryKey(),
    responseId: uuid('response_id')
      .notNull()
      .references(() => responses.id, { onDelete: 'cascade' }),
    /** The choice item whose "other" option was chosen, e.g. "Q2.03". */
    item: text('item_id').notNull(),
    /** The open-text variable of that option, e.g. "Q2.03_anders". */
    otherItem: text('other_item_id').notNull(),
    otherCode: integer('other_code').notNull(),
    text: text('text').notNull(),
    /** The option the answer is recoded to; null: it stays "other". */
    code: integer('code'),
    decidedBy: integer('decided_by').references(() => users.id, { onDelete: 'set null' }),
    decidedAt: timestamp('decided_at', { withTimezone: true }).notNull().defaultNow(),
    revokedBy: integer('revoked_by').references(() => users.id, { onDelete: 'set null' }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('other_recodes_live_idx')
      .on(t.responseId, t.otherItem)
      .where(sql`revoked_at is null`),
  ],
);
