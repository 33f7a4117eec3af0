// Audio recordings of item and option texts, per language, uploaded by researchers and played to
// respondents who read little. The bytes live in the database beside the questionnaire they belong to.
import { and, eq } from 'drizzle-orm';
import { createHash } from 'node:crypto';
import type { Db } from './db.ts';
import { audioRecordings } from './schema.ts';

export interface RecordingKey {
  readonly questionnaireId: string;
  /** An item id, or `itemId:optionCode`. */
  readonly target: string;
  readonly language: string;
}

export interface Recording extends RecordingKey {
  readonly mime: string;
  readonly sha256: string;
  readonly bytes: Uint8Array;
}

const where = (k: RecordingKey) =>
  and(
    eq(audioRecordings.questionnaireId, k.questionnaireId),
    eq(audioRecordings.target, k.target),
    eq(audioRecordings.language, k.language),
  );

/** Stores (or replaces) a recording; returns its sha256. */
export async function saveRecording(db: Db, key: RecordingKey, mime: string, bytes: Uint8Array, userId: number | null): Promise<string> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const row = { ...key, mime, sha256, bytes, uploadedBy: userId, uploadedAt: new Date() };
  await db
    .insert(audioRecordings)
    .values(row)
    .onConflictDoUpdate({
      target: [audioRecordings.questionnaireId, audioRecordings.target, audioRecordings.language],
      set: { mime, sha256, bytes, uploadedBy: userId, uploadedAt: row.uploadedAt },
    });
  return sha256;
}

/** Which targets of a questionnaire have a recording in a language, with their hashes (for cache-busting URLs). */
export async function recordingIndex(db: Db, questionnaireId: string, language: string): Promise<Map<string, string>> {
  const rows = await db
    .select({ target: audioRecordings.target, sha256: audioRecordings.sha256 })
    .from(audioRecordings)
    .where(and(eq(audioRecordings.questionnaireId, questionnaireId), eq(audioRecordings.language, language)));
  return new Map(rows.map((r) => [r.target, r.sha256]));
}

export async function getRecording(db: Db, key: RecordingKey): Promise<Recording | null> {
  const [row] = await db.select().from(audioRecordings).where(where(key));
  return row
    ? {
        questionnaireId: row.questionnaireId,
        target: row.target,
        language: row.language,
        mime: row.mime,
        sha256: row.sha256,
        bytes: new Uint8Array(row.bytes),
      }
    : null;
}

export async function deleteRecording(db: Db, key: RecordingKey): Promise<void> {
  await db.delete(audioRecordings).where(where(key));
}

export async function listRecordings(db: Db): Promise<(RecordingKey & { mime: string; size: number; uploadedAt: Date })[]> {
  const rows = await db
    .select({
      questionnaireId: audioRecordings.questionnaireId,
      target: audioRecordings.target,
      language: audioRecordings.language,
      mime: audioRecordings.mime,
      bytes: audioRecordings.bytes,
      uploadedAt: audioRecordings.uploadedAt,
    })
    .from(audioRecordings)
    .orderBy(audioRecordings.questionnaireId, audioRecordings.target, audioRecordings.language);
  return rows.map(({ bytes, ...r }) => ({ ...r, size: bytes.length }));
}
