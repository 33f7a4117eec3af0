// /onderzoek/schalen: for each composite scale of the study, its items, Cronbach's alpha per group, and per
// group alpha if an item is deleted, item-rest correlations and the inter-item correlations (stats
// reliability on the complete cases, analysis/explore-scales.ts). A GET form: the view is in the address.
import { Hono } from 'hono';
import { z } from 'zod';
import type { DatasetCache } from '../../analysis/cache.ts';
import { breakdownColumns, type BreakdownId } from '../../analysis/explore-breakdowns.ts';
import { scaleReliabilities, type ScaleReliability } from '../../analysis/explore-scales.ts';
import type { Catalog } from '../../i18n/catalog.ts';
import type { Language } from '../../questionnaire/types.ts';
import { textIn } from '../../report/tables-json.ts';
import type { AppDeps } from '../context.ts';
import { page } from '../layout.tsx';
import { langOf, requireRole, type ResearcherEnv } from './auth.ts';
import { breakdownKey } from './explore-page.tsx';
import { ViewFilterFields } from './filter-fields.tsx';
import { formatNumber, loadView, sourceLine, viewFilters, viewQuery, type WeightsCache } from './workspace-data.ts';
import { WorkspacePage } from './workspace.tsx';

/** Groups a scale can be looked at by (one wave; the wave comparison is the explorer's). */
const GROUPINGS = [
  'none',
  'type',
  'route',
  'gender',
  'cohort',
  'age',
  'municipalityType',
  'language',
  'recruitment',
  'questionnaire',
] as const satisfies readonly BreakdownId[];
type Grouping = (typeof GROUPINGS)[number];
const querySchema = z.object({ groep: z.enum(GROUPINGS).optional() });

const r2 = (lang: Language, v: number | undefined): string => (v === undefined || !Number.isFinite(v) ? '–' : formatNumber(lang, v, 2));

