// Researcher pages. Dutch by default, any of the five languages through ?taal=.
import type { Catalog } from '../../i18n/catalog.ts';
import { LANGUAGE_NAMES } from '../../i18n/catalog.ts';
import type { FrequencyResult } from '../../analysis/results.ts';
import type { PrintedFrequency } from '../../report/tables-json.ts';
import type { Language, QuestionnaireDefinition } from '../../questionnaire/types.ts';
import { LANGUAGES } from '../../questionnaire/types.ts';
import type { ResponseCount } from '../../storage/responses.ts';
import type { Role } from '../../storage/users.ts';
import { WorkspacePage } from './workspace.tsx';
import { textOf } from '../respondent/views.tsx';
import { translationSummary } from './translations.ts';

export interface FrequencyView {
  readonly questionnaire: QuestionnaireDefinition;
  /** Full wave id of the questionnaire version. */
  readonly wave: string;
  readonly itemId: string;
  readonly question: string;
  /** The table as the report prints it (one column: the questionnaire version). */
  readonly printed: PrintedFrequency;
  /** Unweighted count per row. */
  readonly counts: readonly number[];
  readonly result: FrequencyResult;
}

export interface OverviewProps {
  readonly catalog: Catalog;
  readonly lang: Language;
  readonly username: string;
  readonly csrf: string;
  readonly counts: readonly ResponseCount[];
  readonly questionnaires: readonly QuestionnaireDefinition[];
  readonly frequency?: FrequencyView | undefined;
  readonly selected?: string | undefined;
  /** Number of synthetic (demo) responses in the database. */
  readonly demoResponses: number;
  readonly role: Role;
}

const fmt = (lang: Language, n: number, digits = 0) =>
  new Intl.NumberFormat(lang === 'nl' ? 'nl-NL' : lang, { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(n);

export function OverviewPage(props: OverviewProps) {
  const { catalog, lang } = props;
  const t = catalog.t.bind(catalog, lang);
  const countOf = (q: QuestionnaireDefinition) =>
    props.counts.find((c) => c.questionnaireId === q.id && c.questionnaireVersion === q.version);
  const singles = props.questionnaires.flatMap((q) =>
    q.pages.flatMap((p) => p.items.filter((i) => i.kind === 'single' || i.kind === 'scale').map((i) => ({ q, item: i }))),
  );
  const summary = translationSummary(props.questionnaires);
  return (
    <WorkspacePage
      catalog={catalog}
      lang={lang}
      page="overview"
      title={t('r.responses.title')}
      username={props.username}
      role={props.role}
      csrf={props.csrf}
      here={props.selected ? `/onderzoek?vraag=${encodeURIComponent(props.selected)}` : '/onderzoek'}
      synthetic={props.demoResponses > 0}
      source={t('ws.overview.source')}
    >
      <table>
        <thead>
          <tr>
            <th>{t('r.col.questionnaire')}</th>
            <th>{t('r.col.group')}</th>
            <th class="num">{t('r.col.version')}</th>
            <th class="num">{t('r.col.started')}</th>
            <th class="num">{t('r.col.completed')}</th>
          </tr>
        </thead>
        <tbody>
          {props.questionnaires.map((q) => (
            <tr>
              <td>
                {textOf(q.title, lang)} ({q.id})
              </td>
              <td>{q.group}</td>
              <td class="num">{q.version}</td>
              <td class="num">{fmt(lang, countOf(q)?.started ?? 0)}</td>
              <td class="num">{fmt(lang, countOf(q)?.completed ?? 0)}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>{t('r.freq.title')}</h2>
      <form method="get" action="/onderzoek">
        <label for="vraag">{t('r.freq.choose')}</label>{' '}
        <select id="vraag" name="vraag">
          {singles.map(({ q, item }) => {
            const value = `${q.id}@${q.version}:${item.id}`;
            return (
              <option value={value} selected={props.selected === value}>
                {q.id} · {item.id} · {textOf(item.text, lang).slice(0, 80)}
              </option>
            );
          })}
        </select>{' '}
        <button type="submit" class="secondary" style="display:inline-block">
          {t('r.freq.show')}
        </button>
      </form>
      {props.frequency ? <FrequencyTableView catalog={catalog} lang={lang} view={props.frequency} /> : null}

      <h2>{t('r.export.title')}</h2>
      <p>
        <a href="/onderzoek/export.csv" download>
          {t('r.export.csv')}
        </a>
      </p>
      {props.demoResponses > 0 ? (
        // The download itself is named SYNTHETISCH-...csv; the notice says why before anyone opens it.
        <p class="errors" role="note">
          {t('r.demo.banner')}
        </p>
      ) : null}

      <h2>{t('r.translations.title')}</h2>
      <table>
        <thead>
          <tr>
            <th>{t('r.col.questionnaire')}</th>
            {LANGUAGES.map((l) => (
              <th lang={l}>{LANGUAGE_NAMES[l]}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {summary.map((row) => (
            <tr>
              <td>{row.id}</td>
              {LANGUAGES.map((l) => {
                const s = row.languages[l];
                return (
                  <td>
                    {t('r.translations.count', { reviewed: s.reviewed, total: s.total })}
                    {s.reviewed < s.total ? (
                      <>
                        {' '}
                        <span class="badge" title={t('r.translations.draft')}>
                          {t('r.translations.draft')}
                        </span>
                      </>
                    ) : null}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </WorkspacePage>
  );
}

function FrequencyTableView({ catalog, lang, view }: { catalog: Catalog; lang: Language; view: FrequencyView }) {
  const t = catalog.t.bind(catalog, lang);
  const { printed } = view;
  const column = printed.columns[0];
  const n = column?.N ?? 0;
  const missing = Object.entries(column?.missing ?? {});
  const percent = (v: PrintedFrequency['rows'][number]['values'][number]): string =>
    v === null ? '–' : v === '<1' ? '<1%' : `${fmt(lang, v)}%`;
  return (
    <section aria-labelledby="freq-title">
      <h3 id="freq-title">
        {view.itemId} · {view.question} (N = {fmt(lang, n)})
      </h3>
      <p>{t('r.freq.source', { wave: view.wave, questionnaire: `${view.questionnaire.id} v${view.questionnaire.version}` })}</p>
      {n === 0 ? <p>{t('r.freq.none')}</p> : null}
      <table>
        <thead>
          <tr>
            <th>{t('r.freq.value')}</th>
            <th class="num">{t('r.freq.count')}</th>
            <th class="num">{t('r.freq.percent')}</th>
          </tr>
        </thead>
        <tbody>
          {printed.rows.map((row, i) => (
            <tr>
              <td>{row.label}</td>
              <td class="num">{fmt(lang, view.counts[i] ?? 0)}</td>
              <td class="num">{percent(row.values[0] ?? null)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th>{t('r.freq.n')}</th>
            <td class="num">{fmt(lang, n)}</td>
            <td class="num">{n === 0 ? '–' : '100%'}</td>
          </tr>
          {missing.map(([label, count]) => (
            <tr>
              <th>
                {t('r.freq.missing')}: {label}
              </th>
              <td class="num">{fmt(lang, count)}</td>
              <td />
            </tr>
          ))}
        </tfoot>
      </table>
    </section>
  );
}
