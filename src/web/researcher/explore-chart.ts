// The explorer's chart: the view's table handed to the report build's own figure code (report/tables-json.ts
// printFigure, report/figure-svg.ts figureSvg: Vega-Lite compiled and drawn as SVG on the server), so a bar
// here is drawn as in the report. Only the step from the explorer's table to a figure is here: a column
// becomes a bar, an answer a segment. The PNG is that SVG photographed by Chromium, as the PDFs are printed.
import { chromium } from 'playwright-core';
import type { ExploreResult } from '../../analysis/explore.ts';
import type { FigureResult } from '../../analysis/figures.ts';
import { assertChromium, PrinterUnavailable } from '../../fieldwork/pdf.ts';
import type { Language } from '../../questionnaire/types.ts';
import { figureSvg } from '../../report/figure-svg.ts';
import { printFigure } from '../../report/tables-json.ts';

/** The explorer's frequency table as the report's figure: a bar per column (Totaal last), a segment per answer. */
export function exploreFigure(result: ExploreResult, item: string): FigureResult | null {
  if (result.kind === 'mean') return null;
  const table = result.table;
  if (table.rows.length === 0 || table.columns.every((c) => c.n === 0)) return null;
  return {
    kind: result.kind === 'multiple' ? 'multiple' : 'stacked',
    id: 'explore',
    title: table.title,
    where: null,
    note: null,
    items: [item],
    categories: table.rows.map((row) => ({ code: row.code, label: row.label })),
    bars: table.columns.map((column, c) => ({
      label: column.label,
      group: null,
      where: column.where,
      n: column.n,
      weightedN: column.weightedN,
      percent: table.rows.map((row) => row.percent[c] ?? null),
      count: table.rows.map((row) => row.count[c] ?? null),
    })),
    n: table.n,
    meanN: false,
    differences: table.differences.map((d) => ({ category: d.row, a: d.a, b: d.b, points: d.points })),
  };
}

/** The view's chart as SVG (the report's figure code), or null for a view without one (a mean, no answers). */
export async function exploreChart(result: ExploreResult | null, item: string | null, lang: Language): Promise<string | null> {
  if (!result || item === null) return null;
  const figure = exploreFigure(result, item);
  if (!figure) return null;
  const l = lang === 'nl' ? 'nl' : 'en';
  return figureSvg(printFigure(figure, l), { lang: l });
}

/**
 * The SVG as PNG at twice its size, photographed by Chromium (the renderer that draws the report's fonts);
 * throws PrinterUnavailable naming the package when Chromium is not there.
 */
export async function chartPng(svg: string, chromiumPath: string): Promise<Buffer> {
  assertChromium(chromiumPath);
  let browser;
  try {
    browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  } catch (error) {
    throw new PrinterUnavailable(`Chromium at ${chromiumPath} did not start: ${(error as Error).message.split('\n')[0]}`);
  }
  try {
    const context = await browser.newContext({ offline: true, javaScriptEnabled: false, deviceScaleFactor: 2 });
    const page = await context.newPage();
    // The SVG came from figureSvg (vega escapes every text it draws); nothing else is on the page.
    await page.setContent(`<!doctype html><html><body style="margin:0;background:white">${svg}</body></html>`);
    return await page.locator('svg').first().screenshot({ type: 'png', omitBackground: false });
  } finally {
    await browser.close();
  }
}
