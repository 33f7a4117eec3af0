// The report's tables as HTML, in the report's layout: the caption above ("Tabel 3.2 ... (N = 2.782)"),
// percentages per column with a bold Totaal row and its N, the earlier wave beside each column when compared,
// regression tables with B, SE, t and stars and the notes on their reference categories, the population
// tables, the text tables and the qualitative arm's Tables 2.7 and 2.8. Escaped by hono/jsx; numbers come
// printed from tables-json.ts.
import type { Child } from 'hono/jsx';
import type { Catalog } from '../i18n/catalog.ts';
import type { TextTable } from '../study/report-layout.ts';
import { anchor, type PrintedComparison, type QualitativeTable, type RegressionNote } from './document-model.ts';
import {
  formatCount,
  formatDecimal,
  percentText,
  textIn,
  type PrintedFrequency,
  type PrintedPopulation,
  type PrintedRegression,
  type ReportLanguage,
} from './tables-json.ts';
import { tableFindings, type Finding } from './findings.ts';

export interface TableContext {
  readonly lang: ReportLanguage;
  readonly catalog: Catalog;
  readonly weighted: boolean;
  readonly earlier: string | null;
  readonly current: string;
}

/** At most this many findings under a table or figure; the rest are counted (all are in report.json). */
const MAX_FINDINGS = 10;

/** "(N = 2.782, gewogen)" and the like. */
export function captionN(ctx: TableContext, n: number | null, mean = false, weighted = ctx.weighted): string {
  const parts: string[] = [];
  if (n !== null) parts.push(ctx.catalog.t(ctx.lang, mean ? 'report.meanN' : 'report.n', { n: formatCount(n, ctx.lang) }));
  if (weighted) parts.push(ctx.catalog.t(ctx.lang, 'report.weighted'));
  return parts.length === 0 ? '' : ` (${parts.join(', ')})`;
}

export const Caption = (props: { ctx: TableContext; kind: 'table' | 'figure'; id: string; title: string; n: string }) => (
  <>
    <b>
      {props.ctx.catalog.t(props.ctx.lang, props.kind === 'table' ? 'report.table' : 'report.figure')} {props.id}
    </b>{' '}
    {props.title}
    {props.n}
  </>
);

export const Findings = (props: { ctx: TableContext; findings: readonly Finding[] }) => {
  const { ctx, findings } = props;
  const t = (key: Parameters<Catalog['t']>[1], values?: Record<string, string | number>) => ctx.catalog.t(ctx.lang, key, values);
  if (findings.length === 0) return <p class="findings">{t('report.noFindings')}</p>;
  const shown = findings.slice(0, MAX_FINDINGS);
  return (
    <div class="findings">
      <h5>{t('report.findings')}</h5>
      <ul>
        {shown.map((f) => (
          <li>
            {t('report.finding', {
              category: f.category,
              a: f.a,
              pa: percentText(f.percentA),
              b: f.b,
              pb: percentText(f.percentB),
              points: f.points,
            })}
          </li>
        ))}
        {findings.length > MAX_FINDINGS ? <li>{t('report.moreFindings', { count: findings.length - MAX_FINDINGS })}</li> : null}
      </ul>
    </div>
  );
};

const signed = (d: number | null, lang: ReportLanguage): string =>
  d === null ? '' : `${d > 0 ? '+' : d < 0 ? '−' : '±'}${formatCount(Math.abs(d), lang)}`;
const mark = (d: number | null, marked: boolean): string => (!marked || d === null ? '' : d > 0 ? ' ▲' : ' ▼');

