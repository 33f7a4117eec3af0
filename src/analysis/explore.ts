// The tables explorer: any item or composite scale by any breakdown, weighted or not, through the same
// path as the report. A choice item is counted by frequencyTables once per column (a column may come from
// another wave's dataset, or be a fact of the response no condition can name) and the columns are set side
// by side; a composite scale or number gets its mean per column from the engine. The test of independence
// (Pearson, or Rao-Scott with weights) and the effective N come from the engine over the same views.
import type { LocalizedText } from '../questionnaire/types.ts';
import {
  chiSquareTest,
  crosstabs,
  describe,
  differenceFlags,
  fitOls,
  StatsError,
  withMask,
  withWeights,
  type CategoricalColumn,
  type ChiSquareResult,
  type Column,
  type Dataset,
} from '../stats/index.ts';
import { both } from './conditions.ts';
import type { AnalysisDataset } from './dataset.ts';
import { breakdownColumns, type BreakdownId, type ChannelContext, type ExploreColumn, type ExploreSource } from './explore-breakdowns.ts';
import type { FrequencyResult, ResultColumn, ResultRow } from './results.ts';
import { frequencyTables, type FrequencySpec } from './tables-frequency.ts';
import { categoricalView, engineDataset, numericView } from './views.ts';

export type ItemKind = 'frequency' | 'multiple' | 'mean';

export class ExploreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExploreError';
  }
}

/** How the explorer counts a variable: choice items by their options, multiple choice per option, scores by mean. */
export function itemKindOf(data: AnalysisDataset, item: string): ItemKind | null {
  if (data.multiOptions.has(item)) return 'multiple';
  if (!data.has(item)) return null;
  const info = data.info(item);
  if (info.kind === 'meta' || info.storage !== 'number' || info.kind === 'multi-option') return null;
  if (info.kind === 'composite' || info.kind === 'numeric') return 'mean';
  return info.values.length > 0 ? 'frequency' : 'mean';
}

export type ExploreTest =
  | { readonly kind: 'chisq'; readonly result: ChiSquareResult }
  | {
      readonly kind: 'anova';
      readonly F: number;
      readonly df1: number;
      readonly df2: number;
      readonly p: number;
      readonly weightedNote: boolean;
    }
  | { readonly kind: 'none'; readonly reason: 'one-column' | 'multiple' | 'too-few' | 'overlapping' };

export interface MeanColumn {
  readonly label: LocalizedText;
  readonly n: number;
  readonly mean: number | null;
  readonly sd: number | null;
}

export type ExploreResult =
  | {
      readonly kind: 'frequency' | 'multiple';
      readonly table: FrequencyResult;
      /** Per column (breakdown columns, then Totaal): Kish's effective N under the weights; null without weights. */
      readonly effectiveN: readonly number[] | null;
      readonly test: ExploreTest;
    }
  | {
      readonly kind: 'mean';
      readonly item: string;
      readonly title: LocalizedText;
      readonly columns: readonly MeanColumn[];
      readonly test: ExploreTest;
    };

export interface ExploreRequest {
  readonly item: string;
  readonly breakdown: BreakdownId;
}

const TOTAL: LocalizedText = { nl: { text: 'Totaal', status: 'source' }, en: { text: 'Total', status: 'source' } };

const withinOf = (column: ExploreColumn, sources: readonly ExploreSource[]): Uint8Array => {
  const within = sources[column.source]?.within;
  return within ? both(column.mask, within) : column.mask;
};

