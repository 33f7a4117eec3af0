// The qualitative arm's vocabulary: how people took part, the expert pools, the attributes the report
// prints. Closed sets are unions with their stored codes; labels are the report's own Dutch words.

export const PARTICIPANT_KINDS = ['expert-pool', 'peer-to-peer', 'in-depth'] as const;
export type ParticipantKind = (typeof PARTICIPANT_KINDS)[number];

/** The four expert pools of the report (Table 2.7's columns). */
export const POOLS = ['onderwijs-b1', 'z-route', 'gezin', 'mb'] as const;
export type Pool = (typeof POOLS)[number];

export const MIGRANT_TYPES = ['asiel', 'gezin'] as const;
export type MigrantType = (typeof MIGRANT_TYPES)[number];

export const GENDERS = ['man', 'vrouw'] as const;
export type Gender = (typeof GENDERS)[number];

export const ROUTES = ['onderwijs', 'b1', 'z'] as const;
export type Route = (typeof ROUTES)[number];

export const LITERACY = ['literate', 'low-literate'] as const;
export type Literacy = (typeof LITERACY)[number];

export const SESSION_KINDS = ['pool-meeting', 'in-depth-interview', 'peer-interview'] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];

export const TRANSCRIPT_FORMATS = ['text', 'vtt', 'srt', 'docx'] as const;
export type TranscriptFormat = (typeof TRANSCRIPT_FORMATS)[number];

export const REACTIONS = ['recognised', 'partly', 'not-recognised'] as const;
export type Reaction = (typeof REACTIONS)[number];

export const STAFF_ROLES = ['facilitator', 'interviewer', 'interpreter'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** How the report writes a learning route in an attribution: "(man, 57, Turkije, Z-route)". */
export const ROUTE_LABEL: Readonly<Record<Route, string>> = { onderwijs: 'Onderwijsroute', b1: 'B1-route', z: 'Z-route' };

/** Table 2.7's column heads. */
export const POOL_LABEL: Readonly<Record<Pool, string>> = {
  'onderwijs-b1': 'Onderwijs- / B1-route',
  'z-route': 'Z-route',
  gezin: 'Gezinsmigranten',
  mb: 'Maatschappelijke begeleiding',
};

export interface Participant {
  readonly id: number;
  readonly code: string;
  readonly kind: ParticipantKind;
  readonly pool: Pool | null;
  readonly migrantType: MigrantType;
  readonly gender: Gender | null;
  readonly age: number | null;
  readonly learningRoute: Route | null;
  readonly country: string | null;
  readonly municipality: string | null;
  readonly language: string | null;
  readonly literacy: Literacy | null;
  readonly consentDate: string | null;
  readonly consentScope: string | null;
  readonly consentWithdrawnAt: Date | null;
  readonly interviewerId: number | null;
  readonly synthetic: boolean;
}

export const isOneOf = <T extends string>(set: readonly T[], v: unknown): v is T =>
  typeof v === 'string' && (set as readonly string[]).includes(v);

export function assertNever(x: never): never {
  throw new Error(`unexpected value ${JSON.stringify(x)}`);
}
