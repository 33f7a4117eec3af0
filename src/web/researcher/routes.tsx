// The researcher workspace under /onderzoek: login, response counts, frequency tables and the CSV export.
// Every form post carries a CSRF token; every export is written to the audit log.
import { Hono } from 'hono';
import { DatasetCache } from '../../analysis/cache.ts';
import { questionnaireMask } from '../../analysis/conditions.ts';
import { loadDataset } from '../../analysis/load.ts';
import { countSynthetic } from '../../analysis/synthetic.ts';
import { frequencyTables } from '../../analysis/tables-frequency.ts';
import { buildDataExport } from '../../report/data-export.ts';
import { csvDownloadName } from '../../report/synthetic-readme.ts';
import { printTable, type PrintedFrequency } from '../../report/tables-json.ts';
import { countDemoResponses, countResponses } from '../../storage/responses.ts';
import { listQuestionnaires } from '../../storage/studies.ts';
import { audit } from '../../storage/users.ts';
import type { AppDeps } from '../context.ts';
import { page } from '../layout.tsx';
import { textOf } from '../respondent/views.tsx';
import { langOf, requireRole, requireSession, type ResearcherEnv } from './auth.ts';
import { audioAdminRoutes } from './audio.tsx';
import { loginRoutes, logoutHandler } from './login.tsx';
import { qualRoutes } from './qual.tsx';
import { channelPartnerRoutes } from './channel-partners.tsx';
import { channelRoutes } from './channels.tsx';
import { fieldworkRoutes } from './fieldwork.tsx';
import { partnerRoutes } from './partner.tsx';
import { sessionRoutes } from './sessions.tsx';
import { exploreRoutes } from './explore-routes.tsx';
import { exportRoutes } from './export-page.tsx';
import { rememberLanguage } from './language.ts';
import { modelRoutes } from './models.tsx';
import { scaleRoutes } from './scales.tsx';
import { WeightsCache } from './workspace-data.ts';
import { userRoutes } from './users.tsx';
import { OverviewPage, type FrequencyView } from './views.tsx';

