// Pages of the qualitative workspace (/onderzoek/kwalitatief): overview with Tables 2.7 and 2.8 and the
// summary boxes, the participant register and the sessions. Plain forms that work without JavaScript;
// every text through the catalogue; every post carries the session's CSRF token.
import type { Child } from 'hono/jsx';
import type { Catalog, MessageKey } from '../../i18n/catalog.ts';
import type { Language } from '../../questionnaire/types.ts';
import type { Participant, ParticipantTable, Session, SummaryBox, TranscriptInfo } from '../../qual/index.ts';
import { Layout } from '../layout.tsx';

export const BASE = '/onderzoek/kwalitatief';

export interface PageBase {
  readonly catalog: Catalog;
  readonly lang: Language;
  readonly csrf: string;
  readonly synthetic: boolean;
}

export const tr = (p: PageBase) => (key: MessageKey, values?: Record<string, string | number>) => p.catalog.t(p.lang, key, values);

/** The frame of every qualitative page: navigation, the synthetic-data notice, the title. */
export function QualFrame(props: PageBase & { title: string; children?: Child }) {
  const t = tr(props);
  const q = props.lang === 'nl' ? '' : `?taal=${props.lang}`;
  return (
    <Layout lang={props.lang} title={`${props.title} · ${t('q.title')}`}>
      <nav aria-label={t('q.title')}>
        <p>
          <a href={`${BASE}${q}`}>{t('q.title')}</a> · <a href={`${BASE}/deelnemers${q}`}>{t('q.nav.register')}</a> ·{' '}
          <a href={`${BASE}/sessies${q}`}>{t('q.nav.sessions')}</a> · <a href={`${BASE}/patronen${q}`}>{t('q.nav.patterns')}</a> ·{' '}
          <a href={`${BASE}/citaten${q}`}>{t('q.nav.quotes')}</a>
        </p>
      </nav>
      {props.synthetic ? (
        <p class="errors" role="note">
          <strong>{t('q.synthetic')}</strong>
        </p>
      ) : null}
      <h1>{props.title}</h1>
      {props.children}
    </Layout>
  );
}

