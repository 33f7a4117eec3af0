// Checks the report's figures and sections against the study, as validate-report.ts checks its tables: every
// item a figure draws exists and has the right kind, its categories are options of the item (or values of a
// derived variable), its conditions name known variables; every table and figure sits in exactly one section,
// and sections name only tables and figures that exist. Also works out which figures a wave can draw. Pure.
import { conditionItems } from '../questionnaire/expression.ts';
import type { ValidationIssue } from '../questionnaire/normalize.ts';
import type { Condition, Item } from '../questionnaire/types.ts';
import type { FigureSpec } from './report-layout.ts';
import type { ReportSpec } from './report-spec.ts';
import { askedIn, itemsOf, type ReportContext } from './validate-report.ts';

/** The items a figure needs asked in a wave (derived variables and scales need none). */
export function figureItems(figure: FigureSpec): string[] {
  switch (figure.kind) {
    case 'sizes':
      return [];
    case 'stacked':
    case 'multiple':
      return [figure.item];
    case 'items':
      return figure.items.map((i) => i.item);
  }
}

export interface WaveFigures {
  readonly figures: readonly FigureSpec[];
  /** Figure id → why the wave cannot draw it. */
  readonly omitted: ReadonlyMap<string, string>;
}

/** The figures a wave's questionnaires can draw, and the others with the reason. */
export function figuresForWave(spec: ReportSpec, context: ReportContext, waveId: string): WaveFigures {
  const items = itemsOf(context);
  const figures: FigureSpec[] = [];
  const omitted = new Map<string, string>();
  for (const figure of spec.figures) {
    const missing = figureItems(figure).filter((id) => items.has(id) && !askedIn(context, waveId, id));
    if (missing.length === 0) figures.push(figure);
    else omitted.set(figure.id, `${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not in the questionnaires of wave ${waveId}`);
  }
  return { figures, omitted };
}

/** Every problem of the figures and sections against the study; empty when they are sound. */
export function validateLayout(spec: ReportSpec, context: ReportContext): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const items = itemsOf(context);
  const scales = new Set(context.scales.map((s) => s.id));
  const derived = new Map(context.derived.map((d) => [d.id, d]));
  const known = (name: string): boolean => items.has(name) || scales.has(name) || derived.has(name);
  const needCondition = (condition: Condition | null, path: string): void => {
    if (condition === null) return;
    for (const name of new Set(conditionItems(condition))) {
      if (!known(name))
        issues.push({ path, message: `"${name}" is no item of the study's questionnaires, no scale and no derived variable` });
    }
  };
  /** The codes a variable can take, or null when it is not a choice item or derived variable of that kind. */
  const codesOf = (name: string, path: string, allowed: readonly Item['kind'][]): ReadonlySet<number> | null => {
    const item = items.get(name);
    if (item) {
      const wrong = [...item.kinds].filter((k) => !allowed.includes(k));
      if (wrong.length > 0) {
        issues.push({ path, message: `${name} is a ${wrong.join('/')} item; this figure needs ${allowed.join(' or ')}` });
        return null;
      }
      return new Set([...item.options.values()].flatMap((s) => [...s]));
    }
    const d = derived.get(name);
    if (d && !allowed.includes('multi')) return new Set(d.values.map((v) => v.value));
    issues.push({
      path,
      message: `"${name}" is no ${allowed.join(' or ')} item of the study's questionnaires${allowed.includes('multi') ? '' : ' and no derived variable'}`,
    });
    return null;
  };
  /** Substantive (not missing) codes of a choice item in any wave, or of a derived variable. */
  const substantiveOf = (name: string): number[] => {
    const item = items.get(name);
    if (item) return [...new Set([...item.substantive.values()].flatMap((s) => [...s]))];
    return derived.get(name)?.values.map((v) => v.value) ?? [];
  };
  for (const figure of spec.figures) {
    const at = `figure ${figure.id}`;
    needCondition(figure.where, `${at}.where`);
    if (figure.breakdown.id === null) figure.breakdown.columns.forEach((c, i) => needCondition(c.where, `${at}.breakdown[${i}].where`));
    const check = (name: string, path: string): void => {
      const allowed: Item['kind'][] = figure.kind === 'multiple' ? ['multi'] : ['single', 'scale'];
      const codes = codesOf(name, path, allowed);
      if (!codes) return;
      figure.rows.forEach((row, r) => {
        if (!codes.has(row.code)) issues.push({ path: `${at}.rows[${r}]`, message: `${row.code} is not an option of ${name}` });
      });
      // A stacked bar's N leaves out every answer it does not draw: a substantive option must be a segment.
      // (Unless the figure's own filter keeps only some answers of the item, as "Q2.09 in (1, 2, 3)".)
      if (figure.kind === 'multiple' || (figure.where && conditionItems(figure.where).some((i) => i === name))) return;
      const listed = new Set(figure.rows.map((r) => r.code));
      for (const code of substantiveOf(name)) {
        if (!listed.has(code))
          issues.push({
            path: `${at}.rows`,
            message: `option ${code} of ${name} is not a segment: its answers would drop out of the N unseen; list it`,
          });
      }
    };
    switch (figure.kind) {
      case 'sizes':
        break;
      case 'items':
        figure.items.forEach((x, i) => check(x.item, `${at}.items[${i}].item`));
        break;
      case 'stacked':
      case 'multiple':
        check(figure.item, `${at}.item`);
        break;
    }
    const asked = figureItems(figure).filter((id) => items.has(id));
    if (asked.length > 0 && context.waves.every((w) => asked.some((id) => !askedIn(context, w.id, id))))
      issues.push({ path: at, message: `${asked.join(', ')} is asked in no wave of the study` });
  }
  issues.push(...validateSections(spec));
  return issues;
}

