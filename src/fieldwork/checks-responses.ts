// The per-response checks of appendix B.1 over a dataset's completed responses: speeders (completion time far
// below the median of their questionnaire), straight-liners (one and the same answer to every item of a scale
// battery), and the control checks (a derived variable that flags contradicting answers, such as the permit
// type against the questionnaire chosen), with the rate per group the report quotes. Medians and counts come
// from the engine; masks from analysis/conditions.ts.
import { both, maskOf } from '../analysis/conditions.ts';
import type { AnalysisDataset } from '../analysis/dataset.ts';
import { categoricalView, engineDataset, validNumbers } from '../analysis/views.ts';
import { valueLabelNl } from '../analysis/variables.ts';
import type { ItemId } from '../questionnaire/types.ts';
import type { ScaleDefinition } from '../questionnaire/variables.ts';
import { categoricalFromNumbers, crosstab, describe, frequencies, median } from '../stats/index.ts';
import type { ChecksConfig, ControlCheck } from './checks-config.ts';

export interface Flag {
  readonly row: number;
  readonly detail: string;
}

export interface SpeederResult {
  readonly perQuestionnaire: readonly {
    readonly questionnaire: string;
    readonly n: number;
    readonly medianMinutes: number | null;
    readonly thresholdMinutes: number | null;
  }[];
  readonly flags: readonly Flag[];
}

/** Completed responses faster than `fractionOfMedian` of their questionnaire's median completion time. */
export function speeders(data: AnalysisDataset, completed: Uint8Array, config: ChecksConfig['speeders']): SpeederResult {
  const started = data.numbers('started_at');
  const done = data.numbers('completed_at');
  const minutes = new Float64Array(data.rows);
  for (let i = 0; i < data.rows; i++) minutes[i] = completed[i] === 1 ? ((done[i] as number) - (started[i] as number)) / 60_000 : NaN;
  const questionnaire = data.texts('questionnaire');
  const ids = [...new Set(questionnaire.slice(0, data.rows).filter((q): q is string => q !== null))].sort();
  const flags: Flag[] = [];
  const perQuestionnaire = ids.map((id) => {
    const rows = new Uint8Array(data.rows);
    for (let i = 0; i < data.rows; i++) rows[i] = questionnaire[i] === id && completed[i] === 1 ? 1 : 0;
    const ds = engineDataset([{ kind: 'numeric', name: '#minutes', values: minutes }], rows);
    const mid = median(ds, '#minutes');
    const threshold = Number.isFinite(mid) ? mid * config.fractionOfMedian : null;
    if (threshold !== null)
      for (let i = 0; i < data.rows; i++)
        if (rows[i] === 1 && (minutes[i] as number) < threshold)
          flags.push({ row: i, detail: `${(minutes[i] as number).toFixed(1)} min; median of ${id} ${mid.toFixed(1)} min` });
    return {
      questionnaire: id,
      n: describe(ds, '#minutes').n,
      medianMinutes: Number.isFinite(mid) ? Math.round(mid * 10) / 10 : null,
      thresholdMinutes: threshold === null ? null : Math.round(threshold * 10) / 10,
    };
  });
  return { perQuestionnaire, flags };
}

export interface BatteryResult {
  readonly battery: string;
  readonly items: readonly string[];
  /** Completed responses with a substantive answer to every item. */
  readonly n: number;
  readonly straight: number;
}

/** Responses giving one and the same substantive answer to every item of a scale with at least `minItems` items. */
export function straightliners(
  data: AnalysisDataset,
  completed: Uint8Array,
  scales: readonly ScaleDefinition[],
  config: ChecksConfig['straightlining'],
): { readonly batteries: readonly BatteryResult[]; readonly flags: readonly Flag[] } {
  const flags: Flag[] = [];
  const batteries = scales
    .filter((s) => s.items.length >= config.minItems && s.items.every((item) => data.has(item)))
    .map((scale) => {
      const columns = scale.items.map((item) => validNumbers(data, item));
      const straight = new Float64Array(data.rows).fill(NaN);
      for (let i = 0; i < data.rows; i++) {
        if (completed[i] !== 1) continue;
        const first = columns[0]?.[i] as number;
        let valid = true;
        let same = true;
        for (const column of columns) {
          const v = column[i] as number;
          if (v !== v) {
            valid = false;
            break;
          }
          if (v !== first) same = false;
        }
        if (!valid) continue;
        straight[i] = same ? 1 : 0;
        if (same)
          flags.push({
            row: i,
            detail: `${scale.id}: ${valueLabelNl(data.info(scale.items[0] as string), first)} on all ${scale.items.length} items`,
          });
      }
      const [count] = frequencies(engineDataset([categoricalFromNumbers('#straight', straight, [0, 1])]), '#straight');
      return { battery: scale.id, items: scale.items, n: count?.n ?? 0, straight: count?.categories[1]?.count ?? 0 };
    });
  return { batteries, flags };
}

export interface ControlResult {
  readonly id: string;
  readonly variable: string;
  readonly groups: readonly { readonly group: string; readonly n: number; readonly flagged: number; readonly pct: number | null }[];
  readonly flags: readonly Flag[];
}

/** A control check: responses whose derived variable holds the "does not match" value, with the rate per group. */
export function controlCheck(data: AnalysisDataset, completed: Uint8Array, check: ControlCheck): ControlResult {
  if (!data.has(check.variable)) return { id: check.id, variable: check.variable, groups: [], flags: [] };
  const info = data.info(check.variable);
  const values = info.values.map((v) => v.value);
  const flagged = both(completed, maskOf({ kind: 'compare', item: check.variable as ItemId, op: '=', value: check.flag }, data));
  const flags: Flag[] = [];
  for (let i = 0; i < data.rows; i++)
    if (flagged[i] === 1) flags.push({ row: i, detail: `${check.variable} = ${valueLabelNl(info, check.flag)}` });
  const column = categoricalView(data, check.variable, values, '#control');
  const groups: ControlResult['groups'][number][] = [];
  if (check.by !== undefined && data.has(check.by)) {
    const by = categoricalView(data, check.by, undefined, '#by');
    const tab = crosstab(engineDataset([column, by], completed), '#control', '#by');
    const at = values.indexOf(check.flag);
    tab.columnLevels.forEach((level, c) => {
      const n = tab.columnN[c] ?? 0;
      const k = tab.counts[at]?.[c] ?? 0;
      groups.push({
        group: valueLabelNl(data.info(check.by as string), level as number),
        n,
        flagged: k,
        pct: n > 0 ? Math.round((1000 * k) / n) / 10 : null,
      });
    });
  } else {
    const [all] = frequencies(engineDataset([column], completed), '#control');
    const k = all?.categories[values.indexOf(check.flag)]?.count ?? 0;
    groups.push({ group: 'all', n: all?.n ?? 0, flagged: k, pct: all && all.n > 0 ? Math.round((1000 * k) / all.n) / 10 : null });
  }
  return { id: check.id, variable: check.variable, groups, flags };
}
