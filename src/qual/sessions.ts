// Sessions (pool meetings and interviews) with their participants, and their notes: peer-to-peer
// interviews were shared orally in a later pool meeting, so they have notes and no transcript.
import { asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../storage/db.ts';
import { qualParticipants, qualSessionParticipants, qualSessions } from '../storage/schema.ts';
import { QualInputError } from './errors.ts';
import { POOLS, SESSION_KINDS, type Pool, type SessionKind } from './types.ts';

export interface Session {
  readonly id: number;
  readonly code: string;
  readonly kind: SessionKind;
  readonly pool: Pool | null;
  readonly heldOn: string | null;
  readonly language: string | null;
  readonly facilitator: string | null;
  readonly interviewerId: number | null;
  readonly notes: string;
  readonly synthetic: boolean;
}

export const sessionInput = z
  .object({
    code: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,39}$/, 'letters, digits and dashes'),
    kind: z.enum(SESSION_KINDS),
    pool: z.enum(POOLS).nullable().default(null),
    heldOn: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
      .nullable()
      .default(null),
    language: z
      .string()
      .regex(/^[a-z]{2,3}$/, 'an ISO 639 language code')
      .nullable()
      .default(null),
    facilitator: z.string().trim().max(80).nullable().default(null),
    interviewerCode: z.string().nullable().default(null),
    notes: z.string().max(20_000).default(''),
    participantCodes: z.array(z.string()).default([]),
    synthetic: z.boolean().default(false),
  })
  .strict();
export type SessionInput = z.input<typeof sessionInput>;

const toSession = (r: typeof qualSessions.$inferSelect): Session => ({
  id: r.id,
  code: r.code,
  kind: r.kind as SessionKind,
  pool: r.pool as Pool | null,
  heldOn: r.heldOn,
  language: r.language,
  facilitator: r.facilitator,
  interviewerId: r.interviewerId,
  notes: r.notes,
  synthetic: r.synthetic,
});

/** Adds sessions with their participants (by code) in one transaction. */
export async function addSessions(db: Db, input: readonly unknown[]): Promise<Session[]> {
  const parsed = input.map((raw, i) => {
    const r = sessionInput.safeParse(raw);
    if (!r.success) {
      const issue = r.error.issues[0]!;
      throw new QualInputError(`session ${i + 1}, field ${issue.path.join('.') || '(entry)'}: ${issue.message}`);
    }
    return r.data;
  });
  const codes = [...new Set(parsed.flatMap((s) => [...s.participantCodes, ...(s.interviewerCode ? [s.interviewerCode] : [])]))];
  return db.transaction(async (tx) => {
    const people = codes.length === 0 ? [] : await tx.select().from(qualParticipants).where(inArray(qualParticipants.code, codes));
    const idOf = new Map(people.map((p) => [p.code, p.id]));
    const need = (session: string, code: string): number => {
      const id = idOf.get(code);
      if (id === undefined) throw new QualInputError(`session ${session}: unknown participant "${code}"`);
      return id;
    };
    const out: Session[] = [];
    for (const { participantCodes, interviewerCode, ...s } of parsed) {
      const [row] = await tx
        .insert(qualSessions)
        .values({ ...s, interviewerId: interviewerCode ? need(s.code, interviewerCode) : null })
        .returning();
      const ids = [...new Set(participantCodes.map((c) => need(s.code, c)))];
      if (ids.length > 0)
        await tx.insert(qualSessionParticipants).values(ids.map((participantId) => ({ sessionId: row!.id, participantId })));
      out.push(toSession(row!));
    }
    return out;
  });
}

export async function listSessions(db: Db): Promise<(Session & { participants: number })[]> {
  const rows = await db.select().from(qualSessions).orderBy(asc(qualSessions.heldOn), asc(qualSessions.code));
  const links = await db.select().from(qualSessionParticipants);
  const count = new Map<number, number>();
  for (const l of links) count.set(l.sessionId, (count.get(l.sessionId) ?? 0) + 1);
  return rows.map((r) => ({ ...toSession(r), participants: count.get(r.id) ?? 0 }));
}

export async function findSession(db: Db, code: string): Promise<Session | null> {
  const [row] = await db.select().from(qualSessions).where(eq(qualSessions.code, code));
  return row ? toSession(row) : null;
}

export async function getSession(db: Db, id: number): Promise<Session | null> {
  const [row] = await db.select().from(qualSessions).where(eq(qualSessions.id, id));
  return row ? toSession(row) : null;
}

/** The codes of a session's participants. */
export async function sessionParticipantCodes(db: Db, sessionId: number): Promise<{ id: number; code: string }[]> {
  return db
    .select({ id: qualParticipants.id, code: qualParticipants.code })
    .from(qualSessionParticipants)
    .innerJoin(qualParticipants, eq(qualParticipants.id, qualSessionParticipants.participantId))
    .where(eq(qualSessionParticipants.sessionId, sessionId))
    .orderBy(asc(qualParticipants.code));
}

export async function setSessionNotes(db: Db, sessionId: number, notes: string): Promise<void> {
  if (notes.length > 20_000) throw new QualInputError('notes: at most 20,000 characters');
  await db.update(qualSessions).set({ notes }).where(eq(qualSessions.id, sessionId));
}
