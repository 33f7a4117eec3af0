// /onderzoek/modellen: the report's regression models recomputed on the current data, in the report's
// format (B, SE, t, stars, adjusted R², N), and a form for a model of one's own: an outcome and up to six
// predictors, each a number or dummy-coded with a chosen reference category (analysis/explore-models.ts,
// through regressionTable and stats.fitOls). A GET form: a model has its own address.
import { Hono } from 'hono';
import { z } from 'zod';
import type { DatasetCache } from '../../analysis/cache.ts';
import { customModel, ModelChoiceError, modelVariables, reportRegressions, type PredictorChoice } from '../../analysis/explore-models.ts';
import type { RegressionResult } from '../../analysis/results.ts';
import { regressionTable } from '../../analysis/tables-regression.ts';
import type { Catalog, MessageKey, MessageValues } from '../../i18n/catalog.ts';
import type { Language } from '../../questionnaire/types.ts';
import { printTable, textIn, type PrintedRegression } from '../../report/tables-json.ts';
import type { AppDeps } from '../context.ts';
import { page } from '../layout.tsx';
import { langOf, requireRole, type ResearcherEnv } from './auth.ts';
import { ViewFilterFields } from './filter-fields.tsx';
import { badFields, formatNumber, loadView, sourceLine, viewFilters, viewQuery, type WeightsCache } from './workspace-data.ts';
import { notEstimableText, termNoteText } from './analysis-text.ts';
import { WorkspacePage } from './workspace.tsx';

export const PREDICTOR_SLOTS = 6;
const slot = z.string().max(120).optional();
const querySchema = z.object({
  y: slot,
  ...Object.fromEntries(Array.from({ length: PREDICTOR_SLOTS }, (_, i) => [`x${i + 1}`, slot])),
  ...Object.fromEntries(Array.from({ length: PREDICTOR_SLOTS }, (_, i) => [`a${i + 1}`, z.enum(['getal', 'categorie']).optional()])),
  ...Object.fromEntries(
    Array.from({ length: PREDICTOR_SLOTS }, (_, i) => [
      `r${i + 1}`,
      z
        .string()
        .regex(/^-?\d{0,9}$/)
        .optional(),
    ]),
  ),
});

/** What is wrong with a composed model, in the researcher's language, naming the form's field. */
function choiceText(t: (key: MessageKey, values?: MessageValues) => string, error: ModelChoiceError): string {
  const p = error.problem;
  const reason =
    p.kind === 'no-predictor'
      ? t('ws.models.err.noPredictor')
      : p.kind === 'not-a-category'
        ? t('ws.models.err.notACategory', { variable: p.variable, reference: p.reference, categories: p.categories.join(', ') })
        : t(`ws.models.err.${p.kind === 'not-numeric' ? 'notNumeric' : p.kind === 'twice' ? 'twice' : 'noCategories'}`, {
            variable: p.variable,
          });
  return t('ws.models.error', { field: error.field, reason });
}

