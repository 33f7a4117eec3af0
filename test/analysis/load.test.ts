// The wave loader (analysis/load.ts over storage/wave-read.ts, the COPY reader) on PGlite and, with DATABASE_URL,
// on PostgreSQL: every stored answer lands in its response's row as it was stored (texts with tabs, newlines,
// backslashes, quotes and Arabic; decimals, negatives and long integers; lists of codes), answers that do not
// fit their variable are said, and a dataset of only some variables holds exactly what the whole one holds in
// those columns, so the monitor computed on it is the same.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { DatasetCache } from '../../src/analysis/cache.ts';
import { DatasetError, type AnalysisDataset } from '../../src/analysis/dataset.ts';
import { loadWaveDataset } from '../../src/analysis/load.ts';
import { computeMonitor, monitorVariables } from '../../src/fieldwork/monitor.ts';
import type { AnswerValue } from '../../src/questionnaire/types.ts';
import { insertResponsesBulk, type BulkResponse } from '../../src/storage/bulk.ts';
import { BUURT_RESPONSES, BUURT_STUDY_DIR, storeBuurtResponse } from '../support/buurt.ts';
import { backendName, openTestDatabase, type TestDatabase } from '../support/db.ts';

/** A response of the short test questionnaire with these answers; ids in the order given sort in that order. */
const response = (n: number, answers: Record<string, AnswerValue>, status: 'completed' | 'started' = 'completed'): BulkResponse => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  accessHash: createHash('sha256').update(`load-test-${n}`).digest('hex'),
  questionnaireId: 'kort',
  questionnaireVersion: 1,
  waveId: 'inburgeraars:2024',
  language: 'nl',
  channel: 'brief',
  status,
  startedAt: new Date(Date.UTC(2024, 9, 1, 8, n)),
  completedAt: status === 'completed' ? new Date(Date.UTC(2024, 9, 1, 9, n, 30, 125)) : null,
  answers: new Map(Object.entries(answers)),
});

const TEXT = 'Syrië\tmet een tab, "aanhalingstekens", een \\ backslash\nen een nieuwe regel';
const ARABIC = 'سوريا ودمشق';

describe(`the wave loader on ${backendName()}`, () => {
  let t: TestDatabase;
  const stored = [
    response(3, { 'Q2.01': 3, 'Q2.01_anders': TEXT, 'Q2.02': -7.25, 'Q3.01': 5, 'Q2.14': [1, 3], 'Q2.14_anders': ARABIC, 'Q9.01': '' }),
    response(1, { 'Q2.01': 1, 'Q2.02': 12345678901234568, 'Q4.05': 2, 'Q2.14': [4], 'Q9.01': 'a\\nb \\N c' }),
    response(2, { 'Q2.01': 9, 'Q2.02': 0.1, 'Q3.01': 1, 'Q2.14': [] }),
    // Answers that do not fit their variable: text for a number, a number for a list, a number for a text.
    response(4, { 'Q2.02': 'veertig', 'Q2.14': 2, 'Q9.01': 42 }),
    response(5, { 'Q2.01': 2, 'Q2.02': 61 }, 'started'),
  ];

  before(async () => {
    t = await openTestDatabase();
    await insertResponsesBulk(t.db, stored);
  });
  after(() => t.close());

  const row = (data: AnalysisDataset, n: number) => data.rowOf(response(n, {}).id) as number;

  it('puts every answer in the row of its response, in response-id order, as it was stored', async () => {
    const { data } = await loadWaveDataset(t.db, t.study, t.study.waves[0]!, 'all');
    assert.deepEqual(
      data.texts('response_id'),
      [1, 2, 3, 4, 5].map((n) => response(n, {}).id),
    );
    assert.deepEqual([...data.numbers('Q2.02')], [12345678901234568, 0.1, -7.25, NaN, 61]);
    assert.deepEqual([...data.numbers('Q2.01')], [1, 9, 3, NaN, 2]);
    assert.deepEqual([...data.numbers('Q3.01')], [NaN, 1, 5, NaN, NaN]);
    assert.deepEqual([...data.numbers('Q4.05')], [2, NaN, NaN, NaN, NaN]);
    assert.deepEqual(data.texts('Q2.01_anders'), [null, null, TEXT, null, null]);
    assert.deepEqual(data.texts('Q2.14_anders'), [null, null, ARABIC, null, null]);
    assert.deepEqual(data.texts('Q9.01'), ['a\\nb \\N c', null, '', null, null]);
    // A list of codes: each option 1 or 0; an empty list, no answer.
    assert.deepEqual(
      [1, 2, 3, 4].map((code) => [...data.numbers(`Q2.14_${code}`)]),
      [
        [0, NaN, 1, NaN, NaN],
        [0, NaN, 0, NaN, NaN],
        [0, NaN, 1, NaN, NaN],
        [1, NaN, 0, NaN, NaN],
      ],
    );
    assert.deepEqual(data.texts('status'), ['completed', 'completed', 'completed', 'completed', 'started']);
    assert.equal(data.numbers('completed_at')[row(data, 3)], Date.UTC(2024, 9, 1, 9, 3, 30, 125));
    assert.ok(Number.isNaN(data.numbers('completed_at')[row(data, 5)]));
  });

  it('says which answers did not fit their variable, naming the response, and leaves them out', async () => {
    const { data, problems } = await loadWaveDataset(t.db, t.study, t.study.waves[0]!, 'completed');
    assert.equal(data.rows, 4);
    const id = response(4, {}).id;
    assert.deepEqual(problems, [
      `response ${id}: Q2.02: a number expected, not "veertig"`,
      `response ${id}: Q2.14: a multiple-choice answer should be a list of codes, not 2`,
      `response ${id}: Q9.01: text expected, not 42`,
    ]);
  });

  it('loads only the variables asked for, with what they are computed from, and refuses an unknown one', async () => {
    const { data } = await loadWaveDataset(t.db, t.study, t.study.waves[0]!, 'all', ['Q2.01']);
    assert.deepEqual(
      data.variables.filter((v) => v.kind !== 'meta').map((v) => v.name),
      ['Q2.01', 'Q2.01_anders'],
    );
    assert.deepEqual([...data.numbers('Q2.01')], [1, 9, 3, NaN, 2]);
    assert.deepEqual(data.texts('Q2.01_anders'), [null, null, TEXT, null, null]);
    const multi = await loadWaveDataset(t.db, t.study, t.study.waves[0]!, 'all', ['Q2.14_3']);
    assert.deepEqual(
      multi.data.variables.filter((v) => v.kind !== 'meta').map((v) => v.name),
      ['Q2.14_1', 'Q2.14_2', 'Q2.14_3', 'Q2.14_4', 'Q2.14_anders'],
    );
    await assert.rejects(loadWaveDataset(t.db, t.study, t.study.waves[0]!, 'all', ['Q7.77']), DatasetError);
  });
});

