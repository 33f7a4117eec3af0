// Population tables (the report's 2.9-2.12): the sample's groups (and, within each group, a dimension such as
// gender) counted by the engine, beside the population's margins from the wave's population file, each as
// counts and as percentages of its group. Percentages of both sides come from the engine too.
import { crosstab, frequencies, sharesOf } from '../stats/index.ts';
import { populationCount, type Population, type PopulationFile } from '../study/population.ts';
import type { TableSpec } from '../study/report-spec.ts';
import type { AnalysisDataset } from './dataset.ts';
import type { PopulationResult, PopulationRow } from './results.ts';
import type { RowBuffers } from './row-buffers.ts';
import { categoricalView, engineDataset } from './views.ts';

export type PopulationSpec = Extract<TableSpec, { kind: 'population' }>;

/** Sample beside population for one population table; `within` (a mask) limits the sample, e.g. to completed responses. */
export function populationTable(
  data: AnalysisDataset,
  table: PopulationSpec,
  population: Population | null,
  dimensions: PopulationFile['dimensions'],
  within: Uint8Array | null = null,
  buffers?: RowBuffers,
): PopulationResult {
  const mask = within ?? undefined;
  const sampleGroups = table.groups.flatMap((g) => (g.kind === 'sample' ? [g] : []));
  const groupColumn = categoricalView(
    data,
    dimensions.group,
    sampleGroups.map((g) => g.code),
    '#group',
    buffers,
  );
  const base = { kind: 'population' as const, id: table.id, title: table.title, by: table.by, source: population?.source ?? null };
  if (table.by === 'group') {
    const [counts] = frequencies(engineDataset([groupColumn], mask), '#group');
    const sampleN = counts?.n ?? 0;
    const popCounts = table.groups.map((g) => (population ? populationCount(population, g) : null));
    const known = popCounts.every((c) => c !== null);
    const popShares = known ? sharesOf(popCounts) : null;
    const populationN = known ? popCounts.reduce((a, b) => a + b, 0) : null;
    let k = 0;
    const rows: PopulationRow[] = table.groups.map((g, i) => {
      const sample = g.kind === 'sample' ? (counts?.categories[k++] ?? null) : null;
      return {
        group: g.label,
        level: null,
        population: popCounts[i] ?? null,
        populationPercent: popShares?.[i] ?? null,
        sample: sample?.count ?? null,
        samplePercent: sample === null ? null : sampleN > 0 ? sample.percent : null,
        total: false,
      };
    });
    if (table.total) {
      rows.push({
        group: table.total,
        level: null,
        population: populationN,
        populationPercent: known ? 100 : null,
        sample: sampleN,
        samplePercent: 100,
        total: true,
      });
    }
    return { ...base, rows, sampleN, populationN };
  }
  const by = table.by;
  const variable = dimensions[by];
  const levels = table.levels.map((l) => l.code);
  const levelColumn = variable ? categoricalView(data, variable, levels, '#level', buffers) : null;
  const tab = levelColumn ? crosstab(engineDataset([levelColumn, groupColumn], mask), '#level', '#group') : null;
  const rows: PopulationRow[] = [];
  let populationN = 0;
  sampleGroups.forEach((g, c) => {
    const popCounts = population ? table.levels.map((l) => populationCount(population, g, { name: by, level: l.code })) : null;
    const known = popCounts !== null && popCounts.every((x) => x !== null);
    const shares = known ? sharesOf(popCounts) : null;
    if (known) populationN += popCounts.reduce((a, b) => a + b, 0);
    table.levels.forEach((level, r) => {
      const n = tab ? (tab.counts[r]?.[c] ?? 0) : null;
      rows.push({
        group: g.label,
        level: level.label,
        population: popCounts?.[r] ?? null,
        populationPercent: shares?.[r] ?? null,
        sample: n,
        samplePercent: tab && (tab.columnN[c] ?? 0) > 0 ? (tab.columnPercent[r]?.[c] ?? null) : null,
        total: false,
      });
    });
  });
  return { ...base, rows, sampleN: tab?.total.n ?? 0, populationN: population ? populationN : null };
}
