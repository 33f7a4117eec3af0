// Reading whole waves for analysis, in one snapshot (repeatable read): the responses in id order and every
// answer with the row of its response, each as COPY output (copy-out.ts) parsed here from the bytes. The answers
// come as plain rows (row, item, value) in the order PostgreSQL reads them, with no sort or aggregate on the
// server: the reader puts each into its place by row. A million respondents' 44 million answers stream through
// in bounded memory on PostgreSQL (docs/benchmarks.md: 88 s with the ordered aggregates this replaces).
// Excluded responses are left out here as in wave-data.ts (NOT_EXCLUDED), the wave and status as literals.
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { CopyLines, fieldEnd, fieldNumber, fieldText } from './copy-text.ts';
import { literal, pgCopyRunner, pgliteCopyRunner, type CopyRunner } from './copy-out.ts';
import { DatabaseError } from './errors.ts';
import type { Db } from './db.ts';
import * as schema from './schema.ts';
import { NOT_EXCLUDED, type WaveResponseRow, type WaveSelection } from './wave-data.ts';

/** Where the answers of a wave go, as they arrive (in no particular order). */
export interface AnswerSink {
  /** Called once for each item id met: a slot for its answers, or -1 to skip them. */
  slot(item: string): number;
  /** An answer that is a number. */
  number(slot: number, row: number, value: number): void;
  /** Any other answer (a list of codes, a text, ...), parsed from its JSON. */
  other(slot: number, row: number, value: unknown): void;
}

export interface WaveReader {
  /** The same snapshot for ordinary queries (recodes, the channel register, ...). */
  readonly db: Db;
  /** The wave's responses in id order: row i of a dataset is the i-th of these. */
  responses(selection: WaveSelection): Promise<WaveResponseRow[]>;
  /** Every answer of those responses (only to `items`, when given), with its row; returns how many. */
  answers(selection: WaveSelection, items: readonly string[] | undefined, sink: AnswerSink): Promise<number>;
}

const filterOf = (s: WaveSelection): string =>
  `wave_id = ${literal(s.waveId)}${s.completedOnly ? ` and status = 'completed'` : ''} and ${NOT_EXCLUDED}`;

const msOf = (column: string): string => `(extract(epoch from ${column}) * 1000)::float8`;

/**
 * Runs `read` in one read-only repeatable-read snapshot with a reader of whole waves. The hash of a big wave's
 * responses needs more than the default 4 MB of work_mem (a million: 59 MB), or the join spills to disk.
 */
export async function readWaves<T>(db: Db, read: (reader: WaveReader) => Promise<T>): Promise<T> {
  const client = (db as { $client?: unknown }).$client;
  const options = { isolationLevel: 'repeatable read', accessMode: 'read only' } as const;
  const prepare = async (tx: Db) => {
    await tx.execute(sql`set local work_mem = '128MB'`);
    // Times as float8 text: every digit a double needs, whatever the server's setting.
    await tx.execute(sql`set local extra_float_digits = 3`);
  };
  if (client instanceof pg.Pool) {
    // One connection for the whole snapshot: the COPY runs beside drizzle's statements on the same client.
    const connection = await client.connect();
    try {
      return await drizzlePg(connection, { schema }).transaction(async (tx) => {
        await prepare(tx);
        return read(waveReader(tx, pgCopyRunner(connection)));
      }, options);
    } finally {
      connection.release();
    }
  }
  if (client instanceof PGlite)
    return db.transaction(async (tx) => {
      await prepare(tx);
      return read(waveReader(tx, pgliteCopyRunner(tx)));
    }, options);
  throw new DatabaseError('whole waves are read from the database itself (PostgreSQL or PGlite), not from a transaction');
}

function waveReader(db: Db, copy: CopyRunner): WaveReader {
  return {
    db,
    responses: (selection) => readResponses(copy, selection),
    answers: (selection, items, sink) => readAnswers(copy, selection, items, sink),
  };
}

