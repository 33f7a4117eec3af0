// Counts the fieldwork monitor needs that are not responses: the DUO letters (invitations) stored for a wave,
// per channel and questionnaire. Responses are never counted here; they go through the analysis dataset.
import { count, eq } from 'drizzle-orm';
import type { Db } from './db.ts';
import { invitations } from './schema.ts';

export interface StoredLetters {
  readonly channel: string;
  readonly questionnaireId: string | null;
  readonly letters: number;
}

/** Invitations stored for a wave, per channel and questionnaire. */
export async function lettersOfWave(db: Db, waveId: string): Promise<StoredLetters[]> {
  const rows = await db
    .select({ channel: invitations.channel, questionnaireId: invitations.questionnaireId, letters: count() })
    .from(invitations)
    .where(eq(invitations.waveId, waveId))
    .groupBy(invitations.channel, invitations.questionnaireId);
  return rows.map((r) => ({ ...r, letters: Number(r.letters) }));
}
