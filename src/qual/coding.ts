// Coding text spans of turns with patterns, by one or more researchers, and memos; agreement per pattern
// when two or more coders coded the same transcript (a turn is the unit: coded with the pattern or not).
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../storage/db.ts';
import { qualCodes, qualCodings, qualMemos, qualTurns } from '../storage/schema.ts';
import { cohenKappa, krippendorffAlpha } from './agreement.ts';
import { QualInputError } from './errors.ts';

export interface Coding {
  readonly id: number;
  readonly turnId: number;
  readonly codeId: number;
  readonly coder: string;
  readonly start: number;
  readonly end: number;
}

/**
 * Codes a span of a turn. Without JavaScript a researcher pastes the words to code: `fragment` is found in
 * the turn's text (the first occurrence); no fragment codes the whole turn.
 */
export async function codeSpan(
  db: Db,
  input: { turnId: number; codeId: number; coder: string; fragment?: string | undefined },
): Promise<Coding> {
  const [turn] = await db.select().from(qualTurns).where(eq(qualTurns.id, input.turnId));
  if (!turn) throw new QualInputError(`no turn ${input.turnId}`);
  const [code] = await db.select({ id: qualCodes.id }).from(qualCodes).where(eq(qualCodes.id, input.codeId));
  if (!code) throw new QualInputError(`no pattern ${input.codeId}`);
  if (!/^[\p{L}\p{N}._ -]{1,60}$/u.test(input.coder)) throw new QualInputError('coder: a name of up to 60 letters or digits');
  const fragment = input.fragment?.trim() ?? '';
  let start = 0;
  let end = turn.text.length;
  if (fragment !== '') {
    start = turn.text.indexOf(fragment);
    if (start < 0) throw new QualInputError('fragment: these words are not in the turn');
    end = start + fragment.length;
  }
  const [row] = await db.insert(qualCodings).values({ turnId: turn.id, codeId: input.codeId, coder: input.coder, start, end }).returning();
  return { id: row!.id, turnId: row!.turnId, codeId: row!.codeId, coder: row!.coder, start: row!.start, end: row!.end };
}

export async function removeCoding(db: Db, id: number): Promise<boolean> {
  return (await db.delete(qualCodings).where(eq(qualCodings.id, id)).returning()).length > 0;
}

export async function codingsOfTranscript(db: Db, transcriptId: number): Promise<(Coding & { codeName: string })[]> {
  const rows = await db
    .select({ c: qualCodings, name: qualCodes.name })
    .from(qualCodings)
    .innerJoin(qualTurns, eq(qualTurns.id, qualCodings.turnId))
    .innerJoin(qualCodes, eq(qualCodes.id, qualCodings.codeId))
    .where(eq(qualTurns.transcriptId, transcriptId))
    .orderBy(asc(qualTurns.seq), asc(qualCodings.start), asc(qualCodings.id));
  return rows.map(({ c, name }) => ({
    id: c.id,
    turnId: c.turnId,
    codeId: c.codeId,
    coder: c.coder,
    start: c.start,
    end: c.end,
    codeName: name,
  }));
}

export interface PatternAgreement {
  readonly codeId: number;
  readonly name: string;
  readonly units: number;
  /** Cohen's kappa between the first two coders (by name). */
  readonly kappa: number;
  /** Krippendorff's alpha (nominal) over all coders. */
  readonly alpha: number;
}

/** Agreement per pattern over a transcript's turns, for the coders who coded it (at least two). */
export async function agreementOfTranscript(db: Db, transcriptId: number): Promise<{ coders: string[]; patterns: PatternAgreement[] }> {
  const turns = await db
    .select({ id: qualTurns.id })
    .from(qualTurns)
    .where(eq(qualTurns.transcriptId, transcriptId))
    .orderBy(asc(qualTurns.seq));
  const codings = await codingsOfTranscript(db, transcriptId);
  const coders = [...new Set(codings.map((c) => c.coder))].sort();
  if (coders.length < 2) return { coders, patterns: [] };
  const applied = new Set(codings.map((c) => `${c.coder}\u0000${c.codeId}\u0000${c.turnId}`));
  const patterns = [...new Map(codings.map((c) => [c.codeId, c.codeName])).entries()].sort((a, b) => a[0] - b[0]);
  return {
    coders,
    patterns: patterns.map(([codeId, name]) => {
      const units = turns.map((t) => coders.map((coder) => (applied.has(`${coder}\u0000${codeId}\u0000${t.id}`) ? 1 : 0)));
      const kappa = cohenKappa(
        units.map((u) => u[0]!),
        units.map((u) => u[1]!),
      );
      return { codeId, name, units: units.length, kappa, alpha: krippendorffAlpha(units, 'nominal') };
    }),
  };
}

export interface Memo {
  readonly id: number;
  readonly codeId: number | null;
  readonly transcriptId: number | null;
  readonly author: string;
  readonly text: string;
  readonly createdAt: Date;
}

export async function addMemo(
  db: Db,
  input: { codeId?: number | null; transcriptId?: number | null; author: string; text: string },
): Promise<Memo> {
  const text = input.text.trim();
  if (text === '' || text.length > 20_000) throw new QualInputError('memo: 1 to 20,000 characters');
  if ((input.codeId ?? null) === null && (input.transcriptId ?? null) === null)
    throw new QualInputError('memo: about a pattern or a transcript');
  const [row] = await db
    .insert(qualMemos)
    .values({ codeId: input.codeId ?? null, transcriptId: input.transcriptId ?? null, author: input.author, text })
    .returning();
  return row!;
}

export async function memosOf(db: Db, where: { codeIds?: readonly number[]; transcriptId?: number }): Promise<Memo[]> {
  const conditions = [];
  if (where.codeIds) conditions.push(inArray(qualMemos.codeId, [...where.codeIds, -1]));
  if (where.transcriptId !== undefined) conditions.push(eq(qualMemos.transcriptId, where.transcriptId));
  return db
    .select()
    .from(qualMemos)
    .where(and(...conditions))
    .orderBy(asc(qualMemos.createdAt), asc(qualMemos.id));
}
