// The analysis dataset as the table every data-file writer takes (export-model.ts): one place that decides
// how a variable of the study becomes a column of a CSV, XLSX or SPSS file. Codes or (for spreadsheets)
// value labels; missing codes ("Dat weet ik niet" = 99) kept as values, declared user-missing in a .sav,
// or written empty; moments as dates and times; open answers as text, their longest value measured once
// so the .sav writer reads the rows only once. Only rows of the filter mask are written. Pure.
import type { AnalysisDataset } from '../analysis/dataset.ts';
import type { VariableInfo } from '../analysis/variables.ts';
import type { ExportCell, ExportTable, ExportVariable } from './export-model.ts';
import { textIn, type ReportLanguage } from './tables-json.ts';
import { utf8Length } from './utf8.ts';

export type DataFormat = 'csv' | 'xlsx' | 'sav';

export interface DatasetExportOptions {
  readonly format: DataFormat;
  /** Codes (default) or the value labels' text (csv and xlsx only: a .sav file carries its value labels). */
  readonly values?: 'codes' | 'labels';
  /**
   * Missing codes: written empty (csv and xlsx default), or kept as the codes they are (always in a .sav,
   * where they are declared user-missing, so SPSS, PSPP and R leave them out of every statistic).
   */
  readonly missing?: 'empty' | 'codes';
  /** Language of variable and value labels (default nl, the report's language). */
  readonly lang?: ReportLanguage;
  /** Rows to write (1 = keep); all rows when absent. */
  readonly rows?: Uint8Array | null;
  readonly fileLabel?: string;
  /** Free text kept with the file (the read-me: source, filters, synthetic data). */
  readonly documents?: readonly string[];
}

/** How one variable's values are written. */
type Writer = (row: number) => ExportCell;

interface Planned {
  readonly variable: ExportVariable;
  readonly cell: Writer;
}

function planVariable(
  data: AnalysisDataset,
  info: VariableInfo,
  options: Required<Pick<DatasetExportOptions, 'format' | 'values' | 'missing' | 'lang'>>,
  rows: readonly number[],
): Planned {
  const label = textIn(info.label, options.lang);
  const base = { name: info.name, label };
  switch (info.storage) {
    case 'date': {
      const values = data.numbers(info.name);
      return {
        variable: { ...base, type: 'datetime', measure: 'scale' },
        cell: (row) => {
          const x = values[row] as number;
          return x === x ? new Date(x) : null;
        },
      };
    }
    case 'text': {
      const values = data.texts(info.name);
      let maxBytes = 1;
      for (const row of rows) {
        const t = values[row];
        if (t && t.length * 3 > maxBytes) maxBytes = Math.max(maxBytes, utf8Length(t));
      }
      return {
        variable: { ...base, type: 'string', measure: 'nominal', maxBytes, width: Math.min(40, Math.max(8, maxBytes)) },
        cell: (row) => values[row] ?? null,
      };
    }
    case 'number': {
      const values = data.numbers(info.name);
      const missing = new Set(info.missing);
      const keepMissing = options.format === 'sav' || options.missing === 'codes';
      const labelled = info.values.length > 0;
      if (options.values === 'labels' && options.format !== 'sav' && labelled) {
        // Labels as text; a code without a label stays visible as its number.
        const byCode = new Map(info.values.map((v) => [v.value, textIn(v.label, options.lang)]));
        let maxBytes = 1;
        for (const t of byCode.values()) maxBytes = Math.max(maxBytes, utf8Length(t));
        return {
          variable: { ...base, type: 'string', measure: 'nominal', maxBytes },
          cell: (row) => {
            const x = values[row] as number;
            if (x !== x || (!keepMissing && missing.has(x))) return null;
            return byCode.get(x) ?? String(x);
          },
        };
      }
      const variable: ExportVariable = {
        ...base,
        type: 'numeric',
        measure: info.measure,
        ...(labelled ? { valueLabels: info.values.map((v) => ({ value: v.value, label: textIn(v.label, options.lang) })) } : {}),
        ...(keepMissing && info.missing.length > 0 ? { missing: [...info.missing] } : {}),
        ...(info.kind === 'composite' ? { decimals: 2 } : {}),
      };
      return {
        variable,
        cell:
          keepMissing || missing.size === 0
            ? (row) => {
                const x = values[row] as number;
                return x === x ? x : null;
              }
            : (row) => {
                const x = values[row] as number;
                return x === x && !missing.has(x) ? x : null;
              },
      };
    }
  }
}

/** The rows of the mask (all rows without one), in dataset order. */
export function selectedRows(data: AnalysisDataset, mask: Uint8Array | null | undefined): number[] {
  const out: number[] = [];
  for (let row = 0; row < data.rows; row++) if (!mask || mask[row] === 1) out.push(row);
  return out;
}

/** The dataset's variables and the rows of `options.rows` as an ExportTable for the chosen format. */
export function datasetExportTable(data: AnalysisDataset, options: DatasetExportOptions): ExportTable {
  const resolved = {
    format: options.format,
    values: options.values ?? 'codes',
    missing: options.missing ?? 'empty',
    lang: options.lang ?? 'nl',
  } as const;
  const rows = selectedRows(data, options.rows);
  const planned = data.variables.map((info) => planVariable(data, info, resolved, rows));
  const cells = planned.map((p) => p.cell);
  const width = cells.length;
  // Re-iterable: a fresh iterator each time, so a writer may read the rows twice.
  const iterable: Iterable<readonly ExportCell[]> = {
    *[Symbol.iterator]() {
      for (const row of rows) {
        const out = new Array<ExportCell>(width);
        for (let i = 0; i < width; i++) out[i] = (cells[i] as Writer)(row);
        yield out;
      }
    },
  };
  return {
    variables: planned.map((p) => p.variable),
    rows: iterable,
    ...(options.fileLabel !== undefined ? { fileLabel: options.fileLabel } : {}),
    ...(options.documents !== undefined ? { documents: options.documents } : {}),
  };
}
