// How closely computed tables reproduce the report's printed ones: frequency cells within 1 percentage
// point, column Ns equal, regression B within 2 published SE, adjusted R² within .03. Used by the
// acceptance test and `demo generate` to report the match.
import { publishedTables, printedNumber } from './published.ts';
import type { PrintedTable } from '../report/tables-json.ts';
import { targetColumnN } from './targets.ts';

export interface MatchReport {
  readonly cells: number;
  readonly cellsWithin1: number;
  readonly columns: number;
  readonly columnsNEqual: number;
  readonly coefficients: number;
  readonly coefficientsWithin2SE: number;
  readonly models: number;
  readonly modelsR2Within: number;
  /** Human-readable misses, for the test output. */
  readonly misses: string[];
}

/** How closely the printed tables (`report tables --json`) reproduce the published ones. */
export function compareWithReport(tables: Readonly<Record<string, PrintedTable>>): MatchReport {
  let cells = 0;
  let cellsWithin1 = 0;
  let columns = 0;
  let columnsNEqual = 0;
  let coefficients = 0;
  let coefficientsWithin2SE = 0;
  let models = 0;
  let modelsR2Within = 0;
  const misses: string[] = [];
  for (const published of publishedTables()) {
    const computed = tables[published.id];
    if (!computed) continue;
    if (published.kind === 'frequency' && (computed.kind === 'frequency' || computed.kind === 'multiple' || computed.kind === 'topbox')) {
      const table = computed;
      published.columns.forEach((label, c) => {
        const wantN = targetColumnN(published, label);
        if (wantN !== null) {
          columns++;
          const gotN = table.columns[c]?.N;
          if (gotN === wantN) columnsNEqual++;
          else misses.push(`${published.id} ${label}: N ${gotN} (report ${wantN})`);
        }
        published.rows.forEach((row, r) => {
          const want = printedNumber(row.values[c] ?? null);
          if (want === null) return;
          cells++;
          const got = printedNumber(table.rows[r]?.values[c] ?? null);
          if (got !== null && Math.abs(got - want) <= 1) cellsWithin1++;
          else misses.push(`${published.id} ${label} "${row.label}": ${got} (report ${want})`);
        });
      });
    }
    if (published.kind === 'regression' && computed.kind === 'regression') {
      models++;
      if (computed.adjR2 !== null && Math.abs(computed.adjR2 - published.adjR2) <= 0.03) modelsR2Within++;
      else misses.push(`${published.id} adjusted R² ${computed.adjR2} (report ${published.adjR2})`);
      published.rows.forEach((row, r) => {
        if (row.header || row.B === undefined || row.SE === undefined) return;
        coefficients++;
        const got = computed.rows[r]?.B;
        if (got !== null && got !== undefined && Math.abs(got - row.B) <= 2 * row.SE) coefficientsWithin2SE++;
        else misses.push(`${published.id} ${row.label}: B ${got} (report ${row.B}, SE ${row.SE})`);
      });
    }
  }
  return { cells, cellsWithin1, columns, columnsNEqual, coefficients, coefficientsWithin2SE, models, modelsR2Within, misses };
}

export const percent = (part: number, whole: number): number => (whole === 0 ? 100 : Math.round((1000 * part) / whole) / 10);

export function summarize(m: MatchReport): string {
  return [
    `frequency cells within 1 point: ${m.cellsWithin1}/${m.cells} (${percent(m.cellsWithin1, m.cells)}%)`,
    `column Ns equal: ${m.columnsNEqual}/${m.columns} (${percent(m.columnsNEqual, m.columns)}%)`,
    `regression B within 2 SE: ${m.coefficientsWithin2SE}/${m.coefficients} (${percent(m.coefficientsWithin2SE, m.coefficients)}%)`,
    `adjusted R² within .03: ${m.modelsR2Within}/${m.models}`,
  ].join('\n');
}
