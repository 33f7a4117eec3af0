// Duplicates among completed responses: the same questionnaire answered (nearly) identically twice. A pair
// is near-identical when it shares enough compared answers (items either of them answered) and differs on
// at most a small share of them. Candidates come from blocks of consecutive answers that two responses hold
// exactly alike (locality-sensitive hashing), so a wave is not compared pair by pair; blocks that many share
// (everything skipped, one common pattern) carry no evidence and are left out. The later response of a pair
// is flagged, naming the earlier one.
import type { AnalysisDataset } from '../analysis/dataset.ts';
import type { ChecksConfig } from './checks-config.ts';
import type { Flag } from './checks-responses.ts';

const BAND = 8;
/** A block needs this many answered values to count as evidence. */
const BAND_MIN_ANSWERED = 5;
/** Blocks shared by more responses than this are common patterns, not duplicates. */
const BUCKET_MAX = 25;

export interface DuplicatePair {
  readonly first: number;
  readonly second: number;
  readonly compared: number;
  readonly different: number;
}

/** The answer variables compared: choices, scales, numbers and multiple-choice options (not texts, not facts). */
function answerColumns(data: AnalysisDataset): Float64Array[] {
  return data.variables
    .filter((v) => v.kind === 'single' || v.kind === 'scale' || v.kind === 'numeric' || v.kind === 'multi-option')
    .map((v) => data.numbers(v.name));
}

function compare(columns: readonly Float64Array[], a: number, b: number): { compared: number; different: number } {
  let compared = 0;
  let different = 0;
  for (const column of columns) {
    const x = column[a] as number;
    const y = column[b] as number;
    if (x !== x && y !== y) continue;
    compared++;
    if (x !== y) different++;
  }
  return { compared, different };
}

/** Near-identical pairs of completed responses to the same questionnaire. */
export function duplicatePairs(data: AnalysisDataset, completed: Uint8Array, config: ChecksConfig['duplicates']): DuplicatePair[] {
  const columns = answerColumns(data);
  const questionnaire = data.texts('questionnaire');
  const buckets = new Map<string, number[]>();
  for (let i = 0; i < data.rows; i++) {
    if (completed[i] !== 1) continue;
    for (let start = 0; start < columns.length; start += BAND) {
      let answered = 0;
      const values: number[] = [];
      for (let k = start; k < Math.min(start + BAND, columns.length); k++) {
        const v = (columns[k] as Float64Array)[i] as number;
        if (v === v) answered++;
        values.push(v);
      }
      if (answered < BAND_MIN_ANSWERED) continue;
      const key = `${questionnaire[i]}|${start}|${values.join(',')}`;
      const bucket = buckets.get(key);
      if (bucket === undefined) buckets.set(key, [i]);
      else if (bucket.length <= BUCKET_MAX) bucket.push(i);
    }
  }
  const seen = new Set<string>();
  const pairs: DuplicatePair[] = [];
  for (const rows of buckets.values()) {
    if (rows.length < 2 || rows.length > BUCKET_MAX) continue;
    for (let x = 0; x < rows.length; x++)
      for (let y = x + 1; y < rows.length; y++) {
        const [a, b] = [rows[x] as number, rows[y] as number];
        const key = `${a}|${b}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const { compared, different } = compare(columns, a, b);
        if (compared >= config.minCompared && different <= config.maxDifferentShare * compared)
          pairs.push({ first: a, second: b, compared, different });
      }
  }
  return pairs;
}

/** The later response of each pair, flagged with the earlier one's id. */
export function duplicateFlags(data: AnalysisDataset, pairs: readonly DuplicatePair[]): Flag[] {
  const started = data.numbers('started_at');
  const ids = data.texts('response_id');
  const flags = new Map<number, string>();
  for (const p of pairs) {
    const [earlier, later] = (started[p.first] as number) <= (started[p.second] as number) ? [p.first, p.second] : [p.second, p.first];
    const detail = `${p.compared - p.different} of ${p.compared} answers the same as response ${ids[earlier] ?? '?'}`;
    if (!flags.has(later)) flags.set(later, detail);
  }
  return [...flags.entries()].map(([row, detail]) => ({ row, detail }));
}
