// The report build's middle: what analysis computed (the wave's tables and figures, the weights, the earlier
// wave beside it) printed once through tables-json.ts, each figure drawn as SVG, and put together as the
// document the HTML and PDF are made from and as report.json (the contract: every table's and figure's printed
// numbers, findings and comparisons). No counting and no files here: the CLI loads and writes.
import type { ComputedReport } from '../analysis/compute.ts';
import type { AnalysisDataset } from '../analysis/dataset.ts';
import type { ComputedFigures, FigureResult } from '../analysis/figures.ts';
import type { FrequencyResult } from '../analysis/results.ts';
import type { WaveComparison } from '../analysis/wave-compare.ts';
import type { WaveWeights, WeightingEvent } from '../analysis/weights.ts';
import type { Catalog } from '../i18n/catalog.ts';
import type { StudyDefinition, WaveDefinition } from '../study/load.ts';
import type { PopulationDimensionName } from '../study/population.ts';
import type { TextTable } from '../study/report-layout.ts';
import type { DocumentFigure, QualitativeContent, RegressionNote, ReportDocument, WeightingSummary } from './document-model.ts';
import { figureSvg } from './figure-svg.ts';
import {
  formatCount,
  printComparison,
  printFigure,
  printReport,
  textIn,
  type PrintedComparison,
  type PrintedFigure,
  type PrintedTable,
  type ReportLanguage,
} from './tables-json.ts';
import { figureFindings, findingSentences, tableFindings, type Finding } from './findings.ts';

export interface BuildInput {
  readonly study: StudyDefinition;
  readonly wave: WaveDefinition;
  readonly lang: ReportLanguage;
  readonly data: AnalysisDataset;
  readonly report: ComputedReport;
  readonly figures: ComputedFigures;
  /** The weights the numbers were computed with, or null (unweighted, the default). */
  readonly weighting: WaveWeights | null;
  readonly comparison: WaveComparison | null;
  readonly qualitative: QualitativeContent | null;
  readonly synthetic: { readonly count: number; readonly total: number } | null;
  readonly generatedAt: Date;
  /** @font-face rules with the fonts inlined. */
  readonly fontCss: string;
}

export interface BuiltReport {
  readonly document: ReportDocument;
  /** report.json: the data of every table and figure as printed. */
  readonly json: Record<string, unknown>;
  /** Figure id → SVG (figuren/<id>.svg). */
  readonly svgs: ReadonlyMap<string, string>;
}

/** Prints, draws and assembles the report; `onFigure` hears of each figure drawn (for a progress bar). */
export async function assembleReport(
  input: BuildInput,
  catalog: Catalog,
  onFigure?: (done: number, total: number) => void,
): Promise<BuiltReport> {
  const { lang, study } = input;
  const spec = study.report;
  const synthetic = { count: input.synthetic?.count ?? 0, note: null };
  const printed = printReport(input.report, { lang, synthetic, weighted: input.weighting !== null });
  const tables = new Map<string, PrintedTable>(Object.entries(printed.tables));
  const figures = new Map<string, DocumentFigure>();
  const figureResults = [...input.figures.figures];
  let done = 0;
  for (const [id, result] of figureResults) {
    const figure = printFigure(result, lang);
    figures.set(id, { printed: figure, svg: await figureSvg(figure, { lang, muted: mutedOf(result, input.data) }) });
    onFigure?.(++done, figureResults.length);
  }
  const comparison = input.comparison;
  const tableComparisons = new Map<string, PrintedComparison>();
  const figureComparisons = new Map<string, PrintedComparison>();
  if (comparison) {
    for (const [id, tests] of comparison.tables) {
      const now = input.report.tables.get(id);
      const then = comparison.report.tables.get(id);
      if (
        !now ||
        !then ||
        now.kind === 'regression' ||
        now.kind === 'population' ||
        then.kind === 'regression' ||
        then.kind === 'population'
      )
        continue;
      const matrix = (r: FrequencyResult) => r.rows.map((row) => row.percent);
      tableComparisons.set(id, printComparison(matrix(now), matrix(then), tests, comparison.earlier, now.kind === 'frequency'));
    }
    for (const [id, tests] of comparison.figureTests) {
      const now = input.figures.figures.get(id);
      const then = comparison.figures.figures.get(id);
      if (!now || !then) continue;
      figureComparisons.set(id, printComparison(byCategory(now), byCategory(then), tests, comparison.earlier, now.kind !== 'multiple'));
    }
  }
  const omitted = new Map<string, string>([
    ...[...input.report.omitted].map(([id, reason]) => [`table ${id}`, reason] as const),
    ...[...input.figures.omitted].map(([id, reason]) => [`figure ${id}`, reason] as const),
  ]);
  const document: ReportDocument = {
    lang,
    title: textIn(study.title, lang),
    wave: input.wave.key,
    weighted: input.weighting !== null,
    generatedAt: input.generatedAt,
    synthetic: input.synthetic && input.synthetic.count > 0 ? input.synthetic : null,
    sections: spec?.sections ?? [],
    textTables: new Map((spec?.textTables ?? []).map((t) => [t.id, t])),
    tables,
    regressionNotes: regressionNotes(input, lang),
    figures,
    omitted,
    tableComparisons,
    figureComparisons,
    earlier: comparison?.earlier ?? null,
    reliability: printed.reliability,
    weighting: input.weighting ? weightingSummary(input.weighting, lang, catalog) : null,
    qualitative: input.qualitative,
    fontCss: input.fontCss,
  };
  const sentences = (findings: readonly Finding[]): string[] => findingSentences(findings, catalog, lang);
  const tableEntries: (readonly [string, unknown])[] = [
    ...[...tables].map(
      ([id, t]) =>
        [
          id,
          {
            ...t,
            ...(t.kind === 'regression' || t.kind === 'population' ? {} : { findings: sentences(tableFindings(t)) }),
            ...comparisonOf(tableComparisons, id),
          },
        ] as const,
    ),
    // The tables of fixed text (1.1, B.1) and the qualitative arm's (2.7, 2.8), so every numbered table is here.
    ...(spec?.textTables ?? []).map((t) => [t.id, textTableJson(t, lang)] as const),
    ...(input.qualitative?.tables ?? []).map((t) => [t.id, { kind: 'qualitative', ...t }] as const),
  ];
  const json = {
    synthetic: printed.synthetic,
    wave: input.wave.key,
    weighted: document.weighted,
    lang,
    counts: printed.counts,
    N: printed.N,
    figures: Object.fromEntries(
      [...figures].map(([id, f]) => [
        id,
        { ...f.printed, findings: sentences(figureFindings(f.printed)), ...comparisonOf(figureComparisons, id) },
      ]),
    ),
    tables: Object.fromEntries(tableEntries),
    ...(omitted.size > 0 ? { omitted: Object.fromEntries(omitted) } : {}),
    reliability: printed.reliability,
    ...(document.weighting ? { weighting: document.weighting } : {}),
    ...(comparison ? { earlier: comparison.earlier } : {}),
  };
  return { document, json, svgs: new Map([...figures].map(([id, f]) => [id, f.svg])) };
}

