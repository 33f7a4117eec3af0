// The reliability of the study's composite scales, per group: the items as the scale score takes them (valid
// answers only, reversed items mirrored over their own substantive codes, as derive.ts scores them), and the
// engine's reliability analysis on the complete cases of each group: Cronbach's alpha, alpha if an item is
// deleted, item-rest and inter-item correlations. Unweighted, as SPSS RELIABILITY and psych::alpha.
import type { LocalizedText } from '../questionnaire/types.ts';
import type { ScaleDefinition } from '../questionnaire/variables.ts';
import { completeCases, reliability, withMask, type Reliability } from '../stats/index.ts';
import { both } from './conditions.ts';
import type { AnalysisDataset } from './dataset.ts';
import type { ExploreColumn } from './explore-breakdowns.ts';
import { engineDataset, scaleItemColumns } from './views.ts';

export interface ScaleItem {
  readonly name: string;
  readonly label: LocalizedText;
  readonly reversed: boolean;
}

export interface GroupReliability {
  readonly label: LocalizedText;
  /** Complete cases (every item answered with a substantive code). */
  readonly n: number;
  /** Null when fewer than two complete cases. */
  readonly result: Reliability | null;
}

export interface ScaleReliability {
  readonly scale: ScaleDefinition;
  readonly items: readonly ScaleItem[];
  /** Every group of the breakdown; the first is everyone the view counts. */
  readonly groups: readonly GroupReliability[];
}

/** Reliability of each scale the dataset has every item of, for everyone in `within` and per group. */
export function scaleReliabilities(
  data: AnalysisDataset,
  scales: readonly ScaleDefinition[],
  within: Uint8Array | null,
  groups: readonly ExploreColumn[],
  everyone: LocalizedText,
): ScaleReliability[] {
  const all = within ?? new Uint8Array(data.rows).fill(1);
  return scales
    .filter((scale) => scale.items.every((item) => data.has(item)))
    .map((scale) => {
      const engine = engineDataset(scaleItemColumns(data, scale));
      const of = (label: LocalizedText, mask: Uint8Array): GroupReliability => {
        const view = withMask(engine, mask);
        const n = completeCases(view, scale.items);
        return { label, n, result: n >= 2 ? reliability(view, scale.items) : null };
      };
      return {
        scale,
        items: scale.items.map((name) => ({ name, label: data.info(name).label, reversed: scale.reverse.includes(name) })),
        groups: [of(everyone, all), ...groups.map((g) => of(g.label, both(g.mask, all)))],
      };
    });
}
