// Responses and their answers. A page is saved in one transaction: its answers are upserted, answers that
// routing has closed off are removed, and the response's position and status move on, all or nothing.
import { and, count, eq, inArray, like, sql } from 'drizzle-orm';
import type { AnswerValue, ItemId, Language } from '../questionnaire/types.ts';
import type { Db } from './db.ts';
import { answers, responses } from './schema.ts';
import { hashSecret, newResumeCode } from './tokens.ts';

export type ResponseStatus = 'started' | 'completed';

export interface ResponseRecord {
  readonly id: string;
  readonly questionnaireId: string;
  readonly questionnaireVersion: number;
  readonly waveId: string;
  readonly language: Language;
  readonly channel: string;
  readonly status: ResponseStatus;
  readonly currentPage: string | null;
  readonly startedAt: Date;
  readonly updatedAt: Date;
  readonly completedAt: Date | null;
}

export interface NewResponse {
  readonly questionnaireId: string;
  readonly questionnaireVersion: number;
  readonly waveId: string;
  readonly language: Language;
  readonly channel: string;
  /** Answers to the landing page's filter questions. */
  readonly landing?: Readonly<Record<string, AnswerValue>> | undefined;
  readonly groupSessionId?: number | undefined;
}

type Row = typeof responses.$inferSelect;

const toRecord = (row: Row): ResponseRecord => ({
  id: row.id,
  questionnaireId: row.questionnaireId,
  questionnaireVersion: row.questionnaireVersion,
  waveId: row.waveId,
  language: row.language as Language,
  channel: row.channel,
  status: row.status as ResponseStatus,
  currentPage: row.currentPage,
  startedAt: row.startedAt,
  updatedAt: row.updatedAt,
  completedAt: row.completedAt,
});

/** Starts a response; returns it with its resume code, the secret in the respondent's link (stored only as a hash). */
export async function createResponse(db: Db, input: NewResponse): Promise<{ response: ResponseRecord; secret: string }> {
  const secret = newResumeCode();
  const [row] = await db
    .insert(responses)
    .values({
      questionnaireId: input.questionnaireId,
      questionnaireVersion: input.questionnaireVersion,
      waveId: input.waveId,
      language: input.language,
      channel: input.channel,
      landing: input.landing ?? null,
      groupSessionId: input.groupSessionId ?? null,
      accessHash: hashSecret(secret),
    })
    .returning();
  return { response: toRecord(row!), secret };
}

export async function findResponseById(db: Db, id: string): Promise<ResponseRecord | null> {
  const [row] = await db.select().from(responses).where(eq(responses.id, id));
  return row ? toRecord(row) : null;
}

export async function findResponseBySecret(db: Db, secret: string): Promise<ResponseRecord | null> {
  const [row] = await db.select().from(responses).where(eq(responses.accessHash, hashSecret(secret)));
  return row ? toRecord(row) : null;
}

/** Deletes a response and its answers (a respondent withdrawing). */
export async function deleteResponse(db: Db, id: string): Promise<void> {
  await db.delete(responses).where(eq(responses.id, id));
}

export async function loadAnswers(db: Db, responseId: string): Promise<Map<ItemId, AnswerValue>> {
  const rows = await db.select({ itemId: answers.itemId, value: answers.value }).from(answers).where(eq(answers.responseId, responseId));
  return new Map(rows.map((r) => [r.itemId as ItemId, r.value as AnswerValue]));
}

export interface PageSave {
  readonly responseId: string;
  /** Answers given on the page; an item mapped to null was left empty and its stored answer is removed. */
  readonly answers: ReadonlyMap<ItemId, AnswerValue | null>;
  /** Stored answers of items that routing no longer shows. */
  readonly remove: readonly ItemId[];
  readonly currentPage: string | null;
  readonly completed: boolean;
}