describe(`the wave loader on an empty wave, on ${backendName()}`, () => {
  it('loads a wave without responses as a dataset of no rows (the COPY writes nothing)', async () => {
    const t = await openTestDatabase();
    try {
      const { data } = await loadWaveDataset(t.db, t.study, t.study.waves[0]!, 'all');
      assert.equal(data.rows, 0);
      assert.deepEqual(data.texts('response_id'), []);
    } finally {
      await t.close();
    }
  });
});

describe(`the monitor on a dataset of only its variables, on ${backendName()}`, () => {
  let t: TestDatabase;
  before(async () => {
    t = await openTestDatabase(BUURT_STUDY_DIR);
    for (const r of BUURT_RESPONSES) await storeBuurtResponse(t.db, r);
  });
  after(() => t.close());

  const columns = (data: AnalysisDataset) => {
    const { numbers, texts } = data.storedColumns();
    return new Map<string, unknown>([...[...numbers].map(([k, v]) => [k, [...v]] as const), ...texts]);
  };

  it('holds in each selected column what the whole dataset holds, and gives the same monitor', async () => {
    const wave = t.study.waves[0]!;
    const variables = monitorVariables(t.study, wave);
    assert.deepEqual(variables, ['woonvorm', 'leeftijdsgroep']);
    const whole = (await loadWaveDataset(t.db, t.study, wave, 'all')).data;
    const some = (await loadWaveDataset(t.db, t.study, wave, 'all', variables)).data;
    // woonvorm is computed from the questionnaire, leeftijdsgroep from B2: no other item, no scale.
    assert.deepEqual(
      some.variables.filter((v) => v.kind !== 'meta').map((v) => v.name),
      ['B2', 'woonvorm', 'leeftijdsgroep'],
    );
    const all = columns(whole);
    for (const [name, values] of columns(some)) assert.deepEqual(values, all.get(name), name);
    const monitor = (data: AnalysisDataset) => computeMonitor({ study: t.study, wave, data, channels: [], letters: [] });
    assert.deepEqual(monitor(some), monitor(whole));
    assert.equal(monitor(some).started, 7);
  });

  it("keeps a selection in the serving cache up to date, and uses the whole wave's dataset when it is in memory", async () => {
    const wave = t.study.waves[0]!;
    const variables = monitorVariables(t.study, wave);
    const cache = new DatasetCache(t.db, t.study);
    const first = await cache.get(wave, 'all', variables);
    assert.equal(first.variables.length, 9 + 3);
    await storeBuurtResponse(t.db, BUURT_RESPONSES[0]!);
    const again = await cache.get(wave, 'all', variables);
    assert.equal(again, first);
    assert.equal(again.rows, 8);
    // The cache appends the new response (a fresh load puts it in id order): the same counts either way.
    const monitor = (data: AnalysisDataset) => computeMonitor({ study: t.study, wave, data, channels: [], letters: [] });
    assert.deepEqual(monitor(again), monitor((await loadWaveDataset(t.db, t.study, wave, 'all', variables)).data));
    const whole = await cache.get(wave, 'all');
    assert.equal(await cache.get(wave, 'all', variables), whole);
  });
});
