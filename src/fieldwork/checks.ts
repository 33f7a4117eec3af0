// The data checks of appendix B.1, run on a wave's dataset while fieldwork goes on (issue 16, item 6): missing
// data per item, routing faults, the control checks (permit type against the questionnaire), duplicates,
// speeders and straight-liners, each with the responses to look at and the decision taken on each (keep, or
// exclude from analysis with a reason: storage/decisions.ts, reversible and logged). Excluded responses are no
// longer in the dataset (the loader leaves them out); they are listed under `exclusions`. Pure.
import type { AnalysisDataset } from '../analysis/dataset.ts';
import { countSynthetic, syntheticNote } from '../analysis/synthetic.ts';
import type { ReviewRow } from '../storage/decisions.ts';
import type { StudyDefinition, WaveDefinition } from '../study/load.ts';
import { labelIn, type ChecksConfig } from './checks-config.ts';
import { duplicateFlags, duplicatePairs } from './checks-duplicates.ts';
import { scanItems, type ItemCheck } from './checks-items.ts';
import {
  controlCheck,
  speeders,
  straightliners,
  type BatteryResult,
  type ControlResult,
  type Flag,
  type SpeederResult,
} from './checks-responses.ts';
import { completedMask, statusColumns } from './monitor-counts.ts';

export interface Decision {
  readonly id: number;
  readonly decision: 'keep' | 'exclude';
  readonly reason: string;
  readonly by: string | null;
  readonly at: string;
}

export interface Finding {
  readonly responseId: string;
  readonly questionnaire: string;
  readonly detail: string;
  /** The live decision on this response for this check; null: not decided yet. */
  readonly decision: Decision | null;
}

interface Base<K extends string> {
  readonly kind: K;
  /** The id decisions are recorded under. */
  readonly id: string;
  readonly findings: readonly Finding[];
}

export type CheckResult =
  | (Base<'missing'> & { readonly items: readonly ItemCheck[]; readonly responseShare: number })
  | (Base<'routing'> & { readonly items: readonly Pick<ItemCheck, 'item' | 'label' | 'requiredAbsent' | 'offRoute'>[] })
  | (Base<'control'> & { readonly label: string; readonly variable: string; readonly groups: ControlResult['groups'] })
  | (Base<'duplicates'> & { readonly minCompared: number; readonly maxDifferentShare: number })
  | (Base<'speeders'> & { readonly fractionOfMedian: number; readonly perQuestionnaire: SpeederResult['perQuestionnaire'] })
  | (Base<'straightlining'> & { readonly batteries: readonly BatteryResult[] });

export type CheckKind = CheckResult['kind'];

export interface Exclusion {
  readonly id: number;
  readonly responseId: string;
  readonly check: string;
  readonly reason: string;
  readonly by: string | null;
  readonly at: string;
}

export interface ChecksResult {
  readonly wave: string;
  readonly waveId: string;
  /** Completed responses checked (excluded ones are not among them). */
  readonly completed: number;
  readonly synthetic: boolean;
  readonly note: string | null;
  readonly checks: readonly CheckResult[];
  readonly exclusions: readonly Exclusion[];
}

export interface ChecksInput {
  readonly study: StudyDefinition;
  readonly wave: WaveDefinition;
  /** Every response of the wave the loader gives (excluded ones left out); only completed ones are checked. */
  readonly data: AnalysisDataset;
  readonly config: ChecksConfig;
  /** The decision log of the wave (storage/decisions.ts waveReviews). */
  readonly reviews: readonly ReviewRow[];
  readonly lang?: string;
}

/** Every check of a wave. */
export function computeChecks(input: ChecksInput): ChecksResult {
  const { data, config } = input;
  const completed = completedMask(data);
  const ids = data.texts('response_id');
  const questionnaires = data.texts('questionnaire');
  const live = new Map<string, ReviewRow>();
  for (const r of input.reviews) if (r.revokedAt === null) live.set(`${r.responseId}|${r.check}`, r);
  const findings = (check: string, flags: readonly Flag[]): Finding[] =>
    flags.map(({ row, detail }) => {
      const responseId = ids[row] ?? '';
      const decided = live.get(`${responseId}|${check}`);
      return {
        responseId,
        questionnaire: questionnaires[row] ?? '',
        detail,
        decision: decided
          ? {
              id: decided.id,
              decision: decided.decision,
              reason: decided.reason,
              by: decided.decidedBy,
              at: decided.decidedAt.toISOString(),
            }
          : null,
      };
    });
  const scan = scanItems(data, completed);
  const mostlyEmpty: Flag[] = [];
  for (let i = 0; i < data.rows; i++) {
    const shown = scan.shownPerRow[i] as number;
    const empty = scan.emptyPerRow[i] as number;
    if (completed[i] === 1 && shown > 0 && empty >= config.missing.responseShare * shown)
      mostlyEmpty.push({ row: i, detail: `${empty} of ${shown} items shown without a substantive answer` });
  }
  const routing: Flag[] = [...scan.routingFaults.entries()].map(([row, items]) => ({ row, detail: items.join(', ') }));
  const fast = speeders(data, completed, config.speeders);
  const straight = straightliners(data, completed, input.study.scales ?? [], config.straightlining);
  const checks: CheckResult[] = [
    {
      kind: 'missing',
      id: 'missing',
      items: scan.items,
      responseShare: config.missing.responseShare,
      findings: findings('missing', mostlyEmpty),
    },
    {
      kind: 'routing',
      id: 'routing',
      items: scan.items
        .filter((i) => i.requiredAbsent + i.offRoute > 0)
        .map(({ item, label, requiredAbsent, offRoute }) => ({ item, label, requiredAbsent, offRoute })),
      findings: findings('routing', routing),
    },
    ...config.control.map((check): CheckResult => {
      const result = controlCheck(data, completed, check);
      const id = `control-${check.id}`;
      return {
        kind: 'control',
        id,
        label: labelIn(check.label, input.lang ?? 'nl'),
        variable: check.variable,
        groups: result.groups,
        findings: findings(id, result.flags),
      };
    }),
    {
      kind: 'duplicates',
      id: 'duplicates',
      minCompared: config.duplicates.minCompared,
      maxDifferentShare: config.duplicates.maxDifferentShare,
      findings: findings('duplicates', duplicateFlags(data, duplicatePairs(data, completed, config.duplicates))),
    },
    {
      kind: 'speeders',
      id: 'speeders',
      fractionOfMedian: config.speeders.fractionOfMedian,
      perQuestionnaire: fast.perQuestionnaire,
      findings: findings('speeders', fast.flags),
    },
    { kind: 'straightlining', id: 'straightlining', batteries: straight.batteries, findings: findings('straightlining', straight.flags) },
  ];
  const synthetic = countSynthetic(data);
  return {
    wave: input.wave.key,
    waveId: input.wave.id,
    completed: statusColumns(data).completed,
    synthetic: synthetic.synthetic > 0,
    note: synthetic.synthetic > 0 ? syntheticNote(synthetic, `wave ${input.wave.id}`) : null,
    checks,
    exclusions: input.reviews
      .filter((r) => r.revokedAt === null && r.decision === 'exclude')
      .map((r) => ({
        id: r.id,
        responseId: r.responseId,
        check: r.check,
        reason: r.reason,
        by: r.decidedBy,
        at: r.decidedAt.toISOString(),
      })),
  };
}

/** The check ids a decision may name: the checks of this configuration, and "manual". */
export function checkIds(config: ChecksConfig): string[] {
  return ['missing', 'routing', ...config.control.map((c) => `control-${c.id}`), 'duplicates', 'speeders', 'straightlining', 'manual'];
}
