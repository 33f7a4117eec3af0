// Accounts, for admins: add an account, disable or enable one, set a new password (which ends every
// session of that account). Every change is audited. The same operations exist on the command line
// (`perspectief users`, src/cli/users.ts).
import { Hono, type Context } from 'hono';
import type { Catalog, MessageKey } from '../../i18n/catalog.ts';
import type { Language } from '../../questionnaire/types.ts';
import {
  audit,
  createUser,
  findUserByName,
  isRole,
  listUsers,
  ROLES,
  setDisabled,
  setPassword,
  type Role,
  type UserListing,
} from '../../storage/users.ts';
import type { AppDeps } from '../context.ts';
import { Layout, page } from '../layout.tsx';
import { langOf, sameToken, type ResearcherEnv } from './auth.ts';
import { field, readFormBody } from './form-body.ts';
import { hashPassword, passwordProblem } from './password.ts';

/** User names: 2 to 64 letters, digits, dots, dashes and underscores (the same rule as `users add`). */
export const USERNAME = /^[A-Za-z0-9._-]{2,64}$/;

const ROLE_KEY: Readonly<Record<Role, MessageKey>> = {
  admin: 'r.role.admin',
  researcher: 'r.role.researcher',
  qualitative: 'r.role.qualitative',
  partner: 'r.role.partner',
};

interface PageProps {
  readonly catalog: Catalog;
  readonly lang: Language;
  readonly csrf: string;
  readonly users: readonly UserListing[];
  readonly self: number;
  readonly error?: MessageKey | undefined;
}

