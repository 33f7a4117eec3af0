// The variables of a wave's dataset, as metadata: one per single-choice, scale, numeric and text item, one 0/1
// variable per option of a multiple-choice item, one per "Anders, namelijk..." text, then the study's
// derived variables and scales, after the response's own facts (questionnaire, language, channel, dates).
// Labels in every language, value labels, and the missing codes (options flagged `missing`), so that no
// statistic takes 98 or 99 as a value. Items that share an id across questionnaires share a variable. Pure.
import type { ItemId, LocalizedText, QuestionnaireDefinition } from '../questionnaire/types.ts';
import type { DerivedVariable, ScaleDefinition } from '../questionnaire/variables.ts';
import type { MunicipalityClassification } from '../study/municipalities.ts';
import { municipalityTypeVariable } from './municipality-type.ts';

export type VariableKind = 'meta' | 'single' | 'scale' | 'multi-option' | 'numeric' | 'text' | 'other-text' | 'derived' | 'composite';
export type Measure = 'nominal' | 'ordinal' | 'scale';
/** How the values are held: numbers (codes, counts, scores), text, or moments (milliseconds since 1970, UTC). */
export type Storage = 'number' | 'text' | 'date';

export interface ValueLabel {
  readonly value: number;
  readonly label: LocalizedText;
  /** A code that means "no substantive answer" (Dat weet ik niet, Wil ik niet zeggen, Niet van toepassing). */
  readonly missing: boolean;
}

export interface VariableInfo {
  readonly name: string;
  readonly kind: VariableKind;
  readonly storage: Storage;
  readonly measure: Measure;
  readonly label: LocalizedText;
  /** Value labels in questionnaire order (choice items, derived variables, 0/1 of multi options). */
  readonly values: readonly ValueLabel[];
  /** The codes statistics leave out (user-missing, as SPSS calls them). */
  readonly missing: readonly number[];
  /** The item the variable comes from; for a multi option, the multi item. */
  readonly item: ItemId | null;
  /** Option of a multi-option variable: its code, its own text, and whether it is a non-answer ("Dat weet ik niet"). */
  readonly option: { readonly code: number; readonly label: LocalizedText; readonly missing: boolean } | null;
}

const plain = (text: string): LocalizedText => ({ nl: { text, status: 'source' }, en: { text, status: 'source' } });
const dual = (nl: string, en: string): LocalizedText => ({ nl: { text: nl, status: 'source' }, en: { text: en, status: 'draft' } });

const meta = (name: string, label: LocalizedText, storage: Storage): VariableInfo => ({
  name,
  kind: 'meta',
  storage,
  measure: storage === 'date' ? 'scale' : 'nominal',
  label,
  values: [],
  missing: [],
  item: null,
  option: null,
});

/** The response's own facts, in this order, before every item. */
export const META_VARIABLES: readonly VariableInfo[] = [
  meta('response_id', dual('Respons-id', 'Response id'), 'text'),
  meta('questionnaire', dual('Vragenlijst', 'Questionnaire'), 'text'),
  meta('questionnaire_version', dual('Versie vragenlijst', 'Questionnaire version'), 'number'),
  meta('wave', dual('Meting', 'Wave'), 'text'),
  meta('language', dual('Taal', 'Language'), 'text'),
  meta('channel', dual('Kanaal', 'Channel'), 'text'),
  meta('status', dual('Status', 'Status'), 'text'),
  meta('started_at', dual('Begonnen op', 'Started at'), 'date'),
  meta('completed_at', dual('Afgerond op', 'Completed at'), 'date'),
];

const CHOSEN: readonly ValueLabel[] = [
  { value: 0, label: dual('niet gekozen', 'not chosen'), missing: false },
  { value: 1, label: dual('gekozen', 'chosen'), missing: false },
];

const join = (a: LocalizedText, b: LocalizedText): LocalizedText => {
  const out: Record<string, { text: string; status: 'source' | 'draft' | 'reviewed' }> = {};
  for (const [lang, t] of Object.entries(a)) {
    const other = b[lang as keyof LocalizedText];
    if (other)
      out[lang] = { text: `${t.text}: ${other.text}`, status: t.status === 'draft' || other.status === 'draft' ? 'draft' : t.status };
  }
  return out;
};

