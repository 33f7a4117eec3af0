// A wave's dataset saved on disk (analysis/snapshot.ts) and the cache that starts from it (cache.ts): a new
// process (a new cache) reads the snapshot instead of every answer, the database's version query vouches for
// it, answers saved since are brought in, a withdrawal reloads, and whatever path the rows took the report's
// tables are those of a fresh load from the database. A snapshot made under other definitions, or a torn
// file, is never used.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DatasetCache } from '../../src/analysis/cache.ts';
import { computeReport } from '../../src/analysis/compute.ts';
import type { AnalysisDataset } from '../../src/analysis/dataset.ts';
import { loadWaveDataset } from '../../src/analysis/load.ts';
import { SnapshotStore } from '../../src/analysis/snapshot.ts';
import { readState } from '../../src/storage/wave-data.ts';
import { deleteResponse } from '../../src/storage/responses.ts';
import { printReport } from '../../src/report/tables-json.ts';
import type { WaveDefinition } from '../../src/study/load.ts';
import { BUURT_RESPONSES, BUURT_STUDY_DIR, storeBuurtResponse } from '../support/buurt.ts';
import { backendName, openTestDatabase, type TestDatabase } from '../support/db.ts';

describe(`wave datasets saved on disk, on ${backendName()}`, () => {
  let t: TestDatabase;
  let wave: WaveDefinition;
  let dir: string;
  let store: SnapshotStore;
  const ids: string[] = [];
  /** Stores the second study's responses number `n` (test/support/buurt.ts). */
  const answer = async (...n: number[]) => {
    for (const i of n) ids.push(await storeBuurtResponse(t.db, BUURT_RESPONSES[i]!));
  };
  const tables = (data: AnalysisDataset): string =>
    JSON.stringify(printReport(computeReport(t.study, wave, data), { synthetic: { count: 0, note: null } }));
  const fresh = async (): Promise<string> => tables((await loadWaveDataset(t.db, t.study, wave)).data);

  before(async () => {
    t = await openTestDatabase(BUURT_STUDY_DIR);
    wave = t.study.waves[0]!;
    dir = mkdtempSync(join(tmpdir(), 'perspectief-snapshot-'));
    store = new SnapshotStore(dir);
    await answer(0, 1, 4, 5);
  });
  after(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('saves the wave on first use and gives a new cache the same tables from disk without loading the answers', async () => {
    const first = new DatasetCache(t.db, t.study, { snapshots: store });
    const loaded = tables(await first.get(wave));
    assert.deepEqual(first.stats(), { loads: 1, refreshes: 0, hits: 0, snapshotReads: 0 });
    assert.deepEqual(readdirSync(dir), ['buurt_2025-completed.dataset']);
    const second = new DatasetCache(t.db, t.study, { snapshots: store });
    assert.equal(tables(await second.get(wave)), loaded);
    assert.deepEqual(second.stats(), { loads: 0, refreshes: 0, hits: 1, snapshotReads: 1 });
    assert.equal(loaded, await fresh());
  });

  it('records the database state read before the rows, so an unchanged database vouches for the snapshot', async () => {
    const snapshot = store.load(t.study, wave, 'completed');
    assert.ok(snapshot);
    assert.deepEqual(snapshot.state, await readState(t.db));
    assert.deepEqual([snapshot.count, snapshot.data.rows], [4, 4]);
  });

  it('brings answers saved since the snapshot into it, and the tables equal a fresh load', async () => {
    await answer(2, 6);
    const cache = new DatasetCache(t.db, t.study, { snapshots: store });
    const data = await cache.get(wave);
    assert.deepEqual(cache.stats(), { loads: 0, refreshes: 1, hits: 0, snapshotReads: 1 });
    assert.equal(data.rows, 6);
    assert.equal(tables(data), await fresh());
    // What the refresh ended with is on disk for the next process, under the state it was read in.
    const saved = store.load(t.study, wave, 'completed');
    assert.deepEqual([saved?.data.rows, saved?.state], [6, await readState(t.db)]);
  });

  it('reloads the wave when a respondent withdrew since the snapshot', async () => {
    await deleteResponse(t.db, ids[0]!);
    const cache = new DatasetCache(t.db, t.study, { snapshots: store });
    const data = await cache.get(wave);
    assert.deepEqual(cache.stats(), { loads: 1, refreshes: 0, hits: 0, snapshotReads: 1 });
    assert.equal(data.rowOf(ids[0]!), undefined);
    assert.equal(tables(data), await fresh());
  });

  it('ignores a snapshot made under other study definitions', () => {
    const changed = { ...t.study, scales: (t.study.scales ?? []).map((s) => ({ ...s, items: [...s.items].reverse() })) };
    assert.ok(store.load(t.study, wave, 'completed'));
    assert.equal(store.load(changed, wave, 'completed'), null);
  });

  it('ignores a torn or foreign file and loads from the database instead', async () => {
    const [file] = readdirSync(dir);
    const path = join(dir, file!);
    truncateSync(path, 100);
    assert.equal(store.load(t.study, wave, 'completed'), null);
    writeFileSync(path, 'not a snapshot at all');
    assert.equal(store.load(t.study, wave, 'completed'), null);
    const cache = new DatasetCache(t.db, t.study, { snapshots: store });
    assert.equal(tables(await cache.get(wave)), await fresh());
    assert.deepEqual(cache.stats(), { loads: 1, refreshes: 0, hits: 0, snapshotReads: 0 });
  });
});
