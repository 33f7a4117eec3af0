// The researcher workspace under /onderzoek: login, response counts, frequency tables and the CSV export.
// Every form post carries a CSRF token; every export is written to the audit log.
import { Hono, type Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { column } from '../../analysis/dataset.ts';
import { loadDataset } from '../../analysis/load.ts';
import { countSynthetic } from '../../analysis/synthetic.ts';
import { datasetToCsv } from '../../report/csv.ts';
import { csvDownloadName } from '../../report/synthetic-readme.ts';
import { frequencyTable } from '../../stats/index.ts';
import { countDemoResponses, countResponses } from '../../storage/responses.ts';
import { listQuestionnaires } from '../../storage/studies.ts';
import { audit, createSession, deleteSession, findUserByName } from '../../storage/users.ts';
import type { AppDeps } from '../context.ts';
import { page } from '../layout.tsx';
import { textOf } from '../respondent/views.tsx';
import {
  clearSessionCookie,
  langOf,
  loginCsrfToken,
  LOGIN_CSRF_COOKIE,
  requireRole,
  requireSession,
  sameToken,
  SESSION_COOKIE,
  SESSION_TTL_MS,
  setSessionCookie,
  type ResearcherEnv,
} from './auth.ts';
import { verifyPassword } from './password.ts';
import { audioAdminRoutes } from './audio.tsx';
import { qualRoutes } from './qual.tsx';
import { channelRoutes } from './channels.tsx';
import { sessionRoutes } from './sessions.tsx';
import { LoginPage, OverviewPage, type FrequencyView } from './views.tsx';

const formValue = (body: Record<string, unknown>, name: string): string => (typeof body[name] === 'string' ? (body[name] as string) : '');

export function researcherRoutes(deps: AppDeps): Hono<ResearcherEnv> {
  const app = new Hono<ResearcherEnv>();
  const { catalog, db, secureCookies } = deps;

  const csrfFailure = async (c: Context) => c.text(catalog.t(langOf(c), 'r.csrf'), 403);

  app.get('/login', async (c) =>
    c.html(await page(<LoginPage catalog={catalog} lang={langOf(c)} csrf={loginCsrfToken(c, secureCookies)} />)),
  );

  app.post('/login', async (c) => {
    const body = await c.req.parseBody();
    const expected = getCookie(c, LOGIN_CSRF_COOKIE);
    if (!expected || !sameToken(body['_csrf'], expected)) return csrfFailure(c);
    const user = await findUserByName(db, formValue(body, 'username').slice(0, 200));
    const ok = user ? await verifyPassword(formValue(body, 'password').slice(0, 1000), user.passwordHash) : false;
    if (!user || !ok) {
      await audit(db, { userId: null, action: 'login-failed', detail: {} });
      return c.html(await page(<LoginPage catalog={catalog} lang={langOf(c)} csrf={expected} failed />), 401);
    }
    const { secret } = await createSession(db, user.id, SESSION_TTL_MS);
    setSessionCookie(c, secret, secureCookies);
    await audit(db, { userId: user.id, action: 'login', detail: {} });
    return c.redirect(user.role === 'partner' ? '/onderzoek/sessies' : '/onderzoek', 303);
  });

  app.use('*', requireSession(db));

  app.post('/logout', async (c) => {
    const body = await c.req.parseBody();
    if (!sameToken(body['_csrf'], c.get('session').csrfToken)) return csrfFailure(c);
    const secret = getCookie(c, SESSION_COOKIE);
    if (secret) await deleteSession(db, secret);
    clearSessionCookie(c, secureCookies);
    return c.redirect('/onderzoek/login', 303);
  });

  // The qualitative role reaches only the qualitative pages, never survey responses (issue 17).
  app.get('/', async (c, next) => (c.get('session').user.role === 'qualitative' ? c.redirect('/onderzoek/kwalitatief', 303) : next()));
  const research = requireRole('admin', 'researcher');

  app.get('/', research, async (c) => {
    const lang = langOf(c);
    const session = c.get('session');
    const questionnaires = (await listQuestionnaires(db)).map((q) => q.definition);
    const selected = c.req.query('vraag');
    let frequency: FrequencyView | undefined;
    const match = selected ? /^([^@]+)@(\d+):(.+)$/.exec(selected) : null;
    if (match) {
      const q = questionnaires.find((d) => d.id === match[1] && d.version === Number(match[2]));
      const item = q?.pages.flatMap((p) => p.items).find((i) => i.id === match[3]);
      if (q && item && (item.kind === 'single' || item.kind === 'scale')) {
        const dataset = await loadDataset(db, { questionnaire: q.id });
        const values = column(dataset, item.id) as (number | null)[];
        const table = frequencyTable(values, { levels: item.options.map((o) => o.code) });
        const labels = new Map<number | string, string>(item.options.map((o) => [o.code, textOf(o.text, lang)]));
        frequency = { questionnaire: q, itemId: item.id, question: textOf(item.text, lang), table, labels };
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
        />,
      ),
    );
  });

  app.route('/sessies', sessionRoutes(deps));
  app.use('/kanalen/*', requireRole('admin', 'researcher'));
  app.use('/kanalen', requireRole('admin', 'researcher'));
  app.route('/kanalen', channelRoutes(deps));
  app.route('/kwalitatief', qualRoutes(deps));
  app.use('/audio/*', research);
  app.use('/audio', research);
  app.route('/audio', audioAdminRoutes(deps));

  app.get('/export.csv', requireRole('admin', 'researcher'), async (c) => {
    const session = c.get('session');
    const dataset = await loadDataset(db);
    const synthetic = countSynthetic(dataset);
    await audit(db, {
      userId: session.user.id,
      action: 'export',
      detail: { format: 'csv', rows: dataset.rows.length, synthetic: synthetic.synthetic },
    });
    c.header('Content-Type', 'text/csv; charset=utf-8');
    // A download with demo responses says so in its name, wherever the file ends up.
    c.header('Content-Disposition', `attachment; filename="${csvDownloadName(synthetic)}"`);
    if (synthetic.synthetic > 0)
      c.header('X-Perspectief-Synthetic', `${synthetic.synthetic} of ${synthetic.total} responses are synthetic demo data`);
    c.header('Cache-Control', 'no-store');
    return c.body(datasetToCsv(dataset));
  });

  return app;
}