/** A table of fixed text as report.json has it: its title, columns and cells in the reader's language. */
const textTableJson = (t: TextTable, lang: ReportLanguage) => ({
  kind: 'text',
  title: textIn(t.title, lang),
  columns: t.columns.map((c) => textIn(c, lang)),
  rows: t.rows.map((r) => ({
    label: textIn(r.label, lang),
    cells: r.cells.map((c) => (c === null || typeof c === 'boolean' ? c : textIn(c, lang))),
  })),
  ...(t.note ? { note: textIn(t.note, lang) } : {}),
});

const comparisonOf = (map: ReadonlyMap<string, PrintedComparison>, id: string) => {
  const c = map.get(id);
  return c ? { comparison: c } : {};
};

/** A figure's percentages as [category][bar], the orientation of a table. */
const byCategory = (figure: FigureResult): (number | null)[][] =>
  figure.categories.map((_, k) => figure.bars.map((b) => b.percent[k] ?? null));

/** Categories that are no substantive answer ("Dat weet ik niet", "Wil ik niet zeggen"), drawn grey. */
function mutedOf(result: FigureResult, data: AnalysisDataset): number[] {
  const kind = result.kind;
  if (kind === 'sizes') return [];
  return result.categories.flatMap((c, k) => {
    if (c.code === null) return [];
    const missing = (item: string): boolean =>
      kind === 'multiple'
        ? (data.has(`${item}_${c.code}`) && data.info(`${item}_${c.code}`).option?.missing) === true
        : data.has(item) && data.info(item).missing.includes(c.code as number);
    return result.items.some(missing) ? [k] : [];
  });
}

/** The notes on reference categories: "0 = man" on the dummy (or the heading above its dummies). */
function regressionNotes(input: BuildInput, lang: ReportLanguage): Map<string, RegressionNote[]> {
  const out = new Map<string, RegressionNote[]>();
  for (const table of input.study.report?.tables ?? []) {
    if (table.kind !== 'regression') continue;
    const notes: RegressionNote[] = [];
    for (const p of table.model.predictors) {
      if (p.kind !== 'categorical') continue;
      const reference = input.data.has(p.variable) ? input.data.info(p.variable).values.find((v) => v.value === p.reference) : undefined;
      const label = reference ? textIn(reference.label, lang) : String(p.reference);
      const dummies = [...p.labels.values()];
      const row = p.group ? textIn(p.group, lang) : dummies.length === 1 && dummies[0] ? textIn(dummies[0], lang) : null;
      if (row !== null) notes.push({ row, text: `0 = ${label.charAt(0).toLowerCase()}${label.slice(1)}` });
    }
    out.set(table.id, notes);
  }
  return out;
}

function weightingSummary(w: WaveWeights, lang: ReportLanguage, catalog: Catalog): WeightingSummary {
  return {
    groups: w.groups.map((g) => ({
      label: g.label ? textIn(g.label, lang) : String(g.code),
      n: g.n,
      effectiveN: g.effectiveN,
      designEffect: g.designEffect,
      converged: g.converged,
    })),
    notes: w.events.map((e) => weightingNote(e, lang, catalog)),
  };
}

/** What the weighting adjusted, in the reader's language. */
function weightingNote(e: WeightingEvent, lang: ReportLanguage, catalog: Catalog): string {
  const dimension = (d: PopulationDimensionName): string => catalog.t(lang, `report.weighting.dim.${d}`);
  switch (e.kind) {
    case 'rescaled':
      return catalog.t(lang, 'report.weighting.rescaled', {
        group: e.group,
        dimension: dimension(e.dimension),
        margins: formatCount(e.margins, lang),
        size: formatCount(e.size, lang),
      });
    case 'level-empty':
      return catalog.t(lang, 'report.weighting.levelEmpty', {
        group: e.group,
        dimension: dimension(e.dimension),
        level: e.level,
        population: formatCount(e.population, lang),
      });
    case 'no-margins':
      return catalog.t(lang, 'report.weighting.noMargins', { group: e.group });
    case 'not-converged':
      return catalog.t(lang, 'report.weighting.notConverged', { group: e.group, error: e.error.toExponential(2) });
    case 'ungrouped':
      return catalog.t(lang, 'report.weighting.ungrouped', { count: formatCount(e.count, lang) });
  }
}

export type { PrintedFigure };
