// CSV export of the wide dataset: UTF-8 with a byte-order mark so Excel opens Arabic and Tigrinya text
// correctly; a header of variable names; empty cells for missing values.
import { stringify } from 'csv-stringify/sync';
import type { Dataset } from '../analysis/dataset.ts';

export function datasetToCsv(dataset: Dataset): string {
  const header = dataset.variables.map((v) => v.name);
  const body = dataset.rows.map((row) => row.map((cell) => (cell === null ? '' : cell)));
  return `\ufeff${stringify([header, ...body], { record_delimiter: '\r\n' })}`;
}
