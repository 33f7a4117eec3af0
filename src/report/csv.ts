// CSV export of a dataset: UTF-8 with a byte-order mark so Excel opens Arabic and Tigrinya text correctly; a
// header of variable names; codes as stored (missing codes included, described in the codebook JSON written
// beside it), empty cells for no answer, moments as ISO 8601 (UTC). Open answers that a spreadsheet would run
// as a formula get a leading apostrophe unless `raw` (files for R and SPSS).
import { stringify } from 'csv-stringify/sync';
import type { AnalysisDataset } from '../analysis/dataset.ts';
import { neutralizeFormula } from './spreadsheet-safety.ts';

export interface CsvOptions {
  /** Leave text exactly as answered (no apostrophe before "=", "+", ...): for R and SPSS, not for spreadsheets. */
  readonly raw?: boolean;
}

/** The value of one cell as CSV text. */
function cellsOf(data: AnalysisDataset, raw: boolean): ((row: number) => string)[] {
  return data.variables.map((v) => {
    switch (v.storage) {
      case 'number': {
        const values = data.numbers(v.name);
        return (row) => {
          const x = values[row] as number;
          return x === x ? String(x) : '';
        };
      }
      case 'date': {
        const values = data.numbers(v.name);
        return (row) => {
          const x = values[row] as number;
          return x === x ? new Date(x).toISOString() : '';
        };
      }
      case 'text': {
        const values = data.texts(v.name);
        return (row) => {
          const t = values[row] ?? '';
          return raw ? t : neutralizeFormula(t);
        };
      }
    }
  });
}

export function datasetToCsv(data: AnalysisDataset, options: CsvOptions = {}): string {
  const cells = cellsOf(data, options.raw ?? false);
  const records: string[][] = [data.variables.map((v) => v.name)];
  for (let row = 0; row < data.rows; row++) records.push(cells.map((cell) => cell(row)));
  return `\ufeff${stringify(records, { record_delimiter: '\r\n' })}`;
}
