// A printed figure drawn as the report draws it: horizontal 100% stacked bars (or grouped bars for a
// multiple-choice item), categories in scale order, a sequential single-hue palette that colour-blind readers
// and greyscale print tell apart (dark = first category, "Dat weet ik niet" grey), percentage labels in
// segments of 5% or more, N per bar. Phases with types: PrintedFigure → Vega-Lite spec (data) → Vega spec →
// SVG, rendered by vega's own SVG renderer on the server (no DOM, no canvas: text widths are estimated).
import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { formatCount, percentText, type PrintedCell, type PrintedFigure, type ReportLanguage } from './tables-json.ts';

/** Segments smaller than this get no label (the report's rule). */
const LABEL_FROM = 5;
const WIDTH = 380;
const STEP = 20;
const FONT = `'Noto Sans Ethiopic','Noto Sans Arabic',sans-serif`;
const MUTED = '#bdbdbd';

export interface FigureSvgOptions {
  readonly lang: ReportLanguage;
  /** Indices of categories that are no substantive answer ("Dat weet ik niet"): drawn grey. */
  readonly muted?: readonly number[];
}

/**
 * The bar's label on the axis: "Wi2021-asiel (N = 1.422)"; on a figure of several items "Docenten, Mannen
 * (N = 790)", or only the item when each item has one bar ("Docenten (N = 2.092)").
 */
export function barCaption(figure: PrintedFigure, bar: PrintedFigure['bars'][number], lang: ReportLanguage): string {
  const onePerGroup = new Set(figure.bars.map((b) => b.group)).size === figure.bars.length;
  const name = bar.group ? (onePerGroup ? bar.group : `${bar.group}, ${bar.label}`) : bar.label;
  return `${name} (N = ${formatCount(bar.N, lang)})`;
}

/** A long label broken into lines of at most `width` characters ("|" between them, split again by the axis). */
export function wrap(label: string, width = 30): string {
  const lines: string[] = [];
  let line = '';
  for (const word of label.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.join('|');
}

const LINES = "split(datum.label, '|')";
/** Bar captions longer than this many characters go over two lines: vega estimates text widths generously. */
const CAPTION_WIDTH = 34;
/** Legend labels longer than this many characters go over two lines: vega cuts them at the legend's labelLimit (300 px estimated). */
const LEGEND_WIDTH = 36;

const numeric = (cell: PrintedCell): number => (cell === null ? 0 : cell === '<1' ? 0.4 : cell);

/**
 * `n` colours from dark navy to light blue, equal steps in lightness (sRGB interpolation between two
 * ColorBrewer "Blues" anchors): one hue, so colour-blind readers and greyscale print read the order.
 */
export function palette(n: number): string[] {
  const from = [8, 48, 107];
  const to = [198, 219, 239];
  return Array.from({ length: n }, (_, i) => {
    const t = n === 1 ? 0 : i / (n - 1);
    const c = from.map((f, k) => Math.round(f + ((to[k] as number) - f) * t));
    return `#${c.map((x) => x.toString(16).padStart(2, '0')).join('')}`;
  });
}

/** Whether white text reads better than black on this colour (relative luminance below one half). */
const dark = (hex: string): boolean => {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255) as [number, number, number];
  const lin = (c: number): number => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b) < 0.25;
};

const colours = (figure: PrintedFigure, muted: readonly number[]): string[] => {
  const substantive = figure.categories.filter((_, i) => !muted.includes(i)).length;
  const ramp = palette(substantive);
  let k = 0;
  return figure.categories.map((_, i) => (muted.includes(i) ? MUTED : (ramp[k++] as string)));
};

// The chart is one image to assistive technology: its container carries the text alternative (the numbers in
// words), so neither the marks nor the axes and legend are exposed on their own (aria: false).
const CONFIG = {
  font: FONT,
  aria: false,
  background: 'white',
  view: { stroke: null },
  axis: { labelFontSize: 10, titleFontSize: 10, labelColor: '#222', domainColor: '#666', tickColor: '#666' },
  legend: { labelFontSize: 10, orient: 'bottom', direction: 'horizontal', title: null, labelLimit: 300, columns: 2, symbolType: 'square' },
} as const;

/** The Vega-Lite specification of a figure (data only: the figure's printed numbers). */
export function figureSpec(figure: PrintedFigure, options: FigureSvgOptions): TopLevelSpec {
  return figure.kind === 'multiple' ? groupedSpec(figure, options) : stackedSpec(figure, options);
}