function ScaleSection({ catalog, lang, s }: { catalog: Catalog; lang: Language; s: ScaleReliability }) {
  const t = catalog.t.bind(catalog, lang);
  const l = lang === 'nl' ? 'nl' : 'en';
  const id = `scale-${s.scale.id}`;
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>
        {textIn(s.scale.label, l)} ({s.scale.id})
      </h2>
      <p>
        {t('ws.scales.items', { count: s.items.length })}:{' '}
        {s.items.map((i) => `${i.name}${i.reversed ? ` (${t('ws.scales.reversed')})` : ''}`).join(', ')}
        {s.scale.reportedAlpha !== undefined ? ` · ${t('ws.scales.reported', { alpha: r2(lang, s.scale.reportedAlpha) })}` : ''}
      </p>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('ws.scales.group')}</th>
            <th scope="col" class="num">
              {t('ws.scales.n')}
            </th>
            <th scope="col" class="num">
              {t('ws.scales.alpha')}
            </th>
            <th scope="col" class="num">
              {t('ws.scales.meanR')}
            </th>
          </tr>
        </thead>
        <tbody>
          {s.groups.map((g) => (
            <tr>
              <th scope="row">{textIn(g.label, l)}</th>
              <td class="num">{formatNumber(lang, g.n)}</td>
              <td class="num">{g.result ? r2(lang, g.result.alpha) : t('ws.scales.tooFew')}</td>
              <td class="num">{g.result ? r2(lang, g.result.meanInterItemCorrelation) : '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {s.groups.map((g) =>
        g.result ? (
          <details>
            <summary>{t('ws.scales.details', { group: textIn(g.label, l) })}</summary>
            <table>
              <caption>{t('ws.scales.itemTable', { group: textIn(g.label, l) })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('ws.scales.item')}</th>
                  <th scope="col" class="num">
                    {t('ws.scales.alphaIfDeleted')}
                  </th>
                  <th scope="col" class="num">
                    {t('ws.scales.itemRest')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {s.items.map((item, i) => (
                  <tr>
                    <th scope="row">
                      {item.name} · {textIn(item.label, l).slice(0, 80)}
                    </th>
                    <td class="num">{r2(lang, g.result?.alphaIfDeleted[i])}</td>
                    <td class="num">{r2(lang, g.result?.itemRestCorrelation[i])}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <div class="ws-scroll">
              <table>
                <caption>{t('ws.scales.interItem', { group: textIn(g.label, l) })}</caption>
                <thead>
                  <tr>
                    <td />
                    {s.items.map((item) => (
                      <th scope="col" class="num">
                        {item.name}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {s.items.map((item, i) => (
                    <tr>
                      <th scope="row">{item.name}</th>
                      {s.items.map((_, j) => (
                        <td class="num">{r2(lang, g.result?.interItemCorrelations[i]?.[j])}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        ) : null,
      )}
    </section>
  );
}

export function scaleRoutes(deps: AppDeps, datasets: DatasetCache, weights: WeightsCache): Hono<ResearcherEnv> {
  const app = new Hono<ResearcherEnv>();
  const { catalog, study } = deps;
  app.get('/schalen', requireRole('admin', 'researcher'), async (c) => {
    const lang = langOf(c);
    const t = catalog.t.bind(catalog, lang);
    const session = c.get('session');
    const { filters: asked, problems } = viewFilters(study, c.req.query());
    // Reliability takes no weights (as SPSS RELIABILITY): the view is unweighted whatever the address says.
    const filters = { ...asked, weighted: false };
    const parsed = querySchema.safeParse(c.req.query());
    const grouping: Grouping = parsed.success ? (parsed.data.groep ?? 'type') : 'type';
    if (!parsed.success) problems.push(`groep=${c.req.query('groep') ?? ''}`);
    const view = await loadView(datasets, weights, filters);
    const source = { wave: filters.wave, data: view.data, weights: null, within: view.within };
    const groups = grouping === 'none' ? [] : breakdownColumns(grouping, [source], { registered: new Set(), letters: new Set() });
    const results = scaleReliabilities(view.data, study.scales ?? [], view.within, groups, {
      nl: { text: 'Totaal', status: 'source' },
      en: { text: 'Total', status: 'source' },
    });
    const query = viewQuery(filters, { groep: grouping });
    return c.html(
      await page(
        <WorkspacePage
          catalog={catalog}
          lang={lang}
          page="scales"
          title={t('ws.scales.title')}
          username={session.user.username}
          role={session.user.role}
          csrf={session.csrfToken}
          here={`/onderzoek/schalen?${query}`}
          synthetic={view.synthetic}
          source={sourceLine(catalog, lang, study, filters, { rows: view.data.rows, weighted: false, synthetic: view.synthetic })}
        >
          <p>{t('ws.scales.explain')}</p>
          {problems.length > 0 ? (
            <p class="errors" role="alert">
              {t('ws.query.invalid', { values: problems.join(', ') })}
            </p>
          ) : null}
          <form method="get" action="/onderzoek/schalen" class="ws-form">
            <ViewFilterFields catalog={catalog} lang={lang} study={study} filters={filters} weights={false} />
            <p>
              <label for="groep">{t('ws.scales.by')}</label>
              <select id="groep" name="groep">
                {GROUPINGS.map((g) => (
                  <option value={g} selected={g === grouping}>
                    {t(breakdownKey(g))}
                  </option>
                ))}
              </select>
            </p>
            <p>
              <button type="submit" class="primary">
                {t('ws.scales.show')}
              </button>
            </p>
          </form>
          {problems.length > 0 ? null : results.length === 0 ? (
            <p>{t('ws.scales.none')}</p>
          ) : (
            results.map((s) => <ScaleSection catalog={catalog} lang={lang} s={s} />)
          )}
        </WorkspacePage>,
      ),
      problems.length > 0 ? 400 : 200,
    );
  });
  return app;
}
