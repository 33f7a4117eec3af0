// How far each language of a questionnaire is translated and reviewed, counted over every text a respondent
// can read: the title, page titles, item texts, help texts, units and option labels.
import { LANGUAGES, type Language, type LocalizedText, type QuestionnaireDefinition } from './types.ts';

export interface LanguageProgress {
  /** Texts that exist in this language. */
  readonly translated: number;
  /** Texts whose status is `reviewed`, or `source` (the source language counts as reviewed). */
  readonly reviewed: number;
}

/** Every text of a questionnaire, in page order. */
export function questionnaireTexts(def: QuestionnaireDefinition): LocalizedText[] {
  const texts: LocalizedText[] = [def.title];
  for (const page of def.pages) {
    if (page.title) texts.push(page.title);
    for (const item of page.items) {
      texts.push(item.text);
      if (item.help) texts.push(item.help);
      if (item.kind === 'numeric' && item.unit) texts.push(item.unit);
      if (item.kind === 'single' || item.kind === 'multi' || item.kind === 'scale') for (const o of item.options) texts.push(o.text);
    }
  }
  return texts;
}

/** Per language (all five, also those the questionnaire does not offer): translated and reviewed counts. */
export function translationProgress(def: QuestionnaireDefinition): Record<Language, LanguageProgress> {
  const texts = questionnaireTexts(def);
  const out = {} as Record<Language, LanguageProgress>;
  for (const lang of LANGUAGES) {
    let translated = 0;
    let reviewed = 0;
    for (const text of texts) {
      const t = text[lang];
      if (!t || t.text.trim() === '') continue;
      translated++;
      if (t.status === 'reviewed' || t.status === 'source') reviewed++;
    }
    out[lang] = { translated, reviewed };
  }
  return out;
}

/** Number of questions (page items; "Anders, namelijk" texts are part of their item). */
export const itemCount = (def: QuestionnaireDefinition): number => def.pages.reduce((n, p) => n + p.items.length, 0);
