// The filter fields every analysis view of the workspace shares (wave, questionnaire, weighted), as parts of
// a GET form, so the chosen view is in the address.
import type { Catalog } from '../../i18n/catalog.ts';
import type { Language } from '../../questionnaire/types.ts';
import type { StudyDefinition, WaveDefinition } from '../../study/load.ts';
import type { ViewFilters } from './workspace-data.ts';

export function ViewFilterFields({
  catalog,
  lang,
  study,
  filters,
  weights = true,
}: {
  catalog: Catalog;
  lang: Language;
  study: StudyDefinition;
  filters: ViewFilters;
  /** Offer the weighted choice (not on views whose statistics take no weights). */
  weights?: boolean;
}) {
  const t = catalog.t.bind(catalog, lang);
  const questionnaires = [...new Set(filters.wave.questionnaires.map((q) => q.id as string))];
  return (
    <>
      {/* The language travels with the form: a form's GET replaces the whole query string. */}
      <input type="hidden" name="taal" value={lang} />
      <WaveField t={t} study={study} selected={filters.wave} />
      <QuestionnaireField t={t} questionnaires={questionnaires} selected={filters.questionnaire} />
      {weights ? (
        <p class="ws-check">
          <input type="checkbox" id="gewogen" name="gewogen" value="1" checked={filters.weighted} />
          <label for="gewogen">{t('ws.field.weighted')}</label>
        </p>
      ) : null}
    </>
  );
}

type Translate = (key: Parameters<Catalog['t']>[1]) => string;

/** The wave choice (meting), latest first; `all` adds a first option "alle" with that text. */
export function WaveField({
  t,
  study,
  selected,
  all,
}: {
  t: Translate;
  study: StudyDefinition;
  selected: WaveDefinition | null;
  all?: string;
}) {
  const waves = [...study.waves].sort((a, b) => b.number - a.number);
  return (
    <p>
      <label for="meting">{t('ws.field.wave')}</label>
      <select id="meting" name="meting">
        {all === undefined ? null : <option value="alle">{all}</option>}
        {waves.map((w) => (
          <option value={w.key} selected={w.id === selected?.id}>
            {w.label}
          </option>
        ))}
      </select>
    </p>
  );
}

/** The questionnaire choice (vragenlijst): every questionnaire id given, or all of them. */
export function QuestionnaireField({
  t,
  questionnaires,
  selected,
}: {
  t: Translate;
  questionnaires: readonly string[];
  selected: string | null;
}) {
  return (
    <p>
      <label for="vragenlijst">{t('ws.field.questionnaire')}</label>
      <select id="vragenlijst" name="vragenlijst">
        <option value="">{t('ws.field.questionnaire.all')}</option>
        {questionnaires.map((q) => (
          <option value={q} selected={q === selected}>
            {q}
          </option>
        ))}
      </select>
    </p>
  );
}
