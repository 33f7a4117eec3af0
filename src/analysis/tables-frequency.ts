// Frequency, multiple-choice and top-box tables through the statistics engine: each table's item becomes a
// categorical column over the rows the table prints (missing codes only where it lists them), the breakdown a
// banner of grouping variables, and one call of the engine's crosstabs counts every table that shares the
// banner. What the engine returns is only arranged here: no counting, no rounding.
import type { LocalizedText } from '../questionnaire/types.ts';
import { crosstabs, differenceFlags, withMask, withWeights, type CategoricalColumn, type Column, type Crosstab } from '../stats/index.ts';
import type { TableSpec } from '../study/report-spec.ts';
import { bannerOf, type Banner } from './banner.ts';
import type { AnalysisDataset } from './dataset.ts';
import type { FrequencyResult, MissingCount, ResultColumn, ResultRow } from './results.ts';
import { rowArray, type RowBuffers } from './row-buffers.ts';
import { categoricalView, engineDataset } from './views.ts';

export type FrequencySpec = Extract<TableSpec, { kind: 'frequency' | 'multiple' | 'topbox' }>;

/** A row variable of one table, and what it stands for. */
type Part =
  | { readonly use: 'rows'; readonly column: CategoricalColumn }
  | { readonly use: 'missing'; readonly column: CategoricalColumn }
  | { readonly use: 'option'; readonly column: CategoricalColumn; readonly index: number; readonly code: number }
  | { readonly use: 'base'; readonly column: CategoricalColumn }
  | { readonly use: 'item'; readonly column: CategoricalColumn; readonly index: number };

interface Job {
  readonly table: FrequencySpec;
  readonly parts: readonly Part[];
}

/**
 * Every table of the group (one breakdown, one filter), counted by one banner of crosstabs. The engine's
 * columns are written into arrays from `buffers` when given (the caller reclaims them after the results).
 */
export function frequencyTables(
  data: AnalysisDataset,
  tables: readonly FrequencySpec[],
  within: Uint8Array | null,
  weights: Float64Array | null,
  buffers?: RowBuffers,
): FrequencyResult[] {
  const first = tables[0];
  if (!first) return [];
  const banner = bannerOf(data, first.breakdown.columns, within, first.id, buffers);
  const jobs = tables.map((table) => ({ table, parts: partsOf(data, table, buffers) }));
  const rowColumns = jobs.flatMap((job) => job.parts.map((p) => p.column));
  const groupColumns = [...banner.layers, banner.union];
  let engine = engineDataset([...rowColumns, ...groupColumns] as Column[]);
  if (within) engine = withMask(engine, within);
  if (weights) engine = withWeights(engine, weights);
  const grid = crosstabs(
    engine,
    rowColumns.map((c) => c.name),
    groupColumns.map((c) => c.name),
  );
  let at = 0;
  return jobs.map((job) => {
    const tabs = job.parts.map(() => {
      const row = grid.slice(at, at + groupColumns.length);
      at += groupColumns.length;
      return row;
    });
    return assemble(data, job, tabs, banner);
  });
}

const uniqueName = (table: FrequencySpec, what: string): string => `${table.id}:${what}`;