/** The variables one questionnaire contributes, in questionnaire order. */
export function itemVariables(definition: QuestionnaireDefinition): VariableInfo[] {
  const out: VariableInfo[] = [];
  for (const page of definition.pages) {
    for (const item of page.items) {
      const base = { label: item.text, item: item.id, option: null };
      switch (item.kind) {
        case 'single':
        case 'scale': {
          const values = item.options.map((o) => ({ value: o.code, label: o.text, missing: o.missing === true }));
          out.push({
            ...base,
            name: item.id,
            kind: item.kind,
            storage: 'number',
            measure: item.kind === 'scale' ? 'ordinal' : 'nominal',
            values,
            missing: values.filter((v) => v.missing).map((v) => v.value),
          });
          break;
        }
        case 'multi':
          for (const o of item.options) {
            out.push({
              name: `${item.id}_${o.code}`,
              kind: 'multi-option',
              storage: 'number',
              measure: 'nominal',
              label: join(item.text, o.text),
              values: CHOSEN,
              missing: [],
              item: item.id,
              option: { code: o.code, label: o.text, missing: o.missing === true },
            });
          }
          break;
        case 'numeric':
          out.push({ ...base, name: item.id, kind: 'numeric', storage: 'number', measure: 'scale', values: [], missing: [] });
          break;
        case 'text':
          out.push({ ...base, name: item.id, kind: 'text', storage: 'text', measure: 'nominal', values: [], missing: [] });
          break;
      }
      if (item.kind === 'single' || item.kind === 'scale' || item.kind === 'multi') {
        for (const o of item.options) {
          if (o.other) {
            out.push({
              name: o.other,
              kind: 'other-text',
              storage: 'text',
              measure: 'nominal',
              label: join(item.text, o.text),
              values: [],
              missing: [],
              item: o.other,
              option: null,
            });
          }
        }
      }
    }
  }
  return out;
}

/** A variable seen in two questionnaires: options of both (first wording wins), missing codes of both. */
function merge(a: VariableInfo, b: VariableInfo): VariableInfo {
  if (b.values.length === 0) return a;
  const known = new Set(a.values.map((v) => v.value));
  const values = [...a.values, ...b.values.filter((v) => !known.has(v.value))];
  const missing = [...new Set([...a.missing, ...b.missing])];
  return { ...a, values: values.map((v) => ({ ...v, missing: missing.includes(v.value) })), missing };
}

/** The study's derived variables and scales as variables (after the items). */
export function studyVariables(derived: readonly DerivedVariable[], scales: readonly ScaleDefinition[]): VariableInfo[] {
  return [
    ...derived.map((d): VariableInfo => ({
      name: d.id,
      kind: 'derived',
      storage: 'number',
      measure: d.kind === 'cases' ? 'nominal' : 'ordinal',
      label: d.label,
      values: d.values.map((v) => ({ value: v.value, label: plain(v.label), missing: false })),
      missing: [],
      item: null,
      option: null,
    })),
    ...scales.map((s): VariableInfo => ({
      name: s.id,
      kind: 'composite',
      storage: 'number',
      measure: 'scale',
      label: s.label,
      values: [],
      missing: [],
      item: null,
      option: null,
    })),
  ];
}

/**
 * Every variable of a dataset over these questionnaires: response facts, items (union, first-seen order), study
 * variables, and the municipality type of the channel when the study classifies municipalities.
 */
export function datasetVariables(
  questionnaires: readonly QuestionnaireDefinition[],
  derived: readonly DerivedVariable[] = [],
  scales: readonly ScaleDefinition[] = [],
  municipalities?: MunicipalityClassification,
): VariableInfo[] {
  const byName = new Map<string, VariableInfo>();
  for (const q of questionnaires) {
    for (const v of itemVariables(q)) {
      const known = byName.get(v.name);
      byName.set(v.name, known ? merge(known, v) : v);
    }
  }
  const out = [...META_VARIABLES, ...byName.values()];
  const taken = new Set(out.map((v) => v.name));
  const study = [...studyVariables(derived, scales), ...(municipalities ? [municipalityTypeVariable(municipalities)] : [])];
  return [...out, ...study.filter((v) => !taken.has(v.name))];
}

/** The value label of a code in Dutch, or the code itself. */
export const valueLabelNl = (info: VariableInfo, value: number): string =>
  info.values.find((v) => v.value === value)?.label.nl?.text ?? String(value);