function RegressionView({
  catalog,
  lang,
  printed,
  result,
  id,
  levelText,
}: {
  catalog: Catalog;
  lang: Language;
  printed: PrintedRegression;
  result: RegressionResult;
  id: string;
  levelText: (variable: string, level: string) => string;
}) {
  const t = catalog.t.bind(catalog, lang);
  // The engine's reasons are data; they are said here in the page's language (printed holds the CLI's English).
  const reason = result.estimable ? null : notEstimableText(t, result.reason, levelText);
  const noteOf = (i: number): string => {
    const row = result.rows[i];
    return row?.kind === 'term' && row.note !== null ? ` ${termNoteText(t, row.note)}` : '';
  };
  const n3 = (v: number | null): string => (v === null ? '–' : formatNumber(lang, v, 3));
  return (
    <section aria-labelledby={`model-${id}`}>
      <h3 id={`model-${id}`}>
        {id === 'custom' ? '' : `${t('ws.models.table', { id })} `}
        {printed.title} (N = {formatNumber(lang, printed.N)})
      </h3>
      {printed.filter ? <p>{t('ws.models.filter', { filter: printed.filter })}</p> : null}
      {reason !== null ? (
        <p class="errors" role="note">
          {t('ws.models.notEstimable', { reason })}
        </p>
      ) : null}
      <table>
        <thead>
          <tr>
            <th scope="col" />
            <th scope="col" class="num">
              B
            </th>
            <th scope="col" class="num">
              SE
            </th>
            <th scope="col" class="num">
              t
            </th>
            <th scope="col">{t('ws.models.sig')}</th>
          </tr>
        </thead>
        <tbody>
          {printed.rows.map((row, i) =>
            row.header ? (
              <tr>
                <th scope="rowgroup" colspan={5}>
                  {row.label}
                </th>
              </tr>
            ) : (
              <tr>
                <th scope="row">{row.label}</th>
                <td class="num">{n3(row.B)}</td>
                <td class="num">{n3(row.SE)}</td>
                <td class="num">{row.t === null ? '–' : formatNumber(lang, row.t, 2)}</td>
                <td>
                  {row.stars}
                  {/* A model that cannot be estimated says why once, above the table. */}
                  {reason === null ? noteOf(i) : ''}
                </td>
              </tr>
            ),
          )}
        </tbody>
      </table>
      <p>
        {printed.adjR2 === null ? '' : `${t('ws.models.adjR2', { value: formatNumber(lang, printed.adjR2, 3) })} · `}
        {result.estimable ? `F = ${formatNumber(lang, result.F, 2)}, p = ${formatNumber(lang, result.pF, 3)} · ` : ''}
        {t('ws.models.stars')}
      </p>
    </section>
  );
}

