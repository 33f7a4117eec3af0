// /onderzoek/tabellen: the tables explorer and the downloads of its views (.csv, .xlsx, .svg, .png with the
// view's query string). Each download is made from the same computed view as the page; each is audited.
import { PassThrough } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import { Hono, type Context } from 'hono';
import type { DatasetCache } from '../../analysis/cache.ts';
import type { ChannelContext } from '../../analysis/explore-breakdowns.ts';
import { DEFAULT_LETTER_CHANNEL } from '../../fieldwork/invitations.ts';
import type { Language } from '../../questionnaire/types.ts';
import { tableSheet } from '../../report/table-sheets.ts';
import { textIn } from '../../report/tables-json.ts';
import { writeTablesXlsx, type ReportTableModel } from '../../report/xlsx-tables.ts';
import { neutralizeFormula } from '../../report/spreadsheet-safety.ts';
import { listChannels } from '../../storage/channels.ts';
import { audit } from '../../storage/users.ts';
import type { AppDeps } from '../context.ts';
import { page } from '../layout.tsx';
import { langOf, requireRole, type ResearcherEnv } from './auth.ts';
import { chromiumPath, PrinterUnavailable } from '../../fieldwork/pdf.ts';
import { exploreChart, chartPng } from './explore-chart.ts';
import { breakdownKey, ExploreContent, percentText, testText } from './explore-page.tsx';
import { exploreView, viewTitle, type ExploreView } from './explore-view.ts';
import { formatNumber, type WeightsCache } from './workspace-data.ts';
import { WorkspacePage } from './workspace.tsx';

async function channelContext(deps: AppDeps): Promise<ChannelContext> {
  const channels = await listChannels(deps.db);
  return {
    registered: new Set(channels.map((c) => c.slug)),
    letters: new Set([DEFAULT_LETTER_CHANNEL]),
    municipalities: new Map(channels.map((c) => [c.slug, c.municipality])),
  };
}

/** The notes every download of a view carries: its source, its test, synthetic data. */
function notesOf(deps: AppDeps, view: ExploreView, lang: Language): string[] {
  const t = deps.catalog.t.bind(deps.catalog, lang);
  return [
    `${t('ws.source.label')}: ${view.source}`,
    ...(view.result ? [testText(t, lang, view.result.test)] : []),
    ...(view.synthetic ? [t('r.demo.banner')] : []),
  ];
}

/** The view as a worksheet model, as the report would print it. */
function sheetOf(deps: AppDeps, view: ExploreView, lang: Language, title: string): ReportTableModel | null {
  const notes = notesOf(deps, view, lang);
  const l = lang === 'nl' ? 'nl' : 'en';
  if (view.printed) return { ...tableSheet(view.item ?? '', view.printed, notes), title };
  if (view.result?.kind === 'mean') {
    const t = deps.catalog.t.bind(deps.catalog, lang);
    return {
      id: view.item ?? '',
      title,
      unit: 'number',
      decimals: 2,
      columns: view.result.columns.map((c) => ({ label: textIn(c.label, l), N: c.n })),
      rows: [
        { label: t('ws.mean.mean'), cells: view.result.columns.map((c) => c.mean) },
        { label: t('ws.mean.sd'), cells: view.result.columns.map((c) => c.sd) },
      ],
      notes,
    };
  }
  return null;
}

/** The view's table as CSV text (UTF-8 with BOM), percentages as printed; labels made formula-safe. */
function csvOf(deps: AppDeps, view: ExploreView, lang: Language, title: string): string {
  const t = deps.catalog.t.bind(deps.catalog, lang);
  const l = lang === 'nl' ? 'nl' : 'en';
  const safe = (s: string): string => neutralizeFormula(s);
  const records: string[][] = [[safe(title)]];
  if (view.printed) {
    const p = view.printed;
    records.push(['', ...p.columns.map((c) => safe(c.label))]);
    for (const row of p.rows) records.push([safe(row.label), ...row.values.map((v) => percentText(lang, v))]);
    records.push(['N', ...p.columns.map((c) => String(c.N))]);
    if (view.result?.kind !== 'mean' && view.result?.effectiveN)
      records.push([t('ws.table.effectiveN'), ...view.result.effectiveN.map((n) => n.toFixed(0))]);
  } else if (view.result?.kind === 'mean') {
    const r = view.result;
    records.push(['', ...r.columns.map((c) => safe(textIn(c.label, l)))]);
    records.push([t('ws.mean.mean'), ...r.columns.map((c) => (c.mean === null ? '' : formatNumber(lang, c.mean, 2)))]);
    records.push([t('ws.mean.sd'), ...r.columns.map((c) => (c.sd === null ? '' : formatNumber(lang, c.sd, 2)))]);
    records.push(['N', ...r.columns.map((c) => String(c.n))]);
  }
  records.push([]);
  for (const note of notesOf(deps, view, lang)) records.push([safe(note)]);
  return `\ufeff${stringify(records, { record_delimiter: '\r\n' })}`;
}

