// Loads the responses of every stored questionnaire version into the wide dataset.
import type { Db } from '../storage/db.ts';
import { listResponsesWithAnswers } from '../storage/responses.ts';
import { listQuestionnaires } from '../storage/studies.ts';
import type { VariablesDefinition } from '../questionnaire/variables.ts';
import { buildDataset, type Dataset } from './dataset.ts';

export interface DatasetFilter {
  readonly questionnaire?: string | undefined;
  /** Only responses of this wave (full id, e.g. "inburgeraars:2024"). */
  readonly wave?: string | undefined;
  /** The study's scales and derived variables, added as columns when given. */
  readonly variables?: VariablesDefinition | undefined;
}

export async function loadDataset(db: Db, filter: DatasetFilter = {}): Promise<Dataset> {
  const stored = await listQuestionnaires(db);
  // A questionnaire version belongs to one wave, so a wave's responses are in that wave's versions only.
  const chosen = stored.filter(
    (q) =>
      (filter.questionnaire === undefined || q.definition.id === filter.questionnaire) &&
      (filter.wave === undefined || q.waveId === filter.wave),
  );
  const sets = [];
  for (const q of chosen) {
    const responses = await listResponsesWithAnswers(db, q.definition.id, q.definition.version);
    sets.push({
      definition: q.definition,
      responses: filter.wave === undefined ? responses : responses.filter((r) => r.waveId === filter.wave),
    });
  }
  return buildDataset(sets, filter.variables);
}
