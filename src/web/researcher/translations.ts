// How much of each questionnaire is translated and reviewed, per language, counted over every text
// (titles, items, help, options).
import { LANGUAGES, type Language, type LocalizedText, type QuestionnaireDefinition } from '../../questionnaire/types.ts';

export interface TranslationRow {
  readonly id: string;
  readonly languages: Record<Language, { total: number; translated: number; reviewed: number }>;
}

function* textsOf(q: QuestionnaireDefinition): Generator<LocalizedText> {
  yield q.title;
  for (const page of q.pages) {
    if (page.title) yield page.title;
    for (const item of page.items) {
      yield item.text;
      if (item.help) yield item.help;
      if (item.kind === 'single' || item.kind === 'multi' || item.kind === 'scale') for (const o of item.options) yield o.text;
      if (item.kind === 'numeric' && item.unit) yield item.unit;
    }
  }
}

export function translationSummary(questionnaires: readonly QuestionnaireDefinition[]): TranslationRow[] {
  return questionnaires.map((q) => {
    const languages = {} as TranslationRow['languages'];
    for (const lang of LANGUAGES) languages[lang] = { total: 0, translated: 0, reviewed: 0 };
    for (const text of textsOf(q)) {
      for (const lang of LANGUAGES) {
        const entry = languages[lang];
        entry.total++;
        const tr = text[lang];
        if (tr) entry.translated++;
        if (tr && tr.status !== 'draft') entry.reviewed++;
      }
    }
    return { id: `${q.id}@${q.version}`, languages };
  });
}
