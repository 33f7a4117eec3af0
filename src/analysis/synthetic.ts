// Which rows of a dataset are synthetic (demo responses, channel "demo-..."), counted per wave, and the one
// sentence every table or export of them carries. Every output that a person reads says so plainly.
import { DEMO_CHANNEL_PREFIX } from '../storage/responses.ts';
import { column, type Dataset } from './dataset.ts';

export interface SyntheticCount {
  readonly synthetic: number;
  readonly total: number;
  /** Per wave id: synthetic and all responses. */
  readonly waves: ReadonlyMap<string, { readonly synthetic: number; readonly total: number }>;
}

export const isSyntheticChannel = (channel: unknown): boolean => typeof channel === 'string' && channel.startsWith(DEMO_CHANNEL_PREFIX);

/** Synthetic responses among the dataset's rows, in all and per wave. */
export function countSynthetic(data: Dataset): SyntheticCount {
  const channels = column(data, 'channel');
  const waves = column(data, 'wave');
  const perWave = new Map<string, { synthetic: number; total: number }>();
  let synthetic = 0;
  channels.forEach((channel, i) => {
    const wave = String(waves[i] ?? '');
    const entry = perWave.get(wave) ?? { synthetic: 0, total: 0 };
    entry.total++;
    if (isSyntheticChannel(channel)) {
      entry.synthetic++;
      synthetic++;
    }
    perWave.set(wave, entry);
  });
  return { synthetic, total: data.rows.length, waves: perWave };
}

/** The plain statement that goes with any figure or export made from synthetic responses. */
export function syntheticNote(count: SyntheticCount, what: string): string {
  return (
    `SYNTHETIC DATA: ${count.synthetic} of the ${count.total} responses in ${what} are invented demo respondents ` +
    `(channel "${DEMO_CHANNEL_PREFIX}..."), generated from the published report "Onderzoek perspectief inburgeraars"; they describe no real person.`
  );
}
