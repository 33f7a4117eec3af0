// Quotes: the words in the language spoken and the Dutch translation, each with its review status, the
// pattern they illustrate and, when chosen, the report section they appear under. Retrieval by pattern and
// by the speaker's attributes; the attribution is built from the register, never a name. Quotes of people
// who withdrew consent are never returned.
import { and, asc, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../storage/db.ts';
import { qualCodes, qualParticipants, qualQuotes, qualSessions } from '../storage/schema.ts';
import { attributionOf } from './attribution.ts';
import { QualInputError } from './errors.ts';
import { toParticipant } from './participants.ts';
import { ROUTE_LABEL, type Participant } from './types.ts';

export interface QuoteView {
  readonly id: number;
  readonly text: string;
  readonly textStatus: 'unreviewed' | 'reviewed';
  readonly textNl: string | null;
  readonly textNlStatus: 'draft' | 'reviewed';
  readonly language: string;
  readonly attribution: string;
  readonly pattern: string | null;
  readonly patternId: number | null;
  readonly session: string | null;
  readonly section: string | null;
  readonly position: number;
  readonly participant: string;
  readonly synthetic: boolean;
}

export const quoteInput = z
  .object({
    participantCode: z.string(),
    sessionCode: z.string().nullable().default(null),
    turnId: z.number().int().positive().nullable().default(null),
    codeId: z.number().int().positive().nullable().default(null),
    language: z.string().regex(/^[a-z]{2,3}$/, 'an ISO 639 language code'),
    text: z.string().trim().min(1, 'the words as spoken').max(20_000),
    textStatus: z.enum(['unreviewed', 'reviewed']).default('unreviewed'),
    textNl: z.string().trim().min(1).max(20_000).nullable().default(null),
    textNlStatus: z.enum(['draft', 'reviewed']).default('draft'),
    reportSection: z
      .string()
      .regex(/^\d+(\.\d+)*$/, 'a report section such as 4.4.2')
      .nullable()
      .default(null),
    position: z.number().int().default(0),
    synthetic: z.boolean().default(false),
  })
  .strict();
export type QuoteInput = z.input<typeof quoteInput>;

/** Adds quotes in one transaction; participants and sessions are named by code. */
export async function addQuotes(db: Db, input: readonly unknown[]): Promise<number> {
  const parsed = input.map((raw, i) => {
    const r = quoteInput.safeParse(raw);
    if (!r.success) {
      const issue = r.error.issues[0]!;
      throw new QualInputError(`quote ${i + 1}, field ${issue.path.join('.') || '(entry)'}: ${issue.message}`);
    }
    return r.data;
  });
  if (parsed.length === 0) return 0;
  return db.transaction(async (tx) => {
    const people = new Map(
      (await tx.select({ id: qualParticipants.id, code: qualParticipants.code }).from(qualParticipants)).map((p) => [p.code, p.id]),
    );
    const sessions = new Map(
      (await tx.select({ id: qualSessions.id, code: qualSessions.code }).from(qualSessions)).map((s) => [s.code, s.id]),
    );
    const rows = parsed.map(({ participantCode, sessionCode, ...q }, i) => {
      const participantId = people.get(participantCode);
      if (participantId === undefined)
        throw new QualInputError(`quote ${i + 1}, field participantCode: unknown participant "${participantCode}"`);
      const sessionId = sessionCode === null ? null : sessions.get(sessionCode);
      if (sessionId === undefined) throw new QualInputError(`quote ${i + 1}, field sessionCode: unknown session "${sessionCode}"`);
      return { ...q, participantId, sessionId };
    });
    for (let i = 0; i < rows.length; i += 500) await tx.insert(qualQuotes).values(rows.slice(i, i + 500));
    return rows.length;
  });
}

/** The attributes quotes can be filtered by: `--where route=Z-route`. */
export const QUOTE_FILTERS = ['route', 'gender', 'country', 'age', 'pool', 'kind', 'migrant', 'language', 'section'] as const;
export type QuoteFilter = (typeof QUOTE_FILTERS)[number];

const routeOf = (v: string): string | null => {
  const key = v.toLowerCase().replace(/[\s-]*route$/, '');
  const match = Object.entries<string>(ROUTE_LABEL).find(([code, label]) => code === key || label.toLowerCase() === v.toLowerCase());
  return match ? match[0] : null;
};

/** A test for one `key=value` filter on a quote and its speaker; an unknown key or value is a QualInputError. */
function filterOf(key: string, value: string): (p: Participant, q: QuoteView) => boolean {
  const v = value.trim();
  switch (key as QuoteFilter) {
    case 'route': {
      const route = routeOf(v);
      if (!route) throw new QualInputError(`--where route=${v}: say Onderwijsroute, B1-route or Z-route`);
      return (p) => p.learningRoute === route;
    }
    case 'gender':
      return (p) => p.gender === v.toLowerCase();
    case 'country':
      return (p) => (p.country ?? '').toLowerCase() === v.toLowerCase();
    case 'age': {
      const m = /^(\d+)-(\d+)$/.exec(v);
      if (!m) throw new QualInputError(`--where age=${v}: say a range such as 46-66`);
      return (p) => p.age !== null && p.age >= Number(m[1]) && p.age <= Number(m[2]);
    }
    case 'pool':
      return (p) => p.pool === v;
    case 'kind':
      return (p) => p.kind === v;
    case 'migrant':
      return (p) => p.migrantType === v;
    case 'language':
      return (_, q) => q.language === v;
    case 'section':
      return (_, q) => q.section !== null && (q.section === v || q.section.startsWith(`${v}.`));
  }
  throw new QualInputError(`unknown filter "${key}"; filters: ${QUOTE_FILTERS.join(', ')}`);
}

/** Parses "key=value" filters (from the CLI or a form). */
export function parseWhere(items: readonly string[]): [string, string][] {
  return items.map((w) => {
    const at = w.indexOf('=');
    if (at < 1) throw new QualInputError(`--where "${w}": say key=value, e.g. route=Z-route`);
    return [w.slice(0, at).trim(), w.slice(at + 1)];
  });
}

/** Quotes by pattern (a pattern and all patterns under it) and by speaker attributes, in report order. */
export async function findQuotes(
  db: Db,
  query: { patternId?: number | null; where?: readonly (readonly [string, string])[]; chosenOnly?: boolean } = {},
): Promise<QuoteView[]> {
  const tests = (query.where ?? []).map(([k, v]) => filterOf(k, v));
  const rows = await db
    .select({ q: qualQuotes, p: qualParticipants, pattern: qualCodes.name, session: qualSessions.code })
    .from(qualQuotes)
    .innerJoin(qualParticipants, eq(qualParticipants.id, qualQuotes.participantId))
    .leftJoin(qualCodes, eq(qualCodes.id, qualQuotes.codeId))
    .leftJoin(qualSessions, eq(qualSessions.id, qualQuotes.sessionId))
    .where(and(isNull(qualParticipants.consentWithdrawnAt)))
    .orderBy(asc(qualQuotes.reportSection), asc(qualQuotes.position), asc(qualQuotes.id));
  let patternIds: Set<number> | null = null;
  if (query.patternId !== undefined && query.patternId !== null) {
    const codes = await db.select({ id: qualCodes.id, parentId: qualCodes.parentId }).from(qualCodes);
    patternIds = new Set([query.patternId]);
    for (let grew = true; grew;) {
      grew = false;
      for (const c of codes)
        if (c.parentId !== null && patternIds.has(c.parentId) && !patternIds.has(c.id)) {
          patternIds.add(c.id);
          grew = true;
        }
    }
  }
  const out: QuoteView[] = [];
  for (const { q, p, pattern, session } of rows) {
    if (patternIds && (q.codeId === null || !patternIds.has(q.codeId))) continue;
    if (query.chosenOnly && q.reportSection === null) continue;
    const participant = toParticipant(p);
    const view: QuoteView = {
      id: q.id,
      text: q.text,
      textStatus: q.textStatus as QuoteView['textStatus'],
      textNl: q.textNl,
      textNlStatus: q.textNlStatus as QuoteView['textNlStatus'],
      language: q.language,
      attribution: attributionOf(participant),
      pattern,
      patternId: q.codeId,
      session,
      section: q.reportSection,
      position: q.position,
      participant: participant.code,
      synthetic: q.synthetic,
    };
    if (tests.every((t) => t(participant, view))) out.push(view);
  }
  return out.sort((a, b) => compareSections(a.section, b.section) || a.position - b.position || a.id - b.id);
}

/** Orders report sections numerically: 4.4.2 before 4.10. */
export function compareSections(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? -1) - (y[i] ?? -1);
    if (d !== 0) return d;
  }
  return 0;
}

/** Sets a quote's review status or chooses it for a report section (null: not chosen). */
export async function updateQuote(
  db: Db,
  id: number,
  change: {
    textStatus?: 'unreviewed' | 'reviewed';
    textNlStatus?: 'draft' | 'reviewed';
    textNl?: string | null;
    reportSection?: string | null;
  },
): Promise<boolean> {
  if (change.reportSection !== undefined && change.reportSection !== null && !/^\d+(\.\d+)*$/.test(change.reportSection))
    throw new QualInputError('reportSection: a report section such as 4.4.2');
  const rows = await db.update(qualQuotes).set(change).where(eq(qualQuotes.id, id)).returning({ id: qualQuotes.id });
  return rows.length > 0;
}
