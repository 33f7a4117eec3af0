// Columnar dataset: numeric columns as Float64Array (NaN = missing), categorical columns as Int32Array
// codes into a level list (-1 = missing). Filters (masks) and weights are views over the shared columns,
// never copies (after arquero). Pure: building from parsed values is the caller's job.

import { check } from './errors.ts';
import { compareLevels, isMissing, type Level } from './frequency.ts';
import { withScratch } from './kernels/index.ts';

export interface NumericColumn {
  readonly kind: 'numeric';
  readonly name: string;
  readonly values: Float64Array;
}

export interface CategoricalColumn {
  readonly kind: 'categorical';
  readonly name: string;
  /** Index into `levels`, or -1 for missing. */
  readonly codes: Int32Array;
  readonly levels: readonly Level[];
}

export type Column = NumericColumn | CategoricalColumn;

export interface Dataset {
  /** Number of rows in the underlying columns. */
  readonly rows: number;
  readonly columns: ReadonlyMap<string, Column>;
  /** Rows in view: mask[i] = 1 keeps row i. Absent = all rows. */
  readonly mask?: Uint8Array;
  /** Case weights (finite, ≥ 0). Absent = unit weights. */
  readonly weights?: Float64Array;
}

/** Numeric column from numbers; null, undefined and NaN become missing. */
export function numericColumn(name: string, values: ArrayLike<number | null | undefined>): NumericColumn {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    out[i] = v === null || v === undefined ? NaN : v;
  }
  return { kind: 'numeric', name, values: out };
}

/** Categorical column; `levels` fixes the order (values outside it are an error), else sorted. */
export function categoricalColumn(
  name: string,
  values: readonly (Level | null | undefined)[],
  levels?: readonly Level[],
): CategoricalColumn {
  const order = levels ?? [...new Set(values.filter((v): v is Level => !isMissing(v)))].sort(compareLevels);
  const index = new Map<Level, number>();
  order.forEach((level, i) => index.set(level, i));
  const codes = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (isMissing(v)) {
      codes[i] = -1;
      continue;
    }
    const code = index.get(v);
    check(code !== undefined, `${name}: value ${JSON.stringify(v)} in row ${i} is not one of its levels`);
    codes[i] = code;
  }
  return { kind: 'categorical', name, codes, levels: order };
}

/**
 * Categorical column over numeric codes with the levels given, in that order (the answer options of an item);
 * NaN and values that are not one of the levels become missing (−1).
 */
export function categoricalFromNumbers(
  name: string,
  values: Float64Array,
  levels: readonly number[],
  into?: Int32Array,
): CategoricalColumn {
  const index = new Map<number, number>();
  levels.forEach((level, i) => {
    check(Number.isFinite(level), `${name}: level ${level} is not a finite number`);
    check(!index.has(level), `${name}: level ${level} is listed twice`);
    index.set(level, i);
  });
  check(into === undefined || into.length === values.length, `${name}: codes array of ${into?.length} for ${values.length} values`);
  // Every entry is written below, so a reused array needs no clearing.
  const codes = into ?? new Int32Array(values.length);
  const min = Math.min(...levels);
  const span = Math.max(...levels) - min;
  if (levels.every(Number.isInteger) && span <= 4096) {
    // Answer codes: a dense lookup table instead of a Map (a million rows of many items).
    const table = new Int32Array(span + 1).fill(-1);
    levels.forEach((level, i) => (table[level - min] = i));
    for (let i = 0; i < values.length; i++) {
      const offset = (values[i] as number) - min;
      codes[i] = offset >= 0 && offset <= span && Number.isInteger(offset) ? (table[offset] as number) : -1;
    }
  } else {
    for (let i = 0; i < values.length; i++) codes[i] = index.get(values[i] as number) ?? -1;
  }
  return { kind: 'categorical', name, codes, levels: [...levels] };
}

/** Categorical view of a numeric column (levels are its distinct values, ascending). */
export function asCategorical(column: Column): CategoricalColumn {
  if (column.kind === 'categorical') return column;
  return smallIntegerCodes(column) ?? distinctValueCodes(column);
}

