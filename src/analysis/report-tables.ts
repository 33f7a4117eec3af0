// Computes every table of the report's specification from the wide dataset: frequency tables as the report
// prints them (whole percentages per column summing to 100, "<1" for small values, column N), regression
// tables (B, SE, t, stars, adjusted R²) and the sample side of the population tables. Never reads answers
// any other way than through the dataset.
import {
  displayColumn,
  numericColumn,
  categoricalColumn,
  dataset as statsDataset,
  ols,
  type Column,
  type Predictor,
} from '../stats/index.ts';
import type { Cell, Dataset } from './dataset.ts';
import { matches, type FrequencySpec, type PopulationSpec, type Profile, type RegressionSpec, type TableSpec } from './report-spec.ts';
import type { PopulationMargins } from '../study/population.ts';

export type PrintedCell = number | string | null;

export interface FrequencyOutput {
  readonly title: string;
  readonly N: number;
  readonly columns: { label: string; N: number }[];
  readonly rows: { label: string; values: PrintedCell[] }[];
}

export interface RegressionOutput {
  readonly title: string;
  readonly N: number;
  readonly rows: { label: string; B: number | null; SE: number | null; t: number | null; stars: string }[];
  readonly adjR2: number | null;
}

export type TableOutput = FrequencyOutput | RegressionOutput;

/** Index of the dataset's columns by name. */
class Columns {
  private readonly index: Map<string, number>;
  constructor(private readonly data: Dataset) {
    this.index = new Map(data.variables.map((v, i) => [v.name, i]));
  }
  has(name: string): boolean {
    return this.index.has(name);
  }
  get(row: number, name: string): Cell {
    const i = this.index.get(name);
    return i === undefined ? null : (this.data.rows[row]?.[i] ?? null);
  }
  num(row: number, name: string): number | null {
    const v = this.get(row, name);
    return typeof v === 'number' ? v : null;
  }
}

function profiles(data: Dataset, cols: Columns): Profile[] {
  return data.rows.map((_, r) => ({
    type: cols.num(r, 'type_inburgeraar'),
    route: cols.num(r, 'Q2.09'),
    cohort: cols.num(r, 'cohort'),
    gender: cols.num(r, 'Q2.01'),
  }));
}

/** A percentage as the report prints it in a table whose cells need not sum to 100. */
const printedPercent = (p: number): PrintedCell => (p > 0 && p < 0.5 ? '<1' : Math.round(p));
const fromDisplay = (text: string): PrintedCell => (text === '<1%' ? '<1' : Number(text.replace('%', '')));

function frequency(spec: FrequencySpec, data: Dataset, cols: Columns, people: readonly Profile[]): FrequencyOutput {
  const counted = new Set<number>();
  const columns: { label: string; N: number }[] = [];
  const values: PrintedCell[][] = [];
  for (const column of spec.columns) {
    const members = people.flatMap((p, r) => (matches(column.filter, p) ? [r] : []));
    if (spec.kind === 'single') {
      const codes = spec.rows.map((row) => row.code);
      const counts = codes.map(() => 0);
      let n = 0;
      for (const r of members) {
        const k = codes.indexOf(cols.num(r, spec.item) ?? NaN);
        if (k < 0) continue;
        counts[k]!++;
        n++;
        counted.add(r);
      }
      columns.push({ label: column.label, N: n });
      values.push(n === 0 ? codes.map(() => null) : displayColumn(counts.map((c) => (100 * c) / n)).map(fromDisplay));
    } else if (spec.kind === 'multi') {
      const answered = members.filter((r) => spec.rows.some((row) => cols.num(r, `${spec.item}_${row.code}`) !== null));
      answered.forEach((r) => counted.add(r));
      columns.push({ label: column.label, N: answered.length });
      values.push(
        spec.rows.map((row) => {
          const asked = answered.filter((r) => cols.num(r, `${spec.item}_${row.code}`) !== null);
          if (asked.length === 0) return null;
          return printedPercent((100 * asked.filter((r) => cols.num(r, `${spec.item}_${row.code}`) === 1).length) / asked.length);
        }),
      );
    } else {
      const ns: number[] = [];
      values.push(
        spec.rows.map((row) => {
          const valid = members.filter((r) => {
            const v = cols.num(r, row.item);
            return v !== null && v >= 1 && v <= 5;
          });
          valid.forEach((r) => counted.add(r));
          ns.push(valid.length);
          if (valid.length === 0) return null;
          return printedPercent((100 * valid.filter((r) => row.codes.includes(cols.num(r, row.item) ?? NaN)).length) / valid.length);
        }),
      );
      columns.push({ label: column.label, N: Math.round(ns.reduce((a, b) => a + b, 0) / Math.max(1, ns.length)) });
    }
  }
  return {
    title: spec.title,
    // Tabel 4.6 prints the average N over its aspects ("gemiddelde N"); the other tables everyone counted.
    N: spec.kind === 'topbox' ? columns.reduce((s, c) => s + c.N, 0) : counted.size,
    columns,
    rows: spec.rows.map((row, i) => ({ label: row.label, values: values.map((column) => column[i] ?? null) })),
  };
}