function stackedSpec(figure: PrintedFigure, options: FigureSvgOptions): TopLevelSpec {
  const palettes = colours(figure, options.muted ?? []);
  // Category names too long for the legend's label limit go over two lines (vega would cut them at its width estimate).
  const categories = figure.categories.map((c) => wrap(c, LEGEND_WIDTH));
  const rows = figure.bars.flatMap((bar, b) => {
    const values = bar.percent.map(numeric);
    const total = values.reduce((s, v) => s + v, 0) || 1;
    let start = 0;
    return categories.map((category, k) => {
      const width = (100 * (values[k] as number)) / total;
      const row = {
        bar: wrap(barCaption(figure, bar, options.lang), CAPTION_WIDTH),
        order: b,
        category,
        k,
        start,
        end: start + width,
        mid: start + width / 2,
        label: width >= LABEL_FROM ? percentText(bar.percent[k] ?? null) : '',
        ink: dark(palettes[k] as string) ? 'white' : 'black',
      };
      start += width;
      return row;
    });
  });
  const lines = Math.max(1, ...rows.map((r) => r.bar.split('|').length));
  const y = {
    field: 'bar',
    type: 'nominal',
    sort: { field: 'order' },
    title: null,
    axis: { labelLimit: 320, labelExpr: LINES },
  } as const;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: WIDTH,
    // A bar is as high as its caption's lines need (12 px a line), at least STEP.
    height: { step: Math.max(STEP, 12 * lines + 6) },
    data: { values: rows },
    config: CONFIG,
    layer: [
      {
        mark: { type: 'bar', stroke: 'white', strokeWidth: 0.5, aria: false },
        encoding: {
          y,
          x: {
            field: 'start',
            type: 'quantitative',
            scale: { domain: [0, 100] },
            title: null,
            axis: { values: [0, 25, 50, 75, 100], labelExpr: "datum.value + '%'" },
          },
          x2: { field: 'end' },
          color: {
            field: 'category',
            type: 'nominal',
            scale: { domain: categories, range: palettes },
            sort: categories,
            legend: { labelExpr: LINES },
          },
          order: { field: 'k' },
        },
      },
      {
        mark: { type: 'text', fontSize: 9, aria: false },
        encoding: {
          y,
          x: { field: 'mid', type: 'quantitative' },
          text: { field: 'label' },
          color: { field: 'ink', type: 'nominal', scale: null },
        },
      },
    ],
  };
}

function groupedSpec(figure: PrintedFigure, options: FigureSvgOptions): TopLevelSpec {
  const bars = figure.bars.map((b) => wrap(barCaption(figure, b, options.lang), CAPTION_WIDTH));
  const ramp = palette(bars.length);
  const categories = figure.categories.map((c) => wrap(c));
  const lines = Math.max(1, ...categories.map((c) => c.split('|').length));
  const rows = figure.categories.flatMap((_, k) =>
    figure.bars.map((bar, b) => ({
      category: categories[k],
      k,
      bar: bars[b],
      b,
      value: numeric(bar.percent[k] ?? null),
      label: percentText(bar.percent[k] ?? null),
    })),
  );
  const y = { field: 'category', type: 'nominal', sort: categories, title: null, axis: { labelLimit: 320, labelExpr: LINES } } as const;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: WIDTH,
    // With an offset channel the step is one bar's: a category gets one band per bar, and its bands together
    // hold the category's label, wrapped over `lines` lines of 12 px.
    height: { step: Math.max(bars.length > 4 ? 7 : 9, Math.ceil((12 * lines + 4) / bars.length)) },
    data: { values: rows },
    config: CONFIG,
    layer: [
      {
        mark: { type: 'bar', aria: false },
        encoding: {
          y,
          yOffset: { field: 'bar', sort: bars },
          x: {
            field: 'value',
            type: 'quantitative',
            scale: { domain: [0, 100] },
            title: null,
            axis: { values: [0, 25, 50, 75, 100], labelExpr: "datum.value + '%'" },
          },
          color: { field: 'bar', type: 'nominal', scale: { domain: bars, range: ramp }, sort: bars, legend: { labelExpr: LINES } },
        },
      },
      {
        mark: { type: 'text', fontSize: 8, align: 'left', dx: 2, aria: false },
        encoding: { y, yOffset: { field: 'bar', sort: bars }, x: { field: 'value', type: 'quantitative' }, text: { field: 'label' } },
      },
    ],
  };
}

/** The figure as an SVG document (vega's SVG renderer, headless). */
export async function figureSvg(figure: PrintedFigure, options: FigureSvgOptions): Promise<string> {
  const vega = compile(figureSpec(figure, options)).spec;
  const view = new View(parse(vega), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
