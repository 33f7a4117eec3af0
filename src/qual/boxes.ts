// Summary boxes ("Samenvattend: kwalitatieve inzichten") per report section, built from patterns, and
// member checks: a pattern put back to a later pool session with the participants' reaction.
import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../storage/db.ts';
import { qualCodes, qualMemberChecks, qualSessions, qualSummaryBoxes } from '../storage/schema.ts';
import { QualInputError } from './errors.ts';
import { compareSections } from './quotes.ts';
import { REACTIONS, type Reaction } from './types.ts';

const boxItem = z
  .object({ codeId: z.number().int().positive().nullable(), heading: z.string().max(500), text: z.string().max(20_000) })
  .strict();
export type SummaryItem = z.infer<typeof boxItem>;

export const boxInput = z
  .object({
    reportSection: z.string().regex(/^\d+(\.\d+)*$/, 'a report section such as 4.4'),
    label: z.string().trim().min(1).max(40),
    title: z.string().trim().min(1).max(300),
    items: z.array(boxItem).min(1, 'at least one item'),
    position: z.number().int().default(0),
    synthetic: z.boolean().default(false),
  })
  .strict();

export interface SummaryBox {
  readonly id: number;
  readonly reportSection: string;
  readonly label: string;
  readonly title: string;
  readonly items: readonly SummaryItem[];
  readonly synthetic: boolean;
}

export async function addSummaryBox(db: Db, raw: unknown): Promise<SummaryBox> {
  const r = boxInput.safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw new QualInputError(`summary box, field ${issue.path.join('.') || '(entry)'}: ${issue.message}`);
  }
  const [row] = await db.insert(qualSummaryBoxes).values(r.data).returning();
  return { ...r.data, id: row!.id };
}

export async function listSummaryBoxes(db: Db): Promise<SummaryBox[]> {
  const rows = await db.select().from(qualSummaryBoxes).orderBy(asc(qualSummaryBoxes.position), asc(qualSummaryBoxes.id));
  return rows
    .map((r) => ({
      id: r.id,
      reportSection: r.reportSection,
      label: r.label,
      title: r.title,
      // Stored through boxInput; read back through the same schema so a hand-edited row cannot slip by.
      items: z.array(boxItem).parse(r.items),
      synthetic: r.synthetic,
    }))
    .sort((a, b) => compareSections(a.reportSection, b.reportSection));
}

export interface MemberCheck {
  readonly id: number;
  readonly codeId: number;
  readonly pattern: string;
  readonly session: string;
  readonly reaction: Reaction;
  readonly note: string;
}

export async function addMemberCheck(
  db: Db,
  input: { codeId: number; sessionCode: string; reaction: string; note?: string; synthetic?: boolean },
): Promise<void> {
  if (!(REACTIONS as readonly string[]).includes(input.reaction)) throw new QualInputError(`reaction: one of ${REACTIONS.join(', ')}`);
  const [session] = await db.select().from(qualSessions).where(eq(qualSessions.code, input.sessionCode));
  if (!session) throw new QualInputError(`session: no session "${input.sessionCode}"`);
  if (session.kind !== 'pool-meeting') throw new QualInputError('session: a member check is put back to a pool meeting');
  const [code] = await db.select({ id: qualCodes.id }).from(qualCodes).where(eq(qualCodes.id, input.codeId));
  if (!code) throw new QualInputError(`pattern: no pattern ${input.codeId}`);
  await db.insert(qualMemberChecks).values({
    codeId: input.codeId,
    sessionId: session.id,
    reaction: input.reaction,
    note: (input.note ?? '').slice(0, 5000),
    synthetic: input.synthetic ?? false,
  });
}

export async function listMemberChecks(db: Db): Promise<MemberCheck[]> {
  const rows = await db
    .select({ m: qualMemberChecks, pattern: qualCodes.name, session: qualSessions.code })
    .from(qualMemberChecks)
    .innerJoin(qualCodes, eq(qualCodes.id, qualMemberChecks.codeId))
    .innerJoin(qualSessions, eq(qualSessions.id, qualMemberChecks.sessionId))
    .orderBy(asc(qualMemberChecks.id));
  return rows.map(({ m, pattern, session }) => ({
    id: m.id,
    codeId: m.codeId,
    pattern,
    session,
    reaction: m.reaction as Reaction,
    note: m.note,
  }));
}
