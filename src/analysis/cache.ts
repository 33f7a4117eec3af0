// A serving process keeps each wave's dataset in memory and brings it up to date before every use: one cheap
// query (how many responses, latest change) says whether anything moved; if so, only the responses changed
// since the last look are read again and written into their rows, and the derived variables recomputed. A
// withdrawal (fewer responses than rows) reloads the wave. Changes committed more than OVERLAP_MS after
// their statement began are the one thing it could miss; no save here takes that long. With a snapshot store
// (snapshot.ts, the embedded database's commands), a wave not yet in memory starts from its snapshot on disk,
// which the same version query then vouches for or brings up to date, and what it ends with is saved again.
// The channel register is read on every use too: a channel registered since changes the municipality type.
import { channelMunicipalities } from '../storage/channels.ts';
import type { Db } from '../storage/db.ts';
import { sameState, type DataState } from '../storage/data-state.ts';
import { readState } from '../storage/wave-data.ts';
import { waveChangedSince, waveRecodes, waveVersion, type WaveSelection } from '../storage/wave-data.ts';
import type { StudyDefinition, WaveDefinition } from '../study/load.ts';
import type { AnalysisDataset } from './dataset.ts';
import { loadWaveDataset, toRecord, type Counts } from './load.ts';
import { applyRecodes } from './recodes.ts';
import type { SnapshotStore } from './snapshot.ts';

/** How far back a refresh looks beyond the latest change it has seen (a save's statement start to commit). */
export const OVERLAP_MS = 60_000;

interface Entry {
  data: AnalysisDataset;
  count: number;
  lastUpdate: number;
  problems: readonly string[];
  /** The database state the entry's snapshot on disk was saved under, if any. */
  savedState?: DataState | undefined;
}

export interface CacheOptions {
  /** Snapshots on disk to start from and to keep up to date (embedded database only). */
  readonly snapshots?: SnapshotStore | undefined;
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
  private snapshotReads = 0;

  constructor(
    private readonly db: Db,
    private readonly study: StudyDefinition,
    private readonly options: CacheOptions = {},
  ) {}

  /**
   * The wave's dataset as the database holds it now; with `variables`, a dataset of only those (and what they
   * are computed from, analysis/selection.ts), unless the whole wave is in memory already. A selection is kept
   * beside the whole dataset, brought up to date the same way, and never saved as a snapshot.
   */
  get(
    wave: WaveDefinition,
    counts: Counts = this.study.report?.counts ?? 'completed',
    variables?: readonly string[],
  ): Promise<AnalysisDataset> {
    const whole = `${wave.id}|${counts}`;
    const key = variables && !this.entries.has(whole) ? `${whole}|${[...new Set(variables)].sort().join(',')}` : whole;
    const running = this.pending.get(key);
    if (running) return running;
    const next = this.fresh(key, wave, counts, key === whole ? undefined : variables).finally(() => this.pending.delete(key));
    this.pending.set(key, next);
    return next;
  }

  stats(): CacheStats & { readonly snapshotReads: number } {
    return { loads: this.loads, refreshes: this.refreshes, hits: this.hits, snapshotReads: this.snapshotReads };
  }

  /** Answers left out when the wave was loaded (in words), once get() has run for it. */
  problems(wave: WaveDefinition, counts: Counts = this.study.report?.counts ?? 'completed'): readonly string[] {
    return this.entries.get(`${wave.id}|${counts}`)?.problems ?? [];
  }

  private async fresh(key: string, wave: WaveDefinition, counts: Counts, variables?: readonly string[]): Promise<AnalysisDataset> {
    const selection: WaveSelection = { waveId: wave.id, completedOnly: counts === 'completed' };
    const store = variables ? undefined : this.options.snapshots;
    // Read before the rows, so a snapshot never claims a newer state than the rows it holds.
    const state = store ? await readState(this.db) : null;
    const register = this.study.municipalities ? await channelMunicipalities(this.db) : null;
    let entry = this.entries.get(key);
    if (!entry && store) {
      const snapshot = store.load(this.study, wave, counts);
      if (snapshot) {
        entry = {
          data: snapshot.data,
          count: snapshot.count,
          lastUpdate: snapshot.lastUpdate,
          problems: snapshot.problems,
          savedState: snapshot.state,
        };
        this.entries.set(key, entry);
        this.snapshotReads++;
      }
    }
    const save = (e: Entry): AnalysisDataset => {
      if (register) e.data.useChannelRegister(register);
      if (!store || !state || (e.savedState && sameState(e.savedState, state))) return e.data;
      store.save(this.study, wave, counts, e.data, { count: e.count, lastUpdate: e.lastUpdate, state, problems: e.problems });
      e.savedState = state;
      return e.data;
    };
    const version = await waveVersion(this.db, selection);
    if (entry && entry.count === version.count && entry.lastUpdate === version.lastUpdate) {
      this.hits++;
      // Unchanged rows under a changed state (another wave, a new questionnaire version): saved again, so the
      // snapshot stays good for the state the database will be closed with.
      return save(entry);
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
        entry.savedState = undefined;
        this.refreshes++;
        return save(entry);
      }
    }
    const loaded = await loadWaveDataset(this.db, this.study, wave, counts, variables);
    const fresh: Entry = { data: loaded.data, count: loaded.data.rows, lastUpdate: loaded.lastUpdate, problems: loaded.problems };
    this.entries.set(key, fresh);
    this.loads++;
    return save(fresh);
  }
}