export function FrequencyTable(props: { ctx: TableContext; id: string; table: PrintedFrequency; comparison: PrintedComparison | null }) {
  const { ctx, id, table, comparison } = props;
  const t = (key: Parameters<Catalog['t']>[1], values?: Record<string, string | number>) => ctx.catalog.t(ctx.lang, key, values);
  const sub = comparison !== null;
  const meanN = table.kind === 'topbox';
  return (
    <div class="block" id={anchor.table(id)}>
      <table>
        <caption>
          <Caption ctx={ctx} kind="table" id={id} title={table.title} n={captionN(ctx, table.N, meanN)} />
        </caption>
        <thead>
          <tr>
            <td></td>
            {table.columns.map((c) => (
              <th scope="col" colspan={sub ? 3 : 1}>
                {c.label}
              </th>
            ))}
          </tr>
          {sub ? (
            <tr>
              <td></td>
              {table.columns.map(() => (
                <>
                  <th scope="col">{ctx.current}</th>
                  <th scope="col" class="earlier">
                    {comparison.earlier}
                  </th>
                  <th scope="col" class="earlier">
                    {t('report.wave.difference')}
                  </th>
                </>
              ))}
            </tr>
          ) : null}
        </thead>
        <tbody>
          {table.rows.map((row, r) => (
            <tr>
              <th scope="row">{row.label}</th>
              {row.values.map((v, c) => {
                if (!sub) return <td>{percentText(v)}</td>;
                const cmp = comparison.rows[r];
                const d = cmp?.difference[c] ?? null;
                const marked = cmp?.marked[c] ?? false;
                return (
                  <>
                    <td>{percentText(v)}</td>
                    <td class="earlier">{percentText(cmp?.earlier[c] ?? null)}</td>
                    <td class={marked ? 'earlier marked' : 'earlier'}>{`${signed(d, ctx.lang)}${mark(d, marked)}`}</td>
                  </>
                );
              })}
            </tr>
          ))}
          <tr class="total">
            <th scope="row">{t('report.total')}</th>
            {table.columns.map((c) => {
              const n = `${table.kind === 'frequency' ? '100% ' : ''}(${t(meanN ? 'report.meanN' : 'report.n', { n: formatCount(c.N, ctx.lang) })})`;
              return sub ? <td colspan={3}>{n}</td> : <td>{n}</td>;
            })}
          </tr>
        </tbody>
      </table>
      <Findings ctx={ctx} findings={tableFindings(table)} />
    </div>
  );
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

export function RegressionTable(props: { ctx: TableContext; id: string; table: PrintedRegression; notes: readonly RegressionNote[] }) {
  const { ctx, id, table, notes } = props;
  const t = (key: Parameters<Catalog['t']>[1], values?: Record<string, string | number>) => ctx.catalog.t(ctx.lang, key, values);
  const letterOf = new Map(notes.map((n, i) => [n.row, LETTERS[i] ?? '?']));
  const num = (x: number | null, small = false): string => formatDecimal(x, small && x !== null && Math.abs(x) < 0.01 ? 3 : 2, ctx.lang);
  return (
    <div class="block" id={anchor.table(id)}>
      <table>
        <caption>
          <Caption ctx={ctx} kind="table" id={id} title={table.title} n={captionN(ctx, table.N, false, false)} />
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('report.kenmerk')}</th>
            <th scope="col">B</th>
            <th scope="col">SE</th>
            <th scope="col">t</th>
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row) => {
            const letter = letterOf.get(row.label);
            const label = (
              <>
                {row.label}
                {letter ? <sup>{letter}</sup> : null}
              </>
            );
            if (row.header)
              return (
                <tr class="heading">
                  <th scope="row" colspan={4}>
                    {label}
                  </th>
                </tr>
              );
            return (
              <tr>
                <th scope="row">{label}</th>
                <td>{num(row.B)}</td>
                <td>{num(row.SE, true)}</td>
                <td>{`${num(row.t)}${row.stars}`}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div class="notes">
        {table.notEstimable ? (
          <p>{t('report.notEstimable', { reason: table.notEstimable })}</p>
        ) : (
          <p>{t('report.adjR2', { value: formatDecimal(table.adjR2, 2, ctx.lang) })}</p>
        )}
        <p>{t('report.regressionLegend')}</p>
        {notes.length > 0 ? (
          <p>
            {notes.map((n, i) => (
              <>
                <sup>{LETTERS[i]}</sup> {n.text}.{' '}
              </>
            ))}
          </p>
        ) : null}
        <p>{t('report.stars')}</p>
      </div>
    </div>
  );
}

export function PopulationTable(props: { ctx: TableContext; id: string; table: PrintedPopulation }) {
  const { ctx, id, table } = props;
  const cell = (v: number | string | null, percent: boolean): string =>
    v === null ? '' : percent ? percentText(v as number | '<1') : formatCount(v as number, ctx.lang);
  let group: string | undefined;
  const rows: Child[] = [];
  for (const row of table.rows) {
    if (row.group !== undefined && row.group !== group) {
      group = row.group;
      rows.push(
        <tr class="heading">
          <th scope="rowgroup" colspan={5}>
            {row.group}
          </th>
        </tr>,
      );
    }
    const total = row.group === undefined && row.label === table.rows.at(-1)?.label && table.rows.length > 1;
    rows.push(
      <tr class={total ? 'total' : undefined}>
        <th scope="row">{row.label}</th>
        {row.values.map((v, i) => (
          <td>{cell(v, i % 2 === 1)}</td>
        ))}
      </tr>,
    );
  }
  return (
    <div class="block" id={anchor.table(id)}>
      <table>
        <caption>
          <Caption ctx={ctx} kind="table" id={id} title={table.title} n={captionN(ctx, table.N.sample, false, false)} />
        </caption>
        <thead>
          <tr>
            <td></td>
            {table.columns.map((c) => (
              <th scope="col">
                {c.label}
                {c.N !== undefined && c.N !== null ? ` (N = ${formatCount(c.N, ctx.lang)})` : ''}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{rows}</tbody>
      </table>
      {table.source ? <p class="notes">{ctx.catalog.t(ctx.lang, 'report.source', { source: table.source })}</p> : null}
    </div>
  );
}

export function TextTableView(props: { ctx: TableContext; table: TextTable }) {
  const { ctx, table } = props;
  return (
    <div class="block long" id={anchor.table(table.id)}>
      <table class="text-table">
        <caption>
          <Caption ctx={ctx} kind="table" id={table.id} title={textIn(table.title, ctx.lang)} n="" />
        </caption>
        <thead>
          <tr>
            <td></td>
            {table.columns.map((c) => (
              <th scope="col">{textIn(c, ctx.lang)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row) => (
            <tr>
              <th scope="row">{textIn(row.label, ctx.lang)}</th>
              {row.cells.map((c) => (
                <td>{c === true ? '✓' : c === false || c === null ? '' : textIn(c, ctx.lang)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {table.note ? <p class="notes">{textIn(table.note, ctx.lang)}</p> : null}
    </div>
  );
}

export function QualitativeTableView(props: { ctx: TableContext; table: QualitativeTable }) {
  const { ctx, table } = props;
  return (
    <div class="block" id={anchor.table(table.id)}>
      <table>
        <caption>
          <Caption ctx={ctx} kind="table" id={table.id} title={table.title} n="" />
        </caption>
        <thead>
          <tr>
            <td></td>
            {table.columns.map((c) => (
              <th scope="col">{c}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row) =>
            row.group && row.cells.length === 0 ? (
              <tr class="heading">
                <th scope="rowgroup" colspan={table.columns.length + 1}>
                  {row.label}
                </th>
              </tr>
            ) : (
              <tr class={row.group ? 'total' : undefined}>
                <th scope="row">{row.label}</th>
                {row.cells.map((c) => (
                  <td>{c}</td>
                ))}
              </tr>
            ),
          )}
        </tbody>
      </table>
      {table.footnotes.length > 0 ? (
        <div class="notes">
          {table.footnotes.map((f) => (
            <p>{f}</p>
          ))}
        </div>
      ) : null}
    </div>
  );
}
