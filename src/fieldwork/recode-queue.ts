// The recoding queue (issue 16, item 7): every open "Anders, namelijk..." answer of a wave, grouped by item and
// by text as compared (case, script variants and spacing aside), with a suggested option and the decision taken
// so far. Confirming a group records one recode per response (storage/decisions.ts) with that response's own
// text, so analysis recodes exactly what was decided on. Pure over the dataset and the stored recodes.
import type { AnalysisDataset } from '../analysis/dataset.ts';
import type { ChoiceItem, QuestionnaireDefinition } from '../questionnaire/types.ts';
import type { RecodeRow } from '../storage/decisions.ts';
import { normalizeText } from './recode-names.ts';
import { suggesterFor, type Suggester, type Suggestion } from './recode-suggest.ts';

export interface OtherField {
  /** The choice item, e.g. "Q2.03". */
  readonly item: string;
  readonly itemLabel: string;
  /** The open-text variable, e.g. "Q2.03_anders". */
  readonly otherItem: string;
  readonly otherCode: number;
  /** The options a text may be recoded to (the "other" option itself left out). */
  readonly options: readonly { readonly code: number; readonly label: string }[];
}

export interface QueueEntry {
  readonly field: OtherField;
  /** The texts as compared; the key a confirmation names. */
  readonly key: string;
  /** The texts as written (the first few distinct ones). */
  readonly texts: readonly string[];
  readonly responses: readonly { readonly responseId: string; readonly text: string }[];
  readonly suggestion: Suggestion;
  /** The live decision when every response of the group has the same one; "mixed" when they differ. */
  readonly decided: { readonly code: number | null; readonly label: string | null; readonly by: string | null } | 'mixed' | null;
  readonly undecided: number;
}

/** Every choice item with an "Anders, namelijk..." option, from the questionnaires of the dataset (first wording wins). */
export function otherFields(questionnaires: readonly QuestionnaireDefinition[]): OtherField[] {
  const out = new Map<string, OtherField>();
  for (const q of questionnaires)
    for (const page of q.pages)
      for (const item of page.items) {
        if (item.kind !== 'single' && item.kind !== 'multi' && item.kind !== 'scale') continue;
        for (const option of item.options) {
          if (!option.other || out.has(option.other)) continue;
          out.set(option.other, {
            item: item.id,
            itemLabel: item.text.nl?.text ?? item.id,
            otherItem: option.other,
            otherCode: option.code,
            options: item.options
              .filter((o) => o.code !== option.code)
              .map((o) => ({ code: o.code, label: o.text.nl?.text ?? String(o.code) })),
          });
        }
      }
  return [...out.values()];
}

/** The queue of a wave: groups of identical texts per field, undecided ones first, then by size. */
export function recodeQueue(data: AnalysisDataset, recodes: readonly RecodeRow[]): QueueEntry[] {
  const fields = otherFields(data.definition.questionnaires);
  const decided = new Map(recodes.map((r) => [`${r.responseId}|${r.otherItem}`, r]));
  const ids = data.texts('response_id');
  const entries: QueueEntry[] = [];
  const suggesters = new Map<string, Suggester>();
  for (const field of fields) {
    if (!data.has(field.otherItem)) continue;
    const texts = data.texts(field.otherItem);
    const groups = new Map<string, { responseId: string; text: string }[]>();
    for (let i = 0; i < data.rows; i++) {
      const text = texts[i];
      if (text === null || text === undefined || text.trim() === '') continue;
      const key = normalizeText(text);
      groups.set(key, [...(groups.get(key) ?? []), { responseId: ids[i] ?? '', text }]);
    }
    for (const [key, responses] of groups) {
      let suggester = suggesters.get(field.otherItem);
      if (!suggester) {
        const options = data.definition.questionnaires
          .flatMap((q) => q.pages.flatMap((p) => p.items))
          .find((i) => i.id === field.item && 'options' in i) as ChoiceItem | undefined;
        suggester = suggesterFor(options?.options ?? [], field.otherCode);
        suggesters.set(field.otherItem, suggester);
      }
      const live = responses
        .map((r) => decided.get(`${r.responseId}|${field.otherItem}`))
        .filter((r) => r !== undefined && r.text === responses.find((x) => x.responseId === r.responseId)?.text);
      const codes = new Set(live.map((r) => r?.code ?? null));
      const first = live[0];
      entries.push({
        field,
        key,
        texts: [...new Set(responses.map((r) => r.text))].slice(0, 5),
        responses,
        suggestion: suggester.suggest(responses[0]?.text ?? key),
        decided:
          live.length === 0
            ? null
            : codes.size > 1
              ? 'mixed'
              : {
                  code: first?.code ?? null,
                  label: field.options.find((o) => o.code === first?.code)?.label ?? null,
                  by: first?.decidedBy ?? null,
                },
        undecided: responses.length - live.length,
      });
    }
  }
  return entries.sort(
    (a, b) => Number(b.undecided > 0) - Number(a.undecided > 0) || b.responses.length - a.responses.length || a.key.localeCompare(b.key),
  );
}
