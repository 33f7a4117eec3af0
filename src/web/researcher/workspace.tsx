// The frame of every page of the researcher's workspace: one navigation (overview, tables, scales, models,
// export, sessions, audio, channels, accounts) showing only what the account's role may open, the language switch
// (Dutch or English; the choice is remembered, language.ts), the demo-data warning, and the line that says
// where a view's numbers come from. Pages put their content inside.
import type { Child } from 'hono/jsx';
import { raw } from 'hono/html';
import type { Catalog, MessageKey } from '../../i18n/catalog.ts';
import type { Language } from '../../questionnaire/types.ts';
import type { Role } from '../../storage/users.ts';
import { Layout } from '../layout.tsx';

export type WorkspacePageId =
  | 'overview'
  | 'tables'
  | 'scales'
  | 'models'
  | 'export'
  | 'monitor'
  | 'checks'
  | 'recode'
  | 'sessions'
  | 'audio'
  | 'channels'
  | 'qual'
  | 'users';

const PAGES: readonly { id: WorkspacePageId; href: string; key: MessageKey; roles: readonly Role[] }[] = [
  { id: 'overview', href: '/onderzoek', key: 'ws.nav.overview', roles: ['admin', 'researcher'] },
  { id: 'tables', href: '/onderzoek/tabellen', key: 'ws.nav.tables', roles: ['admin', 'researcher'] },
  { id: 'scales', href: '/onderzoek/schalen', key: 'ws.nav.scales', roles: ['admin', 'researcher'] },
  { id: 'models', href: '/onderzoek/modellen', key: 'ws.nav.models', roles: ['admin', 'researcher'] },
  { id: 'export', href: '/onderzoek/export', key: 'ws.nav.export', roles: ['admin', 'researcher'] },
  { id: 'monitor', href: '/onderzoek/monitor', key: 'r.monitor.title', roles: ['admin', 'researcher'] },
  { id: 'checks', href: '/onderzoek/controles', key: 'r.checks.title', roles: ['admin', 'researcher'] },
  { id: 'recode', href: '/onderzoek/hercoderen', key: 'r.recode.title', roles: ['admin', 'researcher'] },
  { id: 'sessions', href: '/onderzoek/sessies', key: 'ws.nav.sessions', roles: ['admin', 'researcher', 'partner'] },
  { id: 'audio', href: '/onderzoek/audio', key: 'ws.nav.audio', roles: ['admin', 'researcher'] },
  { id: 'channels', href: '/onderzoek/kanalen', key: 'ws.nav.channels', roles: ['admin', 'researcher'] },
  { id: 'qual', href: '/onderzoek/kwalitatief', key: 'q.title', roles: ['admin', 'researcher'] },
  { id: 'users', href: '/onderzoek/gebruikers', key: 'r.users.title', roles: ['admin'] },
];

/** The workspace's own layout rules: wider pages for tables, the navigation bar, charts beside tables. */
const WORKSPACE_CSS = `
main{max-width:72rem;overflow-x:auto}
nav.ws-nav ul{list-style:none;display:flex;flex-wrap:wrap;gap:.25rem .9rem;padding:0;margin:.25rem 0 .75rem}
nav.ws-nav a[aria-current=page]{font-weight:700;text-decoration:none;border-bottom:3px solid #0b4ea2}
.ws-langs{display:flex;gap:.75rem;margin:0}
.ws-source{background:#f3f6fa;border-inline-start:4px solid #0b4ea2;padding:.4rem .8rem;margin:.5rem 0 1rem}
.ws-form{display:flex;flex-wrap:wrap;gap:.75rem 1.25rem;align-items:flex-end}
.ws-form p{margin:0}
.ws-form label{display:block;font-weight:600}
.ws-form select{min-height:44px;font:inherit;max-width:28rem}
.ws-form button{display:inline-block}
.ws-check{display:flex;gap:.5rem;align-items:center;min-height:44px}
.ws-check input{width:1.3rem;height:1.3rem}
.ws-result{display:flex;flex-wrap:wrap;gap:1.5rem;align-items:flex-start}
.ws-result figure{margin:1rem 0;max-width:34rem}
.ws-result figure svg{max-width:100%;height:auto}
td.diff{background:#fff3cd;font-weight:700}
.ws-scroll{overflow-x:auto;max-width:100%}
`;

export interface WorkspaceProps {
  readonly catalog: Catalog;
  readonly lang: Language;
  readonly page: WorkspacePageId;
  readonly title: string;
  readonly username: string;
  readonly role: Role;
  readonly csrf: string;
  /** Path and query of this view without ?taal (for the language links). */
  readonly here: string;
  /** Synthetic demo responses are stored: the page says so at the top. */
  readonly synthetic?: boolean;
  /** Where the view's numbers come from (wave, filters, weighted or not). */
  readonly source?: string | undefined;
  readonly children?: Child;
}

const withLang = (here: string, lang: Language): string => `${here}${here.includes('?') ? '&' : '?'}taal=${lang}`;

export function WorkspacePage(props: WorkspaceProps) {
  const { catalog, lang } = props;
  const t = catalog.t.bind(catalog, lang);
  const pages = PAGES.filter((p) => p.roles.includes(props.role));
  return (
    <Layout lang={lang} title={`${props.title} · ${t('r.title')}`}>
      {/* Raw: a constant stylesheet written above, never user input. */}
      <style>{raw(WORKSPACE_CSS)}</style>
      <TopBar title={t('r.title')} username={props.username} csrf={props.csrf} logout={t('r.logout')} />
      <nav class="ws-nav" aria-label={t('ws.nav.label')}>
        <ul>
          {pages.map((p) => (
            <li>
              <a href={p.href} aria-current={p.id === props.page ? 'page' : undefined}>
                {t(p.key)}
              </a>
            </li>
          ))}
        </ul>
        <p class="ws-langs">
          <span>{t('ws.lang.label')}:</span>
          <a href={withLang(props.here, 'nl')} lang="nl" hreflang="nl" aria-current={lang === 'nl' ? 'true' : undefined}>
            Nederlands
          </a>
          <a href={withLang(props.here, 'en')} lang="en" hreflang="en" aria-current={lang === 'en' ? 'true' : undefined}>
            English
          </a>
        </p>
      </nav>
      {props.synthetic ? (
        <p class="errors" role="note">
          <strong>{t('r.demo.banner')}</strong>
        </p>
      ) : null}
      <h1>{props.title}</h1>
      {props.source ? (
        <p class="ws-source">
          <strong>{t('ws.source.label')}:</strong> {props.source}
        </p>
      ) : null}
      {props.children}
    </Layout>
  );
}

/** The bar above every signed-in page: where one is, who, and the logout button (a CSRF-protected post). */
export function TopBar(props: { title: string; username: string; csrf: string; logout: string }) {
  return (
    <div class="topbar">
      <p>
        {props.title} · {props.username}
      </p>
      <form method="post" action="/onderzoek/logout">
        <input type="hidden" name="_csrf" value={props.csrf} />
        <button type="submit" class="secondary">
          {props.logout}
        </button>
      </form>
    </div>
  );
}
