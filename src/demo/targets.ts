// Per item, the margins the demo wave must reproduce: every column of every report table that counts the
// item (published percentages and column N), the population tables' sample counts (gender, route, age band),
// and the documented assumptions for items the report does not print. Corrections of the report's own
// misprints are listed in CORRECTIONS (and in docs/demo-data.md).
import { publishedTables, printedNumber, type PublishedFrequency, type PublishedPopulation } from './published.ts';
import type { TableSpec } from '../study/report-spec.ts';
import { filterOf, type ColumnFilter } from './filters.ts';
import type { ChoiceItem } from '../questionnaire/types.ts';
import { ASSUMED, ASSUMED_MULTI, type AssumedColumn } from './assumptions.ts';
import { DemoDataError } from './errors.ts';

export interface PlanColumn {
  readonly source: string;
  readonly filter: ColumnFilter;
  /** Answers wanted in the column; null: from the pool or the skip rate. */
  readonly N: number | null;
  /** Tables without column Ns: the table's N shared over its columns by their size. */
  readonly pool?: { readonly id: string; readonly total: number };
  /** Answer code (or, for multiple choice, option code) → percentage. */
  readonly dist: ReadonlyMap<number, number>;
  /** Share of the column not answering, when N and pool are absent. */
  readonly skipRate: number;
  /** N counts a whole type inburgeraar (the sample side of the population tables 2.10-2.12). */
  readonly wholeGroup?: boolean;
}

export interface ItemPlan {
  readonly item: string;
  readonly columns: readonly PlanColumn[];
}

/** Column Ns the report misprints, with the value followed (key-figures.md, Inconsistencies). */
export const CORRECTIONS: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  // "N = 258" is a truncated 2.588: 5.003 − 1.744 − 405 − 266 = 2.588.
  '2.6': { 'Wi2021-asiel': 2588 },
};

/** The column N the demo aims at (the printed one unless corrected). */
export function targetColumnN(table: PublishedFrequency, label: string): number | null {
  return CORRECTIONS[table.id]?.[label] ?? table.columnN[label] ?? null;
}

type FrequencySpec = Extract<TableSpec, { kind: 'frequency' | 'multiple' }>;
type PopulationSpec = Extract<TableSpec, { kind: 'population' }>;

/** Plan columns of a published frequency table: its printed percentages by the spec's row codes (same order). */
function fromFrequency(table: PublishedFrequency, spec: FrequencySpec): PlanColumn[] {
  const hasColumnN = Object.keys(table.columnN).length > 0;
  const rows = spec.rows ?? [];
  if (rows.length !== table.rows.length || spec.breakdown.columns.length !== table.columns.length) {
    throw new DemoDataError(
      `table ${spec.id}: report.json has ${rows.length} rows and ${spec.breakdown.columns.length} columns, the published table ${table.rows.length} and ${table.columns.length}`,
    );
  }
  return table.columns.map((label, c) => {
    const dist = new Map<number, number>();
    rows.forEach((row, r) => {
      const value = printedNumber(table.rows[r]?.values[c] ?? null);
      if (value !== null) dist.set(row.code, value);
    });
    const N = hasColumnN ? targetColumnN(table, label) : null;
    const column = spec.breakdown.columns[c];
    return {
      source: `${table.id} ${label}`,
      filter: filterOf(column?.where ?? null, column?.whereText ?? label),
      N,
      ...(N === null && table.N !== null ? { pool: { id: table.id, total: table.N } } : {}),
      dist,
      skipRate: 0,
    };
  });
}

/** Sample counts of the population tables per group, as columns over Q2.01, Q2.09 and the age band. */
function fromPopulation(table: PublishedPopulation, spec: PopulationSpec): [string, PlanColumn[]] | null {
  const item = { gender: 'Q2.01', route: 'Q2.09', ageBand: 'age', group: null }[spec.by];
  if (item === null) return null;
  const groups = spec.groups.flatMap((g) => (g.kind === 'sample' ? [g.code] : []));
  const columns: PlanColumn[] = [];
  groups.forEach((type, g) => {
    const dist = new Map<number, number>();
    spec.levels.forEach((level, l) => {
      const n = table.rows[g * spec.levels.length + l]?.values[2];
      if (typeof n === 'number') dist.set(level.code, n);
    });
    columns.push({
      source: `${table.id} type ${type}`,
      filter: { type: [type] },
      N: [...dist.values()].reduce((a, b) => a + b, 0),
      dist,
      skipRate: 0,
      wholeGroup: true,
    });
  });
  return [item, columns];
}

/** Plan columns from documented assumptions (assumptions.ts). */
export function fromAssumption(item: string, columns: readonly AssumedColumn[]): PlanColumn[] {
  return columns.map((col, i) => {
    const entries = Object.entries(col.dist).map(([k, v]) => [Number(k), v] as const);
    const skip = entries.find(([k]) => k === -1)?.[1] ?? 0;
    const answers = entries.filter(([k]) => k !== -1);
    const total = answers.reduce((s, [, v]) => s + v, 0) + skip;
    return {
      source: `assumption ${item} #${i}`,
      filter: col.filter,
      N: null,
      dist: new Map(answers),
      skipRate: total > 0 ? skip / total : 0,
    };
  });
}

/** Every item's plan, from the report specification and the published tables. */
export function buildPlans(specs: readonly TableSpec[]): Map<string, ItemPlan> {
  const published = new Map(publishedTables().map((t) => [t.id, t]));
  const columns = new Map<string, PlanColumn[]>();
  const add = (item: string, cols: PlanColumn[]): void => {
    columns.set(item, [...(columns.get(item) ?? []), ...cols]);
  };
  for (const spec of specs) {
    const table = published.get(spec.id);
    if (!table) continue;
    if ((spec.kind === 'frequency' || spec.kind === 'multiple') && table.kind === 'frequency') add(spec.item, fromFrequency(table, spec));
    if (spec.kind === 'population' && table.kind === 'population') {
      const found = fromPopulation(table, spec);
      if (found) add(found[0], found[1]);
    }
  }
  for (const [item, cols] of Object.entries(ASSUMED)) add(item, fromAssumption(item, cols));
  for (const [item, cols] of Object.entries(ASSUMED_MULTI)) add(item, fromAssumption(item, cols));
  return new Map([...columns].map(([item, cols]) => [item, { item, columns: cols }]));
}

/** Default answer distribution for an item the report does not print: mostly positive, a few "weet niet". */
export function defaultDist(item: ChoiceItem): Map<number, number> {
  const substantive = item.options.filter((o) => !o.missing);
  const out = new Map<number, number>();
  if (item.kind === 'scale') {
    const byCode: Record<number, number> = { 5: 20, 4: 38, 3: 25, 2: 10, 1: 7 };
    for (const o of substantive) out.set(o.code, byCode[o.code] ?? 10);
  } else {
    substantive.forEach((o, i) => out.set(o.code, 100 / (i + 1.5)));
  }
  for (const o of item.options) if (o.missing) out.set(o.code, 3);
  return out;
}