/** Fast path for integer-valued columns with a small range (answer codes): offsets, no Map (in the kernels). */
function smallIntegerCodes(column: NumericColumn): CategoricalColumn | null {
  const n = column.values.length;
  return withScratch((scratch) => {
    const k = scratch.kernels;
    const values = scratch.f64From(column.values);
    const rangeAt = scratch.f64(2);
    k.integerRange(values, n, rangeAt);
    const [min, max] = scratch.float64(rangeAt, 2) as unknown as [number, number];
    if (min !== min) return null;
    if (min > max) return { kind: 'categorical', name: column.name, codes: new Int32Array(n).fill(-1), levels: [] };
    if (max - min > 4096) return null;
    const codesAt = scratch.i32(n);
    const presentAt = scratch.u8(max - min + 1);
    k.offsetCodes(values, n, min, codesAt, presentAt);
    const present = new Uint8Array(k.memory.buffer, presentAt, max - min + 1);
    const levels: number[] = [];
    const table = new Int32Array(present.length).fill(-1);
    for (let c = 0; c < present.length; c++) {
      if (present[c] === 1) {
        table[c] = levels.length;
        levels.push(c + min);
      }
    }
    if (levels.length < present.length) k.remapCodes(codesAt, n, scratch.i32From(table));
    return { kind: 'categorical', name: column.name, codes: scratch.int32(codesAt, n).slice(), levels };
  });
}

function distinctValueCodes(column: NumericColumn): CategoricalColumn {
  const values = column.values;
  const seen = new Map<number, number>();
  const raw = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (v !== v) {
      raw[i] = -1;
      continue;
    }
    let code = seen.get(v);
    if (code === undefined) {
      code = seen.size;
      seen.set(v, code);
    }
    raw[i] = code;
  }
  const levels = [...seen.keys()].sort((a, b) => a - b);
  const remap = new Int32Array(levels.length);
  levels.forEach((level, k) => (remap[seen.get(level) as number] = k));
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i] as number;
    if (c >= 0) raw[i] = remap[c] as number;
  }
  return { kind: 'categorical', name: column.name, codes: raw, levels };
}

/** A dataset over the given columns (all of equal length). */
export function dataset(columns: readonly Column[]): Dataset {
  const rows = columns.length === 0 ? 0 : columnLength(columns[0] as Column);
  const map = new Map<string, Column>();
  for (const column of columns) {
    check(!map.has(column.name), `column ${column.name} appears twice`);
    check(columnLength(column) === rows, `column ${column.name} has ${columnLength(column)} rows, expected ${rows}`);
    map.set(column.name, column);
  }
  return { rows, columns: map };
}

function columnLength(column: Column): number {
  return column.kind === 'numeric' ? column.values.length : column.codes.length;
}

/** The column called `name`; throws StatsError if absent. */
export function column(data: Dataset, name: string): Column {
  const found = data.columns.get(name);
  check(found !== undefined, `no variable named ${name}`);
  return found;
}

/** Numeric values of `name` (a categorical column with numeric levels is decoded). */
export function numericValues(data: Dataset, name: string): Float64Array {
  const col = column(data, name);
  if (col.kind === 'numeric') return col.values;
  const out = new Float64Array(col.codes.length);
  for (let i = 0; i < out.length; i++) {
    const code = col.codes[i] as number;
    const level = code < 0 ? NaN : col.levels[code];
    check(typeof level === 'number' || Number.isNaN(level), `${name} is not numeric (level ${JSON.stringify(level)})`);
    out[i] = level as number;
  }
  return out;
}

/** Same columns, rows restricted to those where `keep` is 1 (combined with an existing mask). */
export function withMask(data: Dataset, keep: Uint8Array): Dataset {
  check(keep.length === data.rows, `mask has ${keep.length} entries, dataset has ${data.rows} rows`);
  const odd = keep.findIndex((v) => v > 1);
  check(odd < 0, `mask entry ${odd} is ${keep[odd]}; a mask holds 1 (row in view) or 0 (row left out)`);
  let mask = keep;
  const current = data.mask;
  if (current !== undefined) {
    mask = new Uint8Array(data.rows);
    for (let i = 0; i < mask.length; i++) mask[i] = (current[i] as number) & (keep[i] as number);
  }
  return { ...data, mask };
}

/** Same columns and mask, with case weights (finite and ≥ 0). */
export function withWeights(data: Dataset, weights: Float64Array): Dataset {
  check(weights.length === data.rows, `weights have ${weights.length} entries, dataset has ${data.rows} rows`);
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i] as number;
    check(Number.isFinite(w) && w >= 0, `weight in row ${i} is ${w}; weights must be finite and ≥ 0`);
  }
  return { ...data, weights };
}

/** Mask selecting rows whose categorical `name` equals `level`. */
export function whereEquals(data: Dataset, name: string, level: Level): Uint8Array {
  const col = asCategorical(column(data, name));
  const code = col.levels.indexOf(level);
  check(code >= 0, `${name} has no level ${JSON.stringify(level)}`);
  const codes = col.codes;
  const mask = new Uint8Array(data.rows);
  for (let i = 0; i < mask.length; i++) mask[i] = codes[i] === code ? 1 : 0;
  return mask;
}

/** Number of rows in view. */
export function rowsInView(data: Dataset): number {
  if (data.mask === undefined) return data.rows;
  let n = 0;
  for (let i = 0; i < data.rows; i++) n += data.mask[i] as number;
  return n;
}