function partsOf(data: AnalysisDataset, table: FrequencySpec, buffers: RowBuffers | undefined): Part[] {
  switch (table.kind) {
    case 'frequency': {
      const info = data.info(table.item);
      const codes = table.rows?.map((r) => r.code) ?? info.values.filter((v) => !v.missing).map((v) => v.value);
      const unlisted = info.missing.filter((code) => !codes.includes(code));
      const parts: Part[] = [{ use: 'rows', column: categoricalView(data, table.item, codes, uniqueName(table, table.item), buffers) }];
      if (unlisted.length > 0)
        parts.push({ use: 'missing', column: categoricalView(data, table.item, unlisted, uniqueName(table, 'missing'), buffers) });
      return parts;
    }
    case 'multiple': {
      const options = data.multiOptions.get(table.item) ?? [];
      const codeOf = (o: (typeof options)[number]): number => o.option?.code ?? NaN;
      const listed = table.rows?.map((r) => r.code) ?? options.filter((o) => o.option?.missing !== true).map(codeOf);
      // Respondents whose only choices are non-answers the table does not list ("Dat weet ik niet") are left
      // out of its base, as a single-choice table leaves them out of its N.
      const countsIn = options.map((o) => listed.includes(codeOf(o)) || o.option?.missing !== true);
      const n = data.rows;
      // Codes straight into the engine's categorical columns: level 0 of the base is "in the base", levels 0
      // and 1 of an option are "not chosen" and "chosen"; -1 is outside (a million rows, dozens of options).
      const base = rowArray(n, buffers).fill(-1);
      // Column by column (each option's array read in order): answered anything, chose a counted option, chose any.
      const answered = new Uint8Array(n);
      const chose = new Uint8Array(n);
      const counted = new Uint8Array(n);
      options.forEach((o, k) => {
        const values = data.numbers(o.name);
        const counts = countsIn[k] === true;
        for (let i = 0; i < n; i++) {
          const v = values[i] as number;
          if (v === v) answered[i] = 1;
          if (v === 1) {
            chose[i] = 1;
            if (counts) counted[i] = 1;
          }
        }
      });
      for (let i = 0; i < n; i++) if (answered[i] === 1 && (counted[i] === 1 || chose[i] === 0)) base[i] = 0;
      const parts: Part[] = [{ use: 'base', column: { kind: 'categorical', name: uniqueName(table, 'base'), codes: base, levels: [1] } }];
      listed.forEach((code, index) => {
        const option = options.find((o) => codeOf(o) === code);
        const codes = rowArray(n, buffers).fill(-1);
        if (option) {
          const chosen = data.numbers(option.name);
          for (let i = 0; i < n; i++) {
            if (base[i] !== 0) continue;
            const v = chosen[i] as number;
            codes[i] = v === 1 ? 1 : v === 0 ? 0 : -1;
          }
        }
        const column: CategoricalColumn = { kind: 'categorical', name: uniqueName(table, `option${code}`), codes, levels: [0, 1] };
        parts.push({ use: 'option', index, code, column });
      });
      return parts;
    }
    case 'topbox':
      return table.rows.map((row, index) => ({
        use: 'item',
        index,
        column: categoricalView(data, row.item, undefined, uniqueName(table, `${index}:${row.item}`), buffers),
      }));
  }
}

