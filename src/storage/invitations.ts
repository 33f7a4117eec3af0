// Invitation codes for the letters. Created in batches; the plain codes are returned once (for the mailing
// house) and only their hashes stay. A code opens one response: the first use starts it, later uses resume it.
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from './db.ts';
import { invitations, responses } from './schema.ts';
import { CODE_LENGTHS, hashSecret, newCode } from './tokens.ts';

export interface Invitation {
  readonly id: number;
  readonly waveId: string;
  readonly channel: string;
  readonly questionnaireId: string | null;
  readonly responseId: string | null;
}

/** `count` distinct new invitation codes (plain), not yet stored. */
export function newInvitationCodes(count: number): string[] {
  const codes = new Set<string>();
  while (codes.size < count) codes.add(newCode(CODE_LENGTHS.invitation));
  return [...codes];
}

/** Stores the hashes of `codes` as invitations of a wave, in one transaction (all or none). */
export async function storeInvitations(
  db: Db,
  input: { waveId: string; codes: readonly string[]; channel: string; questionnaireId?: string | undefined },
): Promise<void> {
  await db.transaction(async (tx) => {
    for (let i = 0; i < input.codes.length; i += 1000) {
      await tx.insert(invitations).values(
        input.codes.slice(i, i + 1000).map((code) => ({
          waveId: input.waveId,
          codeHash: hashSecret(code),
          channel: input.channel,
          questionnaireId: input.questionnaireId ?? null,
        })),
      );
    }
  });
}

/** Creates `count` invitations and returns their plain codes, in creation order. */
export async function createInvitations(
  db: Db,
  input: { waveId: string; count: number; channel: string; questionnaireId?: string | undefined },
): Promise<string[]> {
  const codes = newInvitationCodes(input.count);
  await storeInvitations(db, { ...input, codes });
  return codes;
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

/** What became of an invitation: never used, used (its response may since have been withdrawn), completed. */
export type InvitationUse = 'unused' | 'started' | 'completed' | 'withdrawn';

/**
 * The use of each invitation of a wave, by code hash; hashes that are not invitations of that wave are
 * absent from the map. Looked up a thousand at a time, so a whole mailing's codes take a few queries.
 */
export async function invitationUses(db: Db, waveId: string, hashes: readonly string[]): Promise<Map<string, InvitationUse>> {
  const out = new Map<string, InvitationUse>();
  for (let i = 0; i < hashes.length; i += 1000) {
    const rows = await db
      .select({ hash: invitations.codeHash, usedAt: invitations.usedAt, status: responses.status })
      .from(invitations)
      .leftJoin(responses, eq(invitations.responseId, responses.id))
      .where(and(eq(invitations.waveId, waveId), inArray(invitations.codeHash, hashes.slice(i, i + 1000))));
    for (const row of rows) {
      const use: InvitationUse =
        row.usedAt === null ? 'unused' : row.status === null ? 'withdrawn' : row.status === 'completed' ? 'completed' : 'started';
      out.set(row.hash, use);
    }
  }
  return out;
}