/** Stores one page atomically. */
export async function savePage(db: Db, save: PageSave): Promise<void> {
  await db.transaction(async (tx) => {
    const now = new Date();
    const upserts = [...save.answers].filter((e): e is [ItemId, AnswerValue] => e[1] !== null);
    const cleared = [...save.answers].filter(([, v]) => v === null).map(([k]) => k as string);
    const remove = [...new Set([...cleared, ...save.remove])];
    if (upserts.length > 0) {
      await tx
        .insert(answers)
        .values(upserts.map(([itemId, value]) => ({ responseId: save.responseId, itemId, value, updatedAt: now })))
        .onConflictDoUpdate({
          target: [answers.responseId, answers.itemId],
          set: { value: sql`excluded.value`, updatedAt: now },
        });
    }
    if (remove.length > 0) {
      await tx.delete(answers).where(and(eq(answers.responseId, save.responseId), inArray(answers.itemId, remove)));
    }
    await tx
      .update(responses)
      .set({
        currentPage: save.currentPage,
        updatedAt: now,
        ...(save.completed ? { status: 'completed', completedAt: now } : {}),
      })
      .where(eq(responses.id, save.responseId));
  });
}

export interface ResponseCount {
  readonly questionnaireId: string;
  readonly questionnaireVersion: number;
  readonly started: number;
  readonly completed: number;
}

export async function countResponses(db: Db): Promise<ResponseCount[]> {
  const rows = await db
    .select({
      questionnaireId: responses.questionnaireId,
      questionnaireVersion: responses.questionnaireVersion,
      status: responses.status,
      n: count().mapWith(Number),
    })
    .from(responses)
    .groupBy(responses.questionnaireId, responses.questionnaireVersion, responses.status);
  const byKey = new Map<string, ResponseCount>();
  for (const r of rows) {
    const key = `${r.questionnaireId}@${r.questionnaireVersion}`;
    const prev = byKey.get(key) ?? { questionnaireId: r.questionnaireId, questionnaireVersion: r.questionnaireVersion, started: 0, completed: 0 };
    byKey.set(key, { ...prev, [r.status === 'completed' ? 'completed' : 'started']: r.n });
  }
  return [...byKey.values()].sort((a, b) => a.questionnaireId.localeCompare(b.questionnaireId) || a.questionnaireVersion - b.questionnaireVersion);
}

export interface ResponseWithAnswers extends ResponseRecord {
  readonly answers: ReadonlyMap<ItemId, AnswerValue>;
}

/** All responses to one questionnaire version with their answers, oldest first (for datasets and exports). */
export async function listResponsesWithAnswers(db: Db, questionnaireId: string, version: number): Promise<ResponseWithAnswers[]> {
  const rows = await db
    .select()
    .from(responses)
    .where(and(eq(responses.questionnaireId, questionnaireId), eq(responses.questionnaireVersion, version)))
    .orderBy(responses.startedAt, responses.id);
  const answerRows = await db
    .select({ responseId: answers.responseId, itemId: answers.itemId, value: answers.value })
    .from(answers)
    .innerJoin(responses, eq(answers.responseId, responses.id))
    .where(and(eq(responses.questionnaireId, questionnaireId), eq(responses.questionnaireVersion, version)));
  const byResponse = new Map<string, Map<ItemId, AnswerValue>>();
  for (const a of answerRows) {
    const map = byResponse.get(a.responseId) ?? new Map<ItemId, AnswerValue>();
    map.set(a.itemId as ItemId, a.value as AnswerValue);
    byResponse.set(a.responseId, map);
  }
  return rows.map((row) => ({ ...toRecord(row), answers: byResponse.get(row.id) ?? new Map() }));
}

/** Channel prefix of synthetic (demo) responses; every place that shows data says so when there are any. */
export const DEMO_CHANNEL_PREFIX = 'demo-';

export async function countDemoResponses(db: Db): Promise<number> {
  const [row] = await db.select({ n: count().mapWith(Number) }).from(responses).where(like(responses.channel, `${DEMO_CHANNEL_PREFIX}%`));
  return row?.n ?? 0;
}