/** Sections name existing tables and figures, each exactly once; with sections, everything has a place. */
function validateSections(spec: ReportSpec): ValidationIssue[] {
  if (spec.sections.length === 0) return [];
  const issues: ValidationIssue[] = [];
  const tables = new Set([...spec.tables.map((t) => t.id), ...spec.textTables.map((t) => t.id)]);
  const figures = new Set(spec.figures.map((f) => f.id));
  const placed = new Map<string, string>();
  const numbers = new Set<string>();
  spec.sections.forEach((section, i) => {
    const where = section.number ?? `sections[${i}]`;
    if (section.number !== null) {
      if (numbers.has(section.number)) issues.push({ path: `sections[${i}].number`, message: `section ${section.number} is listed twice` });
      numbers.add(section.number);
    }
    for (const content of section.content) {
      let key: string;
      switch (content.kind) {
        case 'table':
          key = `table ${content.id}`;
          if (!tables.has(content.id)) issues.push({ path: `section ${where}`, message: `${key} is not in "tables" or "textTables"` });
          break;
        case 'figure':
          key = `figure ${content.id}`;
          if (!figures.has(content.id)) issues.push({ path: `section ${where}`, message: `${key} is not in "figures"` });
          break;
        case 'qualitative':
          key = `table ${content.id}`;
          if (tables.has(content.id))
            issues.push({ path: `section ${where}`, message: `${key} comes from the qualitative register and is also in "tables"` });
          break;
        case 'method':
          key = `method ${content.method}`;
          break;
      }
      const before = placed.get(key);
      if (before !== undefined) issues.push({ path: `section ${where}`, message: `${key} is already placed in section ${before}` });
      placed.set(key, where);
    }
  });
  for (const id of tables) if (!placed.has(`table ${id}`)) issues.push({ path: 'sections', message: `table ${id} is in no section` });
  for (const id of figures) if (!placed.has(`figure ${id}`)) issues.push({ path: 'sections', message: `figure ${id} is in no section` });
  return issues;
}
