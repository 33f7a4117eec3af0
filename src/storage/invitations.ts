// Invitation codes for the letters. Created in batches; the plain codes are returned once (for the mailing
// house) and only their hashes stay. A code opens one response: the first use starts it, later uses resume it.
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from './db.ts';
import { invitations } from './schema.ts';
import { CODE_LENGTHS, hashSecret, newCode } from './tokens.ts';

export interface Invitation {
  readonly id: number;
  readonly waveId: string;
  readonly channel: string;
  readonly questionnaireId: string | null;
  readonly responseId: string | null;
}

/** Creates `count` invitations and returns their plain codes, in creation order. */
export async function createInvitations(
  db: Db,
  input: { waveId: string; count: number; channel: string; questionnaireId?: string | undefined },
): Promise<string[]> {
  const codes = new Set<string>();
  while (codes.size < input.count) codes.add(newCode(CODE_LENGTHS.invitation));
  const all = [...codes];
  await db.transaction(async (tx) => {
    for (let i = 0; i < all.length; i += 1000) {
      await tx
        .insert(invitations)
        .values(
          all
            .slice(i, i + 1000)
            .map((code) => ({
              waveId: input.waveId,
              codeHash: hashSecret(code),
              channel: input.channel,
              questionnaireId: input.questionnaireId ?? null,
            })),
        );
    }
  });
  return all;
}

export async function findInvitation(db: Db, code: string): Promise<Invitation | null> {
  const [row] = await db
    .select()
    .from(invitations)
    .where(eq(invitations.codeHash, hashSecret(code)));
  return row
    ? { id: row.id, waveId: row.waveId, channel: row.channel, questionnaireId: row.questionnaireId, responseId: row.responseId }
    : null;
}

/** Links a new response to an unused invitation; false when another response took it first. */
export async function claimInvitation(db: Db, invitationId: number, responseId: string): Promise<boolean> {
  const rows = await db
    .update(invitations)
    .set({ responseId, usedAt: sql`now()` })
    .where(and(eq(invitations.id, invitationId), isNull(invitations.responseId)))
    .returning({ id: invitations.id });
  return rows.length === 1;
}

export async function countInvitations(db: Db, waveId: string): Promise<{ total: number; used: number }> {
  const [row] = await db
    .select({ total: sql<number>`count(*)::int`, used: sql<number>`count(${invitations.responseId})::int` })
    .from(invitations)
    .where(eq(invitations.waveId, waveId));
  return { total: row?.total ?? 0, used: row?.used ?? 0 };
}
