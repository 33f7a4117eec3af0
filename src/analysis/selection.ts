// A dataset with only the variables a caller needs (the monitor's group, gender, route and age band instead
// of some 200 items), through the same loader and the same dataset type: the names asked for and everything
// their values are computed from, so each selected column holds exactly what it holds in the whole dataset.
// A multiple-choice item comes whole (its options are stored together), a choice item with its "Anders,
// namelijk..." texts (a confirmed recode reads them), a derived variable with the items of its cases, recode
// or bands, a scale with its items. The response's own facts are always there. Pure.
import { conditionItems } from '../questionnaire/expression.ts';
import type { QuestionnaireDefinition } from '../questionnaire/types.ts';
import type { DerivedVariable, ScaleDefinition } from '../questionnaire/variables.ts';
import { MUNICIPALITY_TYPE_VARIABLE, type MunicipalityClassification } from '../study/municipalities.ts';
import { DatasetError } from './dataset.ts';
import { META_VARIABLES } from './variables.ts';

export interface VariableSelection {
  /** Every variable the dataset keeps besides the response's facts (the closure of the names asked for). */
  readonly names: ReadonlySet<string>;
  /** The stored items whose answers are read. */
  readonly items: readonly string[];
  readonly derived: readonly DerivedVariable[];
  readonly scales: readonly ScaleDefinition[];
  readonly municipalities: MunicipalityClassification | undefined;
}

export interface SelectionSource {
  readonly questionnaires: readonly QuestionnaireDefinition[];
  readonly derived: readonly DerivedVariable[];
  readonly scales: readonly ScaleDefinition[];
  readonly municipalities?: MunicipalityClassification | undefined;
}

/** The variables needed for `wanted`; a name that is no variable of these questionnaires is a DatasetError. */
export function selectVariables(source: SelectionSource, wanted: readonly string[]): VariableSelection {
  const meta = new Set(META_VARIABLES.map((v) => v.name));
  const derived = new Map(source.derived.map((d) => [d.id, d]));
  const scales = new Map(source.scales.map((s) => [s.id, s]));
  // Item id → the variables it fills (a multi item: one per option; a choice item: its "other" texts too) and
  // the ids its answers are stored under (the item's own, and each "other" text's).
  const stored = new Map<string, { names: Set<string>; answers: Set<string> }>();
  const itemOf = new Map<string, string>();
  for (const q of source.questionnaires)
    for (const page of q.pages)
      for (const item of page.items) {
        const entry = stored.get(item.id) ?? { names: new Set<string>(), answers: new Set([item.id]) };
        stored.set(item.id, entry);
        if (item.kind === 'multi') for (const o of item.options) entry.names.add(`${item.id}_${o.code}`);
        else entry.names.add(item.id);
        if (item.kind === 'single' || item.kind === 'scale' || item.kind === 'multi')
          for (const o of item.options)
            if (o.other) {
              entry.names.add(o.other);
              entry.answers.add(o.other);
            }
        for (const name of entry.names) if (!itemOf.has(name)) itemOf.set(name, item.id);
      }
  const names = new Set<string>();
  const items = new Set<string>();
  const visit = (name: string): void => {
    if (meta.has(name) || names.has(name)) return;
    const d = derived.get(name);
    const s = scales.get(name);
    const item = itemOf.get(name) ?? (stored.has(name) ? name : undefined);
    if (d) {
      names.add(name);
      if (d.kind === 'cases') for (const c of d.cases) if (c.when) conditionItems(c.when).forEach(visit);
      if (d.kind === 'recode' || d.kind === 'bands') visit(d.item);
    } else if (s) {
      names.add(name);
      s.items.forEach(visit);
    } else if (item !== undefined) {
      // An "other" text comes with the choice it belongs to (a recode rewrites that choice), and the reverse.
      const entry = stored.get(item);
      for (const n of entry?.names ?? []) names.add(n);
      for (const id of entry?.answers ?? []) items.add(id);
    } else if (name === MUNICIPALITY_TYPE_VARIABLE && source.municipalities) {
      names.add(name);
    } else {
      throw new DatasetError(`the dataset has no variable "${name}"`);
    }
  };
  wanted.forEach(visit);
  return {
    names,
    items: [...items],
    derived: source.derived.filter((d) => names.has(d.id)),
    scales: source.scales.filter((s) => names.has(s.id)),
    municipalities: names.has(MUNICIPALITY_TYPE_VARIABLE) ? source.municipalities : undefined,
  };
}
