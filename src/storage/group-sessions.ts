// Group sessions: a facilitator opens one and shows its short code; participants join on their own phones.
// The facilitator sees only how many started and finished, never an answer.
import { and, eq, gt, sql } from 'drizzle-orm';
import type { Db } from './db.ts';
import { groupSessions, responses } from './schema.ts';
import { CODE_LENGTHS, newCode } from './tokens.ts';

export interface GroupSession {
  readonly id: number;
  readonly waveId: string;
  readonly code: string;
  readonly label: string;
  readonly closesAt: Date;
}

const toSession = (row: typeof groupSessions.$inferSelect): GroupSession => ({
  id: row.id,
  waveId: row.waveId,
  code: row.code,
  label: row.label,
  closesAt: row.closesAt,
});

export async function createGroupSession(
  db: Db,
  input: { waveId: string; label: string; createdBy: number | null; hours: number },
  now = new Date(),
): Promise<GroupSession> {
  for (let attempt = 0; ; attempt++) {
    const code = newCode(CODE_LENGTHS.groupSession);
    const rows = await db
      .insert(groupSessions)
      .values({
        waveId: input.waveId,
        code,
        label: input.label,
        createdBy: input.createdBy,
        closesAt: new Date(now.getTime() + input.hours * 3_600_000),
      })
      .onConflictDoNothing()
      .returning();
    if (rows[0]) return toSession(rows[0]);
    if (attempt > 10) throw new Error('could not find a free group-session code');
  }
}

/** An open session by its code (closed sessions are not found). */
export async function findOpenGroupSession(db: Db, code: string, now = new Date()): Promise<GroupSession | null> {
  const [row] = await db
    .select()
    .from(groupSessions)
    .where(and(eq(groupSessions.code, code), gt(groupSessions.closesAt, now)));
  return row ? toSession(row) : null;
}

export async function listGroupSessions(
  db: Db,
  createdBy: number | null,
): Promise<(GroupSession & { started: number; completed: number })[]> {
  const rows = await db
    .select({
      session: groupSessions,
      started: sql<number>`count(${responses.id})::int`,
      completed: sql<number>`count(${responses.completedAt})::int`,
    })
    .from(groupSessions)
    .leftJoin(responses, eq(responses.groupSessionId, groupSessions.id))
    .where(createdBy === null ? sql`true` : eq(groupSessions.createdBy, createdBy))
    .groupBy(groupSessions.id)
    .orderBy(groupSessions.createdAt);
  return rows.map((r) => ({ ...toSession(r.session), started: r.started, completed: r.completed }));
}