/** The predictors of the report's models (footnotes under Tabel 4.7 and B.2.7-B.2.14). */
export function regressionPredictors(full: boolean): Predictor[] {
  return [
    { kind: 'numeric', name: 'leeftijd' },
    { kind: 'numeric', name: 'vrouw' },
    { kind: 'numeric', name: 'opleidingsniveau' },
    { kind: 'numeric', name: 'taalniveau' },
    { kind: 'numeric', name: 'gezondheid' },
    ...(full
      ? ([
          { kind: 'categorical', name: 'leerroute', reference: 3 },
          { kind: 'numeric', name: 'cohort1' },
          { kind: 'numeric', name: 'brede_intake' },
        ] as const)
      : []),
    { kind: 'categorical', name: 'werkervaring', reference: 0 },
  ];
}

const inRange = (v: number | null, lo: number, hi: number): number | null => (v !== null && v >= lo && v <= hi ? v : null);

/** The model's variables for the rows of one type inburgeraar, as a statistics dataset. */
export function regressionData(data: Dataset, outcome: string, type: number) {
  const cols = new Columns(data);
  const rows = data.rows.flatMap((_, r) => (cols.num(r, 'type_inburgeraar') === type ? [r] : []));
  const pick = (f: (r: number) => number | null) => rows.map(f);
  const columns: Column[] = [
    numericColumn(
      'y',
      pick((r) => inRange(cols.num(r, outcome), 1, 5)),
    ),
    numericColumn(
      'leeftijd',
      pick((r) => cols.num(r, 'Q2.02')),
    ),
    numericColumn(
      'vrouw',
      pick((r) => ({ 1: 0, 2: 1 })[cols.num(r, 'Q2.01') ?? 0] ?? null),
    ),
    numericColumn(
      'opleidingsniveau',
      pick((r) => cols.num(r, 'opleidingsniveau')),
    ),
    numericColumn(
      'taalniveau',
      pick((r) => inRange(cols.num(r, 'Q2.08'), 1, 5)),
    ),
    numericColumn(
      'gezondheid',
      pick((r) => cols.num(r, 'gezondheid')),
    ),
    categoricalColumn(
      'leerroute',
      pick((r) => inRange(cols.num(r, 'Q2.09'), 1, 3)),
      [1, 2, 3],
    ),
    numericColumn(
      'cohort1',
      pick((r) => ({ 1: 1, 2: 0 })[cols.num(r, 'cohort') ?? 0] ?? null),
    ),
    numericColumn(
      'brede_intake',
      pick((r) => inRange(cols.num(r, 'Q4.11'), 1, 5)),
    ),
    categoricalColumn(
      'werkervaring',
      pick((r) => cols.num(r, 'werkervaring')),
      [0, 1, 2],
    ),
  ];
  return statsDataset(columns);
}

