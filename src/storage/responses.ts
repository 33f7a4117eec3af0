// Responses and their answers. A page is saved in one statement (one transaction): its answers are upserted,
// answers that routing has closed off are removed, and the response's position, status and revision move
// on, all or nothing. A save names the revision it was computed from, so two saves racing on one response
// cannot both apply. One statement may carry the saves of many responses (page-saver.ts batches them).
import { and, count, eq, like } from 'drizzle-orm';
import type { AnswerValue, ItemId, Language } from '../questionnaire/types.ts';
import type { Db } from './db.ts';
import { answers, responses } from './schema.ts';
import { runStatement, type Statement } from './statements.ts';
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

export const findResponseById = (db: Db, id: string): Promise<ResponseRecord | null> => loadResponseState(db, { id });

export const findResponseBySecret = (db: Db, secret: string): Promise<ResponseRecord | null> =>
  loadResponseState(db, { accessHash: hashSecret(secret) });

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
  /** Stored answers of items that routing no longer shows (removed even if also given on the page). */
  readonly remove: readonly ItemId[];
  readonly currentPage: string | null;
  readonly completed: boolean;
  /** The revision the save was computed from; the save applies only if the response is still at it. */
  readonly expectedRevision?: number | undefined;
}

/**
 * Stores pages of several responses in one statement (one transaction). Its one parameter is a JSON array of
 * saves: `i` (position in the batch), `id`, `expected` (revision or null), `page`, `done`, `remove` (item
 * ids) and `upserts` (item id → value). A save applies only where its response is still at `expected`;
 * answers are written only for the saves that applied. Returns `i` and the new revision of each of those.
 */
export const SAVE_PAGES: Statement = {
  name: 'perspectief_save_pages_v1',
  text: `with input as (
  select * from jsonb_to_recordset($1::text::jsonb) as x(i int, id uuid, expected int, page text, done boolean, remove jsonb, upserts jsonb)
), r as (
  update responses set revision = responses.revision + 1, current_page = x.page, updated_at = now(),
    status = case when x.done then 'completed' else responses.status end,
    completed_at = case when x.done then now() else responses.completed_at end
  from input x
  where responses.id = x.id and (x.expected is null or responses.revision = x.expected)
  returning x.i, responses.id, responses.revision, x.remove, x.upserts
), removed as (
  delete from answers a using r, jsonb_array_elements_text(r.remove) e(item)
  where a.response_id = r.id and a.item_id = e.item
), upserted as (
  insert into answers (response_id, item_id, value, updated_at)
  select r.id, e.key, e.value, now() from r cross join jsonb_each(r.upserts) e
  on conflict (response_id, item_id) do update set value = excluded.value, updated_at = excluded.updated_at
)
select i, revision from r`,
};

/** A save as the statement takes it: what to remove and what to upsert, never both for one item. */
function saveRow(i: number, save: PageSave) {
  const remove = new Set<string>(save.remove);
  for (const [id, value] of save.answers) if (value === null) remove.add(id);
  // One statement must not both upsert and delete a row: an answer that routing closes off is only removed.
  const upserts: Record<string, AnswerValue> = {};
  for (const [id, value] of save.answers) if (value !== null && !remove.has(id)) upserts[id] = value;
  return {
    i,
    id: save.responseId,
    expected: save.expectedRevision ?? null,
    page: save.currentPage,
    done: save.completed,
    remove: [...remove],
    upserts,
  };
}

/**
 * Stores pages of different responses atomically, in one statement: all of them or, on an error, none.
 * Returns each save's new revision, or null where nothing was stored for it: the response is gone, or it
 * moved past `expectedRevision` (reload it and try again). Two saves of one response must not share a call.
 */
export async function savePages(db: Db, saves: readonly PageSave[]): Promise<(number | null)[]> {
  const ids = new Set(saves.map((s) => s.responseId));
  if (ids.size !== saves.length) throw new RangeError('savePages: two saves of one response in one statement');
  const revisions: (number | null)[] = saves.map(() => null);
  if (saves.length === 0) return revisions;
  // In the order of the responses' ids, so that concurrent batches lock rows in one order.
  const rows = saves.map((save, i) => saveRow(i, save)).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const row of await runStatement<{ i: number; revision: number }>(db, SAVE_PAGES, [JSON.stringify(rows)]))
    revisions[row.i] = row.revision;
  return revisions;
}

/** Stores one page atomically; its new revision, or null when nothing was stored (see `savePages`). */
export async function savePage(db: Db, save: PageSave): Promise<number | null> {
  const [revision] = await savePages(db, [save]);
  return revision ?? null;
}

/** A response with everything its pages need: answers, revision, and the recordings in its language. */
export interface ResponseState extends ResponseRecord {
  readonly revision: number;
  readonly answers: ReadonlyMap<ItemId, AnswerValue>;
  /** Recording target → sha256, for the questionnaire in the response's language. */
  readonly recordings: ReadonlyMap<string, string>;
}

const stateQuery = (name: string, where: string): Statement => ({
  name,
  text: `select r.id, r.questionnaire_id as "questionnaireId", r.questionnaire_version as "questionnaireVersion",
  r.wave_id as "waveId", r.language, r.channel, r.status, r.current_page as "currentPage",
  r.started_at as "startedAt", r.updated_at as "updatedAt", r.completed_at as "completedAt", r.revision,
  coalesce((select jsonb_object_agg(a.item_id, a.value) from answers a where a.response_id = r.id), '{}'::jsonb) as answers,
  coalesce((select jsonb_object_agg(x.target, x.sha256) from audio_recordings x
            where x.questionnaire_id = r.questionnaire_id and x.language = r.language), '{}'::jsonb) as recordings
from responses r where ${where}`,
});

export const STATE_BY_HASH = stateQuery('perspectief_response_state_by_hash_v1', 'r.access_hash = $1');
const STATE_BY_ID = stateQuery('perspectief_response_state_by_id_v1', 'r.id = $1::uuid');

interface StateRow extends Omit<ResponseRecord, 'language' | 'status'> {
  readonly language: string;
  readonly status: string;
  readonly revision: number;
  readonly answers: Record<string, AnswerValue>;
  readonly recordings: Record<string, string>;
}

/** Loads a response's state in one query, by the hash of its resume code or by its id. */
export async function loadResponseState(
  db: Db,
  key: { readonly accessHash: string } | { readonly id: string },
): Promise<ResponseState | null> {
  const [row] =
    'accessHash' in key
      ? await runStatement<StateRow>(db, STATE_BY_HASH, [key.accessHash])
      : await runStatement<StateRow>(db, STATE_BY_ID, [key.id]);
  if (!row) return null;
  return {
    ...row,
    language: row.language as Language,
    status: row.status as ResponseStatus,
    answers: new Map(Object.entries(row.answers) as [ItemId, AnswerValue][]),
    recordings: new Map(Object.entries(row.recordings)),
  };
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
    const prev = byKey.get(key) ?? {
      questionnaireId: r.questionnaireId,
      questionnaireVersion: r.questionnaireVersion,
      started: 0,
      completed: 0,
    };
    byKey.set(key, { ...prev, [r.status === 'completed' ? 'completed' : 'started']: r.n });
  }
  return [...byKey.values()].sort(
    (a, b) => a.questionnaireId.localeCompare(b.questionnaireId) || a.questionnaireVersion - b.questionnaireVersion,
  );
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
  const [row] = await db
    .select({ n: count().mapWith(Number) })
    .from(responses)
    .where(like(responses.channel, `${DEMO_CHANNEL_PREFIX}%`));
  return row?.n ?? 0;
}
