// Reading a wave's responses for analysis in bulk: the responses in one query, and the answers as one
// aggregated row per item (row positions and values), so that a wave of thousands of respondents loads in a
// handful of rows instead of one row per answer. Rows are numbered in response-id order by both queries.
// Also the few rows changed since a moment, for keeping a cached dataset up to date. Responses a researcher
// excluded from analysis (a live exclusion in response_reviews, issue 16) are left out of every statement
// here, so the report, exports, monitor and cache all skip them alike; nothing is deleted. Recording or
// revoking an exclusion or a recode touches the response's updated_at (storage/decisions.ts), so a cached
// dataset sees the change.
import { DATA_STATE_SQL, type DataState } from './data-state.ts';
import { runStatement, type Statement } from './statements.ts';
import type { Db } from './db.ts';

export interface WaveResponseRow {
  readonly id: string;
  readonly questionnaireId: string;
  readonly questionnaireVersion: number;
  readonly language: string;
  readonly channel: string;
  readonly status: string;
  /** Milliseconds since 1970 (UTC). */
  readonly startedAt: number;
  readonly completedAt: number | null;
  readonly updatedAt: number;
}

/** All answers to one item: row positions (ascending) and the stored values in the same order. */
export interface ItemAnswers {
  readonly item: string;
  readonly rows: Int32Array;
  readonly values: readonly unknown[];
}

export interface WaveSelection {
  readonly waveId: string;
  /** Only completed responses (the default for analysis), or every response. */
  readonly completedOnly: boolean;
}

const FILTER = `wave_id = $1 and ($2::boolean = false or status = 'completed')
  and id not in (select v.response_id from response_reviews v where v.decision = 'exclude' and v.revoked_at is null)`;

const RESPONSES: Statement = {
  name: 'wave_responses_v2',
  text: `select id::text as id, questionnaire_id as "questionnaireId", questionnaire_version as "questionnaireVersion", language, channel, status,
    (extract(epoch from started_at) * 1000)::float8 as "startedAt", (extract(epoch from completed_at) * 1000)::float8 as "completedAt",
    (extract(epoch from updated_at) * 1000)::float8 as "updatedAt"
    from responses where ${FILTER} order by id`,
};

const ANSWERS: Statement = {
  name: 'wave_answers_v2',
  text: `with r as (select id, (row_number() over (order by id) - 1)::int as i from responses where ${FILTER})
    select a.item_id as item, string_agg(r.i::text, ',' order by r.i) as rows, json_agg(a.value order by r.i)::text as "values"
    from answers a join r on r.id = a.response_id
    where $3::text[] is null or a.item_id = any($3::text[])
    group by a.item_id`,
};

const CHANGED: Statement = {
  name: 'wave_changed_v2',
  text: `select r.id::text as id, r.questionnaire_id as "questionnaireId", r.questionnaire_version as "questionnaireVersion", r.language, r.channel,
    r.status, (extract(epoch from r.started_at) * 1000)::float8 as "startedAt", (extract(epoch from r.completed_at) * 1000)::float8 as "completedAt",
    (extract(epoch from r.updated_at) * 1000)::float8 as "updatedAt",
    coalesce((select json_object_agg(a.item_id, a.value) from answers a where a.response_id = r.id), '{}'::json)::text as answers
    from responses r where ${FILTER} and r.updated_at > to_timestamp($3::float8 / 1000)`,
};

const COUNT: Statement = {
  name: 'wave_count_v2',
  text: `select count(*)::int as n, coalesce((extract(epoch from max(updated_at)) * 1000)::float8, 0) as "lastUpdate" from responses where ${FILTER}`,
};

const parseRows = (text: string | null): Int32Array => {
  if (!text) return new Int32Array(0);
  const parts = text.split(',');
  const out = new Int32Array(parts.length);
  for (let i = 0; i < parts.length; i++) out[i] = Number(parts[i]);
  return out;
};

/** The wave's responses, in id order (row i of the dataset is the i-th of these). */
export async function waveResponses(db: Db, selection: WaveSelection): Promise<WaveResponseRow[]> {
  return runStatement<WaveResponseRow>(db, RESPONSES, [selection.waveId, selection.completedOnly]);
}

/** Every answer of the wave's responses, one entry per item (only `items` when given). */
export async function waveAnswers(db: Db, selection: WaveSelection, items?: readonly string[]): Promise<ItemAnswers[]> {
  const rows = await runStatement<{ item: string; rows: string | null; values: string }>(db, ANSWERS, [
    selection.waveId,
    selection.completedOnly,
    items === undefined ? null : `{${items.map((i) => `"${i.replace(/["\\]/g, '\\$&')}"`).join(',')}}`,
  ]);
  return rows.map((row) => ({ item: row.item, rows: parseRows(row.rows), values: JSON.parse(row.values) as unknown[] }));
}

export interface ChangedResponse extends WaveResponseRow {
  readonly answers: Readonly<Record<string, unknown>>;
}

/** Responses of the wave changed after `since` (ms), with all their answers. */
export async function waveChangedSince(db: Db, selection: WaveSelection, since: number): Promise<ChangedResponse[]> {
  const rows = await runStatement<WaveResponseRow & { answers: string }>(db, CHANGED, [selection.waveId, selection.completedOnly, since]);
  return rows.map((row) => ({ ...row, answers: JSON.parse(row.answers) as Record<string, unknown> }));
}

export interface WaveRecode {
  readonly responseId: string;
  readonly item: string;
  readonly otherItem: string;
  readonly otherCode: number;
  readonly text: string;
  readonly code: number;
}

const RECODES: Statement = {
  name: 'wave_recodes_v1',
  text: `select x.response_id::text as "responseId", x.item_id as item, x.other_item_id as "otherItem", x.other_code as "otherCode", x.text, x.code
    from other_recodes x join responses r on r.id = x.response_id
    where r.wave_id = $1 and x.revoked_at is null and x.code is not null order by x.id`,
};

/** The wave's live recodes of "Anders, namelijk..." answers to an option (those that stay "other" left out). */
export async function waveRecodes(db: Db, waveId: string): Promise<WaveRecode[]> {
  return runStatement<WaveRecode>(db, RECODES, [waveId]);
}

/** How many responses the wave has and when the latest of them changed (ms): a cache's cheap freshness check. */
export async function waveVersion(db: Db, selection: WaveSelection): Promise<{ readonly count: number; readonly lastUpdate: number }> {
  const [row] = await runStatement<{ n: number; lastUpdate: number }>(db, COUNT, [selection.waveId, selection.completedOnly]);
  return { count: row?.n ?? 0, lastUpdate: row?.lastUpdate ?? 0 };
}

const STATE: Statement = { name: 'data_state_v1', text: DATA_STATE_SQL };

/** The whole database's state as a dataset depends on it (responses, questionnaire versions, latest change). */
export async function readState(db: Db): Promise<DataState> {
  const [row] = await runStatement<DataState>(db, STATE, []);
  return row ?? { responses: 0, questionnaires: 0, lastUpdate: 0 };
}
