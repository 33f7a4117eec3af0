// `perspectief report build|figures`: the report rebuilt from the data in the database. The wave's dataset
// (and the earlier wave's, to compare), the weights when asked, every table and figure through analysis/, the
// qualitative arm's tables, boxes and quotes; then report/ prints, draws and lays them out, and this file
// writes rapport.html, rapport.pdf (Chromium, through fieldwork's launcher), figuren/<id>.svg and report.json,
// and the audit log entry.
import { mkdirSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { computeReport } from '../analysis/compute.ts';
import { DatasetError, type AnalysisDataset } from '../analysis/dataset.ts';
import { computeFigures, FigureError } from '../analysis/figures.ts';
import { loadWaveDataset } from '../analysis/load.ts';
import { findWave } from '../analysis/waves.ts';
import { countSynthetic } from '../analysis/synthetic.ts';
import { compareWaves, type WaveComparison } from '../analysis/wave-compare.ts';
import { waveWeights, type WaveWeights } from '../analysis/weights.ts';
import { ReportError } from '../analysis/compute.ts';
import { DemoDataError, loadDemoIfEmpty } from '../demo/index.ts';
import { writeFileAtomic } from '../fieldwork/files.ts';
import { chromiumPath, openPrinter, PrinterUnavailable } from '../fieldwork/pdf.ts';
import { embeddedFontCss } from '../fieldwork/print-fonts.ts';
import { createCatalog } from '../i18n/catalog.ts';
import { qualitativeForReport } from '../qual/index.ts';
import { assembleReport, type BuildInput, type BuiltReport } from '../report/build.ts';
import type { QualitativeContent } from '../report/document-model.ts';
import { reportHtml } from '../report/html-document.tsx';
import { printReportPdf } from '../report/pdf.ts';
import { printFigure, type ReportLanguage } from '../report/tables-json.ts';
import { figureFindings, findingSentences } from '../report/findings.ts';
import type { Database } from '../storage/db.ts';
import { audit } from '../storage/users.ts';
import type { StudyDefinition, WaveDefinition } from '../study/load.ts';
import { CliError, UsageError, type CliIO } from './command.ts';
import { progressBar } from './progress.ts';
import { openSystem } from './system.ts';

export interface BuildOptions {
  readonly out: string;
  readonly wave: string | undefined;
  readonly weighted: boolean;
  readonly lang: ReportLanguage;
}

/** The reader's language from --lang: nl (default) or en. */
export function reportLanguage(lang: string | undefined): ReportLanguage {
  if (lang === undefined || lang === 'nl' || lang === 'en') return lang ?? 'nl';
  throw new UsageError(`--lang must be nl or en, not "${lang}"`);
}

type Computed = Omit<BuildInput, 'fontCss' | 'qualitative' | 'generatedAt' | 'lang'>;

/** The wave's tables and figures (weighted when asked) and the earlier wave beside them. */
async function compute(
  database: Database,
  study: StudyDefinition,
  io: CliIO,
  wave: string | undefined,
  weighted: boolean,
): Promise<Computed> {
  const current = findWave(study, wave);
  io.stderr(`loading wave ${current.key}...\n`);
  const { data, problems } = await loadWaveDataset(database.db, study, current, study.report?.counts ?? 'completed');
  for (const problem of problems) io.stderr(`left out: ${problem}\n`);
  if (data.rows === 0)
    throw new CliError(`wave ${current.key} has no ${study.report?.counts === 'all' ? '' : 'completed '}responses to report on`);
  const weighting = weighted ? weightsOf(current, data, true) : null;
  const weights = weighting?.weights ?? null;
  const report = computeReport(study, current, data, weights);
  const figures = computeFigures(study, current, data, weights);
  const comparison = await earlierWave(database, study, io, current, data, weights, weighted, report);
  const count = countSynthetic(data);
  return {
    study,
    wave: current,
    data,
    report,
    figures,
    weighting,
    comparison,
    synthetic: count.synthetic > 0 ? { count: count.synthetic, total: count.total } : null,
  };
}

function weightsOf(wave: WaveDefinition, data: AnalysisDataset, required: boolean): WaveWeights | null {
  if (!wave.population) {
    if (required)
      throw new CliError(
        `--weighted needs the population margins of wave ${wave.key}: add population/${wave.key}.json to the study folder`,
      );
    return null;
  }
  return waveWeights(data, wave.population);
}

/** The wave before the current one, when the database holds its responses. */
async function earlierWave(
  database: Database,
  study: StudyDefinition,
  io: CliIO,
  current: WaveDefinition,
  data: AnalysisDataset,
  weights: Float64Array | null,
  weighted: boolean,
  report: ReturnType<typeof computeReport>,
): Promise<WaveComparison | null> {
  const before = [...study.waves].filter((w) => w.number < current.number).sort((a, b) => b.number - a.number)[0];
  if (!before) return null;
  const loaded = await loadWaveDataset(database.db, study, before, study.report?.counts ?? 'completed');
  if (loaded.data.rows === 0) return null;
  io.stderr(`comparing with wave ${before.key} (${loaded.data.rows} responses)\n`);
  const earlierWeights = weighted ? weightsOf(before, loaded.data, false) : null;
  if (weighted && !earlierWeights) io.stderr(`note: wave ${before.key} has no population margins; its numbers are unweighted\n`);
  return compareWaves(
    study,
    { wave: current, data, weights },
    { wave: before, data: loaded.data, weights: earlierWeights?.weights ?? null },
    report,
  );
}

/** The qualitative arm's part (Tables 2.7/2.8, boxes, quotes), as the report reads it. */
async function qualitative(database: Database): Promise<QualitativeContent> {
  return qualitativeForReport(database.db);
}

const osUser = (): string => {
  try {
    return userInfo().username;
  } catch {
    // No user name on this system (a container without an entry in /etc/passwd): "unknown" says so.
    return 'unknown';
  }
};

/** Expected failures of the analysis path as one clear line. */
function asCliError(error: unknown): never {
  if (error instanceof DatasetError || error instanceof ReportError || error instanceof FigureError || error instanceof DemoDataError)
    throw new CliError(error.message);
  throw error;
}

/** `report build`: writes the report to --out and says what it wrote. */
export async function buildCommand(io: CliIO, options: BuildOptions): Promise<number> {
  const out = resolve(io.cwd, options.out);
  const { database, study } = await openSystem(io);
  try {
    await loadDemoIfEmpty(database, study, io);
    const started = Date.now();
    let built: BuiltReport;
    try {
      const input = await compute(database, study, io, options.wave, options.weighted);
      const catalog = createCatalog();
      built = await assembleReport(
        { ...input, lang: options.lang, qualitative: await qualitative(database), generatedAt: new Date(), fontCss: embeddedFontCss() },
        catalog,
        (done, total) => io.stderr(progressBar(done, total, 'figures')),
      );
      io.stderr('\n');
      mkdirSync(join(out, 'figuren'), { recursive: true });
      for (const [id, svg] of built.svgs) writeFileAtomic(join(out, 'figuren', `${id}.svg`), svg);
      writeFileAtomic(join(out, 'report.json'), `${JSON.stringify(built.json, null, 1)}\n`);
      writeFileAtomic(join(out, 'rapport.html'), reportHtml(built.document, catalog));
      io.stderr(`wrote ${join(out, 'rapport.html')}, report.json and ${built.svgs.size} figures in ${join(out, 'figuren')}\n`);
      const pdf = await printPdf(io, built, catalog, join(out, 'rapport.pdf'));
      if (built.document.synthetic)
        io.stderr(
          `${built.document.synthetic.count} of the ${built.document.synthetic.total} responses are SYNTHETIC demo data; the report says so on its title page and every page\n`,
        );
      await audit(database.db, {
        userId: null,
        action: 'report-build',
        detail: {
          wave: input.wave.key,
          weighted: options.weighted,
          lang: options.lang,
          out,
          tables: built.document.tables.size,
          figures: built.svgs.size,
          earlier: built.document.earlier,
          pdf: pdf !== null,
          synthetic: built.document.synthetic?.count ?? 0,
          seconds: Math.round((Date.now() - started) / 100) / 10,
          via: 'cli',
          osUser: osUser(),
        },
      });
    } catch (error) {
      asCliError(error);
    }
  } finally {
    await database.close();
  }
  return 0;
}

/** rapport.pdf, or null with the reason on stderr when Chromium is not there (the HTML still stands). */
async function printPdf(io: CliIO, built: BuiltReport, catalog: ReturnType<typeof createCatalog>, path: string): Promise<number | null> {
  let printer;
  try {
    printer = await openPrinter(chromiumPath(io.env));
  } catch (error) {
    if (!(error instanceof PrinterUnavailable)) throw error;
    io.stderr(`no PDF: ${error.message}\n`);
    return null;
  }
  try {
    io.stderr('printing rapport.pdf with Chromium (two passes, for the page numbers in the contents)...\n');
    const pdf = await printReportPdf(built.document, catalog, printer);
    writeFileAtomic(path, pdf.bytes);
    io.stderr(`wrote ${path}: ${pdf.pages} pages\n`);
    return pdf.pages;
  } finally {
    await printer.close();
  }
}

/** `report figures --json`: the figures only, as report.json has them. */
export async function figuresCommand(io: CliIO, options: Omit<BuildOptions, 'out'>): Promise<number> {
  const { database, study } = await openSystem(io);
  try {
    await loadDemoIfEmpty(database, study, io);
    try {
      const input = await compute(database, study, io, options.wave, options.weighted);
      const catalog = createCatalog();
      const figures: Record<string, unknown> = {};
      for (const [id, result] of input.figures.figures) {
        const printed = printFigure(result, options.lang);
        figures[id] = { ...printed, findings: findingSentences(figureFindings(printed), catalog, options.lang) };
      }
      if (input.synthetic)
        io.stderr(`SYNTHETIC DATA: ${input.synthetic.count} of the ${input.synthetic.total} responses are invented demo respondents\n`);
      const omitted = Object.fromEntries(input.figures.omitted);
      io.stdout(
        `${JSON.stringify({ synthetic: input.synthetic !== null, wave: input.wave.key, weighted: options.weighted, lang: options.lang, figures, ...(input.figures.omitted.size > 0 ? { omitted } : {}) })}\n`,
      );
    } catch (error) {
      asCliError(error);
    }
  } finally {
    await database.close();
  }
  return 0;
}
