// Which rows of a dataset are synthetic (demo responses, channel "demo-..."), counted by the engine, and the
// one sentence every table or export of them carries. Every output that a person reads says so plainly.
import { categoricalColumn, frequencies } from '../stats/index.ts';
import { DEMO_CHANNEL_PREFIX } from '../storage/responses.ts';
import type { AnalysisDataset } from './dataset.ts';
import { engineDataset } from './views.ts';

export interface SyntheticCount {
  readonly synthetic: number;
  readonly total: number;
  /** Per wave id: synthetic and all responses. */
  readonly waves: ReadonlyMap<string, { readonly synthetic: number; readonly total: number }>;
}

export const isSyntheticChannel = (channel: unknown): boolean => typeof channel === 'string' && channel.startsWith(DEMO_CHANNEL_PREFIX);

/** Synthetic responses among the datasets' rows, in all and per wave. */
export function countSynthetic(...datasets: readonly AnalysisDataset[]): SyntheticCount {
  const waves = new Map<string, { synthetic: number; total: number }>();
  for (const data of datasets) {
    const channel = data.texts('channel');
    const kind = categoricalColumn(
      '#synthetic',
      channel.slice(0, data.rows).map((c) => (isSyntheticChannel(c) ? 1 : 0)),
      [0, 1],
    );
    const wave = categoricalColumn('#wave', data.texts('wave').slice(0, data.rows));
    for (const group of frequencies(engineDataset([kind, wave]), '#synthetic', '#wave')) {
      const id = String(group.group);
      const known = waves.get(id) ?? { synthetic: 0, total: 0 };
      waves.set(id, { synthetic: known.synthetic + (group.categories[1]?.count ?? 0), total: known.total + group.n });
    }
  }
  let synthetic = 0;
  let total = 0;
  for (const w of waves.values()) {
    synthetic += w.synthetic;
    total += w.total;
  }
  return { synthetic, total, waves };
}

/** The plain statement that goes with any figure or export made from synthetic responses. */
export function syntheticNote(count: SyntheticCount, what: string): string {
  return (
    `SYNTHETIC DATA: ${count.synthetic} of the ${count.total} responses in ${what} are invented demo respondents ` +
    `(channel "${DEMO_CHANNEL_PREFIX}..."), generated from the published report "Onderzoek perspectief inburgeraars"; they describe no real person.`
  );
}
