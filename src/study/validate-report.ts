// Checks the report's specification against the study: every item, scale and derived variable a table,
// breakdown or model names exists, row codes are options of the item, models' levels are values of their
// variables; and works out, per wave, which tables the wave's questionnaires can fill (the others are
// omitted with the reason). Messages name the table and the field. Pure.
import { conditionItems } from '../questionnaire/expression.ts';
import type { ValidationIssue } from '../questionnaire/normalize.ts';
import type { Condition, Item, QuestionnaireDefinition } from '../questionnaire/types.ts';
import type { DerivedVariable, ScaleDefinition } from '../questionnaire/variables.ts';
import type { Population } from './population.ts';
import type { Breakdown, Model, ReportSpec, TableSpec } from './report-spec.ts';
import { validateLayout } from './validate-layout.ts';

/** What the study offers a report: its waves' questionnaires, scales and derived variables. */
export interface ReportContext {
  readonly waves: readonly { readonly id: string; readonly questionnaires: readonly QuestionnaireDefinition[] }[];
  readonly scales: readonly ScaleDefinition[];
  readonly derived: readonly DerivedVariable[];
  /** Population margins of the waves that have them. */
  readonly populations: readonly Population[];
}

export interface KnownItem {
  readonly kinds: ReadonlySet<Item['kind']>;
  /** Option codes per wave id (choice items). */
  readonly options: ReadonlyMap<string, ReadonlySet<number>>;
  /** Substantive (not missing) option codes per wave id. */
  readonly substantive: ReadonlyMap<string, ReadonlySet<number>>;
}

export function itemsOf(context: ReportContext): Map<string, KnownItem> {
  const out = new Map<string, { kinds: Set<Item['kind']>; options: Map<string, Set<number>>; substantive: Map<string, Set<number>> }>();
  for (const wave of context.waves) {
    for (const q of wave.questionnaires) {
      for (const page of q.pages) {
        for (const item of page.items) {
          const known = out.get(item.id) ?? {
            kinds: new Set<Item['kind']>(),
            options: new Map<string, Set<number>>(),
            substantive: new Map<string, Set<number>>(),
          };
          known.kinds.add(item.kind);
          if (item.kind === 'single' || item.kind === 'scale' || item.kind === 'multi') {
            const options = known.options.get(wave.id) ?? new Set<number>();
            const substantive = known.substantive.get(wave.id) ?? new Set<number>();
            for (const o of item.options) {
              options.add(o.code);
              if (!o.missing) substantive.add(o.code);
            }
            known.options.set(wave.id, options);
            known.substantive.set(wave.id, substantive);
          }
          out.set(item.id, known);
        }
      }
    }
  }
  return out;
}

/** The items a table needs asked in a wave (its item, rows, outcome); derived variables and scales need none. */
export function tableItems(table: TableSpec): string[] {
  switch (table.kind) {
    case 'frequency':
    case 'multiple':
      return [table.item];
    case 'topbox':
      return table.rows.map((r) => r.item);
    case 'regression':
      return [table.outcome];
    case 'population':
      return [];
  }
}

export interface WaveTables {
  readonly tables: readonly TableSpec[];
  /** Table id → why the wave cannot fill it. */
  readonly omitted: ReadonlyMap<string, string>;
}

/** The tables a wave's questionnaires can fill, and the others with the reason. */
export function tablesForWave(spec: ReportSpec, context: ReportContext, waveId: string): WaveTables {
  const items = itemsOf(context);
  // Scales and derived variables are computed in every wave; an item must be in the wave's questionnaires.
  const asked = (id: string): boolean => !items.has(id) || askedIn(context, waveId, id);
  const tables: TableSpec[] = [];
  const omitted = new Map<string, string>();
  for (const table of spec.tables) {
    const missing = tableItems(table).filter((id) => !asked(id));
    if (missing.length === 0) tables.push(table);
    else omitted.set(table.id, `${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not in the questionnaires of wave ${waveId}`);
  }
  return { tables, omitted };
}

