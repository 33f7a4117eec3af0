// Loads the responses of every stored questionnaire version into the wide dataset.
import type { Db } from '../storage/db.ts';
import { listResponsesWithAnswers } from '../storage/responses.ts';
import { listQuestionnaires } from '../storage/studies.ts';
import { buildDataset, type Dataset } from './dataset.ts';

export async function loadDataset(db: Db, filter: { questionnaire?: string | undefined } = {}): Promise<Dataset> {
  const stored = await listQuestionnaires(db);
  const chosen = stored.filter((q) => filter.questionnaire === undefined || q.definition.id === filter.questionnaire);
  const sets = [];
  for (const q of chosen) {
    sets.push({ definition: q.definition, responses: await listResponsesWithAnswers(db, q.definition.id, q.definition.version) });
  }
  return buildDataset(sets);
}
