// The one database schema, in Drizzle's TypeScript form. Migrations in ./migrations are generated from it by
// `npm run db:generate` and committed; PostgreSQL and PGlite run the same files. Responses never hold names,
// addresses or IP addresses.
import { sql } from 'drizzle-orm';
import {
  bigserial,
  customType,
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