export function TableView({ table }: { table: ParticipantTable }) {
  return (
    <table>
      <caption>
        Tabel {table.id} {table.title}
      </caption>
      <thead>
        <tr>
          <th></th>
          {table.columns.map((c) => (
            <th class="num">{c}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {table.rows.map((r) =>
          r.group && r.cells.length === 0 ? (
            <tr>
              <th colspan={table.columns.length + 1}>{r.label}</th>
            </tr>
          ) : (
            <tr>
              <th>{r.label}</th>
              {r.cells.map((c) => (
                <td class="num">{c}</td>
              ))}
            </tr>
          ),
        )}
      </tbody>
      {table.footnotes.length > 0 ? (
        <tfoot>
          {table.footnotes.map((f) => (
            <tr>
              <td colspan={table.columns.length + 1}>{f}</td>
            </tr>
          ))}
        </tfoot>
      ) : null}
    </table>
  );
}

export function OverviewPage(props: PageBase & { tables: readonly ParticipantTable[]; boxes: readonly SummaryBox[] }) {
  const t = tr(props);
  return (
    <QualFrame {...props} title={t('q.title')}>
      <h2>{t('q.tables.title')}</h2>
      {props.tables.map((table) => (
        <TableView table={table} />
      ))}
      <h2>{t('q.boxes.title')}</h2>
      {props.boxes.map((b) => (
        <section>
          <h3>
            {b.label} {b.title} ({t('q.section', { section: b.reportSection })})
          </h3>
          <ul>
            {b.items.map((i) => (
              <li>
                {i.heading ? <strong>{i.heading}: </strong> : null}
                {i.text}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </QualFrame>
  );
}

const KIND_KEY = { 'expert-pool': 'q.kind.expert-pool', 'peer-to-peer': 'q.kind.peer-to-peer', 'in-depth': 'q.kind.in-depth' } as const;

export function ParticipantsPage(props: PageBase & { participants: readonly Participant[]; error?: string | undefined }) {
  const t = tr(props);
  const field = (name: string, label: MessageKey, input: Child) => (
    <p>
      <label for={name}>{t(label)}</label>
      {input}
    </p>
  );
  const select = (name: string, options: readonly string[], optional = true) => (
    <select id={name} name={name}>
      {optional ? <option value="">–</option> : null}
      {options.map((o) => (
        <option value={o}>{o}</option>
      ))}
    </select>
  );
  return (
    <QualFrame {...props} title={t('q.nav.register')}>
      <p>{t('q.participants.explain')}</p>
      {props.error ? (
        <p class="errors" role="alert">
          {t('q.invalid', { reason: props.error })}
        </p>
      ) : null}
      <table>
        <thead>
          <tr>
            {(
              [
                'q.col.code',
                'q.col.kind',
                'q.col.pool',
                'q.col.migrant',
                'q.col.gender',
                'q.col.age',
                'q.col.country',
                'q.col.route',
                'q.col.municipality',
                'q.col.language',
                'q.col.consent',
              ] as const
            ).map((k) => (
              <th>{t(k)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.participants.map((p) => (
            <tr>
              <td>{p.code}</td>
              <td>{t(KIND_KEY[p.kind])}</td>
              <td>{p.pool ?? ''}</td>
              <td>{p.migrantType}</td>
              <td>{p.gender ?? ''}</td>
              <td class="num">{p.age ?? ''}</td>
              <td>{p.country ?? ''}</td>
              <td>{p.learningRoute ?? ''}</td>
              <td>{p.municipality ?? ''}</td>
              <td>{p.language ?? ''}</td>
              <td>{p.consentWithdrawnAt ? t('q.consent.withdrawn') : (p.consentDate ?? '')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t('q.participants.add')}</h2>
      <form method="post" action={`${BASE}/deelnemers`}>
        <input type="hidden" name="_csrf" value={props.csrf} />
        {field('code', 'q.col.code', <input type="text" id="code" name="code" required maxlength={40} />)}
        {field('kind', 'q.col.kind', select('kind', ['expert-pool', 'peer-to-peer', 'in-depth'], false))}
        {field('pool', 'q.col.pool', select('pool', ['onderwijs-b1', 'z-route', 'gezin', 'mb']))}
        {field('migrantType', 'q.col.migrant', select('migrantType', ['asiel', 'gezin'], false))}
        {field('gender', 'q.col.gender', select('gender', ['man', 'vrouw']))}
        {field('age', 'q.col.age', <input type="text" inputmode="numeric" class="number" id="age" name="age" />)}
        {field('learningRoute', 'q.col.route', select('learningRoute', ['onderwijs', 'b1', 'z']))}
        {field('country', 'q.col.country', <input type="text" id="country" name="country" maxlength={60} />)}
        {field('municipality', 'q.col.municipality', <input type="text" id="municipality" name="municipality" maxlength={80} />)}
        {field('language', 'q.col.language', <input type="text" id="language" name="language" maxlength={3} />)}
        {field('consentDate', 'q.col.consent', <input type="date" id="consentDate" name="consentDate" />)}
        <div class="nav">
          <button type="submit" class="primary">
            {t('q.participants.add')}
          </button>
        </div>
      </form>
    </QualFrame>
  );
}

export function SessionsPage(
  props: PageBase & {
    sessions: readonly (Session & { participants: number })[];
    transcripts: readonly TranscriptInfo[];
    error?: string | undefined;
  },
) {
  const t = tr(props);
  const withTranscripts = props.sessions.filter((s) => s.kind !== 'peer-interview');
  return (
    <QualFrame {...props} title={t('q.nav.sessions')}>
      {props.error ? (
        <p class="errors" role="alert">
          {t('q.transcript.refused', { reason: props.error })}
        </p>
      ) : null}
      <h2>{t('q.transcript.upload')}</h2>
      <form method="post" action={`${BASE}/sessies/transcript`} enctype="multipart/form-data">
        <input type="hidden" name="_csrf" value={props.csrf} />
        <p>
          <label for="session">{t('q.transcript.session')}</label>
          <select id="session" name="session">
            {withTranscripts.map((s) => (
              <option value={s.code}>{s.code}</option>
            ))}
          </select>
        </p>
        <p>
          <label for="file">{t('q.transcript.file')}</label>
          <input type="file" id="file" name="file" accept=".txt,.vtt,.srt,.docx" required />
        </p>
        <p>
          <label for="speakers">{t('q.transcript.speakers')}</label>
          <textarea id="speakers" name="speakers" rows={3}></textarea>
        </p>
        <div class="nav">
          <button type="submit" class="primary">
            {t('q.transcript.submit')}
          </button>
        </div>
      </form>
      <table>
        <thead>
          <tr>
            <th>{t('q.col.code')}</th>
            <th>{t('q.col.date')}</th>
            <th class="num">{t('q.col.participants')}</th>
            <th>{t('q.col.transcripts')}</th>
            <th>{t('q.col.notes')}</th>
          </tr>
        </thead>
        <tbody>
          {props.sessions.map((s) => (
            <tr>
              <td>{s.code}</td>
              <td>{s.heldOn ?? ''}</td>
              <td class="num">{s.participants}</td>
              <td>
                {props.transcripts
                  .filter((x) => x.sessionId === s.id)
                  .map((x) => (
                    <a href={`${BASE}/transcript/${x.id}`}>{x.source} </a>
                  ))}
              </td>
              <td>{s.notes}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </QualFrame>
  );
}
