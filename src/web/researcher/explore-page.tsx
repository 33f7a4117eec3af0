// The tables explorer's page: a GET form (works without JavaScript; every view has its own address), the
// table as the report prints it (column N, "<1%", Totaal) with differences of 8 points or more marked, the
// chart beside it, the test of independence (Rao-Scott when weighted) and the effective N, the weights per
// group, and the downloads of this view.
import type { Child } from 'hono/jsx';
import { raw } from 'hono/html';
import { BREAKDOWNS, type BreakdownId } from '../../analysis/explore-breakdowns.ts';
import type { ExploreResult, ExploreTest } from '../../analysis/explore.ts';
import type { Catalog, MessageKey, MessageValues } from '../../i18n/catalog.ts';
import type { Language } from '../../questionnaire/types.ts';
import type { PrintedCell, PrintedFrequency } from '../../report/tables-json.ts';
import { textIn } from '../../report/tables-json.ts';
import type { StudyDefinition } from '../../study/load.ts';
import { textOf } from '../respondent/views.tsx';
import type { ExploreView } from './explore-view.ts';
import { ViewFilterFields } from './filter-fields.tsx';
import { formatNumber } from './workspace-data.ts';

export const breakdownKey = (b: BreakdownId): MessageKey => `ws.breakdown.${b}` as MessageKey;

export const percentText = (lang: Language, v: PrintedCell): string =>
  v === null ? '–' : v === '<1' ? '<1%' : `${formatNumber(lang, v)}%`;

const p3 = (lang: Language, p: number): string => (p < 0.001 ? `< ${formatNumber(lang, 0.001, 3)}` : formatNumber(lang, p, 3));

export function testText(
  t: (key: MessageKey, values?: Record<string, string | number>) => string,
  lang: Language,
  test: ExploreTest,
): string {
  switch (test.kind) {
    case 'chisq': {
      const r = test.result;
      if (r.method === 'pearson')
        return t('ws.test.pearson', { statistic: formatNumber(lang, r.statistic, 2), df: r.df, p: p3(lang, r.p) });
      return t('ws.test.raoScott', {
        statistic: formatNumber(lang, r.statistic, 2),
        df: formatNumber(lang, r.df, 2),
        ddf: formatNumber(lang, r.ddf, 0),
        p: p3(lang, r.p),
      });
    }
    case 'anova':
      return t(test.weightedNote ? 'ws.test.anovaWeighted' : 'ws.test.anova', {
        F: formatNumber(lang, test.F, 2),
        df1: test.df1,
        df2: test.df2,
        p: p3(lang, test.p),
      });
    case 'none':
      return t(`ws.test.none.${test.reason}` as MessageKey);
  }
}

export interface ExplorePageProps {
  readonly catalog: Catalog;
  readonly lang: Language;
  readonly study: StudyDefinition;
  readonly view: ExploreView;
  readonly title: string;
  /** The chart of the view as SVG (from the report's figure code), or null while there is none. */
  readonly chart: string | null;
}

