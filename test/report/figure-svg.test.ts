// The report's figures drawn as SVG by Vega-Lite and vega's own SVG renderer (report/figure-svg.ts): golden
// files of three figures (a 100% stacked bar per group, grouped bars of a multiple-choice item, and several
// items of a scale), normalised before comparing (numbers to one decimal); and the report's drawing rules
// checked on the SVG itself: N per bar, labels only in segments of 5% or more, categories in scale order, a
// palette whose greys are in order (WCAG relative luminance, computed here), vega's marks rather than strings.
// Run with UPDATE_GOLDEN=1 to rewrite the golden files after a deliberate change (and look at them).
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { compile } from 'vega-lite';
import { figureSpec, figureSvg, palette } from '../../src/report/figure-svg.ts';
import type { PrintedFigure } from '../../src/report/tables-json.ts';

const GOLDEN = fileURLToPath(new URL('../fixtures/report/golden/', import.meta.url));

// Figure 4.1 of the published report as its text quotes it (80 and 81 percent "(heel) goed", N = 1.076).
const STACKED: PrintedFigure = {
  kind: 'stacked',
  title: 'Hoe vindt u dat er tijdens de brede intake goed naar uw verhaal is geluisterd?',
  filter: 'cohort = 2',
  N: 1076,
  categories: ['Heel goed', 'Goed', 'Neutraal (niet goed, niet slecht)', 'Slecht', 'Heel slecht'],
  bars: [
    { label: 'Wi2021-asiel', N: 654, percent: [32, 48, 14, 4, 2] },
    { label: 'Wi2021-gezin', N: 422, percent: [30, 51, 15, 3, '<1'] },
  ],
  differences: [],
};

const MULTIPLE: PrintedFigure = {
  kind: 'multiple',
  title: 'Oefent u de Nederlandse taal buiten de cursus?',
  filter: 'type_inburgeraar = 1',
  N: 1274,
  categories: ['Met buren', 'Met vrienden of kennissen die Nederlands spreken', 'Op het werk', 'Nee'],
  bars: [
    { label: 'Mannen', N: 790, percent: [21, 48, 18, 36] },
    { label: 'Vrouwen', N: 484, percent: [12, 44, 29, 29] },
  ],
  differences: [],
};

const ITEMS: PrintedFigure = {
  kind: 'items',
  title: 'Beoordeling van de taalschool',
  filter: null,
  N: 2106,
  meanN: true,
  categories: ['Helemaal mee eens', 'Mee eens', 'Neutraal', 'Mee oneens', 'Helemaal mee oneens', 'Weet ik niet'],
  bars: [
    { group: 'Lesuitval', label: 'Totaal', N: 2120, percent: [31, 48, 14, 4, 3, 0] },
    { group: 'Docenten', label: 'Totaal', N: 2092, percent: [28, 47, 16, 6, 3, 0] },
  ],
  differences: [],
};

/** Numbers inside tags to one decimal (a renderer's float noise), texts as they are; one element a line. */
const normalise = (svg: string): string =>
  svg.replace(/<[^>]*>/g, (tag) => tag.replace(/-?\d+\.\d+/g, (n) => String(Math.round(Number(n) * 10) / 10))).replace(/></g, '>\n<');

async function golden(name: string, figure: PrintedFigure, muted: number[] = []): Promise<string> {
  const svg = await figureSvg(figure, { lang: 'nl', muted });
  const path = `${GOLDEN}${name}.svg`;
  if (process.env['UPDATE_GOLDEN'] === '1') writeFileSync(path, normalise(svg));
  assert.ok(existsSync(path), `${path} is missing: run with UPDATE_GOLDEN=1 and look at it`);
  assert.equal(normalise(svg), readFileSync(path, 'utf8'), `${name}.svg differs from its golden file`);
  return svg;
}

/** The text of every <text> element, and of each line (<tspan>) of a wrapped one. */
const texts = (svg: string): string[] => [...svg.matchAll(/<(text|tspan)[^>]*>([^<]+)<\/\1>/g)].map((m) => m[2] ?? '');