const fileName = (view: ExploreView, ext: string): string =>
  `${view.synthetic ? 'SYNTHETISCH-' : ''}tabel-${view.filters.wave.key}-${(view.item ?? 'leeg').replace(/[^A-Za-z0-9_.-]/g, '_')}-${view.breakdown}.${ext}`;

export function exploreRoutes(deps: AppDeps, datasets: DatasetCache, weights: WeightsCache): Hono<ResearcherEnv> {
  const app = new Hono<ResearcherEnv>();
  const { catalog, study } = deps;
  // Per route, not app.use('*'): this router is mounted at the workspace's root beside other pages.
  const research = requireRole('admin', 'researcher');

  const compute = async (c: Context<ResearcherEnv>) => {
    const lang = langOf(c);
    const view = await exploreView({ study, catalog, datasets, weights }, c.req.query(), lang, await channelContext(deps));
    const title = viewTitle(view, lang, catalog.t(lang, breakdownKey(view.breakdown)));
    return { lang, view, title };
  };

  app.get('/tabellen', research, async (c) => {
    const { lang, view, title } = await compute(c);
    const session = c.get('session');
    const chart = await exploreChart(view.result, view.item, lang);
    return c.html(
      await page(
        <WorkspacePage
          catalog={catalog}
          lang={lang}
          page="tables"
          title={catalog.t(lang, 'ws.tables.title')}
          username={session.user.username}
          role={session.user.role}
          csrf={session.csrfToken}
          here={`/onderzoek/tabellen?${view.query}`}
          synthetic={view.synthetic}
          source={view.source}
        >
          <ExploreContent catalog={catalog} lang={lang} study={study} view={view} title={title} chart={chart} />
        </WorkspacePage>,
      ),
      view.problems.length > 0 ? 400 : 200,
    );
  });

  const downloaded = async (c: Context<ResearcherEnv>, view: ExploreView, format: string) =>
    audit(deps.db, {
      userId: c.get('session').user.id,
      action: 'export',
      detail: {
        format: `table-${format}`,
        view: view.query,
        rows: view.printed?.N ?? (view.result?.kind === 'mean' ? view.result.columns.reduce((s, col) => s + col.n, 0) : 0),
        synthetic: view.synthetic,
      },
    });

  /** A download of a view that cannot be made: 400 naming the fields at fault, or asking for an item. */
  const refused = (c: Context, lang: Language, view: ExploreView) =>
    c.text(
      view.problems.length > 0
        ? catalog.t(lang, 'ws.query.invalid', { values: view.problems.join(', ') })
        : catalog.t(lang, 'ws.tables.choose'),
      400,
    );

  const attach = (c: Context, name: string, type: string, synthetic: boolean): void => {
    c.header('Content-Type', type);
    c.header('Content-Disposition', `attachment; filename="${name}"`);
    if (synthetic) c.header('X-Perspectief-Synthetic', 'this table counts synthetic demo responses');
  };

  app.get('/tabellen.csv', research, async (c) => {
    const { lang, view, title } = await compute(c);
    if (!view.result) return refused(c, lang, view);
    await downloaded(c, view, 'csv');
    attach(c, fileName(view, 'csv'), 'text/csv; charset=utf-8', view.synthetic);
    return c.body(csvOf(deps, view, lang, title));
  });

  app.get('/tabellen.xlsx', research, async (c) => {
    const { lang, view, title } = await compute(c);
    const sheet = sheetOf(deps, view, lang, title);
    if (!sheet) return refused(c, lang, view);
    await downloaded(c, view, 'xlsx');
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (chunk: Buffer) => chunks.push(chunk));
    await writeTablesXlsx([sheet], out, { lang });
    attach(c, fileName(view, 'xlsx'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', view.synthetic);
    return c.body(new Uint8Array(Buffer.concat(chunks)));
  });

  app.get('/tabellen.svg', research, async (c) => {
    const { lang, view } = await compute(c);
    if (!view.result) return refused(c, lang, view);
    const chart = await exploreChart(view.result, view.item, lang);
    if (!chart) return c.text(catalog.t(lang, 'ws.tables.noChart'), 404);
    await downloaded(c, view, 'svg');
    attach(c, fileName(view, 'svg'), 'image/svg+xml; charset=utf-8', view.synthetic);
    return c.body(chart);
  });

  app.get('/tabellen.png', research, async (c) => {
    const { lang, view } = await compute(c);
    if (!view.result) return refused(c, lang, view);
    const chart = await exploreChart(view.result, view.item, lang);
    if (!chart) return c.text(catalog.t(lang, 'ws.tables.noChart'), 404);
    let png: Buffer;
    try {
      png = await chartPng(chart, deps.fieldwork?.chromium ?? chromiumPath(process.env));
    } catch (error) {
      if (!(error instanceof PrinterUnavailable)) throw error;
      return c.text(catalog.t(lang, 'ws.tables.noPng', { reason: error.message }), 503);
    }
    await downloaded(c, view, 'png');
    attach(c, fileName(view, 'png'), 'image/png', view.synthetic);
    return c.body(new Uint8Array(png));
  });

  return app;
}
