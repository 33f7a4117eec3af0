// Whether a serving process's cached dataset stays right while answers arrive: new responses are started and
// completed and existing ones change an answer, through the web path's own storage calls (createResponse,
// savePage); then the cache is asked again (timed: the refresh) and every number of its report is compared
// with the report of a fresh load from the database. Used by report-vs-r.ts; measures, never asserts.
import type { DatasetCache } from '../src/analysis/cache.ts';
import { computeReport } from '../src/analysis/compute.ts';
import { loadWaveDataset } from '../src/analysis/load.ts';
import type { AnswerValue, ItemId, Language } from '../src/questionnaire/types.ts';
import type { Db } from '../src/storage/db.ts';
import { createResponse, loadAnswers, savePage } from '../src/storage/responses.ts';
import type { StudyDefinition, WaveDefinition } from '../src/study/load.ts';
import { compareCells, reportCells } from './report-cells.ts';

export interface CacheArrivals {
  readonly added: number;
  readonly changed: number;
  /** Seconds of the cache's answer after the arrivals (freshness check, changed rows read, derived recomputed). */
  readonly refreshSeconds: number;
  /** Seconds of a fresh load of the wave, for comparison. */
  readonly freshLoadSeconds: number;
  readonly refreshed: boolean;
  readonly rowsCached: number;
  readonly rowsFresh: number;
  /** Numbers compared between the cached and the fresh report, how many identical, how many within 1e-9. */
  readonly compared: number;
  readonly identical: number;
  readonly agree: number;
  /** Numbers only one of the two reports has. */
  readonly unmatched: number;
  /** Numbers of the report that the arrivals changed (so the check is not vacuous). */
  readonly moved: number;
}

/** Items an existing respondent may change, cycled within codes 1-5 that each of them offers. */
const CHANGEABLE = ['Q3.01', 'Q3.02', 'Q4.25', 'Q2.04', 'Q8.03'];

export async function cacheUnderArrivals(
  db: Db,
  study: StudyDefinition,
  wave: WaveDefinition,
  cache: DatasetCache,
  options: { readonly added?: number; readonly changed?: number } = {},
): Promise<CacheArrivals> {
  const added = options.added ?? 25;
  const changed = options.changed ?? 25;
  const data = await cache.get(wave);
  const before = reportCells(computeReport(study, wave, data));
  const ids = data.texts('response_id');
  const questionnaires = data.texts('questionnaire');
  const versions = data.numbers('questionnaire_version');
  const languages = data.texts('language');
  const statsBefore = cache.stats();

  // New respondents answer as earlier ones did, through the web path's storage calls.
  for (let row = 0; row < added; row++) {
    const answers = await loadAnswers(db, ids[row] as string);
    const { response } = await createResponse(db, {
      questionnaireId: questionnaires[row] as string,
      questionnaireVersion: versions[row] as number,
      waveId: wave.id,
      language: languages[row] as Language,
      channel: 'bench-arrivals',
    });
    await savePage(db, { responseId: response.id, answers, remove: [], currentPage: null, completed: true });
  }
  let changedCount = 0;
  for (let row = added; changedCount < changed && row < ids.length; row++) {
    const id = ids[row] as string;
    const answers = await loadAnswers(db, id);
    const item = CHANGEABLE.find((i) => typeof answers.get(i as ItemId) === 'number' && (answers.get(i as ItemId) as number) <= 5);
    if (item === undefined) continue;
    const next = ((answers.get(item as ItemId) as number) % 5) + 1;
    const page = new Map<ItemId, AnswerValue>([[item as ItemId, next]]);
    await savePage(db, { responseId: id, answers: page, remove: [], currentPage: null, completed: true });
    changedCount++;
  }

  let start = process.hrtime.bigint();
  const cached = await cache.get(wave);
  const refreshSeconds = Number(process.hrtime.bigint() - start) / 1e9;
  const statsAfter = cache.stats();
  const after = reportCells(computeReport(study, wave, cached));
  start = process.hrtime.bigint();
  const fresh = (await loadWaveDataset(db, study, wave, study.report?.counts ?? 'completed')).data;
  const freshLoadSeconds = Number(process.hrtime.bigint() - start) / 1e9;
  const reference = reportCells(computeReport(study, wave, fresh));
  const comparison = compareCells(after, reference, []);
  let identical = 0;
  for (const [key, value] of reference) if (after.get(key) === value) identical++;
  let moved = 0;
  for (const [key, value] of after) if (before.get(key) !== value) moved++;
  return {
    added,
    changed: changedCount,
    refreshSeconds,
    freshLoadSeconds,
    refreshed: statsAfter.refreshes > statsBefore.refreshes && statsAfter.loads === statsBefore.loads,
    rowsCached: cached.rows,
    rowsFresh: fresh.rows,
    compared: reference.size,
    identical,
    agree: comparison.agree,
    unmatched: comparison.onlyR.length + comparison.onlyOurs.length,
    moved,
  };
}
