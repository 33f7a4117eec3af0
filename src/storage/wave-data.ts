// A wave's responses for analysis beside the bulk reader (wave-read.ts, which reads whole waves): the few rows
// changed since a moment, for keeping a cached dataset up to date, the wave's recodes, and the cheap version
// queries a cache asks before every use. Responses a researcher excluded from analysis (a live exclusion in
// response_reviews, issue 16) are left out of every statement here and in wave-read.ts, so the report,
// exports, monitor and cache all skip them alike; nothing is deleted. Recording or revoking an exclusion or a
// recode touches the response's updated_at (storage/decisions.ts), so a cached dataset sees the change.
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

export interface WaveSelection {
  readonly waveId: string;
  /** Only completed responses (the default for analysis), or every response. */
  readonly completedOnly: boolean;
}

/** The condition on responses that leaves out those a researcher excluded (a live exclusion), here and in wave-read.ts. */
export const NOT_EXCLUDED = `id not in (select v.response_id from response_reviews v where v.decision = 'exclude' and v.revoked_at is null)`;

const FILTER = `wave_id = $1 and ($2::boolean = false or status = 'completed') and ${NOT_EXCLUDED}`;

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
