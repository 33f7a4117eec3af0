// Exclusions and recodes as analysis honours them: a response excluded by a data check leaves every loaded
// dataset (and a serving cache) without being deleted, and comes back when the exclusion is taken back; a
// confirmed "Anders, namelijk..." recode gives the item the chosen option while the open text stays, in a
// fresh load and in a cache that was already warm; the log keeps every decision with its revocation.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DatasetCache } from '../../src/analysis/cache.ts';
import { loadWaveDataset } from '../../src/analysis/load.ts';
import type { AnswerValue, ItemId } from '../../src/questionnaire/types.ts';
import { recordRecodes, recordReviews, revokeRecode, revokeReview, waveReviews, liveRecodes } from '../../src/storage/decisions.ts';
import { createResponse, savePage } from '../../src/storage/responses.ts';
import { DEFAULT_STUDY_DIR, type WaveDefinition } from '../../src/study/load.ts';
import { backendName, openTestDatabase, type TestDatabase } from '../support/db.ts';

describe(`exclusions and recodes in the analysis path on ${backendName()}`, () => {
  let t: TestDatabase;
  let wave: WaveDefinition;
  const ids: string[] = [];
  before(async () => {
    t = await openTestDatabase(DEFAULT_STUDY_DIR);
    wave = t.study.waves.find((w) => w.id === 'inburgeraars:2024')!;
    const q = wave.questionnaires.find((x) => x.id === 'wi2021-asiel')!;
    const answer = async (answers: Record<string, AnswerValue>) => {
      const { response } = await createResponse(t.db, {
        questionnaireId: q.id,
        questionnaireVersion: q.version,
        waveId: wave.id,
        language: 'ar',
        channel: 'duo-brief',
      });
      const map = new Map(Object.entries(answers).map(([k, v]) => [k as ItemId, v] as const));
      await savePage(t.db, { responseId: response.id, answers: map, remove: [], currentPage: null, completed: true });
      ids.push(response.id);
    };
    await answer({ 'Q2.01': 1, 'Q2.03': 10, 'Q2.03_anders': 'سوريا', 'Q2.12': 1 });
    await answer({ 'Q2.01': 2, 'Q2.03': 2, 'Q2.12': 1, 'Q3.08': [1, 8], 'Q3.08_anders': 'Ik werk en heb weinig tijd' });
    await answer({ 'Q2.01': 2, 'Q2.03': 4, 'Q2.12': 2 });
  });
  after(async () => t.close());

  const load = async () => (await loadWaveDataset(t.db, t.study, wave)).data;

  it('leaves an excluded response out of a fresh load and a warm cache, keeps it stored, and counts it again once the exclusion is taken back', async () => {
    const cache = new DatasetCache(t.db, t.study);
    assert.equal((await cache.get(wave)).rows, 3);
    await recordReviews(t.db, {
      responseIds: [ids[2]!],
      check: 'speeders',
      decision: 'exclude',
      reason: 'finished in 2 minutes',
      userId: null,
    });
    assert.equal((await load()).rows, 2);
    const cached = await cache.get(wave);
    assert.equal(cached.rows, 2);
    assert.equal(cached.rowOf(ids[2]!), undefined);
    const [log] = await waveReviews(t.db, wave.id);
    assert.equal(log?.decision, 'exclude');
    await revokeReview(t.db, { id: log.id, userId: null, reason: 'checked: a fast reader' });
    assert.equal((await load()).rows, 3);
    assert.equal((await cache.get(wave)).rows, 3);
    const history = await waveReviews(t.db, wave.id);
    assert.equal(history.length, 1);
    assert.equal(history[0]?.revokeReason, 'checked: a fast reader');
    assert.ok(history[0].revokedAt instanceof Date);
  });

  it('gives the item the recoded option in a fresh load and a warm cache while the open text stays, and "other" again when taken back', async () => {
    const cache = new DatasetCache(t.db, t.study);
    const before = await cache.get(wave);
    assert.equal(before.numbers('Q2.03')[before.rowOf(ids[0]!)!], 10);
    await recordRecodes(t.db, {
      recodes: [{ responseId: ids[0]!, item: 'Q2.03', otherItem: 'Q2.03_anders', otherCode: 10, text: 'سوريا' }],
      code: 1,
      userId: null,
    });
    await recordRecodes(t.db, {
      recodes: [{ responseId: ids[1]!, item: 'Q3.08', otherItem: 'Q3.08_anders', otherCode: 8, text: 'Ik werk en heb weinig tijd' }],
      code: 7,
      userId: null,
    });
    for (const data of [await load(), await cache.get(wave)]) {
      const row = data.rowOf(ids[0]!)!;
      assert.equal(data.numbers('Q2.03')[row], 1);
      assert.equal(data.texts('Q2.03_anders')[row], 'سوريا');
      const multi = data.rowOf(ids[1]!)!;
      assert.equal(data.numbers('Q3.08_8')[multi], 0);
      assert.equal(data.numbers('Q3.08_7')[multi], 1);
      assert.equal(data.numbers('Q3.08_1')[multi], 1);
    }
    const live = await liveRecodes(t.db, wave.id);
    assert.equal(live.length, 2);
    await revokeRecode(t.db, { id: live[0]!.id, userId: null });
    const after = await cache.get(wave);
    assert.equal(after.numbers('Q2.03')[after.rowOf(ids[0]!)!], 10);
    assert.equal((await load()).numbers('Q2.03')[after.rowOf(ids[0]!)!], 10);
  });
});
