// Pages of the channel register: the list with the form to add one, and one channel with its link, QR code,
// materials and messages. Every label comes from the catalogues; the messages from the study's materials.json.
import type { Catalog, MessageKey } from '../../i18n/catalog.ts';
import { LANGUAGE_NAMES } from '../../i18n/catalog.ts';
import type { ChannelField } from '../../fieldwork/channels.ts';
import type { PublicBase } from '../../fieldwork/links.ts';
import { LANGUAGES, type Language } from '../../questionnaire/types.ts';
import { CHANNEL_KINDS, type Channel, type ChannelKind } from '../../storage/channels.ts';
import { Layout } from '../layout.tsx';

export interface ChannelForm {
  readonly name: string;
  readonly kind: string;
  readonly municipality: string;
  readonly slug: string;
}

const kindKey = (kind: ChannelKind): MessageKey => `channel.kind.${kind}` as MessageKey;

function BaseWarning({ catalog, lang, base }: { catalog: Catalog; lang: Language; base: PublicBase }) {
  return base.configured ? null : (
    <p class="errors" role="alert">
      {catalog.t(lang, 'r.channels.baseWarning', { url: base.url })}
    </p>
  );
}

export function ChannelsPage(props: {
  catalog: Catalog;
  lang: Language;
  csrf: string;
  channels: readonly (Channel & { link: string })[];
  base: PublicBase;
  form?: ChannelForm | undefined;
  errors: readonly ChannelField[];
  taken: boolean;
}) {
  const { catalog, lang, form, errors } = props;
  const t = catalog.t.bind(catalog, lang);
  const error = (field: ChannelField) =>
    errors.includes(field) ? (
      <p class="error" id={`${field}-error`}>
        {field === 'slug' && props.taken ? t('r.channels.error.taken') : t(`r.channels.error.${field}` as MessageKey)}
      </p>
    ) : null;
  const described = (field: ChannelField) =>
    errors.includes(field) ? { 'aria-describedby': `${field}-error`, 'aria-invalid': 'true' } : {};
  return (
    <Layout lang={lang} title={t('r.channels.title')}>
      <p>
        <a href="/onderzoek">{t('r.title')}</a>
      </p>
      <h1>{t('r.channels.title')}</h1>
      <p>{t('r.channels.explain')}</p>
      <BaseWarning catalog={catalog} lang={lang} base={props.base} />
      {props.channels.length === 0 ? (
        <p>{t('r.channels.none')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>{t('r.channels.name')}</th>
              <th>{t('r.channels.kind')}</th>
              <th>{t('r.channels.municipality')}</th>
              <th>{t('r.channels.link')}</th>
            </tr>
          </thead>
          <tbody>
            {props.channels.map((ch) => (
              <tr>
                <td>
                  <a href={`/onderzoek/kanalen/${ch.slug}`}>{ch.name}</a>
                </td>
                <td>{t(kindKey(ch.kind))}</td>
                <td>{ch.municipality}</td>
                <td dir="ltr">
                  <code>{ch.link}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>{t('r.channels.add')}</h2>
      {errors.length > 0 ? (
        <p class="errors" role="alert">
          {t('r.channels.invalid')}
        </p>
      ) : null}
      <form method="post" action="/onderzoek/kanalen">
        <input type="hidden" name="_csrf" value={props.csrf} />
        <p>
          <label for="name">{t('r.channels.name')}</label>
          <input type="text" id="name" name="name" maxlength={120} required value={form?.name ?? ''} {...described('name')} />
          {error('name')}
        </p>
        <p>
          <label for="kind">{t('r.channels.kind')}</label>
          <select id="kind" name="kind" {...described('kind')}>
            {CHANNEL_KINDS.map((kind) => (
              <option value={kind} selected={form?.kind === kind}>
                {t(kindKey(kind))}
              </option>
            ))}
          </select>
          {error('kind')}
        </p>
        <p>
          <label for="municipality">{t('r.channels.municipality')}</label>
          <input
            type="text"
            id="municipality"
            name="municipality"
            maxlength={80}
            required
            value={form?.municipality ?? ''}
            {...described('municipality')}
          />
          {error('municipality')}
        </p>
        <p>
          <label for="slug">{t('r.channels.slug')}</label>
          <input
            type="text"
            id="slug"
            name="slug"
            maxlength={40}
            pattern="[a-z0-9][a-z0-9\-]{0,39}"
            dir="ltr"
            value={form?.slug ?? ''}
            {...described('slug')}
          />
          {error('slug')}
        </p>
        <div class="nav">
          <button type="submit" class="primary">
            {t('r.channels.add')}
          </button>
        </div>
      </form>
    </Layout>
  );
}

export function ChannelPage(props: {
  catalog: Catalog;
  lang: Language;
  channel: Channel;
  link: string;
  base: PublicBase;
  messages: Readonly<Record<Language, string>>;
}) {
  const { catalog, lang, channel } = props;
  const t = catalog.t.bind(catalog, lang);
  const here = `/onderzoek/kanalen/${channel.slug}`;
  return (
    <Layout lang={lang} title={`${t('r.channels.title')}: ${channel.name}`}>
      <p>
        <a href="/onderzoek/kanalen">{t('r.channels.back')}</a>
      </p>
      <h1>{channel.name}</h1>
      <p>
        {t(kindKey(channel.kind))} · {channel.municipality} · <code dir="ltr">{channel.slug}</code>
      </p>
      <p>
        <a href={`${here}/partners`}>{t('r.partner.accounts.manage')}</a>
      </p>
      <BaseWarning catalog={catalog} lang={lang} base={props.base} />
      <h2>{t('r.channels.link')}</h2>
      <p dir="ltr">
        <code>{props.link}</code>
      </p>
      <p>
        <img src={`${here}/qr.svg`} alt={t('r.channels.qrAlt', { link: props.link })} width={200} height={200} />
      </p>
      <h2>{t('r.channels.downloads')}</h2>
      <ul>
        <li>
          <a href={`${here}/qr.svg`}>{t('r.channels.qrSvg')}</a>, <a href={`${here}/qr.png`}>{t('r.channels.qrPng')}</a>
        </li>
        <li>
          <a href={`${here}/flyer.pdf`}>{t('r.channels.flyerPdf')}</a> · <a href={`${here}/flyer.html`}>{t('r.channels.printable')}</a>
        </li>
        {LANGUAGES.map((l) => (
          <li>
            <a href={`${here}/gids.pdf?taal=${l}`}>{t('r.channels.guidePdf', { language: LANGUAGE_NAMES[l] })}</a> ·{' '}
            <a href={`${here}/gids.html?taal=${l}`}>{t('r.channels.printable')}</a>
          </li>
        ))}
      </ul>
      <p>{t('r.channels.pdfNote')}</p>
      <h2>{t('r.channels.messages')}</h2>
      <p>{t('r.channels.messagesExplain')}</p>
      {LANGUAGES.map((l) => (
        <section lang={l} dir={l === 'ar' ? 'rtl' : 'ltr'}>
          <h3>{LANGUAGE_NAMES[l]}</h3>
          <p>
            <textarea readonly rows={4} aria-label={LANGUAGE_NAMES[l]}>
              {props.messages[l]}
            </textarea>
          </p>
          <p>
            <a href={`https://wa.me/?text=${encodeURIComponent(props.messages[l])}`} rel="noopener noreferrer">
              {catalog.t(lang, 'r.channels.whatsapp')}
            </a>
          </p>
        </section>
      ))}
    </Layout>
  );
}
