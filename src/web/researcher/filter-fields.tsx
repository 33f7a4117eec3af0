// The filter fields every analysis view of the workspace shares (wave, questionnaire, weighted), as parts of
// a GET form, so the chosen view is in the address.
import type { Catalog } from '../../i18n/catalog.ts';
import type { Language } from '../../questionnaire/types.ts';
import type { StudyDefinition } from '../../study/load.ts';
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
  const waves = [...study.waves].sort((a, b) => b.number - a.number);
  const questionnaires = [...new Set(filters.wave.questionnaires.map((q) => q.id as string))];
  return (
    <>
      {/* The language travels with the form: a form's GET replaces the whole query string. */}
      <input type="hidden" name="taal" value={lang} />
      <p>
        <label for="meting">{t('ws.field.wave')}</label>
        <select id="meting" name="meting">
          {waves.map((w) => (
            <option value={w.key} selected={w.id === filters.wave.id}>
              {w.label}
            </option>
          ))}
        </select>
      </p>
      <p>
        <label for="vragenlijst">{t('ws.field.questionnaire')}</label>
        <select id="vragenlijst" name="vragenlijst">
          <option value="">{t('ws.field.questionnaire.all')}</option>
          {questionnaires.map((q) => (
            <option value={q} selected={q === filters.questionnaire}>
              {q}
            </option>
          ))}
        </select>
      </p>
      {weights ? (
        <p class="ws-check">
          <input type="checkbox" id="gewogen" name="gewogen" value="1" checked={filters.weighted} />
          <label for="gewogen">{t('ws.field.weighted')}</label>
        </p>
      ) : null}
    </>
  );
}
