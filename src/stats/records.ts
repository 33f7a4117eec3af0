// Builds a Dataset from text records (a parsed CSV: header + string cells), typing only the columns an
// analysis asks for. An empty cell is missing. Errors name the source, line and column so a researcher
// can fix the file. Pure: the caller reads and parses the file.

import { StatsError } from './errors.ts';
import { categoricalColumn, dataset, numericColumn, type Column, type Dataset } from './dataset.ts';

export interface TextTable {
  /** File name (or other label) used in error messages. */
  readonly source: string;
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** Line number in the source of each row (for messages); defaults to index + 2. */
  readonly lines?: readonly number[];
  /** Codes that mean "no answer" in a column (98, 99, ...): read as missing, never as values. */
  readonly missing?: (column: string) => ReadonlySet<number> | undefined;
}

export interface ColumnRequest {
  readonly numeric?: readonly string[];
  readonly categorical?: readonly string[];
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Parses a cell as a number: "" → NaN (missing), a decimal literal → its value, anything else → null. */
export function parseNumber(cell: string): number | null {
  const s = cell.trim();
  if (s === '') return NaN;
  return NUMBER.test(s) ? Number(s) : null;
}

/** The index of `name` in the header; throws naming the source when absent. */
export function columnIndex(table: TextTable, name: string): number {
  const index = table.header.indexOf(name);
  if (index < 0) throw new StatsError(`${table.source}: no column "${name}" (columns: ${table.header.join(', ')})`);
  return index;
}

const lineOf = (table: TextTable, row: number): number => table.lines?.[row] ?? row + 2;

/** Numeric column: every non-empty cell must be a number. */
export function numericFromText(table: TextTable, name: string): Column {
  const j = columnIndex(table, name);
  const values = new Float64Array(table.rows.length);
  const missing = table.missing?.(name);
  table.rows.forEach((row, i) => {
    const cell = row[j] ?? '';
    const v = parseNumber(cell);
    if (v === null) throw new StatsError(`${table.source} line ${lineOf(table, i)}, column "${name}": "${cell}" is not a number`);
    values[i] = missing?.has(v) ? NaN : v;
  });
  return numericColumn(name, values);
}

/** Categorical column: numeric levels if every non-empty cell is a number, else text levels. */
export function categoricalFromText(table: TextTable, name: string): Column {
  const j = columnIndex(table, name);
  const cells = table.rows.map((row) => (row[j] ?? '').trim());
  const missing = table.missing?.(name);
  const numbers = cells.map((cell) => {
    const v = parseNumber(cell);
    return v !== null && missing?.has(v) ? NaN : v;
  });
  if (numbers.every((v) => v !== null)) {
    return categoricalColumn(
      name,
      numbers.map((v) => (Number.isNaN(v) ? null : v)),
    );
  }
  return categoricalColumn(
    name,
    cells.map((c) => (c === '' ? null : c)),
  );
}

/** A Dataset with the requested columns typed (a name in both lists is an error). */
export function datasetFromText(table: TextTable, request: ColumnRequest): Dataset {
  const numeric = request.numeric ?? [];
  const categorical = request.categorical ?? [];
  const columns: Column[] = [];
  const seen = new Set<string>();
  for (const name of numeric) {
    if (seen.has(name)) continue;
    seen.add(name);
    columns.push(numericFromText(table, name));
  }
  for (const name of categorical) {
    if (seen.has(name)) throw new StatsError(`${table.source}: column "${name}" is used both as a number and as categories`);
    seen.add(name);
    columns.push(categoricalFromText(table, name));
  }
  const ds = dataset(columns);
  return columns.length === 0 ? { ...ds, rows: table.rows.length } : ds;
}
