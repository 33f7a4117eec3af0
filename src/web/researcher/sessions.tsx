// Group sessions for facilitators: open one, show its code, watch how many started and finished. Never
// an answer. No automatic refresh (WCAG 2.2.1): a link reloads the counts.
import { Hono, type Context } from 'hono';
import { createGroupSession, listGroupSessions, type GroupSession } from '../../storage/group-sessions.ts';
import { audit } from '../../storage/users.ts';
import type { Language } from '../../questionnaire/types.ts';
import type { Catalog } from '../../i18n/catalog.ts';
import type { AppDeps } from '../context.ts';
import { Layout, page } from '../layout.tsx';
import { langOf, sameToken, type ResearcherEnv } from './auth.ts';
import { readFormBody } from './form-body.ts';

interface Row extends GroupSession {
  readonly started: number;
  readonly completed: number;
}

function SessionsPage({
  catalog,
  lang,
  csrf,
  sessions,
  invalid,
  now,
}: {
  catalog: Catalog;
  lang: Language;
  csrf: string;
  sessions: readonly Row[];
  invalid?: boolean;
  now: Date;
}) {
  const t = catalog.t.bind(catalog, lang);
  const time = new Intl.DateTimeFormat(lang === 'nl' ? 'nl-NL' : lang, {
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Europe/Amsterdam',
  });
  return (
    <Layout lang={lang} title={t('r.sessions.title')}>
      <p>
        <a href="/onderzoek">{t('r.title')}</a>
      </p>
      <h1>{t('r.sessions.title')}</h1>
      <p>
        <a href="/onderzoek/sessies">{t('r.sessions.refresh')}</a>
      </p>
      <p>{t('r.sessions.explain')}</p>
      {invalid ? (
        <p class="errors" role="alert">
          {t('r.sessions.invalid')}
        </p>
      ) : null}
      <form method="post" action="/onderzoek/sessies">
        <input type="hidden" name="_csrf" value={csrf} />
        <p>
          <label for="label">{t('r.sessions.label')}</label>
          <input type="text" id="label" name="label" maxlength={80} required />
        </p>
        <p>
          <label for="hours">{t('r.sessions.hours')}</label>
          <input type="text" inputmode="numeric" class="number" id="hours" name="hours" value="3" />
        </p>
        <div class="nav">
          <button type="submit" class="primary">
            {t('r.sessions.create')}
          </button>
        </div>
      </form>
      {sessions.length === 0 ? (
        <p>{t('r.sessions.none')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>{t('r.sessions.label')}</th>
              <th>{t('r.sessions.code')}</th>
              <th class="num">{t('r.sessions.started')}</th>
              <th class="num">{t('r.sessions.completed')}</th>
              <th>{t('r.sessions.closes')}</th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((s) => (
              <tr>
                <td>{s.label}</td>
                <td>
                  <strong class="code" dir="ltr" style="font-size:1.6rem;letter-spacing:.15em">
                    {s.closesAt > now ? s.code : '—'}
                  </strong>
                </td>
                <td class="num">{s.started}</td>
                <td class="num">{s.completed}</td>
                <td>{time.format(s.closesAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}

export function sessionRoutes(deps: AppDeps): Hono<ResearcherEnv> {
  const app = new Hono<ResearcherEnv>();
  const { db, catalog } = deps;
  const wave = deps.study.waves.at(-1)!;
  // Partners see their own sessions; the research team sees all.
  const ownerFilter = (c: Context<ResearcherEnv>) => (c.get('session').user.role === 'partner' ? c.get('session').user.id : null);

  const render = async (c: Context<ResearcherEnv>, invalid = false) => {
    const sessions = await listGroupSessions(db, ownerFilter(c));
    const view = (
      <SessionsPage
        catalog={catalog}
        lang={langOf(c)}
        csrf={c.get('session').csrfToken}
        sessions={sessions}
        invalid={invalid}
        now={new Date()}
      />
    );
    return c.html(await page(view), invalid ? 422 : 200);
  };

  app.get('/', (c) => render(c));

  app.post('/', async (c) => {
    const body = await readFormBody(c);
    if (!body) return c.text(catalog.t(langOf(c), 'error.badRequest'), 400);
    const session = c.get('session');
    if (!sameToken(body['_csrf'], session.csrfToken)) return c.text(catalog.t(langOf(c), 'r.csrf'), 403);
    const label = typeof body['label'] === 'string' ? body['label'].trim() : '';
    const hours = Number(typeof body['hours'] === 'string' ? body['hours'].trim() : '');
    if (label === '' || label.length > 80 || !Number.isInteger(hours) || hours < 1 || hours > 12) return render(c, true);
    const created = await createGroupSession(db, { waveId: wave.id, label, createdBy: session.user.id, hours });
    await audit(db, { userId: session.user.id, action: 'group-session-opened', detail: { id: created.id } });
    return c.redirect('/onderzoek/sessies', 303);
  });

  return app;
}
