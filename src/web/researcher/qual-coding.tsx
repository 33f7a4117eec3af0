// Pages of the qualitative workspace for coding: a transcript with its turns and codings (a form per turn:
// pick a pattern, paste the words, no JavaScript needed) and the agreement between coders; the codebook
// with its member checks; quotes with filters, both texts and their review status, and exports.
import type { Code, MemberCheck, PatternAgreement, QuoteView, Turn } from '../../qual/index.ts';
import { BASE, QualFrame, tr, type PageBase } from './qual-views.tsx';

const fmt3 = (x: number) => (Number.isNaN(x) ? '–' : x.toFixed(3));

type TreeCode = Code & { depth: number };

const PatternSelect = ({ codes, name, id, empty }: { codes: readonly TreeCode[]; name: string; id: string; empty?: string }) => (
  <select name={name} id={id}>
    {empty !== undefined ? <option value="">{empty}</option> : null}
    {codes.map((c) => (
      <option value={String(c.id)}>{`${'· '.repeat(c.depth)}${c.name}`}</option>
    ))}
  </select>
);

export function TranscriptPage(
  props: PageBase & {
    transcript: { id: number; source: string; turns: readonly Turn[] };
    session: string;
    codings: readonly { id: number; turnId: number; coder: string; start: number; end: number; codeName: string }[];
    codes: readonly TreeCode[];
    agreement: { coders: string[]; patterns: PatternAgreement[] };
    error?: string | undefined;
  },
) {
  const t = tr(props);
  return (
    <QualFrame {...props} title={t('q.transcript.title', { source: props.transcript.source })}>
      <p>{props.session}</p>
      {props.error ? (
        <p class="errors" role="alert">
          {t('q.invalid', { reason: props.error })}
        </p>
      ) : null}
      <h2>{t('q.agreement.title')}</h2>
      {props.agreement.patterns.length === 0 ? (
        <p>{t('q.agreement.none')}</p>
      ) : (
        <table>
          <caption>{props.agreement.coders.join(' · ')}</caption>
          <thead>
            <tr>
              <th>{t('q.turn.pattern')}</th>
              <th class="num">{t('q.col.kappa')}</th>
              <th class="num">{t('q.col.alpha')}</th>
            </tr>
          </thead>
          <tbody>
            {props.agreement.patterns.map((p) => (
              <tr>
                <td>{p.name}</td>
                <td class="num">{fmt3(p.kappa)}</td>
                <td class="num">{fmt3(p.alpha)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {props.transcript.turns.map((turn) => (
        <section id={`beurt-${turn.id}`}>
          <p>
            <strong>{turn.participantCode ?? turn.staffRole}</strong>: {turn.text}
          </p>
          <ul>
            {props.codings
              .filter((c) => c.turnId === turn.id)
              .map((c) => (
                <li>
                  {t('q.coded')}: {c.codeName} ({c.coder}) “{turn.text.slice(c.start, c.end)}”
                </li>
              ))}
          </ul>
          {turn.participantId !== null ? (
            <form method="post" action={`${BASE}/transcript/${props.transcript.id}/codeer`}>
              <input type="hidden" name="_csrf" value={props.csrf} />
              <input type="hidden" name="turn" value={String(turn.id)} />
              <label for={`p-${turn.id}`}>{t('q.turn.pattern')}</label>
              <PatternSelect codes={props.codes} name="pattern" id={`p-${turn.id}`} />
              <label for={`f-${turn.id}`}>{t('q.turn.fragment')}</label>
              <input type="text" id={`f-${turn.id}`} name="fragment" maxlength={5000} />
              <button type="submit" class="secondary">
                {t('q.turn.code')}
              </button>
            </form>
          ) : null}
        </section>
      ))}
    </QualFrame>
  );
}

const REACTION_KEY = {
  recognised: 'q.reaction.recognised',
  partly: 'q.reaction.partly',
  'not-recognised': 'q.reaction.not-recognised',
} as const;

export function PatternsPage(
  props: PageBase & {
    codes: readonly TreeCode[];
    checks: readonly MemberCheck[];
    message?: string | undefined;
    error?: string | undefined;
  },
) {
  const t = tr(props);
  return (
    <QualFrame {...props} title={t('q.patterns.title')}>
      {props.error ? (
        <p class="errors" role="alert">
          {t('q.invalid', { reason: props.error })}
        </p>
      ) : null}
      {props.message ? <p role="status">{props.message}</p> : null}
      <p>
        <a href={`${BASE}/codeboek.qdc`}>{t('q.patterns.export')}</a>
      </p>
      <form method="post" action={`${BASE}/patronen/import`} enctype="multipart/form-data">
        <input type="hidden" name="_csrf" value={props.csrf} />
        <label for="qdc">{t('q.patterns.import')}</label>
        <input type="file" id="qdc" name="file" accept=".qdc" required />
        <button type="submit" class="secondary">
          {t('q.patterns.import')}
        </button>
      </form>
      <ul>
        {props.codes.map((c) => (
          <li style={`margin-inline-start:${c.depth * 1.5}rem`}>
            <a href={`${BASE}/citaten?patroon=${c.id}`}>{c.name}</a>
            {c.sections.length > 0 ? ` (${t('q.section', { section: c.sections.join(', ') })})` : ''}
            {c.surveyItems.length > 0 ? ` · ${c.surveyItems.join(', ')}` : ''}
            {c.description ? <div>{c.description}</div> : null}
            {props.checks
              .filter((m) => m.codeId === c.id)
              .map((m) => (
                <div>
                  {t('q.memberChecks.title')}: {m.session}, {t(REACTION_KEY[m.reaction])}
                  {m.note ? ` — ${m.note}` : ''}
                </div>
              ))}
          </li>
        ))}
      </ul>
      <h2>{t('q.patterns.add')}</h2>
      <form method="post" action={`${BASE}/patronen`}>
        <input type="hidden" name="_csrf" value={props.csrf} />
        <p>
          <label for="name">{t('q.patterns.name')}</label>
          <input type="text" id="name" name="name" required maxlength={300} />
        </p>
        <p>
          <label for="parent">{t('q.patterns.parent')}</label>
          <PatternSelect codes={props.codes} name="parent" id="parent" empty={t('q.patterns.none')} />
        </p>
        <p>
          <label for="description">{t('q.patterns.description')}</label>
          <textarea id="description" name="description" rows={3}></textarea>
        </p>
        <p>
          <label for="sections">{t('q.patterns.sections')}</label>
          <input type="text" id="sections" name="sections" />
        </p>
        <p>
          <label for="items">{t('q.patterns.items')}</label>
          <input type="text" id="items" name="items" />
        </p>
        <div class="nav">
          <button type="submit" class="primary">
            {t('q.patterns.add')}
          </button>
        </div>
      </form>
    </QualFrame>
  );
}

const STATUS_KEY = { reviewed: 'q.status.reviewed', unreviewed: 'q.status.unreviewed', draft: 'q.status.draft' } as const;

export function QuotesPage(
  props: PageBase & {
    quotes: readonly QuoteView[];
    codes: readonly TreeCode[];
    filters: Readonly<Record<string, string>>;
    query: string;
    error?: string | undefined;
  },
) {
  const t = tr(props);
  const f = props.filters;
  return (
    <QualFrame {...props} title={t('q.nav.quotes')}>
      {props.error ? (
        <p class="errors" role="alert">
          {t('q.invalid', { reason: props.error })}
        </p>
      ) : null}
      <form method="get" action={`${BASE}/citaten`}>
        <label for="patroon">{t('q.turn.pattern')}</label>
        <PatternSelect codes={props.codes} name="patroon" id="patroon" empty={t('q.any')} />
        <label for="route">{t('q.col.route')}</label>
        <select id="route" name="route">
          <option value="">{t('q.any')}</option>
          {['Onderwijsroute', 'B1-route', 'Z-route'].map((r) => (
            <option value={r} selected={f['route'] === r}>
              {r}
            </option>
          ))}
        </select>
        <label for="gender">{t('q.col.gender')}</label>
        <select id="gender" name="gender">
          <option value="">{t('q.any')}</option>
          {['man', 'vrouw'].map((g) => (
            <option value={g} selected={f['gender'] === g}>
              {g}
            </option>
          ))}
        </select>
        <label for="country">{t('q.col.country')}</label>
        <input type="text" id="country" name="country" value={f['country'] ?? ''} />
        <button type="submit" class="secondary">
          {t('q.quotes.filter')}
        </button>
      </form>
      <p>
        {t('q.quotes.count', { count: props.quotes.length })} · <a href={`${BASE}/citaten.csv${props.query}`}>{t('q.quotes.csv')}</a> ·{' '}
        <a href={`${BASE}/citaten.xlsx${props.query}`}>{t('q.quotes.xlsx')}</a>
      </p>
      {props.quotes.map((q) => (
        <blockquote>
          <p>
            “{q.textNl ?? q.text}” {q.attribution}
          </p>
          <p>
            <small>
              {q.pattern ?? ''} · {q.session ?? ''} · {t('q.quotes.spoken', { language: q.language })}: {t(STATUS_KEY[q.textStatus])} ·{' '}
              {t('q.quotes.dutch')}: {t(STATUS_KEY[q.textNlStatus])}
            </small>
          </p>
          {q.language !== 'nl' ? <p lang={q.language}>{q.text}</p> : null}
          <form method="post" action={`${BASE}/citaten/${q.id}`}>
            <input type="hidden" name="_csrf" value={props.csrf} />
            <label for={`s-${q.id}`}>{t('q.quotes.chosen')}</label>
            <input type="text" id={`s-${q.id}`} name="section" value={q.section ?? ''} size={6} />
            <label>
              <input type="checkbox" name="nlReviewed" value="1" checked={q.textNlStatus === 'reviewed'} /> {t('q.quotes.dutch')}:{' '}
              {t('q.status.reviewed')}
            </label>
            <button type="submit" class="secondary">
              {t('q.quotes.save')}
            </button>
          </form>
        </blockquote>
      ))}
    </QualFrame>
  );
}
