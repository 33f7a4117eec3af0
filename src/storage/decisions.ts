// The researchers' decisions on fieldwork data (issue 16): keep or exclude a response a data check flagged,
// and recode an "Anders, namelijk..." answer. Both are logs: a new decision revokes the live one in the same
// transaction, and taking one back records who and when; no row is deleted or rewritten otherwise. Every
// change touches the response's updated_at, so cached datasets (analysis/cache.ts) see it.
import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from './db.ts';
import { otherRecodes, responseReviews, responses, users } from './schema.ts';

export type ReviewDecision = 'keep' | 'exclude';

export interface ReviewRow {
  readonly id: number;
  readonly responseId: string;
  readonly check: string;
  readonly decision: ReviewDecision;
  readonly reason: string;
  readonly decidedBy: string | null;
  readonly decidedAt: Date;
  readonly revokedBy: string | null;
  readonly revokedAt: Date | null;
  readonly revokeReason: string | null;
}

export interface RecodeRow {
  readonly id: number;
  readonly responseId: string;
  readonly item: string;
  readonly otherItem: string;
  readonly otherCode: number;
  readonly text: string;
  readonly code: number | null;
  readonly decidedBy: string | null;
  readonly decidedAt: Date;
  readonly revokedAt: Date | null;
}

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

const touch = (tx: Tx, ids: readonly string[]) =>
  ids.length === 0
    ? Promise.resolve()
    : tx
        .update(responses)
        .set({ updatedAt: sql`clock_timestamp()` })
        .where(inArray(responses.id, [...ids]));

/** The responses of a wave among `ids` (a decision names only responses of the wave it is made in). */
export async function responsesInWave(db: Db, waveId: string, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ id: responses.id })
    .from(responses)
    .where(and(eq(responses.waveId, waveId), inArray(responses.id, [...ids])));
  return new Set(rows.map((r) => r.id));
}

/** Records a keep/exclude decision for each response (revoking its live decision for the same check). */
export async function recordReviews(
  db: Db,
  input: { responseIds: readonly string[]; check: string; decision: ReviewDecision; reason: string; userId: number | null },
): Promise<number> {
  if (input.responseIds.length === 0) return 0;
  return db.transaction(async (tx) => {
    const ids = [...input.responseIds];
    await tx
      .update(responseReviews)
      .set({ revokedAt: sql`clock_timestamp()`, revokedBy: input.userId, revokeReason: 'replaced by a new decision' })
      .where(and(inArray(responseReviews.responseId, ids), eq(responseReviews.check, input.check), isNull(responseReviews.revokedAt)));
    await tx.insert(responseReviews).values(
      ids.map((responseId) => ({
        responseId,
        check: input.check,
        decision: input.decision,
        reason: input.reason,
        decidedBy: input.userId,
      })),
    );
    await touch(tx, ids);
    return ids.length;
  });
}

/** Takes a live decision back (an exclusion ends: the response counts again). False when none was live. */
export async function revokeReview(db: Db, input: { id: number; userId: number | null; reason: string }): Promise<boolean> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .update(responseReviews)
      .set({ revokedAt: sql`clock_timestamp()`, revokedBy: input.userId, revokeReason: input.reason })
      .where(and(eq(responseReviews.id, input.id), isNull(responseReviews.revokedAt)))
      .returning({ responseId: responseReviews.responseId });
    await touch(
      tx,
      rows.map((r) => r.responseId),
    );
    return rows.length === 1;
  });
}

/** Every decision on the wave's responses, live and revoked, newest first (the log). */
export async function waveReviews(db: Db, waveId: string): Promise<ReviewRow[]> {
  const decider = sql<string | null>`(select u.username from users u where u.id = ${responseReviews.decidedBy})`;
  const revoker = sql<string | null>`(select u.username from users u where u.id = ${responseReviews.revokedBy})`;
  const rows = await db
    .select({
      id: responseReviews.id,
      responseId: responseReviews.responseId,
      check: responseReviews.check,
      decision: responseReviews.decision,
      reason: responseReviews.reason,
      decidedBy: decider,
      decidedAt: responseReviews.decidedAt,
      revokedBy: revoker,
      revokedAt: responseReviews.revokedAt,
      revokeReason: responseReviews.revokeReason,
    })
    .from(responseReviews)
    .innerJoin(responses, eq(responses.id, responseReviews.responseId))
    .where(eq(responses.waveId, waveId))
    .orderBy(desc(responseReviews.decidedAt), desc(responseReviews.id));
  return rows.map((r) => ({ ...r, decision: r.decision as ReviewDecision }));
}

/** Records recodes of open answers (revoking a live recode of the same response and text variable). */
export async function recordRecodes(
  db: Db,
  input: {
    recodes: readonly { responseId: string; item: string; otherItem: string; otherCode: number; text: string }[];
    code: number | null;
    userId: number | null;
  },
): Promise<number> {
  if (input.recodes.length === 0) return 0;
  return db.transaction(async (tx) => {
    for (const r of input.recodes) {
      await tx
        .update(otherRecodes)
        .set({ revokedAt: sql`clock_timestamp()`, revokedBy: input.userId })
        .where(and(eq(otherRecodes.responseId, r.responseId), eq(otherRecodes.otherItem, r.otherItem), isNull(otherRecodes.revokedAt)));
    }
    await tx.insert(otherRecodes).values(input.recodes.map((r) => ({ ...r, code: input.code, decidedBy: input.userId })));
    await touch(
      tx,
      input.recodes.map((r) => r.responseId),
    );
    return input.recodes.length;
  });
}

/** Takes a live recode back: the answer counts as "other" again. False when none was live. */
export async function revokeRecode(db: Db, input: { id: number; userId: number | null }): Promise<boolean> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .update(otherRecodes)
      .set({ revokedAt: sql`clock_timestamp()`, revokedBy: input.userId })
      .where(and(eq(otherRecodes.id, input.id), isNull(otherRecodes.revokedAt)))
      .returning({ responseId: otherRecodes.responseId });
    await touch(
      tx,
      rows.map((r) => r.responseId),
    );
    return rows.length === 1;
  });
}

/** The wave's live recodes (also those that keep "other"), oldest first. */
export async function liveRecodes(db: Db, waveId: string): Promise<RecodeRow[]> {
  const rows = await db
    .select({
      id: otherRecodes.id,
      responseId: otherRecodes.responseId,
      item: otherRecodes.item,
      otherItem: otherRecodes.otherItem,
      otherCode: otherRecodes.otherCode,
      text: otherRecodes.text,
      code: otherRecodes.code,
      decidedBy: users.username,
      decidedAt: otherRecodes.decidedAt,
      revokedAt: otherRecodes.revokedAt,
    })
    .from(otherRecodes)
    .innerJoin(responses, eq(responses.id, otherRecodes.responseId))
    .leftJoin(users, eq(users.id, otherRecodes.decidedBy))
    .where(and(eq(responses.waveId, waveId), isNull(otherRecodes.revokedAt)))
    .orderBy(asc(otherRecodes.id));
  return rows;
}