/** The table of `request.item` by `request.breakdown` over the sources (one wave, or every wave for "wave"). */
export function exploreTable(sources: readonly ExploreSource[], request: ExploreRequest, context: ChannelContext): ExploreResult {
  const first = sources[0];
  if (!first) throw new ExploreError('no wave to count');
  const kind = itemKindOf(first.data, request.item);
  if (kind === null) throw new ExploreError(`"${request.item}" is not a choice item, scale or number of this wave`);
  const columns = breakdownColumns(request.breakdown, sources, context);
  // A total beside the breakdown, except across waves (different people, different questionnaires).
  const withTotal = request.breakdown !== 'none' && request.breakdown !== 'wave';
  const all: ExploreColumn[] = withTotal
    ? [...columns, { label: TOTAL, source: 0, mask: new Uint8Array(first.data.rows).fill(1) }]
    : columns;
  if (kind === 'mean') return meanTable(sources, request.item, all, columns.length);
  const tables = all.map((column) => {
    const source = sources[column.source] as ExploreSource;
    const spec = specOf(source.data, request.item, kind, column.label);
    const [result] = frequencyTables(source.data, [spec], withinOf(column, sources), source.weights);
    return result as FrequencyResult;
  });
  const table = joinColumns(tables, columns.length);
  const weighted = sources.some((s) => s.weights !== null);
  const engine =
    kind === 'frequency'
      ? partition(
          sources,
          request.item,
          table.rows.map((r) => r.code as number),
          all,
        )
      : null;
  return {
    kind,
    table,
    effectiveN: weighted && engine ? effectiveN(engine, all.length) : null,
    test: kind === 'multiple' ? { kind: 'none', reason: 'multiple' } : testOf(engine, columns.length),
  };
}

function specOf(data: AnalysisDataset, item: string, kind: 'frequency' | 'multiple', column: LocalizedText): FrequencySpec {
  const title = kind === 'multiple' ? questionText(data, item) : data.info(item).label;
  const common = { id: 'explore', title, section: null, where: null, whereText: null, note: null, item, rows: null };
  const breakdown = { id: null, label: column, columns: [{ label: column, where: null, whereText: null }] };
  return { ...common, kind, breakdown };
}

/** The question of a multiple-choice item (its option variables carry "question: option"). */
function questionText(data: AnalysisDataset, item: string): LocalizedText {
  for (const q of data.definition.questionnaires) for (const page of q.pages) for (const i of page.items) if (i.id === item) return i.text;
  return { nl: { text: item, status: 'source' } };
}

/** One-column results side by side; rows matched by answer code (a wave may lack an option). */
function joinColumns(tables: readonly FrequencyResult[], breakdownColumns: number): FrequencyResult {
  const first = tables[0] as FrequencyResult;
  const codes: number[] = [];
  const labels = new Map<number, LocalizedText>();
  for (const t of tables)
    for (const r of t.rows) {
      const code = r.code as number;
      if (!labels.has(code)) {
        codes.push(code);
        labels.set(code, r.label);
      }
    }
  const columns: ResultColumn[] = tables.map((t) => t.columns[0] as ResultColumn);
  const rows: ResultRow[] = codes.map((code) => {
    const cells = tables.map((t) => {
      const row = t.rows.find((r) => r.code === code);
      return { percent: row?.percent[0] ?? null, count: row?.count[0] ?? null };
    });
    return {
      label: labels.get(code) as LocalizedText,
      code,
      item: null,
      percent: cells.map((c) => c.percent),
      count: cells.map((c) => c.count),
    };
  });
  // Differences of 8 points or more, among the breakdown's own columns (not against the total).
  const matrix = rows.map((r) => r.percent.slice(0, breakdownColumns).map((p) => p ?? NaN));
  const differences = differenceFlags(matrix).map((f) => ({ row: f.row, a: f.a, b: f.b, points: f.difference }));
  const n = tables.length > breakdownColumns ? (columns[breakdownColumns]?.n ?? 0) : columns.reduce((s, c) => s + c.n, 0);
  return { kind: first.kind, id: 'explore', title: first.title, where: null, n, columns, rows, differences };
}

interface Partition {
  readonly data: Dataset;
  readonly item: string;
  readonly group: string;
  readonly total: string;
  /** Columns of the breakdown overlap (a row in two): no test of independence. */
  readonly overlapping: boolean;
}

/**
 * The sources' rows as one engine dataset: the item over the table's codes, the breakdown column each row is
 * in (the last column, the total, as a variable of its own), weights and the views' filters as a mask.
 */