/** Every problem of the specification against the study; empty when it is sound. */
export function validateReport(spec: ReportSpec, context: ReportContext): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const items = itemsOf(context);
  const scales = new Set(context.scales.map((s) => s.id));
  const derived = new Map(context.derived.map((d) => [d.id, d]));
  const isVariable = (name: string): boolean => items.has(name) || scales.has(name) || derived.has(name);
  const waveIds = context.waves.map((w) => w.id);

  const needVariable = (name: string, path: string): boolean => {
    if (isVariable(name)) return true;
    issues.push({ path, message: `"${name}" is no item of the study's questionnaires, no scale and no derived variable` });
    return false;
  };
  const needCondition = (condition: Condition | null, path: string): void => {
    if (condition === null) return;
    for (const name of new Set(conditionItems(condition))) needVariable(name, path);
  };
  const needKind = (name: string, path: string, allowed: readonly Item['kind'][]): boolean => {
    const known = items.get(name);
    if (!known) {
      issues.push({ path, message: `"${name}" is no item of the study's questionnaires` });
      return false;
    }
    const wrong = [...known.kinds].filter((k) => !allowed.includes(k));
    if (wrong.length > 0) issues.push({ path, message: `${name} is a ${wrong.join('/')} item; this needs ${allowed.join(' or ')}` });
    return wrong.length === 0;
  };
  /** Values a variable can take: option codes of an item (any wave), value labels of a derived variable. */
  const valuesOf = (name: string): ReadonlySet<number> | null => {
    const known = items.get(name);
    if (known) return new Set([...known.options.values()].flatMap((s) => [...s]));
    const d = derived.get(name);
    return d && d.values.length > 0 ? new Set(d.values.map((v) => v.value)) : null;
  };
  const breakdown = (b: Breakdown, path: string): void =>
    b.columns.forEach((c, i) => needCondition(c.where, `${path}.columns[${i}].where`));
  const model = (m: Model, path: string): void =>
    m.predictors.forEach((p, i) => {
      const at = `${path}.predictors[${i}]`;
      if (!needVariable(p.variable, `${at}.variable`)) return;
      if (p.kind !== 'categorical') return;
      const values = valuesOf(p.variable);
      for (const level of p.levels) {
        if (values && !values.has(level)) issues.push({ path: `${at}.levels`, message: `${level} is not a value of ${p.variable}` });
      }
    });

  for (const [name, b] of spec.breakdowns) breakdown(b, `breakdowns.${name}`);
  for (const [name, m] of spec.models) model(m, `models.${name}`);
  spec.reliability.forEach((s, i) => {
    if (!scales.has(s)) issues.push({ path: `reliability[${i}]`, message: `"${s}" is not a scale of the study's variables` });
  });

  for (const table of spec.tables) {
    const at = `table ${table.id}`;
    needCondition(table.where, `${at}.where`);
    switch (table.kind) {
      case 'frequency':
      case 'multiple': {
        const allowed: Item['kind'][] = table.kind === 'frequency' ? ['single', 'scale'] : ['multi'];
        if (table.breakdown.id === null) breakdown(table.breakdown, `${at}.breakdown`);
        if (!needKind(table.item, `${at}.item`, allowed) || table.rows === null) break;
        const known = items.get(table.item);
        for (const wave of waveIds) {
          const options = known?.options.get(wave);
          if (!options) continue;
          const listed = new Set(table.rows.map((r) => r.code));
          table.rows.forEach((row, r) => {
            if (!options.has(row.code))
              issues.push({ path: `${at}.rows[${r}]`, message: `${row.code} is not an option of ${table.item} in wave ${wave}` });
          });
          for (const code of known?.substantive.get(wave) ?? []) {
            if (!listed.has(code)) {
              issues.push({
                path: `${at}.rows`,
                message: `option ${code} of ${table.item} (wave ${wave}) is not a row: its answers would drop out of the N unseen; list it`,
              });
            }
          }
        }
        break;
      }
      case 'topbox':
        if (table.breakdown.id === null) breakdown(table.breakdown, `${at}.breakdown`);
        table.rows.forEach((row, r) => {
          if (!needKind(row.item, `${at}.rows[${r}].item`, ['single', 'scale'])) return;
          const values = valuesOf(row.item);
          for (const code of table.codes) {
            if (values && !values.has(code)) issues.push({ path: `${at}.codes`, message: `${code} is not an option of ${row.item}` });
          }
        });
        break;
      case 'regression': {
        const outcome = items.get(table.outcome);
        if (outcome) needKind(table.outcome, `${at}.outcome`, ['scale', 'single', 'numeric']);
        else if (!scales.has(table.outcome) && !derived.has(table.outcome)) needVariable(table.outcome, `${at}.outcome`);
        break;
      }
      case 'population': {
        const dimensions = context.populations[0]?.dimensions;
        if (!dimensions) {
          issues.push({
            path: at,
            message: 'a population table needs a population file (population/<wave>.json) naming the variables it compares',
          });
          break;
        }
        const groups = valuesOf(dimensions.group);
        table.groups.forEach((g, i) => {
          if (g.kind === 'sample' && groups && !groups.has(g.code)) {
            issues.push({ path: `${at}.groups[${i}].code`, message: `${g.code} is not a value of the group variable ${dimensions.group}` });
          }
        });
        if (table.by === 'group') break;
        const variable = dimensions[table.by];
        if (variable === undefined) {
          issues.push({ path: `${at}.by`, message: `the population file names no variable for ${table.by}` });
          break;
        }
        const levels = valuesOf(variable);
        table.levels.forEach((l, i) => {
          if (levels && !levels.has(l.code))
            issues.push({ path: `${at}.levels[${i}].code`, message: `${l.code} is not a value of ${variable}` });
        });
        break;
      }
    }
  }
  // Items asked in no wave at all are an error; items missing from some waves only omit the table there.
  for (const table of spec.tables) {
    for (const id of tableItems(table)) {
      if (items.has(id) && waveIds.every((w) => !askedIn(context, w, id))) {
        issues.push({ path: `table ${table.id}`, message: `${id} is asked in no wave of the study` });
      }
    }
  }
  issues.push(...validateLayout(spec, context));
  return issues;
}

export const askedIn = (context: ReportContext, waveId: string, id: string): boolean =>
  context.waves.find((w) => w.id === waveId)?.questionnaires.some((q) => q.pages.some((p) => p.items.some((i) => i.id === id))) ?? false;
