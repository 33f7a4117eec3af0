// Importing a transcript into a session as speaker turns, all or nothing: the file is read completely and
// every speaker resolved before one transaction stores it. Speakers are stored as a participant or a staff
// role, never by the name a file may use for them.
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../storage/db.ts';
import { qualParticipants, qualTranscripts, qualTurns } from '../storage/schema.ts';
import { docxParagraphs } from './docx.ts';
import { TranscriptError } from './errors.ts';
import { getSession, sessionParticipantCodes } from './sessions.ts';
import { formatOfName, parseParagraphs, parseTranscriptText, type ParsedTurn } from './transcript-parse.ts';
import { isOneOf, STAFF_ROLES, type StaffRole, type TranscriptFormat } from './types.ts';

export type Speaker = { readonly kind: 'participant'; readonly id: number } | { readonly kind: 'staff'; readonly role: StaffRole };

/** Labels every transcript may use for staff, in Dutch and English. */
const STAFF_LABELS: Readonly<Record<string, StaffRole>> = {
  facilitator: 'facilitator',
  gespreksleider: 'facilitator',
  interviewer: 'interviewer',
  onderzoeker: 'interviewer',
  tolk: 'interpreter',
  interpreter: 'interpreter',
};

export interface TranscriptImport {
  readonly sessionId: number;
  /** The file's name, for messages and the record (not its path). */
  readonly file: string;
  readonly bytes: Uint8Array;
  readonly format?: TranscriptFormat | undefined;
  readonly language?: string | null | undefined;
  /** Extra speaker labels: "Ahmed" → a participant code of the session or a staff role. */
  readonly speakers?: Readonly<Record<string, string>> | undefined;
  readonly importedBy?: number | null | undefined;
}

export interface Turn {
  readonly id: number;
  readonly seq: number;
  readonly participantId: number | null;
  readonly participantCode: string | null;
  readonly staffRole: string | null;
  readonly startMs: number | null;
  readonly endMs: number | null;
  readonly text: string;
}

async function readTurns(input: TranscriptImport, format: TranscriptFormat): Promise<ParsedTurn[]> {
  if (format === 'docx') return parseParagraphs(input.file, await docxParagraphs(input.file, input.bytes), true);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(input.bytes);
  } catch {
    throw new TranscriptError(input.file, null, 'the file is not UTF-8 text');
  }
  return parseTranscriptText(input.file, text, format);
}

/** Reads, checks and stores a transcript; throws TranscriptError (file, line, reason) and stores nothing on failure. */
export async function importTranscript(db: Db, input: TranscriptImport): Promise<{ id: number; turns: number }> {
  const format = input.format ?? formatOfName(input.file);
  if (!format) throw new TranscriptError(input.file, null, 'unknown format: use .txt, .vtt, .srt or .docx');
  const session = await getSession(db, input.sessionId);
  if (!session) throw new TranscriptError(input.file, null, `no session ${input.sessionId}`);
  const parsed = await readTurns(input, format);
  const members = await sessionParticipantCodes(db, session.id);
  const byLabel = new Map<string, Speaker>();
  for (const m of members) byLabel.set(m.code.toLowerCase(), { kind: 'participant', id: m.id });
  for (const [label, role] of Object.entries(STAFF_LABELS)) byLabel.set(label, { kind: 'staff', role });
  if (session.facilitator) byLabel.set(session.facilitator.toLowerCase(), { kind: 'staff', role: 'facilitator' });
  for (const [label, target] of Object.entries(input.speakers ?? {})) {
    const member = members.find((m) => m.code.toLowerCase() === target.toLowerCase());
    if (member) byLabel.set(label.toLowerCase(), { kind: 'participant', id: member.id });
    else if (isOneOf(STAFF_ROLES, target)) byLabel.set(label.toLowerCase(), { kind: 'staff', role: target });
    else
      throw new TranscriptError(
        input.file,
        null,
        `speaker "${label}" is mapped to "${target}", which is neither a participant of session ${session.code} nor a staff role`,
      );
  }
  const rows = parsed.map((t, seq) => {
    const speaker = byLabel.get(t.speaker.toLowerCase());
    if (!speaker) {
      const known = [...members.map((m) => m.code), 'facilitator', 'interviewer', 'tolk'].join(', ');
      throw new TranscriptError(input.file, t.line, `unknown speaker "${t.speaker}" (known: ${known}; map others with a speaker list)`);
    }
    return {
      seq,
      participantId: speaker.kind === 'participant' ? speaker.id : null,
      staffRole: speaker.kind === 'staff' ? speaker.role : null,
      startMs: t.startMs,
      endMs: t.endMs,
      text: t.text,
    };
  });
  return db.transaction(async (tx) => {
    const [transcript] = await tx
      .insert(qualTranscripts)
      .values({
        sessionId: session.id,
        source: input.file.split(/[\\/]/).pop()!,
        format,
        language: input.language ?? session.language,
        importedBy: input.importedBy ?? null,
      })
      .returning();
    await tx.insert(qualTurns).values(rows.map((r) => ({ ...r, transcriptId: transcript!.id })));
    return { id: transcript!.id, turns: rows.length };
  });
}

export interface TranscriptInfo {
  readonly id: number;
  readonly sessionId: number;
  readonly source: string;
  readonly format: string;
  readonly language: string | null;
}

export async function listTranscripts(db: Db, sessionId?: number): Promise<TranscriptInfo[]> {
  const q = db.select().from(qualTranscripts);
  const rows = await (sessionId === undefined ? q : q.where(eq(qualTranscripts.sessionId, sessionId))).orderBy(asc(qualTranscripts.id));
  return rows.map((r) => ({ id: r.id, sessionId: r.sessionId, source: r.source, format: r.format, language: r.language }));
}

export async function getTranscript(db: Db, id: number): Promise<(TranscriptInfo & { turns: Turn[] }) | null> {
  const [t] = await db.select().from(qualTranscripts).where(eq(qualTranscripts.id, id));
  if (!t) return null;
  const turns = await db
    .select({ turn: qualTurns, code: qualParticipants.code })
    .from(qualTurns)
    .leftJoin(qualParticipants, eq(qualParticipants.id, qualTurns.participantId))
    .where(and(eq(qualTurns.transcriptId, id)))
    .orderBy(asc(qualTurns.seq));
  return {
    id: t.id,
    sessionId: t.sessionId,
    source: t.source,
    format: t.format,
    language: t.language,
    turns: turns.map(({ turn, code }) => ({
      id: turn.id,
      seq: turn.seq,
      participantId: turn.participantId,
      participantCode: code,
      staffRole: turn.staffRole,
      startMs: turn.startMs,
      endMs: turn.endMs,
      text: turn.text,
    })),
  };
}
