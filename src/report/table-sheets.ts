// A printed table (tables-json.ts, the one display function) as a formatted worksheet's model
// (xlsx-tables.ts): the explorer's XLSX download and `export --format xlsx --tables` lay tables out exactly
// as the report prints them, percentages as the report rounds them, "<1%" as text. Pure: no counting.
import type { PrintedCell, PrintedTable } from './tables-json.ts';
import type { ReportTableModel } from './xlsx-tables.ts';

const percentCell = (v: PrintedCell): string | number | null => (v === null ? null : v === '<1' ? '<1%' : v);

/** The sheet model of a printed table. `notes`: the table's source line (wave, filters, weights), synthetic data. */
export function tableSheet(id: string, printed: PrintedTable, notes: readonly string[] = []): ReportTableModel {
  switch (printed.kind) {
    case 'frequency':
    case 'multiple':
    case 'topbox':
      return {
        id,
        title: printed.title,
        N: printed.N,
        columns: printed.columns.map((c) => ({ label: c.label, N: c.N })),
        rows: printed.rows.map((r) => ({ label: r.label, cells: r.values.map(percentCell) })),
        notes: [...printed.differences.map((d) => `${d.row}: ${d.a} / ${d.b} ${d.points > 0 ? '+' : ''}${d.points}`), ...notes],
      };
    case 'regression':
      return {
        id,
        title: printed.title,
        N: printed.N,
        unit: 'number',
        decimals: 3,
        columns: [
          { label: 'B', N: printed.N },
          { label: 'SE', N: null },
          { label: 't', N: null },
          { label: 'Sig.', N: null },
        ],
        rows: printed.rows.map((r) => ({ label: r.label, cells: r.header ? [null, null, null, null] : [r.B, r.SE, r.t, r.stars || null] })),
        notes: [
          ...(printed.adjR2 === null ? [] : [`Adjusted R² = ${printed.adjR2}`]),
          ...(printed.notEstimable ? [printed.notEstimable] : []),
          '* p < .05; ** p < .01; *** p < .001',
          ...notes,
        ],
      };
    case 'population':
      return {
        id,
        title: printed.title,
        N: printed.N.sample,
        unit: 'number',
        columns: printed.columns.map((c) => ({ label: c.label, N: c.N ?? null })),
        rows: printed.rows.map((r) => ({
          label: r.group ? `${r.group}: ${r.label}` : r.label,
          cells: r.values.map((v, i) => (i % 2 === 1 ? (v === null ? null : v === '<1' ? '<1%' : `${v}%`) : v)),
        })),
        notes: [...(printed.source ? [printed.source] : []), ...notes],
      };
  }
}
