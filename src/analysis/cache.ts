// A serving process keeps each wave's dataset in memory and brings it up to date before every use: one cheap
// query (how many responses, latest change) says whether anything moved; if so, only the responses changed
// since the last look are read again and written into their rows, and the derived variables recomputed. A
// withdrawal (fewer responses than rows) reloads the wave. Changes committed more than OVERLAP_MS after
// their statement began are the one thing it could miss; no save here takes that long.
import type { Db } from '../storage/db.ts';
import { waveChangedSince, waveRecodes, waveVersion, type WaveSelection } from '../storage/wave-data.ts';
import type { StudyDefinition, WaveDefinition } from '../study/load.ts';
import type { AnalysisDataset } from './dataset.ts';
import { loadWaveDataset, toRecord, type Counts } from './load.ts';
import { applyRecodes } from './recodes.ts';

/** How far back a refresh looks beyond the latest change it has seen (a save's statement start to commit). */
export const OVERLAP_MS = 60_000;

interface Entry {
  data: AnalysisDataset;
  count: number;
  lastUpdate: number;
}

export interface CacheStats {
  readonly loads: number;
  readonly refreshes: number;
  readonly hits: number;
}

export class DatasetCache {
  private readonly entries = new Map<string, Entry>();
  private readonly pending = new Map<string, Promise<AnalysisDataset>>();
  private loads = 0;
  private refreshes = 0;
  private hits = 0;

  constructor(
    private readonly db: Db,
    private readonly study: StudyDefinition,
  ) {}

  /** The wave's dataset as the database holds it now. */
  get(wave: WaveDefinition, counts: Counts = this.study.report?.counts ?? 'completed'): Promise<AnalysisDataset> {
    const key = `${wave.id}|${counts}`;
    const running = this.pending.get(key);
    if (running) return running;
    const next = this.fresh(key, wave, counts).finally(() => this.pending.delete(key));
    this.pending.set(key, next);
    return next;
  }

  stats(): CacheStats {
    return { loads: this.loads, refreshes: this.refreshes, hits: this.hits };
  }

  private async fresh(key: string, wave: WaveDefinition, counts: Counts): Promise<AnalysisDataset> {
    const selection: WaveSelection = { waveId: wave.id, completedOnly: counts === 'completed' };
    const entry = this.entries.get(key);
    const version = await waveVersion(this.db, selection);
    if (entry && entry.count === version.count && entry.lastUpdate === version.lastUpdate) {
      this.hits++;
      return entry.data;
    }
    if (entry && version.count >= entry.count) {
      const changed = await waveChangedSince(this.db, selection, entry.lastUpdate - OVERLAP_MS);
      for (const response of changed) {
        const row = entry.data.upsertResponse(toRecord(wave.id, response));
        for (const [item, value] of Object.entries(response.answers)) entry.data.setAnswer(row, item, value);
        entry.lastUpdate = Math.max(entry.lastUpdate, response.updatedAt);
      }
      // A recode touches its response (storage/decisions.ts), so it arrives here among the changed ones.
      if (changed.length > 0) applyRecodes(entry.data, await waveRecodes(this.db, wave.id), new Set(changed.map((r) => r.id)));
      if (entry.data.rows === version.count) {
        entry.data.derive();
        entry.count = version.count;
        this.refreshes++;
        return entry.data;
      }
    }
    const loaded = await loadWaveDataset(this.db, this.study, wave, counts);
    this.entries.set(key, { data: loaded.data, count: loaded.data.rows, lastUpdate: loaded.lastUpdate });
    this.loads++;
    return loaded.data;
  }
}
