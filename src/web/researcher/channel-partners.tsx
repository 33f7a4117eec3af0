// Which partner accounts see a channel's counts (/onderzoek/kanalen/NAME/partners, issue 16, item 5): the
// research team ties a partner account to a channel, or unties it; the partner view (partner.tsx) shows a
// partner only the channels tied here. Only accounts with the partner role can be tied. Posts carry the CSRF
// token and are audited; a bad name comes back on the page (422) naming the field and the name.
import { Hono, type Context } from 'hono';
import type { Catalog, MessageKey } from '../../i18n/catalog.ts';
import type { Language } from '../../questionnaire/types.ts';
import { addChannelPartner, findChannel, partnersOfChannel, removeChannelPartner, type Channel } from '../../storage/channels.ts';
import { audit, findUserByName } from '../../storage/users.ts';
import type { AppDeps } from '../context.ts';
import { Layout, page } from '../layout.tsx';
import { langOf, sameToken, type ResearcherEnv } from './auth.ts';
import { type Problem } from './fieldwork-common.tsx';
import { field, readFormBody } from './form-body.ts';

function PartnersPage(props: {
  catalog: Catalog;
  lang: Language;
  csrf: string;
  channel: Channel;
  partners: readonly { id: number; username: string }[];
  problem?: Problem | undefined;
  typed?: string;
}) {
  const { catalog, lang, channel } = props;
  const t = catalog.t.bind(catalog, lang);
  const here = `/onderzoek/kanalen/${channel.slug}/partners`;
  return (
    <Layout lang={lang} title={t('r.partner.accounts.title', { channel: channel.name })}>
      <p>
        <a href={`/onderzoek/kanalen/${channel.slug}`}>{channel.name}</a>
      </p>
      <h1>{t('r.partner.accounts.title', { channel: channel.name })}</h1>
      <p>{t('r.partner.accounts.explain')}</p>
      {props.problem ? (
        <p class="errors" role="alert" id="partner-error">
          {t(props.problem.key, props.problem.values)}
        </p>
      ) : null}
      {props.partners.length === 0 ? (
        <p>{t('r.partner.accounts.none')}</p>
      ) : (
        <ul>
          {props.partners.map((p) => (
            <li>
              <form method="post" action={here}>
                <input type="hidden" name="_csrf" value={props.csrf} />
                <input type="hidden" name="username" value={p.username} />
                {p.username}{' '}
                <button type="submit" name="action" value="unlink" class="secondary" style="display:inline-block">
                  {t('r.partner.accounts.unlink', { name: p.username })}
                </button>
              </form>
            </li>
          ))}
        </ul>
      )}
      <form method="post" action={here}>
        <input type="hidden" name="_csrf" value={props.csrf} />
        <p>
          <label for="partner-username">{t('r.partner.accounts.username')}</label>
          <input
            type="text"
            id="partner-username"
            name="username"
            value={props.typed ?? ''}
            required
            maxlength={64}
            autocomplete="off"
            {...(props.problem ? { 'aria-invalid': 'true', 'aria-describedby': 'partner-error' } : {})}
          />
        </p>
        <button type="submit" name="action" value="link" class="primary">
          {t('r.partner.accounts.link')}
        </button>
      </form>
    </Layout>
  );
}

/** Routes under /onderzoek/kanalen (the caller limits them to the research team). */
export function channelPartnerRoutes(deps: AppDeps): Hono<ResearcherEnv> {
  const app = new Hono<ResearcherEnv>();
  const { db, catalog } = deps;

  const show = async (c: Context<ResearcherEnv>, channel: Channel, problem?: Problem, typed?: string) => {
    const view = (
      <PartnersPage
        catalog={catalog}
        lang={langOf(c)}
        csrf={c.get('session').csrfToken}
        channel={channel}
        partners={await partnersOfChannel(db, channel.id)}
        problem={problem}
        {...(typed !== undefined ? { typed } : {})}
      />
    );
    return c.html(await page(view), problem ? 422 : 200);
  };

  app.get('/:slug/partners', async (c) => {
    const channel = await findChannel(db, c.req.param('slug'));
    return channel ? show(c, channel) : c.notFound();
  });

  app.post('/:slug/partners', async (c) => {
    const body = await readFormBody(c);
    if (!body) return c.text(catalog.t(langOf(c), 'error.badRequest'), 400);
    const session = c.get('session');
    if (!sameToken(body['_csrf'], session.csrfToken)) return c.text(catalog.t(langOf(c), 'r.csrf'), 403);
    const channel = await findChannel(db, c.req.param('slug'));
    if (!channel) return c.notFound();
    const action = field(body, 'action');
    const username = field(body, 'username').trim();
    if (action !== 'link' && action !== 'unlink') return show(c, channel, { key: 'r.partner.accounts.problem.action' }, username);
    if (username === '') return show(c, channel, { key: 'r.partner.accounts.problem.empty' }, username);
    const user = await findUserByName(db, username);
    if (!user) return show(c, channel, { key: 'r.partner.accounts.problem.unknown', values: { name: username } }, username);
    if (action === 'link') {
      if (user.role !== 'partner')
        return show(
          c,
          channel,
          {
            key: 'r.partner.accounts.problem.role',
            values: { name: username, role: catalog.t(langOf(c), `r.role.${user.role}` as MessageKey) },
          },
          username,
        );
      await addChannelPartner(db, channel.id, user.id);
    } else if (!(await removeChannelPartner(db, channel.id, user.id)))
      return show(c, channel, { key: 'r.partner.accounts.problem.notLinked', values: { name: username } }, username);
    await audit(db, {
      userId: session.user.id,
      action: action === 'link' ? 'channel-partner-added' : 'channel-partner-removed',
      detail: { channel: channel.slug, partner: username },
    });
    return c.redirect(`/onderzoek/kanalen/${channel.slug}/partners`, 303);
  });

  return app;
}
