// The second, invented study (test/fixtures/study-buurt: tenants and owners) and the answers its tests store:
// test/analysis/second-study.test.ts works its tables out by hand and by R from exactly these responses.
import { fileURLToPath } from 'node:url';
import type { AnswerValue, ItemId } from '../../src/questionnaire/types.ts';
import type { Db } from '../../src/storage/db.ts';
import { createResponse, savePage } from '../../src/storage/responses.ts';

export const BUURT_STUDY_DIR = fileURLToPath(new URL('../fixtures/study-buurt', import.meta.url));
export const BUURT_WAVE = 'buurt:2025';

export interface BuurtResponse {
  readonly questionnaire: 'huurders' | 'eigenaren';
  readonly answers: Readonly<Record<string, AnswerValue>>;
  readonly completed?: boolean;
}

/** The seven responses of the second study's tests: six completed, one tenant who stopped early. */
export const BUURT_RESPONSES: readonly BuurtResponse[] = [
  { questionnaire: 'huurders', answers: { B1: 1, B2: 25, B3: 5, B4: 4, B5: [1, 2], B6: 1 } },
  { questionnaire: 'huurders', answers: { B1: 2, B2: 45, B3: 4, B4: 99, B5: [99], B6: 99 } },
  { questionnaire: 'huurders', answers: { B1: 98, B2: 60, B3: 99, B4: 2, B5: [3], B6: 2 } },
  { questionnaire: 'huurders', answers: { B1: 1, B3: 1 }, completed: false },
  { questionnaire: 'eigenaren', answers: { B1: 1, B2: 50, B3: 3, B4: 3, B5: [1] } },
  { questionnaire: 'eigenaren', answers: { B1: 2, B2: 35, B3: 5, B4: 5, B5: [2, 3] } },
  { questionnaire: 'eigenaren', answers: { B1: 2, B2: 70, B3: 2, B4: 4, B5: [99] } },
];

/** Stores one response of the second study in its one wave, as the respondent pages would; returns its id. */
export async function storeBuurtResponse(db: Db, response: BuurtResponse): Promise<string> {
  const { response: created } = await createResponse(db, {
    questionnaireId: response.questionnaire,
    questionnaireVersion: 1,
    waveId: BUURT_WAVE,
    language: 'nl',
    channel: 'brief',
  });
  const answers = new Map(Object.entries(response.answers).map(([k, v]) => [k as ItemId, v] as const));
  await savePage(db, { responseId: created.id, answers, remove: [], currentPage: null, completed: response.completed ?? true });
  return created.id;
}