function partition(
  sources: readonly ExploreSource[],
  item: string,
  codes: readonly number[],
  columns: readonly ExploreColumn[],
): Partition {
  const offsets: number[] = [];
  let rows = 0;
  for (const s of sources) {
    offsets.push(rows);
    rows += s.data.rows;
  }
  const itemCodes = new Int32Array(rows).fill(-1);
  const groupCodes = new Int32Array(rows).fill(-1);
  const totalCodes = new Int32Array(rows).fill(-1);
  const weights = new Float64Array(rows).fill(1);
  let overlapping = false;
  sources.forEach((s, k) => {
    const at = offsets[k] as number;
    itemCodes.set(categoricalView(s.data, item, codes, '#item').codes, at);
    if (s.weights) weights.set(s.weights, at);
  });
  const hasTotal = columns[columns.length - 1]?.label === TOTAL;
  columns.forEach((column, c) => {
    const at = offsets[column.source] as number;
    const within = withinOf(column, sources);
    const isTotal = hasTotal && c === columns.length - 1;
    for (let i = 0; i < within.length; i++) {
      if (within[i] !== 1) continue;
      if (isTotal) {
        totalCodes[at + i] = 0;
        continue;
      }
      if ((groupCodes[at + i] as number) >= 0) overlapping = true;
      groupCodes[at + i] = c;
      if (!hasTotal) totalCodes[at + i] = 0;
    }
  });
  const groupLevels = Array.from({ length: hasTotal ? columns.length - 1 : columns.length }, (_, c) => c);
  const cat = (name: string, codes: Int32Array, levels: readonly number[]): CategoricalColumn => ({
    kind: 'categorical',
    name,
    codes,
    levels: [...levels],
  });
  let data = engineDataset([
    cat('#item', itemCodes, codes),
    cat('#group', groupCodes, groupLevels),
    cat('#total', totalCodes, [0]),
  ] as Column[]);
  if (sources.some((s) => s.weights !== null)) data = withWeights(data, weights);
  return { data, item: '#item', group: '#group', total: '#total', overlapping };
}

/** Kish's effective N per column, (Σw)² / Σw², over the column's valid answers: weighted sums from the engine. */
function effectiveN(p: Partition, count: number): number[] {
  const weights = p.data.weights as Float64Array;
  const squared = withWeights(
    p.data,
    weights.map((w) => w * w),
  );
  const sums = crosstabs(p.data, [p.item], [p.group, p.total]);
  const squares = crosstabs(squared, [p.item], [p.group, p.total]);
  const columnSum = (t: (typeof sums)[number], c: number): number => t.weighted.reduce((s, row) => s + (row[c] ?? 0), 0);
  const out: number[] = [];
  const [group, total] = sums;
  const [group2, total2] = squares;
  const groupColumns = group?.columnLevels.length ?? 0;
  for (let c = 0; c < groupColumns; c++) {
    const w = columnSum(group!, c);
    const w2 = columnSum(group2!, c);
    out.push(w2 > 0 ? (w * w) / w2 : 0);
  }
  if (count > groupColumns) {
    const w = columnSum(total!, 0);
    const w2 = columnSum(total2!, 0);
    out.push(w2 > 0 ? (w * w) / w2 : 0);
  }
  return out;
}

function testOf(p: Partition | null, breakdownColumns: number): ExploreTest {
  if (!p) return { kind: 'none', reason: 'multiple' };
  if (breakdownColumns < 2) return { kind: 'none', reason: 'one-column' };
  if (p.overlapping) return { kind: 'none', reason: 'overlapping' };
  try {
    return { kind: 'chisq', result: chiSquareTest(withMask(p.data, maskOfGroup(p)), p.item, p.group) };
  } catch (error) {
    if (error instanceof StatsError) return { kind: 'none', reason: 'too-few' };
    throw error;
  }
}

const maskOfGroup = (p: Partition): Uint8Array => {
  const codes = (p.data.columns.get(p.group) as CategoricalColumn).codes;
  return Uint8Array.from(codes, (c) => (c >= 0 ? 1 : 0));
};

