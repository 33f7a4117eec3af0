// The recoding queue (/onderzoek/hercoderen): open "Anders, namelijk..." answers grouped by item and text, each
// with the suggested option preselected; the researcher confirms or picks another (or keeps "other") for the
// whole group, and can take a decision back. The texts stay as written; analysis reads the chosen option.
import type { Catalog, MessageKey } from '../../i18n/catalog.ts';
import type { QueueEntry } from '../../fieldwork/recode-queue.ts';
import type { Language } from '../../questionnaire/types.ts';
import type { StudyDefinition, WaveDefinition } from '../../study/load.ts';
import { FieldworkFrame, type Problem, Scroll } from './fieldwork-common.tsx';

/** At most this many groups are listed at once, undecided first. */
export const QUEUE_SHOWN = 150;

const KEEP_OTHER = 'other';

function EntryRow(props: {
  entry: QueueEntry;
  csrf: string;
  wave: string;
  t: (k: MessageKey, v?: Record<string, string | number>) => string;
  index: number;
}) {
  const { entry, t } = props;
  const s = entry.suggestion;
  const chosen = entry.decided && entry.decided !== 'mixed' ? entry.decided.code : s.code;
  const id = `recode-${props.index}`;
  return (
    <tr>
      <td>
        {entry.field.item}
        <br />
        <small>{entry.field.itemLabel}</small>
      </td>
      <td>
        {entry.texts.map((text) => (
          <div dir="auto">{text}</div>
        ))}
      </td>
      <td class="num">{entry.responses.length}</td>
      <td>
        {s.code === null
          ? t('r.recode.noSuggestion')
          : t('r.recode.suggestion', {
              label: s.label ?? '',
              confidence: t(`r.recode.confidence.${s.confidence ?? 'partial'}` as MessageKey),
            })}
        {s.names ? (
          <>
            <br />
            <small>{t('r.recode.names', { name: s.names.nl, code: s.names.code })}</small>
          </>
        ) : null}
      </td>
      <td>
        {entry.decided === null
          ? '–'
          : entry.decided === 'mixed'
            ? t('r.recode.mixed')
            : t('r.recode.decided', { label: entry.decided.label ?? t('r.recode.keepOther'), by: entry.decided.by ?? '–' })}
        {entry.undecided > 0 && entry.decided !== null ? <div>{t('r.recode.undecided', { count: entry.undecided })}</div> : null}
      </td>
      <td>
        <form method="post" action="/onderzoek/hercoderen">
          <input type="hidden" name="_csrf" value={props.csrf} />
          <input type="hidden" name="meting" value={props.wave} />
          <input type="hidden" name="field" value={entry.field.otherItem} />
          <input type="hidden" name="key" value={entry.key} />
          <label for={id} class="visually-hidden">
            {t('r.recode.choose')}
          </label>
          <select id={id} name="code">
            {entry.field.options.map((o) => (
              <option value={String(o.code)} selected={chosen === o.code}>
                {o.label}
              </option>
            ))}
            <option value={KEEP_OTHER} selected={chosen === null}>
              {t('r.recode.keepOther')}
            </option>
          </select>
          <button type="submit" class="primary">
            {t('r.recode.confirm')}
          </button>
        </form>
        {entry.decided !== null ? (
          <form method="post" action="/onderzoek/hercoderen/terug">
            <input type="hidden" name="_csrf" value={props.csrf} />
            <input type="hidden" name="meting" value={props.wave} />
            <input type="hidden" name="field" value={entry.field.otherItem} />
            <input type="hidden" name="key" value={entry.key} />
            <button type="submit" class="secondary">
              {t('r.recode.undo')}
            </button>
          </form>
        ) : null}
      </td>
    </tr>
  );
}

export function RecodePage(props: {
  catalog: Catalog;
  lang: Language;
  csrf: string;
  study: StudyDefinition;
  wave: WaveDefinition;
  synthetic: boolean;
  queue: readonly QueueEntry[];
  problem?: Problem | undefined;
}) {
  const { catalog, lang } = props;
  const t = catalog.t.bind(catalog, lang);
  const open = props.queue.filter((e) => e.undecided > 0).length;
  return (
    <FieldworkFrame
      catalog={catalog}
      lang={lang}
      title={t('r.recode.title')}
      path="/onderzoek/hercoderen"
      study={props.study}
      wave={props.wave}
      synthetic={props.synthetic}
    >
      {props.problem ? (
        <p class="errors" role="alert">
          {t(props.problem.key, props.problem.values)}
        </p>
      ) : null}
      <p>{t('r.recode.explain')}</p>
      <p>{t('r.recode.summary', { groups: props.queue.length, open })}</p>
      {props.queue.length === 0 ? (
        <p>{t('r.recode.none')}</p>
      ) : (
        <Scroll>
          <table>
            <thead>
              <tr>
                <th>{t('r.checks.item')}</th>
                <th>{t('r.recode.texts')}</th>
                <th class="num">{t('r.freq.count')}</th>
                <th>{t('r.recode.suggested')}</th>
                <th>{t('r.checks.decision')}</th>
                <th>{t('r.recode.choose')}</th>
              </tr>
            </thead>
            <tbody>
              {props.queue.slice(0, QUEUE_SHOWN).map((entry, index) => (
                <EntryRow entry={entry} csrf={props.csrf} wave={props.wave.key} t={t} index={index} />
              ))}
            </tbody>
          </table>
        </Scroll>
      )}
      {props.queue.length > QUEUE_SHOWN ? <p>{t('r.checks.more', { count: props.queue.length - QUEUE_SHOWN })}</p> : null}
    </FieldworkFrame>
  );
}
