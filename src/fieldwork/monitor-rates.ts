// The DUO route's response rate per group: completed responses that came by letter, against the letters sent
// to the group. Letters are known per group when the stored invitations name a questionnaire that only that
// group answers (Wi2021: one questionnaire a group); otherwise, as for the report's wave, the population margins
// are the mailing list (DUO wrote to everyone in the population file), and the rate says so.
import { both } from '../analysis/conditions.ts';
import type { AnalysisDataset } from '../analysis/dataset.ts';
import type { PopulationResult } from '../analysis/results.ts';
import { categoricalView, engineDataset } from '../analysis/views.ts';
import { crosstab, frequencies } from '../stats/index.ts';
import type { PopulationSpec } from '../analysis/tables-population.ts';
import { textColumn } from './monitor-counts.ts';
import type { LetterCount } from './monitor.ts';

export interface ResponseRate {
  /** Completed responses of the group that came by a DUO letter. */
  readonly completed: number;
  /** Letters sent to the group; null when unknown. */
  readonly letters: number | null;
  /** completed / letters, in percent (one decimal). */
  readonly rate: number | null;
  readonly lettersFrom: 'invitations' | 'population' | null;
}

/** Response rate per group code. */
export function responseRates(
  data: AnalysisDataset,
  completed: Uint8Array,
  duo: ReadonlySet<string>,
  letters: readonly LetterCount[],
  groupVariable: string,
  sizes: { readonly spec: PopulationSpec; readonly result: PopulationResult },
): Map<number, ResponseRate> {
  const out = new Map<number, ResponseRate>();
  const codes = sizes.spec.groups.flatMap((g) => (g.kind === 'sample' ? [g.code] : []));
  if (data.rows === 0 || codes.length === 0) return out;
  const channel = data.texts('channel');
  const byLetter = new Uint8Array(data.rows);
  for (let i = 0; i < data.rows; i++) byLetter[i] = duo.has(channel[i] ?? '') ? 1 : 0;
  const group = categoricalView(data, groupVariable, codes, '#group');
  const [counts] = frequencies(engineDataset([group], both(completed, byLetter)), '#group');
  const fromInvitations = lettersByGroup(data, completed, group, codes, letters);
  sizes.spec.groups.forEach((g, i) => {
    if (g.kind !== 'sample') return;
    const k = codes.indexOf(g.code);
    const done = counts?.categories[k]?.count ?? 0;
    const stored = fromInvitations.get(g.code);
    const population = sizes.result.rows[i]?.population ?? null;
    const sent = stored ?? population;
    out.set(g.code, {
      completed: done,
      letters: sent,
      rate: sent ? Math.round((1000 * done) / sent) / 10 : null,
      lettersFrom: stored !== undefined ? 'invitations' : population !== null ? 'population' : null,
    });
  });
  return out;
}

/** Letters per group from invitations that name a questionnaire only that group answers. */
function lettersByGroup(
  data: AnalysisDataset,
  completed: Uint8Array,
  group: ReturnType<typeof categoricalView>,
  codes: readonly number[],
  letters: readonly LetterCount[],
): Map<number, number> {
  const out = new Map<number, number>();
  const perQuestionnaire = new Map<string, number>();
  for (const l of letters)
    if (l.questionnaireId !== null) perQuestionnaire.set(l.questionnaireId, (perQuestionnaire.get(l.questionnaireId) ?? 0) + l.letters);
  if (perQuestionnaire.size === 0) return out;
  const questionnaire = textColumn(data, 'questionnaire');
  const tab = crosstab(engineDataset([questionnaire, group], completed), questionnaire.name, group.name);
  // A questionnaire belongs to a group when all its group-coded responses are in that group, and vice versa.
  codes.forEach((code, c) => {
    const rows = tab.rowLevels.flatMap((q, r) => ((tab.counts[r]?.[c] ?? 0) > 0 ? [{ q: String(q), r }] : []));
    if (rows.length !== 1) return;
    const { q, r } = rows[0] as { q: string; r: number };
    const elsewhere = (tab.counts[r] ?? []).some((n, k) => k !== c && n > 0);
    const sent = perQuestionnaire.get(q);
    if (!elsewhere && sent !== undefined) out.set(code, sent);
  });
  return out;
}