async function readResponses(copy: CopyRunner, selection: WaveSelection): Promise<WaveResponseRow[]> {
  const out: WaveResponseRow[] = [];
  // Few distinct questionnaires, languages, channels and statuses: one string each, not one per response.
  const shared = new Map<string, string>();
  const text = (bytes: Buffer, start: number, end: number): string => {
    const value = fieldText(bytes, start, end) ?? '';
    const known = shared.get(value);
    if (known !== undefined) return known;
    shared.set(value, value);
    return value;
  };
  const at = new Int32Array(18);
  const lines = new CopyLines((bytes, start, end) => {
    let k = 0;
    for (let from = start; ;) {
      const to = fieldEnd(bytes, from, end);
      if (k === 18) break;
      at[k++] = from;
      at[k++] = to;
      if (to === end) break;
      from = to + 1;
    }
    if (k !== 18 || at[17] !== end) throw new Error('a response line does not have the 9 fields asked for');
    const completedAt = fieldText(bytes, at[14] as number, at[15] as number);
    out.push({
      id: fieldText(bytes, at[0] as number, at[1] as number) ?? '',
      questionnaireId: text(bytes, at[2] as number, at[3] as number),
      questionnaireVersion: Number(fieldText(bytes, at[4] as number, at[5] as number)),
      language: text(bytes, at[6] as number, at[7] as number),
      channel: text(bytes, at[8] as number, at[9] as number),
      status: text(bytes, at[10] as number, at[11] as number),
      startedAt: Number(fieldText(bytes, at[12] as number, at[13] as number)),
      completedAt: completedAt === null ? null : Number(completedAt),
      updatedAt: Number(fieldText(bytes, at[16] as number, at[17])),
    });
  });
  await copy(
    `select id, questionnaire_id, questionnaire_version, language, channel, status, ${msOf('started_at')}, ${msOf('completed_at')},
       ${msOf('updated_at')} from responses where ${filterOf(selection)} order by id`,
    (chunk) => lines.push(chunk),
  );
  lines.end();
  return out;
}

async function readAnswers(
  copy: CopyRunner,
  selection: WaveSelection,
  items: readonly string[] | undefined,
  sink: AnswerSink,
): Promise<number> {
  // Item ids → the sink's slot, found from the bytes without making a string per answer: a hash of the bytes,
  // then the bytes compared (consecutive answers are mostly to different items of one response).
  const slots = new Map<number, { bytes: Buffer; slot: number }[]>();
  const slotOf = (bytes: Buffer, start: number, end: number): number => {
    let hash = 0x811c9dc5;
    for (let at = start; at < end; at++) hash = Math.imul(hash ^ (bytes[at] as number), 0x01000193);
    const known = slots.get(hash);
    if (known)
      for (const k of known) {
        if (k.bytes.length !== end - start) continue;
        let same = true;
        for (let i = 0; same && i < k.bytes.length; i++) same = k.bytes[i] === bytes[start + i];
        if (same) return k.slot;
      }
    const entry = { bytes: Buffer.from(bytes.subarray(start, end)), slot: sink.slot(fieldText(bytes, start, end) ?? '') };
    slots.set(hash, [...(known ?? []), entry]);
    return entry.slot;
  };
  let count = 0;
  const lines = new CopyLines((bytes, start, end) => {
    let at = start;
    let row = 0;
    for (let c = bytes[at] as number; c !== 9; c = bytes[++at] as number) {
      if (c < 48 || c > 57 || at >= end) throw new Error('an answer line does not start with its row');
      row = row * 10 + (c - 48);
    }
    const itemStart = at + 1;
    const itemEnd = fieldEnd(bytes, itemStart, end);
    const slot = slotOf(bytes, itemStart, itemEnd);
    count++;
    if (slot < 0) return;
    const valueStart = itemEnd + 1;
    const first = bytes[valueStart] as number;
    if ((first >= 48 && first <= 57) || first === 45) {
      const value = fieldNumber(bytes, valueStart, end);
      if (!Number.isNaN(value)) return sink.number(slot, row, value);
    }
    sink.other(slot, row, JSON.parse(fieldText(bytes, valueStart, end) ?? 'null'));
  });
  if (items?.length === 0) return 0;
  const only = items === undefined ? '' : `where a.item_id = any(array[${items.map(literal).join(', ')}]::text[])`;
  await copy(
    `select r.i, a.item_id, a.value from answers a
       join (select id, (row_number() over (order by id) - 1)::int as i from responses where ${filterOf(selection)}) r on r.id = a.response_id
     ${only}`,
    (chunk) => lines.push(chunk),
  );
  lines.end();
  return count;
}