function UsersPage({ catalog, lang, csrf, users, self, error }: PageProps) {
  const t = catalog.t.bind(catalog, lang);
  const date = new Intl.DateTimeFormat(lang === 'nl' ? 'nl-NL' : lang, { dateStyle: 'medium', timeZone: 'Europe/Amsterdam' });
  return (
    <Layout lang={lang} title={`${t('r.users.title')} · ${t('r.title')}`}>
      <p>
        <a href="/onderzoek">{t('r.title')}</a>
      </p>
      <h1>{t('r.users.title')}</h1>
      <p>{t('r.users.explain')}</p>
      {error ? (
        <p class="errors" role="alert">
          {t(error)}
        </p>
      ) : null}
      <table>
        <thead>
          <tr>
            <th>{t('r.users.name')}</th>
            <th>{t('r.users.role')}</th>
            <th>{t('r.users.status')}</th>
            <th>{t('r.users.passwordChanged')}</th>
            <th>{t('r.users.newPassword')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr>
              <td>{u.username}</td>
              <td>{t(ROLE_KEY[u.role])}</td>
              <td>{t(u.disabled ? 'r.users.disabled' : 'r.users.active')}</td>
              <td>{date.format(u.passwordChangedAt)}</td>
              <td>
                <form method="post" action={`/onderzoek/gebruikers/${u.id}/wachtwoord`}>
                  <input type="hidden" name="_csrf" value={csrf} />
                  <input
                    type="password"
                    name="password"
                    autocomplete="new-password"
                    minlength={12}
                    aria-label={`${t('r.users.newPassword')}: ${u.username}`}
                    required
                  />
                  <button type="submit" class="secondary">
                    {t('r.users.setPassword')}
                  </button>
                </form>
              </td>
              <td>
                {u.id === self ? null : (
                  <form method="post" action={`/onderzoek/gebruikers/${u.id}/status`}>
                    <input type="hidden" name="_csrf" value={csrf} />
                    <input type="hidden" name="disabled" value={u.disabled ? '0' : '1'} />
                    <button
                      type="submit"
                      class="secondary"
                      aria-label={`${t(u.disabled ? 'r.users.enable' : 'r.users.disable')}: ${u.username}`}
                    >
                      {t(u.disabled ? 'r.users.enable' : 'r.users.disable')}
                    </button>
                  </form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t('r.users.add')}</h2>
      <form method="post" action="/onderzoek/gebruikers">
        <input type="hidden" name="_csrf" value={csrf} />
        <p>
          <label for="username">{t('r.users.name')}</label>
          <input type="text" id="username" name="username" autocomplete="off" maxlength={64} required />
        </p>
        <p>
          <label for="role">{t('r.users.role')}</label>{' '}
          <select id="role" name="role">
            {ROLES.map((r) => (
              <option value={r} selected={r === 'researcher'}>
                {t(ROLE_KEY[r])}
              </option>
            ))}
          </select>
        </p>
        <p>
          <label for="password">{t('r.users.password')}</label>
          <input type="password" id="password" name="password" autocomplete="new-password" minlength={12} required />
        </p>
        <div class="nav">
          <button type="submit" class="primary">
            {t('r.users.add')}
          </button>
        </div>
      </form>
    </Layout>
  );
}

const PROBLEM_KEY = {
  tooShort: 'r.password.tooShort',
  tooLong: 'r.password.tooLong',
  oneCharacter: 'r.password.oneCharacter',
  sameAsName: 'r.password.sameAsName',
  common: 'r.password.common',
} as const satisfies Record<NonNullable<ReturnType<typeof passwordProblem>>, MessageKey>;

/** Mounted at /onderzoek/gebruikers behind requireRole('admin'). */
export function userRoutes(deps: AppDeps): Hono<ResearcherEnv> {
  const app = new Hono<ResearcherEnv>();
  const { db, catalog } = deps;

  const render = async (c: Context<ResearcherEnv>, error?: MessageKey) => {
    const session = c.get('session');
    const view = (
      <UsersPage
        catalog={catalog}
        lang={langOf(c)}
        csrf={session.csrfToken}
        users={await listUsers(db)}
        self={session.user.id}
        error={error}
      />
    );
    return c.html(await page(view), error ? 422 : 200);
  };

  /** The post's fields when its CSRF token is right; otherwise the answer to give. */
  const posted = async (c: Context<ResearcherEnv>) => {
    const body = await readFormBody(c);
    if (!body) return c.text(catalog.t(langOf(c), 'error.badRequest'), 400);
    if (!sameToken(body['_csrf'], c.get('session').csrfToken)) return c.text(catalog.t(langOf(c), 'r.csrf'), 403);
    return body;
  };

  const userOf = async (c: Context<ResearcherEnv>) => {
    const id = Number(c.req.param('id'));
    return (await listUsers(db)).find((u) => u.id === id) ?? null;
  };

  app.get('/', (c) => render(c));

  app.post('/', async (c) => {
    const body = await posted(c);
    if (body instanceof Response) return body;
    const username = field(body, 'username').trim();
    const role = field(body, 'role');
    const password = field(body, 'password');
    if (!USERNAME.test(username)) return render(c, 'r.users.invalidName');
    if (!isRole(role)) return c.text(catalog.t(langOf(c), 'error.badRequest'), 400);
    const problem = passwordProblem(password, username);
    if (problem) return render(c, PROBLEM_KEY[problem]);
    if (await findUserByName(db, username)) return render(c, 'r.users.exists');
    const user = await createUser(db, { username, role, passwordHash: await hashPassword(password) });
    await audit(db, { userId: c.get('session').user.id, action: 'user-added', detail: { user: username, role } });
    return c.redirect(`/onderzoek/gebruikers#u${user.id}`, 303);
  });

  app.post('/:id{[0-9]+}/wachtwoord', async (c) => {
    const body = await posted(c);
    if (body instanceof Response) return body;
    const user = await userOf(c);
    if (!user) return c.notFound();
    const password = field(body, 'password');
    const problem = passwordProblem(password, user.username);
    if (problem) return render(c, PROBLEM_KEY[problem]);
    await setPassword(db, user.id, await hashPassword(password));
    await audit(db, { userId: c.get('session').user.id, action: 'password-changed', detail: { user: user.username } });
    // An admin who changed their own password ended their own session too: to the login page.
    return c.redirect(user.id === c.get('session').user.id ? '/onderzoek/login' : '/onderzoek/gebruikers', 303);
  });

  app.post('/:id{[0-9]+}/status', async (c) => {
    const body = await posted(c);
    if (body instanceof Response) return body;
    const user = await userOf(c);
    if (!user) return c.notFound();
    if (user.id === c.get('session').user.id) return render(c, 'r.users.self');
    const disabled = field(body, 'disabled') === '1';
    await setDisabled(db, user.id, disabled);
    await audit(db, {
      userId: c.get('session').user.id,
      action: disabled ? 'user-disabled' : 'user-enabled',
      detail: { user: user.username },
    });
    return c.redirect('/onderzoek/gebruikers', 303);
  });

  return app;
}
