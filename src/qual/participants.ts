// The participant register: who took part in which way, with the attributes the report prints and their
// consent. It never holds a name; a participant is known by a code. Input is checked with zod at the edge.
import { asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../storage/db.ts';
import { qualParticipants } from '../storage/schema.ts';
import { QualInputError } from './errors.ts';
import { GENDERS, LITERACY, MIGRANT_TYPES, PARTICIPANT_KINDS, POOLS, ROUTES, type Participant } from './types.ts';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');

export const participantInput = z
  .object({
    code: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,39}$/, 'letters, digits and dashes (a code, never a name)'),
    kind: z.enum(PARTICIPANT_KINDS),
    pool: z.enum(POOLS).nullable().default(null),
    migrantType: z.enum(MIGRANT_TYPES),
    gender: z.enum(GENDERS).nullable().default(null),
    age: z.number().int().min(16).max(110).nullable().default(null),
    learningRoute: z.enum(ROUTES).nullable().default(null),
    country: z.string().trim().min(1).max(60).nullable().default(null),
    municipality: z.string().trim().min(1).max(80).nullable().default(null),
    language: z
      .string()
      .regex(/^[a-z]{2,3}$/, 'an ISO 639 language code')
      .nullable()
      .default(null),
    literacy: z.enum(LITERACY).nullable().default(null),
    consentDate: isoDate.nullable().default(null),
    consentScope: z.string().max(200).nullable().default(null),
    interviewerCode: z.string().nullable().default(null),
    synthetic: z.boolean().default(false),
  })
  .strict()
  .refine((p) => (p.kind === 'expert-pool') === (p.pool !== null), {
    message: 'a pool is given for expert-pool members only',
    path: ['pool'],
  });
export type ParticipantInput = z.input<typeof participantInput>;

const toParticipant = (r: typeof qualParticipants.$inferSelect): Participant => ({
  id: r.id,
  code: r.code,
  kind: r.kind as Participant['kind'],
  pool: r.pool as Participant['pool'],
  migrantType: r.migrantType as Participant['migrantType'],
  gender: r.gender as Participant['gender'],
  age: r.age,
  learningRoute: r.learningRoute as Participant['learningRoute'],
  country: r.country,
  municipality: r.municipality,
  language: r.language,
  literacy: r.literacy as Participant['literacy'],
  consentDate: r.consentDate,
  consentScope: r.consentScope,
  consentWithdrawnAt: r.consentWithdrawnAt,
  interviewerId: r.interviewerId,
  synthetic: r.synthetic,
});

/** Validates participants; the message names the entry and the field. */
export function parseParticipants(input: readonly unknown[]): z.output<typeof participantInput>[] {
  return input.map((raw, i) => {
    const result = participantInput.safeParse(raw);
    if (!result.success) {
      const issue = result.error.issues[0]!;
      throw new QualInputError(`participant ${i + 1}, field ${issue.path.join('.') || '(entry)'}: ${issue.message}`);
    }
    return result.data;
  });
}

/** Adds participants in one transaction (interviewers may be among them); returns them with their ids. */
export async function addParticipants(db: Db, input: readonly unknown[]): Promise<Participant[]> {
  const parsed = parseParticipants(input);
  return db.transaction(async (tx) => {
    const rows = await tx
      .insert(qualParticipants)
      .values(parsed.map(({ interviewerCode: _, ...p }) => p))
      .returning();
    const byCode = new Map(rows.map((r) => [r.code, r.id]));
    const withInterviewer = parsed.filter((p) => p.interviewerCode !== null);
    const missing = withInterviewer.filter((p) => !byCode.has(p.interviewerCode!));
    if (missing.length > 0) {
      const known = await tx
        .select()
        .from(qualParticipants)
        .where(
          inArray(
            qualParticipants.code,
            missing.map((p) => p.interviewerCode!),
          ),
        );
      for (const k of known) byCode.set(k.code, k.id);
    }
    for (const p of withInterviewer) {
      const interviewerId = byCode.get(p.interviewerCode!);
      if (interviewerId === undefined) throw new QualInputError(`participant ${p.code}: unknown interviewer "${p.interviewerCode}"`);
      await tx.update(qualParticipants).set({ interviewerId }).where(eq(qualParticipants.code, p.code));
    }
    const all = await tx
      .select()
      .from(qualParticipants)
      .where(
        inArray(
          qualParticipants.code,
          parsed.map((p) => p.code),
        ),
      );
    return all.map(toParticipant);
  });
}

export async function listParticipants(db: Db): Promise<Participant[]> {
  return (await db.select().from(qualParticipants).orderBy(asc(qualParticipants.code))).map(toParticipant);
}

export async function findParticipant(db: Db, code: string): Promise<Participant | null> {
  const [row] = await db.select().from(qualParticipants).where(eq(qualParticipants.code, code));
  return row ? toParticipant(row) : null;
}

/** Records that a participant withdrew consent; their quotes are then left out of every retrieval. */
export async function withdrawConsent(db: Db, code: string, at: Date): Promise<boolean> {
  const rows = await db.update(qualParticipants).set({ consentWithdrawnAt: at }).where(eq(qualParticipants.code, code)).returning();
  return rows.length > 0;
}

export { toParticipant };
