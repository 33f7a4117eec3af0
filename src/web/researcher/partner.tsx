// The partner view (/onderzoek/partner, issue 16, item 5): a partner account sees its own channels' completed
// responses per day and group, every count under 10 shown as "<10" and whatever would give one away hidden
// (fieldwork/suppress.ts). Never a response, never another partner's channel, never an unsuppressed count.
// Only the partner role comes here; the research team has the monitor.
import { Hono } from 'hono';
import type { DatasetCache } from '../../analysis/cache.ts';
import type { Catalog, MessageKey } from '../../i18n/catalog.ts';
import { partnerChannels, type PartnerChannel } from '../../fieldwork/partner.ts';
import { cellText, SMALL_CELL } from '../../fieldwork/suppress.ts';
import type { Language } from '../../questionnaire/types.ts';
import { channelsOfPartner } from '../../storage/channels.ts';
import type { AppDeps } from '../context.ts';
import { Layout, page } from '../layout.tsx';
import { langOf, requireRole, type ResearcherEnv } from './auth.ts';
import { Scroll, waveOf } from './fieldwork-common.tsx';
import { TopBar } from './workspace.tsx';

function ChannelTable({ channel, t }: { channel: PartnerChannel; t: (k: MessageKey, v?: Record<string, string | number>) => string }) {
  const { table } = channel;
  return (
    <section>
      <h2>{channel.name}</h2>
      <p>
        {t(`channel.kind.${channel.kind}` as MessageKey)} · {channel.municipality}
      </p>
      {channel.days.length === 0 ? (
        <p>{t('r.partner.none')}</p>
      ) : (
        <Scroll>
          <table>
            <thead>
              <tr>
                <th>{t('r.monitor.date')}</th>
                {channel.groups.map((g) => (
                  <th class="num">{g}</th>
                ))}
                <th class="num">{t('r.freq.total')}</th>
              </tr>
            </thead>
            <tbody>
              {channel.days.map((day, r) => (
                <tr>
                  <td dir="ltr">{day}</td>
                  {(table.cells[r] ?? []).map((cell) => (
                    <td class="num">{cellText(cell)}</td>
                  ))}
                  <td class="num">{cellText(table.rowTotals[r] ?? { kind: 'hidden' })}</td>
                </tr>
              ))}
              <tr>
                <th>{t('r.freq.total')}</th>
                {table.columnTotals.map((cell) => (
                  <td class="num">
                    <strong>{cellText(cell)}</strong>
                  </td>
                ))}
                <td class="num">
                  <strong>{cellText(table.total)}</strong>
                </td>
              </tr>
            </tbody>
          </table>
        </Scroll>
      )}
    </section>
  );
}

function PartnerPage(props: { catalog: Catalog; lang: Language; username: string; csrf: string; channels: readonly PartnerChannel[] }) {
  const t = props.catalog.t.bind(props.catalog, props.lang);
  return (
    <Layout lang={props.lang} title={t('r.partner.title')}>
      <TopBar title={t('r.partner.title')} username={props.username} csrf={props.csrf} logout={t('r.logout')} />
      <h1>{t('r.partner.title')}</h1>
      <p>{t('r.partner.explain', { small: SMALL_CELL })}</p>
      <p>
        <a href="/onderzoek/sessies">{t('r.sessions.link')}</a>
      </p>
      {props.channels.length === 0 ? (
        <p>{t('r.partner.noChannels')}</p>
      ) : (
        props.channels.map((channel) => <ChannelTable channel={channel} t={t} />)
      )}
    </Layout>
  );
}

export function partnerRoutes(deps: AppDeps, datasets: DatasetCache): Hono<ResearcherEnv> {
  const app = new Hono<ResearcherEnv>();
  app.use('*', requireRole('partner'));
  app.get('/', async (c) => {
    const session = c.get('session');
    const lang = langOf(c);
    const wave = waveOf(deps.study, undefined);
    const own = await channelsOfPartner(deps.db, session.user.id);
    const channels =
      wave && own.length > 0
        ? partnerChannels(deps.study, wave, await datasets.get(wave, 'all'), own, deps.catalog.t(lang, 'r.partner.unknown'))
        : [];
    const view = (
      <PartnerPage catalog={deps.catalog} lang={lang} username={session.user.username} csrf={session.csrfToken} channels={channels} />
    );
    return c.html(await page(view));
  });
  return app;
}