/** Mean (weighted with weights), SD and N per column; one-way analysis of variance (OLS on the column dummies). */
function meanTable(
  sources: readonly ExploreSource[],
  item: string,
  columns: readonly ExploreColumn[],
  breakdownColumns: number,
): ExploreResult {
  const first = sources[0] as ExploreSource;
  const title = first.data.info(item).label;
  const out: MeanColumn[] = columns.map((column) => {
    const source = sources[column.source] as ExploreSource;
    let engine = withMask(engineDataset([numericView(source.data, item)]), withinOf(column, sources));
    if (source.weights) engine = withWeights(engine, source.weights);
    const d = describe(engine, item);
    return { label: column.label, n: d.n, mean: d.n > 0 ? d.mean : null, sd: d.n > 1 ? d.sd : null };
  });
  return { kind: 'mean', item, title, columns: out, test: anovaOf(sources, item, columns.slice(0, breakdownColumns)) };
}

function anovaOf(sources: readonly ExploreSource[], item: string, columns: readonly ExploreColumn[]): ExploreTest {
  if (columns.length < 2) return { kind: 'none', reason: 'one-column' };
  let rows = 0;
  const offsets = sources.map((s) => {
    const at = rows;
    rows += s.data.rows;
    return at;
  });
  const y = new Float64Array(rows).fill(NaN);
  const group = new Int32Array(rows).fill(-1);
  sources.forEach((s, k) => y.set(numericView(s.data, item).values, offsets[k]));
  for (let c = 0; c < columns.length; c++) {
    const column = columns[c] as ExploreColumn;
    const within = withinOf(column, sources);
    const at = offsets[column.source] as number;
    for (let i = 0; i < within.length; i++) {
      if (within[i] !== 1) continue;
      if ((group[at + i] as number) >= 0) return { kind: 'none', reason: 'overlapping' };
      group[at + i] = c;
    }
  }
  const engine = engineDataset([
    { kind: 'numeric', name: '#y', values: y },
    { kind: 'categorical', name: '#group', codes: group, levels: columns.map((_, c) => c) },
  ]);
  const outcome = fitOls(engine, { y: '#y', predictors: [{ kind: 'categorical', name: '#group', reference: 0 }] });
  if (!outcome.ok) return { kind: 'none', reason: 'too-few' };
  const { fit } = outcome;
  return {
    kind: 'anova',
    F: fit.F,
    df1: fit.dfModel,
    df2: fit.dfResidual,
    p: fit.pF,
    weightedNote: sources.some((s) => s.weights !== null),
  };
}

export interface ExploreItem {
  readonly name: string;
  readonly label: LocalizedText;
  readonly group: 'item' | 'multiple' | 'derived' | 'scale';
}

/** The variables the explorer can count in a dataset, in questionnaire order; only those of `questionnaire` when given. */
export function exploreItems(data: AnalysisDataset, questionnaire: string | null): ExploreItem[] {
  const asked =
    questionnaire === null
      ? null
      : new Set(
          data.definition.questionnaires
            .filter((q) => q.id === questionnaire)
            .flatMap((q) => q.pages.flatMap((p) => p.items.map((i) => i.id as string))),
        );
  const out: ExploreItem[] = [];
  const multi = new Set<string>();
  for (const v of data.variables) {
    if (v.kind === 'multi-option' && v.item !== null) {
      if (multi.has(v.item) || (asked && !asked.has(v.item))) continue;
      multi.add(v.item);
      out.push({ name: v.item, label: questionText(data, v.item), group: 'multiple' });
      continue;
    }
    const kind = itemKindOf(data, v.name);
    if (kind === null) continue;
    if (v.kind === 'derived') out.push({ name: v.name, label: v.label, group: 'derived' });
    else if (v.kind === 'composite') out.push({ name: v.name, label: v.label, group: 'scale' });
    else if (!asked || asked.has(v.name)) out.push({ name: v.name, label: v.label, group: 'item' });
  }
  return out;
}