const round = (x: number, digits: number): number => Number(x.toFixed(digits));

function regression(spec: RegressionSpec, data: Dataset): RegressionOutput {
  const empty = (): RegressionOutput => ({
    title: spec.title,
    N: 0,
    rows: spec.rows.map((row) => ({ label: row.label, B: null, SE: null, t: null, stars: '' })),
    adjR2: null,
  });
  let fit;
  try {
    fit = ols(regressionData(data, spec.outcome, spec.type), { y: 'y', predictors: regressionPredictors(spec.full) });
  } catch {
    // Too few complete cases (e.g. a nearly empty database): the table is printed without values.
    return empty();
  }
  const byTerm = new Map(fit.coefficients.map((c) => [c.term, c]));
  return {
    title: spec.title,
    N: fit.n,
    rows: spec.rows.map((row) => {
      const c = row.term === null ? undefined : byTerm.get(row.term);
      return c
        ? { label: row.label, B: round(c.B, 3), SE: round(c.SE, 3), t: round(c.t, 2), stars: c.stars }
        : { label: row.label, B: null, SE: null, t: null, stars: '' };
    }),
    adjR2: round(fit.adjR2, 3),
  };
}

function population(spec: PopulationSpec, data: Dataset, cols: Columns, margins: PopulationMargins | null): FrequencyOutput {
  const people = profiles(data, cols);
  const ages = data.rows.map((_, r) => cols.num(r, 'leeftijdsklasse'));
  const codeOf = (r: number): number | null =>
    spec.by === 'gender' ? people[r]!.gender : spec.by === 'route' ? people[r]!.route : spec.by === 'age' ? (ages[r] ?? null) : null;
  const inType = (r: number, type: number | null): boolean => (type === null ? true : people[r]!.type === type);
  const sampleCount = (type: number | null, code: number | null): number =>
    data.rows.reduce((n, _, r) => n + (inType(r, type) && (code === null ? people[r]!.type !== null : codeOf(r) === code) ? 1 : 0), 0);
  const groupTotal = (type: number | null): number =>
    spec.by === 'type'
      ? data.rows.reduce((n, _, r) => n + (people[r]!.type !== null ? 1 : 0), 0)
      : spec.rows.filter((row) => row.type === type).reduce((n, row) => n + sampleCount(type, row.code), 0);
  const rows = spec.rows.map((row) => {
    const pop =
      margins?.rows.find((m) => m.table === spec.id && m.label === row.label && (m.group ?? null) === (row.group ?? null)) ?? null;
    const isUnknown = spec.by === 'type' && row.type === null && row.label !== 'Totaal';
    const n = isUnknown
      ? null
      : spec.by === 'type'
        ? row.label === 'Totaal'
          ? groupTotal(null)
          : sampleCount(row.type, null)
        : sampleCount(row.type, row.code);
    const total = spec.by === 'type' ? groupTotal(null) : groupTotal(row.type);
    const pct = n === null ? null : total > 0 ? printedPercent((100 * n) / total) : null;
    return { label: row.group ? `${row.group} ${row.label}` : row.label, values: [pop?.n ?? null, pop?.percent ?? null, n, pct] };
  });
  return { title: spec.title, N: groupTotal(null), columns: spec.columns.map((label) => ({ label, N: 0 })), rows };
}

/** Every table of the specification computed from `data` (built with the study's variables). */
export function computeReportTables(
  specs: readonly TableSpec[],
  data: Dataset,
  margins: PopulationMargins | null = null,
): Record<string, TableOutput> {
  const cols = new Columns(data);
  const people = profiles(data, cols);
  const out: Record<string, TableOutput> = {};
  for (const spec of specs) {
    switch (spec.kind) {
      case 'single':
      case 'multi':
      case 'topbox':
        out[spec.id] = frequency(spec, data, cols, people);
        break;
      case 'regression':
        out[spec.id] = regression(spec, data);
        break;
      case 'population':
        out[spec.id] = population(spec, data, cols, margins);
        break;
    }
  }
  return out;
}