/** WCAG 2.1 relative luminance of "#rrggbb". */
function luminance(hex: string): number {
  const channel = (i: number): number => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

describe('figures as SVG (Vega-Lite, vega SVG renderer)', () => {
  it('a 100% stacked bar per group matches its golden file', async () => {
    const svg = await golden('stacked', STACKED);
    const shown = texts(svg);
    assert.ok(shown.includes('Wi2021-asiel (N = 654)') && shown.includes('Wi2021-gezin (N = 422)'), shown.join(' | '));
    // Segments of 5% or more carry their percentage; 4%, 2%, 3% and "<1%" do not.
    for (const label of ['32%', '48%', '14%', '30%', '51%', '15%']) assert.ok(shown.includes(label), label);
    for (const label of ['4%', '2%', '3%', '<1%', '&lt;1%']) assert.ok(!shown.includes(label), label);
    // The legend lists the categories in scale order.
    const legend = shown.filter((t) => STACKED.categories.includes(t));
    assert.deepEqual(legend, STACKED.categories);
  });

  it('shows a long category name whole in the legend, over two lines (Figuur 4.9), instead of cut with an ellipsis', async () => {
    const long = 'Neutraal (niet tevreden, niet ontevreden)';
    const figure: PrintedFigure = { ...STACKED, categories: ['Zeer tevreden', 'Tevreden', long, 'Ontevreden', 'Zeer ontevreden'] };
    const shown = texts(await figureSvg(figure, { lang: 'nl' }));
    assert.ok(shown.includes('Neutraal (niet tevreden, niet') && shown.includes('ontevreden)'), shown.join(' | '));
    assert.ok(!shown.some((t) => t.includes('…')), shown.join(' | '));
  });

  it('grouped bars of a multiple-choice item match their golden file, long labels wrapped', async () => {
    const svg = await golden('multiple', MULTIPLE);
    const shown = texts(svg);
    assert.ok(shown.includes('Mannen (N = 790)') && shown.includes('Vrouwen (N = 484)'), shown.join(' | '));
    assert.ok(shown.includes('Met vrienden of kennissen die') && shown.includes('Nederlands spreken'), shown.join(' | '));
    for (const label of ['21%', '48%', '12%', '44%']) assert.ok(shown.includes(label), label);
  });

  it('several items of a scale match their golden file, "Weet ik niet" grey', async () => {
    const svg = await golden('items', ITEMS, [5]);
    assert.ok(texts(svg).includes('Lesuitval (N = 2.120)'), texts(svg).join(' | '));
    assert.match(svg, /fill="#bdbdbd"/);
  });

  it('is drawn by vega from a Vega-Lite specification, not written as strings', async () => {
    const spec = figureSpec(STACKED, { lang: 'nl' });
    assert.match(String(spec.$schema), /vega-lite\/v6/);
    const vega = compile(spec).spec;
    assert.ok(Array.isArray(vega.marks) && vega.marks.length > 0);
    const svg = await figureSvg(STACKED, { lang: 'nl' });
    // vega's SVG renderer writes its scenegraph: a "marks" root and one group per mark type and role.
    assert.match(svg, /^<svg [^>]*class="marks"/);
    assert.match(svg, /class="mark-rect role-mark/);
    assert.match(svg, /class="mark-text role-mark/);
    assert.match(svg, /class="mark-group role-legend"/);
    // One image to assistive technology: the marks are hidden, the container's text alternative speaks.
    assert.doesNotMatch(svg, /role="graphics-symbol"/);
    assert.match(svg, /class="mark-rect role-mark[^"]*"[^>]*aria-hidden="true"/);
    // Dutch number format in the captions, English in an English build.
    assert.ok(texts(await figureSvg(ITEMS, { lang: 'en' })).includes('Lesuitval (N = 2,120)'));
  });

  it('a palette that reads in greyscale print: luminance rises in equal order, neighbours apart', () => {
    for (let n = 2; n <= 9; n++) {
      const lums = palette(n).map(luminance);
      for (let i = 1; i < n; i++) {
        assert.ok(lums[i]! > lums[i - 1]!, `palette(${n}) step ${i} is not lighter`);
        // Contrast ratio of neighbours at least 1.1 (distinct greys), and the whole ramp spans more than 5:1.
        assert.ok((lums[i]! + 0.05) / (lums[i - 1]! + 0.05) >= 1.1, `palette(${n}) step ${i} too close`);
      }
      assert.ok((lums[n - 1]! + 0.05) / (lums[0]! + 0.05) > 5, `palette(${n}) spans too little`);
    }
  });
});
