// A wave of the study by the name a user gives it.
import type { StudyDefinition, WaveDefinition } from '../study/load.ts';
import { DatasetError } from './dataset.ts';

export class UnknownWaveError extends DatasetError {
  constructor(wave: string, known: readonly string[]) {
    super(`unknown wave "${wave}"; known: ${known.join(', ')}`);
    this.name = 'UnknownWaveError';
  }
}

/** The wave a user names ("2024" or "inburgeraars:2024"); the latest when none is named. */
export function findWave(study: StudyDefinition, name?: string): WaveDefinition {
  const latest = [...study.waves].sort((a, b) => b.number - a.number)[0];
  const wave = name === undefined ? latest : study.waves.find((w) => w.id === name || w.key === name);
  if (!wave)
    throw new UnknownWaveError(
      name ?? '',
      study.waves.map((w) => w.key),
    );
  return wave;
}
