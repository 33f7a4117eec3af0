// A figure in the report: caption above ("Figuur 4.1 ... (N = 1.076)"), the chart (SVG from figure-svg.ts)
// as one image with a text alternative, its numbers in a table the reader can open (and a screen reader
// reads), the earlier wave's numbers beside them when compared, and the findings below.
import { raw } from 'hono/html';
import type { Catalog } from '../i18n/catalog.ts';
import { anchor, type DocumentFigure, type PrintedComparison } from './document-model.ts';
import { Caption, captionN, Findings, type TableContext } from './html-tables.tsx';
import { formatCount, percentText, type PrintedFigure } from './tables-json.ts';
import { figureFindings } from './findings.ts';

const fullLabel = (bar: PrintedFigure['bars'][number]): string => (bar.group ? `${bar.group}, ${bar.label}` : bar.label);

/** The figure in words, for the image's accessible name: caption, then per bar its N and percentages. */
export function figureAlt(figure: PrintedFigure, ctx: TableContext, caption: string): string {
  const bars = figure.bars.map(
    (b) =>
      `${fullLabel(b)} (N = ${formatCount(b.N, ctx.lang)}): ${figure.categories
        .map((c, k) => `${c} ${percentText(b.percent[k] ?? null)}`)
        .filter((s) => !s.endsWith(' '))
        .join(', ')}`,
  );
  return `${caption}. ${bars.join('; ')}.`;
}

export function FigureBlock(props: { ctx: TableContext; id: string; figure: DocumentFigure; comparison: PrintedComparison | null }) {
  const { ctx, id, comparison } = props;
  const { printed, svg } = props.figure;
  const t = (key: Parameters<Catalog['t']>[1], values?: Record<string, string | number>) => ctx.catalog.t(ctx.lang, key, values);
  const n = captionN(ctx, printed.N, printed.meanN === true);
  const captionText = `${t('report.figure')} ${id} ${printed.title}${n}`;
  const sub = comparison !== null;
  return (
    <div class="block" id={anchor.figure(id)}>
      <figure>
        <figcaption class="fig-caption">
          <Caption ctx={ctx} kind="figure" id={id} title={printed.title} n={n} />
        </figcaption>
        <div class="chart" role="img" aria-label={figureAlt(printed, ctx, captionText)}>
          {/* vega's SVG renderer escapes every text it writes; the markup is its own, never user input. */}
          {raw(svg)}
        </div>
      </figure>
      {printed.note ? <p class="notes">{printed.note}</p> : null}
      <details class="figure-numbers">
        <summary>{t('report.figureText')}</summary>
        <table>
          <thead>
            <tr>
              <td></td>
              {printed.categories.map((c) => (
                <th scope="col" colspan={sub ? 3 : 1}>
                  {c}
                </th>
              ))}
              <th scope="col">N</th>
            </tr>
          </thead>
          <tbody>
            {printed.bars.map((bar, b) => (
              <tr>
                <th scope="row">{fullLabel(bar)}</th>
                {bar.percent.map((p, k) => {
                  if (!sub) return <td>{percentText(p)}</td>;
                  const row = comparison.rows[k];
                  const d = row?.difference[b] ?? null;
                  return (
                    <>
                      <td>{percentText(p)}</td>
                      <td class="earlier">{percentText(row?.earlier[b] ?? null)}</td>
                      <td class={row?.marked[b] ? 'earlier marked' : 'earlier'}>
                        {d === null ? '' : `${d > 0 ? '+' : ''}${d}${row?.marked[b] ? (d > 0 ? ' ▲' : ' ▼') : ''}`}
                      </td>
                    </>
                  );
                })}
                <td>{formatCount(bar.N, ctx.lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
      {sub ? <ComparisonNote ctx={ctx} figure={printed} comparison={comparison} /> : null}
      <Findings ctx={ctx} findings={figureFindings(printed)} />
    </div>
  );
}

/** The marked changes since the earlier wave (8 points or more and significant), in one sentence. */
function ComparisonNote(props: { ctx: TableContext; figure: PrintedFigure; comparison: PrintedComparison }) {
  const { ctx, figure, comparison } = props;
  const items: string[] = [];
  comparison.rows.forEach((row, k) =>
    row.marked.forEach((m, b) => {
      const bar = figure.bars[b];
      const d = row.difference[b] ?? null;
      if (!m || !bar || d === null) return;
      items.push(
        `${fullLabel(bar)}, ${figure.categories[k]}: ${percentText(bar.percent[k] ?? null)} (${comparison.earlier}: ${percentText(row.earlier[b] ?? null)}, ${d > 0 ? '+' : ''}${d} ${d > 0 ? '▲' : '▼'})`,
      );
    }),
  );
  if (items.length === 0) return null;
  return (
    <p class="findings">{ctx.catalog.t(ctx.lang, 'report.wave.figureNote', { earlier: comparison.earlier, items: items.join('; ') })}</p>
  );
}