export function modelRoutes(deps: AppDeps, datasets: DatasetCache, weights: WeightsCache): Hono<ResearcherEnv> {
  const app = new Hono<ResearcherEnv>();
  const { catalog, study } = deps;
  app.get('/modellen', requireRole('admin', 'researcher'), async (c) => {
    const lang = langOf(c);
    const t = catalog.t.bind(catalog, lang);
    const l = lang === 'nl' ? 'nl' : 'en';
    const session = c.get('session');
    const { filters: asked, problems } = viewFilters(study, c.req.query());
    // OLS here is unweighted, as in the report.
    const filters = { ...asked, weighted: false };
    const parsed = querySchema.safeParse(c.req.query());
    const q = (parsed.success ? parsed.data : {}) as Record<string, string | undefined>;
    if (!parsed.success) problems.push(...badFields(parsed.error.issues, c.req.query()));
    const view = await loadView(datasets, weights, filters);
    const variables = modelVariables(view.data);
    /** A category as the page shows it: its code and, when the variable has one, its label. */
    const levelText = (variable: string, level: string): string => {
      const label = view.data.has(variable) ? view.data.info(variable).values.find((v) => String(v.value) === level)?.label : undefined;
      return label ? `${level} (${textIn(label, l)})` : level;
    };
    const reported = problems.length > 0 ? [] : reportRegressions(study, filters.wave, view.data, view.within);
    const choices: PredictorChoice[] = [];
    for (let i = 1; i <= PREDICTOR_SLOTS; i++) {
      const variable = q[`x${i}`];
      if (!variable) continue;
      const reference = q[`r${i}`];
      choices.push(
        q[`a${i}`] === 'categorie'
          ? { slot: i, variable, as: 'categorical', reference: reference ? Number(reference) : null }
          : { slot: i, variable, as: 'numeric' },
      );
    }
    let custom: { result: RegressionResult; printed: PrintedRegression } | null = null;
    let customError: string | null = null;
    const references = new Map<string, number>();
    if (q['y'] && problems.length === 0) {
      try {
        const model = customModel(view.data, q['y'], choices);
        for (const [k, v] of model.references) references.set(k, v);
        const result = regressionTable(view.data, model.spec, view.within);
        custom = { result, printed: printTable(result, l) as PrintedRegression };
      } catch (error) {
        if (!(error instanceof ModelChoiceError)) throw error;
        customError = choiceText(t, error);
      }
    }
    const extra: Record<string, string | undefined> = { y: q['y'] };
    for (let i = 1; i <= PREDICTOR_SLOTS; i++) for (const k of ['x', 'a', 'r']) extra[`${k}${i}`] = q[`${k}${i}`];
    const query = viewQuery(filters, extra);
    const variableOptions = (selected: string | undefined) => [
      <option value="">{t('ws.models.noVariable')}</option>,
      ...variables.map((v) => (
        <option value={v.name} selected={v.name === selected}>
          {v.name} · {textIn(v.label, l).slice(0, 70)}
        </option>
      )),
    ];
    return c.html(
      await page(
        <WorkspacePage
          catalog={catalog}
          lang={lang}
          page="models"
          title={t('ws.models.title')}
          username={session.user.username}
          role={session.user.role}
          csrf={session.csrfToken}
          here={`/onderzoek/modellen?${query}`}
          synthetic={view.synthetic}
          source={sourceLine(catalog, lang, study, filters, { rows: view.data.rows, weighted: false, synthetic: view.synthetic })}
        >
          <p>{t('ws.models.explain')}</p>
          {problems.length > 0 ? (
            <p class="errors" role="alert">
              {t('ws.query.invalid', { values: problems.join(', ') })}
            </p>
          ) : null}
          <h2>{t('ws.models.custom')}</h2>
          <form method="get" action="/onderzoek/modellen">
            <div class="ws-form">
              <ViewFilterFields catalog={catalog} lang={lang} study={study} filters={filters} weights={false} />
              <p>
                <label for="y">{t('ws.models.outcome')}</label>
                <select id="y" name="y">
                  {variableOptions(q['y'])}
                </select>
              </p>
            </div>
            <table>
              <caption>{t('ws.models.predictors')}</caption>
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">{t('ws.models.variable')}</th>
                  <th scope="col">{t('ws.models.as')}</th>
                  <th scope="col">{t('ws.models.reference')}</th>
                </tr>
              </thead>
              <tbody>
                {Array.from({ length: PREDICTOR_SLOTS }, (_, k) => {
                  const i = k + 1;
                  const chosen = q[`x${i}`];
                  const levels = chosen && view.data.has(chosen) ? view.data.info(chosen).values.filter((v) => !v.missing) : [];
                  return (
                    <tr>
                      <th scope="row">{i}</th>
                      <td>
                        <select name={`x${i}`} aria-label={t('ws.models.slot', { n: i })}>
                          {variableOptions(chosen)}
                        </select>
                      </td>
                      <td>
                        <select name={`a${i}`} aria-label={t('ws.models.slotAs', { n: i })}>
                          <option value="getal" selected={q[`a${i}`] !== 'categorie'}>
                            {t('ws.models.numeric')}
                          </option>
                          <option value="categorie" selected={q[`a${i}`] === 'categorie'}>
                            {t('ws.models.categorical')}
                          </option>
                        </select>
                      </td>
                      <td>
                        {levels.length > 0 ? (
                          <select name={`r${i}`} aria-label={t('ws.models.slotReference', { n: i })}>
                            {levels.map((v) => (
                              <option value={String(v.value)} selected={(references.get(chosen ?? '') ?? Number(q[`r${i}`])) === v.value}>
                                {v.value} · {textIn(v.label, l).slice(0, 40)}
                              </option>
                            ))}
                          </select>
                        ) : (
                          <input
                            type="text"
                            inputmode="numeric"
                            name={`r${i}`}
                            value={q[`r${i}`] ?? ''}
                            size={6}
                            aria-label={t('ws.models.slotReference', { n: i })}
                          />
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            <p>{t('ws.models.referenceHelp')}</p>
            <p>
              <button type="submit" class="primary" style="display:inline-block">
                {t('ws.models.run')}
              </button>
            </p>
          </form>
          {customError ? (
            <p class="errors" role="alert">
              {customError}
            </p>
          ) : null}
          {custom ? (
            <RegressionView
              catalog={catalog}
              lang={lang}
              printed={custom.printed}
              result={custom.result}
              id="custom"
              levelText={levelText}
            />
          ) : null}
          <h2>{t('ws.models.report')}</h2>
          {reported.length === 0 ? <p>{t('ws.models.noneReported')}</p> : null}
          {reported.map((r) => (
            <RegressionView
              catalog={catalog}
              lang={lang}
              printed={printTable(r, l) as PrintedRegression}
              result={r}
              id={r.id}
              levelText={levelText}
            />
          ))}
        </WorkspacePage>,
      ),
      problems.length > 0 || customError ? 400 : 200,
    );
  });
  return app;
}