function assemble(data: AnalysisDataset, job: Job, tabs: readonly (readonly Crosstab[])[], banner: Banner): FrequencyResult {
  const { table } = job;
  const columnsOf = (tab: readonly Crosstab[]) =>
    table.breakdown.columns.map((_, c) => {
      const { layer, level } = banner.at[c] as { layer: number; level: number };
      return { tab: tab[layer] as Crosstab, level };
    });
  const unionOf = (tab: readonly Crosstab[]): Crosstab => tab[banner.layers.length] as Crosstab;
  const cell = (t: Crosstab, r: number, level: number) => ({
    percent: (t.columnN[level] as number) > 0 ? (t.columnPercent[r]?.[level] as number) : null,
    count: (t.columnN[level] as number) > 0 ? (t.counts[r]?.[level] as number) : null,
  });
  const labelOf = (code: number, own: LocalizedText | null | undefined): LocalizedText => {
    if (own) return own;
    if (table.kind === 'multiple') return data.info(`${table.item}_${code}`).option?.label ?? codeText(code);
    if (table.kind === 'frequency') return data.info(table.item).values.find((v) => v.value === code)?.label ?? codeText(code);
    return codeText(code);
  };
  let columns: ResultColumn[];
  let rows: ResultRow[];
  let n: number;
  switch (table.kind) {
    case 'frequency': {
      const main = tabs[job.parts.findIndex((p) => p.use === 'rows')] as readonly Crosstab[];
      const missingIndex = job.parts.findIndex((p) => p.use === 'missing');
      const missingTab = missingIndex < 0 ? null : (tabs[missingIndex] as readonly Crosstab[]);
      const per = columnsOf(main);
      const perMissing = missingTab ? columnsOf(missingTab) : null;
      const info = data.info(table.item);
      columns = table.breakdown.columns.map((col, c) => {
        const { tab, level } = per[c] as { tab: Crosstab; level: number };
        const missing: MissingCount[] = [];
        if (perMissing) {
          const m = perMissing[c] as { tab: Crosstab; level: number };
          m.tab.rowLevels.forEach((code, r) => {
            const count = m.tab.counts[r]?.[m.level] as number;
            if (count > 0)
              missing.push({
                code: code as number,
                label: info.values.find((v) => v.value === code)?.label ?? codeText(code as number),
                count,
              });
          });
        }
        return {
          label: col.label,
          where: col.whereText,
          n: tab.columnN[level] as number,
          weightedN: sumColumn(tab.weighted, level),
          missing,
        };
      });
      const codes = main[0]?.rowLevels ?? [];
      rows = codes.map((code, r) => {
        const cells = per.map(({ tab, level }) => cell(tab, r, level));
        return {
          label: labelOf(code as number, table.rows?.[r]?.label),
          code: code as number,
          item: null,
          percent: cells.map((x) => x.percent),
          count: cells.map((x) => x.count),
        };
      });
      n = unionOf(main).columnN[0] as number;
      break;
    }
    case 'multiple': {
      const baseTab = tabs[0] as readonly Crosstab[];
      const per = columnsOf(baseTab);
      columns = table.breakdown.columns.map((col, c) => {
        const { tab, level } = per[c] as { tab: Crosstab; level: number };
        return {
          label: col.label,
          where: col.whereText,
          n: tab.columnN[level] as number,
          weightedN: sumColumn(tab.weighted, level),
          missing: [],
        };
      });
      const options = job.parts.filter((p): p is Extract<Part, { use: 'option' }> => p.use === 'option');
      rows = options.map((part, k) => {
        const optionTab = tabs[k + 1] as readonly Crosstab[];
        const cells = columnsOf(optionTab).map(({ tab, level }) => cell(tab, 1, level));
        const code = part.code;
        return {
          label: labelOf(code, table.rows?.[part.index]?.label),
          code,
          item: null,
          percent: cells.map((x) => x.percent),
          count: cells.map((x) => x.count),
        };
      });
      n = unionOf(baseTab).columnN[0] as number;
      break;
    }
    case 'topbox': {
      const perRow = tabs.map((tab) => columnsOf(tab));
      columns = table.breakdown.columns.map((col, c) => {
        const ns = perRow.map((per) => {
          const at = per[c];
          return at ? (at.tab.columnN[at.level] ?? 0) : 0;
        });
        const weighted = perRow.map((per) => sumColumn(per[c]?.tab.weighted ?? [], per[c]?.level ?? 0));
        return { label: col.label, where: col.whereText, n: Math.round(mean(ns)), weightedN: mean(weighted), missing: [] };
      });
      rows = table.rows.map((row, k) => {
        const per = perRow[k] ?? [];
        const cells = per.map(({ tab, level }) => {
          if ((tab.columnN[level] as number) === 0) return { percent: null, count: null };
          let percent = 0;
          let count = 0;
          tab.rowLevels.forEach((code, r) => {
            if (!table.codes.includes(code as number)) return;
            percent += tab.columnPercent[r]?.[level] as number;
            count += tab.counts[r]?.[level] as number;
          });
          return { percent, count };
        });
        return { label: row.label, code: null, item: row.item, percent: cells.map((x) => x.percent), count: cells.map((x) => x.count) };
      });
      // The report prints a top-box table's N as the sum of its columns' mean Ns ("gemiddelde N").
      n = columns.reduce((s, c) => s + c.n, 0);
      break;
    }
  }
  const percentMatrix = rows.map((r) => r.percent.map((p) => p ?? NaN));
  const differences = differenceFlags(percentMatrix).map((f) => ({ row: f.row, a: f.a, b: f.b, points: f.difference }));
  return { kind: table.kind, id: table.id, title: table.title, where: table.whereText, n, columns, rows, differences };
}

const codeText = (code: number): LocalizedText => ({ nl: { text: String(code), status: 'source' } });
const sumColumn = (weighted: readonly (readonly number[])[], level: number): number =>
  weighted.reduce((s, row) => s + (row[level] ?? 0), 0);
const mean = (xs: readonly number[]): number => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);
