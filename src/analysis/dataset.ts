// The one path from stored answers to analysable columns: a wide dataset with one row per response and
// one column per variable, built from the questionnaire definitions. Every table, export and report reads
// this. Items that share an id across questionnaires share a column, so the four groups stack.
import { computeDerived } from '../questionnaire/derived.ts';
import type { AnswerValue, ItemId, Language, QuestionnaireDefinition } from '../questionnaire/types.ts';
import type { VariablesDefinition } from '../questionnaire/variables.ts';
import type { ResponseWithAnswers } from '../storage/responses.ts';

export type Cell = number | string | null;

export type VariableKind = 'meta' | 'single' | 'scale' | 'multi-option' | 'numeric' | 'text' | 'other-text' | 'derived' | 'composite';

export interface Variable {
  readonly name: string;
  readonly kind: VariableKind;
  /** Dutch label (source language); the codebook has the others. */
  readonly label: string;
  /** Value labels for coded variables. */
  readonly values?: ReadonlyMap<number, string>;
  /** The item this variable comes from. */
  readonly item?: ItemId;
}

export interface Dataset {
  readonly variables: readonly Variable[];
  readonly rows: readonly (readonly Cell[])[];
}

const META: readonly Variable[] = [
  { name: 'response_id', kind: 'meta', label: 'Respons-id' },
  { name: 'questionnaire', kind: 'meta', label: 'Vragenlijst' },
  { name: 'questionnaire_version', kind: 'meta', label: 'Versie vragenlijst' },
  { name: 'wave', kind: 'meta', label: 'Meting' },
  { name: 'language', kind: 'meta', label: 'Taal' },
  { name: 'channel', kind: 'meta', label: 'Kanaal' },
  { name: 'status', kind: 'meta', label: 'Status' },
  { name: 'started_at', kind: 'meta', label: 'Begonnen op' },
  { name: 'completed_at', kind: 'meta', label: 'Afgerond op' },
];

const nl = (text: { nl?: { text: string } } | undefined): string => text?.nl?.text ?? '';

/** The variables one questionnaire contributes, in questionnaire order. */
export function variablesOf(definition: QuestionnaireDefinition): Variable[] {
  const out: Variable[] = [];
  for (const page of definition.pages) {
    for (const item of page.items) {
      switch (item.kind) {
        case 'single':
        case 'scale':
          out.push({
            name: item.id,
            kind: item.kind,
            label: nl(item.text),
            item: item.id,
            values: new Map(item.options.map((o) => [o.code, nl(o.text)])),
          });
          break;
        case 'multi':
          for (const o of item.options) {
            out.push({
              name: `${item.id}_${o.code}`,
              kind: 'multi-option',
              label: `${nl(item.text)}: ${nl(o.text)}`,
              item: item.id,
              values: new Map([
                [0, 'niet gekozen'],
                [1, 'gekozen'],
              ]),
            });
          }
          break;
        case 'numeric':
          out.push({ name: item.id, kind: 'numeric', label: nl(item.text), item: item.id });
          break;
        case 'text':
          out.push({ name: item.id, kind: 'text', label: nl(item.text), item: item.id });
          break;
      }
      if (item.kind === 'single' || item.kind === 'scale' || item.kind === 'multi') {
        for (const o of item.options) {
          if (o.other) out.push({ name: o.other, kind: 'other-text', label: `${nl(item.text)}: ${nl(o.text)}`, item: o.other });
        }
      }
    }
  }
  return out;
}

const cellOf = (variable: Variable, answers: ReadonlyMap<ItemId, AnswerValue>, shown: boolean): Cell => {
  if (variable.kind === 'multi-option') {
    const [item, code] = [variable.item!, Number(variable.name.slice(variable.item!.length + 1))];
    const value = answers.get(item);
    if (value === undefined) return null;
    return Array.isArray(value) && value.includes(code) ? 1 : 0;
  }
  const value = answers.get(variable.item!);
  if (!shown || value === undefined || Array.isArray(value)) return null;
  return value as number | string;
};

export interface ResponseSet {
  readonly definition: QuestionnaireDefinition;
  readonly responses: readonly ResponseWithAnswers[];
}

/** The study's scales and derived variables as dataset columns (after the item columns). */
function studyVariables(study: VariablesDefinition): Variable[] {
  return [
    ...study.scales.map((s): Variable => ({ name: s.id, kind: 'composite', label: nl(s.label) })),
    ...study.derived.map((d): Variable => ({
      name: d.id,
      kind: 'derived',
      label: nl(d.label),
      values: new Map(d.values.map((v) => [v.value, v.label])),
    })),
  ];
}

/**
 * Builds the wide dataset over one or more questionnaires (union of their variables). With the study's
 * variables, every scale and derived variable becomes a column too, computed through routing (derived.ts).
 */
export function buildDataset(sets: readonly ResponseSet[], study?: VariablesDefinition): Dataset {
  const variables: Variable[] = [...META];
  const byName = new Map<string, number>(variables.map((v, i) => [v.name, i]));
  for (const set of sets) {
    for (const v of variablesOf(set.definition)) {
      if (byName.has(v.name)) continue;
      byName.set(v.name, variables.length);
      variables.push(v);
    }
  }
  const extra = study ? studyVariables(study).filter((v) => !byName.has(v.name)) : [];
  const itemCount = variables.length;
  variables.push(...extra);
  const rows: Cell[][] = [];
  for (const set of sets) {
    const own = new Set(variablesOf(set.definition).map((v) => v.name));
    for (const r of set.responses) {
      const row: Cell[] = [
        r.id,
        r.questionnaireId,
        r.questionnaireVersion,
        r.waveId,
        r.language satisfies Language,
        r.channel,
        r.status,
        r.startedAt.toISOString(),
        r.completedAt ? r.completedAt.toISOString() : null,
      ];
      for (let i = META.length; i < itemCount; i++) {
        const v = variables[i]!;
        row.push(own.has(v.name) ? cellOf(v, r.answers, true) : null);
      }
      if (study && extra.length > 0) {
        const values = computeDerived(study, set.definition, r.answers);
        for (const v of extra) row.push(values.scales[v.name] ?? values.derived[v.name] ?? null);
      }
      rows.push(row);
    }
  }
  return { variables, rows };
}

/** One column of the dataset by name. */
export function column(dataset: Dataset, name: string): Cell[] {
  const index = dataset.variables.findIndex((v) => v.name === name);
  if (index < 0) throw new Error(`dataset has no variable ${name}`);
  return dataset.rows.map((row) => row[index] ?? null);
}