export function researcherRoutes(deps: AppDeps): Hono<ResearcherEnv> {
  const app = new Hono<ResearcherEnv>();
  const { catalog, db } = deps;
  // Each wave's dataset, kept in memory and brought up to date before every view (analysis/cache.ts).
  const datasets = new DatasetCache(db, deps.study);
  // Raking weights of each cached dataset, recomputed only when its rows change.
  const weights = new WeightsCache();
  // A ?taal= on any workspace address is remembered for the next pages (language.ts).
  app.use('*', rememberLanguage(deps.secureCookies));

  // Login and logout (login.tsx): throttled, audited, with constant work for unknown names.
  app.route('/', loginRoutes(deps));
  app.use('*', requireSession(db, deps.secureCookies, deps.clock));
  app.post('/logout', logoutHandler(deps));

  // The qualitative role reaches only the qualitative pages, never survey responses (issue 17).
  app.get('/', async (c, next) => (c.get('session').user.role === 'qualitative' ? c.redirect('/onderzoek/kwalitatief', 303) : next()));
  const research = requireRole('admin', 'researcher');

  app.get('/', research, async (c) => {
    const lang = langOf(c);
    const session = c.get('session');
    const stored = await listQuestionnaires(db);
    const questionnaires = stored.map((q) => q.definition);
    const selected = c.req.query('vraag');
    let frequency: FrequencyView | undefined;
    const match = selected ? /^([^@]+)@(\d+):(.+)$/.exec(selected) : null;
    if (match) {
      const found = stored.find((s) => s.definition.id === match[1] && s.definition.version === Number(match[2]));
      const q = found?.definition;
      const item = q?.pages.flatMap((p) => p.items).find((i) => i.id === match[3]);
      const wave = deps.study.waves.find((w) => w.id === found?.waveId);
      if (q && item && wave && (item.kind === 'single' || item.kind === 'scale')) {
        // The same path as every report table: the wave's dataset, the questionnaire version as the filter.
        const data = await datasets.get(wave);
        const versions = data.numbers('questionnaire_version');
        const within = questionnaireMask([q.id], data).map((keep, i) => (keep === 1 && versions[i] === q.version ? 1 : 0));
        const [result] = frequencyTables(
          data,
          [
            {
              kind: 'frequency',
              id: item.id,
              title: item.text,
              section: null,
              where: null,
              whereText: null,
              note: null,
              item: item.id,
              rows: null,
              breakdown: {
                id: null,
                label: item.text,
                columns: [{ label: { nl: { text: q.id, status: 'source' } }, where: null, whereText: null }],
              },
            },
          ],
          within,
          null,
        );
        if (result) {
          const counts = result.rows.map((r) => r.count[0] ?? 0);
          frequency = {
            questionnaire: q,
            wave: wave.id,
            itemId: item.id,
            question: textOf(item.text, lang),
            printed: printTable(result, lang === 'nl' ? 'nl' : 'en') as PrintedFrequency,
            counts,
            result,
          };
        }
      }
    }
    const counts = await countResponses(db);
    return c.html(
      await page(
        <OverviewPage
          catalog={catalog}
          lang={lang}
          username={session.user.username}
          csrf={session.csrfToken}
          counts={counts}
          questionnaires={questionnaires}
          frequency={frequency}
          selected={selected}
          demoResponses={await countDemoResponses(db)}
          role={session.user.role}
        />,
      ),
    );
  });

  // The analysis views and the data export (issue 15); each route checks the role itself.
  app.route('/', exploreRoutes(deps, datasets, weights));
  app.route('/', scaleRoutes(deps, datasets, weights));
  app.route('/', modelRoutes(deps, datasets, weights));
  app.route('/', exportRoutes(deps, datasets));
  app.route('/sessies', sessionRoutes(deps));
  app.use('/gebruikers/*', requireRole('admin'));
  app.use('/gebruikers', requireRole('admin'));
  app.route('/gebruikers', userRoutes(deps));
  app.use('/kanalen/*', requireRole('admin', 'researcher'));
  app.use('/kanalen', requireRole('admin', 'researcher'));
  app.route('/kanalen', channelRoutes(deps));
  app.route('/kanalen', channelPartnerRoutes(deps));
  app.route('/kwalitatief', qualRoutes(deps));
  // Fieldwork (issue 16): the monitor, the data checks and the recoding queue for the research team
  // (fieldwork.tsx checks the role on each path), and the partner view of a partner's own channels.
  app.route('/', fieldworkRoutes(deps, datasets));
  app.route('/partner', partnerRoutes(deps, datasets));
  app.use('/audio/*', research);
  app.use('/audio', research);
  app.route('/audio', audioAdminRoutes(deps));

  app.get('/export.csv', requireRole('admin', 'researcher'), async (c) => {
    const session = c.get('session');
    const { data: dataset } = await loadDataset(db, deps.study, deps.study.waves);
    const synthetic = countSynthetic(dataset);
    // A download with demo responses says so in its name, wherever the file ends up.
    const file = csvDownloadName(synthetic);
    // The overview's quick download: the export page's CSV (codes, missing codes empty, every wave, completed
    // responses), written by the same writer as every export.
    const waves = deps.study.waves.map((w) => w.id);
    const csv = await buildDataExport(dataset, {
      format: 'csv',
      values: 'codes',
      missing: 'empty',
      raw: false,
      lang: 'nl',
      rows: null,
      filters: { waves, questionnaire: null, channel: null, completedOnly: true },
      study: deps.study.id,
      dataFile: file,
      codebookFile: file.replace(/\.csv$/, '.codebook.json'),
      madeBy: `${session.user.username} (workspace /onderzoek/export.csv)`,
      madeAt: new Date(),
    });
    await audit(db, {
      userId: session.user.id,
      action: 'export',
      detail: { format: 'csv', rows: csv.rows, waves, completedOnly: true, synthetic: synthetic.synthetic },
    });
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="${file}"`);
    if (synthetic.synthetic > 0)
      c.header('X-Perspectief-Synthetic', `${synthetic.synthetic} of ${synthetic.total} completed responses are synthetic demo data`);
    c.header('Cache-Control', 'no-store');
    return c.body(new Uint8Array(csv.data));
  });

  return app;
}
