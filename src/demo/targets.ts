// Per item, the margins the demo wave must reproduce: every column of every report table that counts the
// item (published percentages and column N), the population tables' sample counts (gender, route, age band),
// and the documented assumptions for items the report does not print. Corrections of the report's own
// misprints are listed in CORRECTIONS (and in docs/demo-data.md).
import { publishedTables, printedNumber, type PublishedFrequency, type PublishedPopulation } from '../analysis/published.ts';
import type { ColumnFilter, TableSpec } from '../analysis/report-spec.ts';
import { columnFilter, typeOfLabel } from '../analysis/report-spec.ts';
import type { ChoiceItem } from '../questionnaire/types.ts';
import { ASSUMED, ASSUMED_MULTI, type AssumedColumn } from './assumptions.ts';

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

function fromFrequency(table: PublishedFrequency, spec: TableSpec): PlanColumn[] {
  if (spec.kind !== 'single' && spec.kind !== 'multi') return [];
  const hasColumnN = Object.keys(table.columnN).length > 0;
  return table.columns.map((label, c) => {
    const dist = new Map<number, number>();
    spec.rows.forEach((row, r) => {
      const value = printedNumber(table.rows[r]?.values[c] ?? null);
      if (value !== null) dist.set(row.code, value);
    });
    const N = hasColumnN ? targetColumnN(table, label) : null;
    return {
      source: `${table.id} ${label}`,
      filter: columnFilter(label),
      N,
      ...(N === null && table.N !== null ? { pool: { id: table.id, total: table.N } } : {}),
      dist,
      skipRate: 0,
    };
  });
}

const BAND: Readonly<Record<string, number>> = { '18-21': 1, '22-30': 2, '31-45': 3, '46-76': 4 };

/** Sample counts of Tabel 2.10-2.12 per type inburgeraar, as columns over Q2.01, Q2.09 and the age band. */
function fromPopulation(table: PublishedPopulation): [string, PlanColumn[]] | null {
  const item = { '2.10': 'Q2.01', '2.11': 'Q2.09', '2.12': 'age' }[table.id];
  if (!item) return null;
  const byType = new Map<number, Map<number, number>>();
  for (const row of table.rows) {
    const type = typeOfLabel(row.group ?? '');
    const n = row.values[2];
    if (type === null || typeof n !== 'number') continue;
    const code =
      item === 'Q2.01'
        ? row.label === 'Mannen'
          ? 1
          : 2
        : item === 'Q2.09'
          ? { 'B1-route': 1, 'O-route': 2, 'Z-route': 3 }[row.label]
          : BAND[row.label];
    if (code === undefined) continue;
    const dist = byType.get(type) ?? new Map<number, number>();
    dist.set(code, n);
    byType.set(type, dist);
  }
  return [
    item,
    [...byType].map(([type, dist]) => ({
      source: `${table.id} type ${type}`,
      filter: { type: [type] },
      N: [...dist.values()].reduce((a, b) => a + b, 0),
      dist,
      skipRate: 0,
      wholeGroup: true,
    })),
  ];
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
    if ((spec.kind === 'single' || spec.kind === 'multi') && table.kind === 'frequency') add(spec.item, fromFrequency(table, spec));
    if (spec.kind === 'population' && table.kind === 'population') {
      const found = fromPopulation(table);
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