function FrequencyTable({
  lang,
  t,
  printed,
  result,
}: {
  lang: Language;
  t: (k: MessageKey) => string;
  printed: PrintedFrequency;
  result: Extract<ExploreResult, { kind: 'frequency' | 'multiple' }>;
}) {
  const flagged = new Set(result.table.differences.flatMap((d) => [`${d.row}:${d.a}`, `${d.row}:${d.b}`]));
  return (
    <div class="ws-scroll">
      <table id="explore-table">
        <caption>
          {printed.title} (N = {formatNumber(lang, printed.N)})
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('ws.table.answer')}</th>
            {printed.columns.map((c) => (
              <th scope="col" class="num">
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {printed.rows.map((row, r) => (
            <tr>
              <th scope="row">{row.label}</th>
              {row.values.map((v, c) => (
                <td class={flagged.has(`${r}:${c}`) ? 'num diff' : 'num'}>{percentText(lang, v)}</td>
              ))}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('ws.table.total')}</th>
            {printed.columns.map((c) => (
              <td class="num">{printed.kind === 'frequency' && c.N > 0 ? '100%' : ''}</td>
            ))}
          </tr>
          <tr>
            <th scope="row">N</th>
            {printed.columns.map((c) => (
              <td class="num">{formatNumber(lang, c.N)}</td>
            ))}
          </tr>
          {result.effectiveN ? (
            <tr>
              <th scope="row">{t('ws.table.effectiveN')}</th>
              {result.effectiveN.map((n) => (
                <td class="num">{formatNumber(lang, n)}</td>
              ))}
            </tr>
          ) : null}
        </tfoot>
      </table>
    </div>
  );
}

function MeanTable({
  lang,
  t,
  result,
}: {
  lang: Language;
  t: (k: MessageKey) => string;
  result: Extract<ExploreResult, { kind: 'mean' }>;
}) {
  const l = lang === 'nl' ? 'nl' : 'en';
  const cell = (v: number | null): string => (v === null ? '–' : formatNumber(lang, v, 2));
  return (
    <div class="ws-scroll">
      <table id="explore-table">
        <caption>{textIn(result.title, l)}</caption>
        <thead>
          <tr>
            <th scope="col" />
            {result.columns.map((c) => (
              <th scope="col" class="num">
                {textIn(c.label, l)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">{t('ws.mean.mean')}</th>
            {result.columns.map((c) => (
              <td class="num">{cell(c.mean)}</td>
            ))}
          </tr>
          <tr>
            <th scope="row">{t('ws.mean.sd')}</th>
            {result.columns.map((c) => (
              <td class="num">{cell(c.sd)}</td>
            ))}
          </tr>
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">N</th>
            {result.columns.map((c) => (
              <td class="num">{formatNumber(lang, c.n)}</td>
            ))}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

/** Where the municipality type comes from, and who has none: said under every table broken down by it. */
function MunicipalityTypeNote({
  t,
  lang,
  study,
}: {
  t: (key: MessageKey, values?: MessageValues) => string;
  lang: Language;
  study: StudyDefinition;
}) {
  const c = study.municipalities;
  if (!c) return <p role="note">{t('ws.tables.noMunicipalities')}</p>;
  const types = c.types.map((type) => textIn(type.label, lang === 'nl' ? 'nl' : 'en')).join(', ');
  return <p role="note">{t('ws.tables.municipalityType', { types, file: c.file })}</p>;
}

export function ExploreContent({ catalog, lang, study, view, title, chart }: ExplorePageProps): Child {
  const t = catalog.t.bind(catalog, lang);
  const l = lang === 'nl' ? 'nl' : 'en';
  const groups = [
    { id: 'item', key: 'ws.items.questions' },
    { id: 'multiple', key: 'ws.items.multiple' },
    { id: 'derived', key: 'ws.items.derived' },
    { id: 'scale', key: 'ws.items.scales' },
  ] as const;
  const download = (ext: string): string => `/onderzoek/tabellen.${ext}?${view.query}`;
  return (
    <>
      <p>{t('ws.tables.explain')}</p>
      {view.problems.length > 0 ? (
        <p class="errors" role="alert">
          {t('ws.query.invalid', { values: view.problems.join(', ') })}
        </p>
      ) : null}
      <form method="get" action="/onderzoek/tabellen" class="ws-form">
        <ViewFilterFields catalog={catalog} lang={lang} study={study} filters={view.filters} />
        <p>
          <label for="vraag">{t('ws.field.item')}</label>
          <select id="vraag" name="vraag">
            <option value="">{t('ws.field.item.choose')}</option>
            {groups.map((g) => (
              <optgroup label={t(g.key)}>
                {view.items
                  .filter((i) => i.group === g.id)
                  .map((i) => (
                    <option value={i.name} selected={i.name === view.item}>
                      {i.name} · {textOf(i.label, lang).slice(0, 90)}
                    </option>
                  ))}
              </optgroup>
            ))}
          </select>
        </p>
        <p>
          <label for="uitsplitsing">{t('ws.field.breakdown')}</label>
          <select id="uitsplitsing" name="uitsplitsing">
            {BREAKDOWNS.map((b) => (
              <option value={b} selected={b === view.breakdown}>
                {t(breakdownKey(b))}
              </option>
            ))}
          </select>
        </p>
        <p>
          <button type="submit" class="primary">
            {t('ws.tables.show')}
          </button>
        </p>
      </form>
      {view.noPopulation ? (
        <p class="errors" role="note">
          {t('ws.weights.none', { wave: view.filters.wave.key })}
        </p>
      ) : null}
      {view.result === null ? (
        <p>{t('ws.tables.choose')}</p>
      ) : (
        <section aria-labelledby="result-title">
          <h2 id="result-title">{title}</h2>
          <div class="ws-result">
            {view.result.kind === 'mean' ? (
              <MeanTable lang={lang} t={t} result={view.result} />
            ) : view.printed ? (
              <FrequencyTable lang={lang} t={t} printed={view.printed} result={view.result} />
            ) : null}
            {chart ? (
              <figure>
                {/* The table beside it holds the same numbers: the drawing is hidden from screen readers. */}
                <div aria-hidden="true">
                  {/* Raw: the SVG the report's figure code drew from the table's numbers and labels (vega escapes its text). */}
                  {raw(chart)}
                </div>
                <figcaption>{title}</figcaption>
              </figure>
            ) : null}
          </div>
          <p id="explore-test">{testText(t, lang, view.result.test)}</p>
          {view.breakdown === 'municipalityType' ? <MunicipalityTypeNote t={t} lang={lang} study={study} /> : null}
          {view.printed ? (
            view.printed.differences.length > 0 ? (
              <>
                <h3>{t('ws.diff.title')}</h3>
                <ul>
                  {view.printed.differences.map((d) => (
                    <li>{t('ws.diff.item', { row: d.row, a: d.a, b: d.b, points: formatNumber(lang, Math.abs(d.points), 1) })}</li>
                  ))}
                </ul>
              </>
            ) : (
              <p>{t('ws.diff.none')}</p>
            )
          ) : null}
          {view.weightGroups.length > 0 ? (
            <>
              <h3>{t('ws.weights.title')}</h3>
              <ul>
                {view.weightGroups.map((g) => (
                  <li>
                    {t('ws.weights.group', {
                      group: g.label ? textIn(g.label, l) : String(g.code),
                      n: formatNumber(lang, g.n),
                      effective: formatNumber(lang, g.effectiveN),
                      deff: formatNumber(lang, g.designEffect, 2),
                    })}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <h3>{t('ws.download.title')}</h3>
          <ul>
            <li>
              <a href={download('csv')} download>
                {t('ws.download.csv')}
              </a>
            </li>
            <li>
              <a href={download('xlsx')} download>
                {t('ws.download.xlsx')}
              </a>
            </li>
            {chart ? (
              <>
                <li>
                  <a href={download('svg')} download>
                    {t('ws.download.svg')}
                  </a>
                </li>
                <li>
                  <a href={download('png')} download>
                    {t('ws.download.png')}
                  </a>
                </li>
              </>
            ) : null}
          </ul>
          <p>{t('ws.tables.address')}</p>
        </section>
      )}
    </>
  );
}
