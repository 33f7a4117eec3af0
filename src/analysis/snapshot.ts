// A wave's dataset saved on disk beside the embedded database (<dataDir>/perspectief-cache/), so the next
// command starts from it instead of reading every answer again: the columns as the dataset holds them (numbers
// as raw float64, text as JSON), the questionnaire versions they answer, and what the database held when they
// were read (storage/data-state.ts), the wave's own count and latest change (as the in-memory cache keeps them).
// A snapshot is only ever a starting point that something vouches for: the database's version queries
// (cache.ts), or, with nobody holding the database, the state its last owner wrote when it closed it. A
// snapshot made under other study definitions (derived variables, scales, questionnaire files) is ignored.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { QuestionnaireDefinition } from '../questionnaire/types.ts';
import type { DataState } from '../storage/data-state.ts';
import type { StudyDefinition, WaveDefinition } from '../study/load.ts';
import { AnalysisDataset } from './dataset.ts';
import type { Counts } from './load.ts';

const MAGIC = 'PPDSNAP1';
const FORMAT = 1;

/** What a snapshot says about the rows it holds. */
export interface SnapshotFacts {
  /** The wave's rows and latest change, as the cache's version query gives them. */
  readonly count: number;
  readonly lastUpdate: number;
  /** The whole database's state, read before the rows were. */
  readonly state: DataState;
  /** Answers left out when the rows were loaded. */
  readonly problems: readonly string[];
}

export interface Snapshot extends SnapshotFacts {
  readonly data: AnalysisDataset;
}

interface Header extends SnapshotFacts {
  readonly format: number;
  readonly definitions: string;
  readonly rows: number;
  readonly questionnaires: readonly QuestionnaireDefinition[];
  readonly numbers: readonly string[];
  readonly texts: Readonly<Record<string, readonly (string | null)[]>>;
}

/**
 * A fingerprint of what the study contributes to a wave's dataset: derived variables, scales, questionnaires,
 * the classification of municipalities.
 */
export function definitionsHash(study: StudyDefinition, wave: WaveDefinition): string {
  const municipalities = study.municipalities ? { ...study.municipalities, codes: [...study.municipalities.codes] } : null;
  return createHash('sha256')
    .update(JSON.stringify([study.derived ?? [], study.scales ?? [], wave.questionnaires, municipalities]))
    .digest('hex');
}

/** Snapshots of wave datasets in one folder, one file per wave and kind of count. */
export class SnapshotStore {
  constructor(readonly dir: string) {}

  /** The store of an embedded database's data directory. */
  static forDataDir(dataDir: string): SnapshotStore {
    return new SnapshotStore(join(dataDir, 'perspectief-cache'));
  }

  private path(wave: WaveDefinition, counts: Counts): string {
    return join(this.dir, `${wave.id.replace(/[^\w.-]/g, '_')}-${counts}.dataset`);
  }

  /** The snapshot of the wave made under the study's current definitions, or null (none, older, unreadable). */
  load(study: StudyDefinition, wave: WaveDefinition, counts: Counts): Snapshot | null {
    let file: Buffer;
    try {
      file = readFileSync(this.path(wave, counts));
    } catch {
      return null;
    }
    try {
      if (file.toString('latin1', 0, 8) !== MAGIC) return null;
      const headerLength = file.readUInt32LE(8);
      const header = JSON.parse(file.toString('utf8', 12, 12 + headerLength)) as Header;
      if (header.format !== FORMAT || header.definitions !== definitionsHash(study, wave)) return null;
      let at = align8(12 + headerLength);
      const numbers = new Map<string, Float64Array>();
      for (const name of header.numbers) {
        const bytes = file.subarray(at, at + header.rows * 8);
        if (bytes.length !== header.rows * 8) return null;
        // A copy: the file's buffer need not be aligned for a Float64Array view.
        numbers.set(name, new Float64Array(new Uint8Array(bytes).buffer));
        at += header.rows * 8;
      }
      const texts = new Map(Object.entries(header.texts));
      const data = AnalysisDataset.restore(
        {
          wave: wave.id,
          questionnaires: header.questionnaires,
          derived: study.derived ?? [],
          scales: study.scales ?? [],
          municipalities: study.municipalities,
        },
        header.rows,
        numbers,
        texts,
      );
      return { data, count: header.count, lastUpdate: header.lastUpdate, state: header.state, problems: header.problems };
    } catch {
      // A torn or foreign file: load from the database instead (and write a good one then).
      return null;
    }
  }

  /** Writes the wave's snapshot atomically (a temporary file renamed into place). */
  save(study: StudyDefinition, wave: WaveDefinition, counts: Counts, data: AnalysisDataset, facts: SnapshotFacts): void {
    const { numbers, texts } = data.storedColumns();
    const header: Header = {
      format: FORMAT,
      definitions: definitionsHash(study, wave),
      rows: data.rows,
      ...facts,
      questionnaires: data.definition.questionnaires,
      numbers: [...numbers.keys()],
      texts: Object.fromEntries(texts),
    };
    const json = Buffer.from(JSON.stringify(header), 'utf8');
    const start = align8(12 + json.length);
    const out = Buffer.alloc(start + numbers.size * data.rows * 8);
    out.write(MAGIC, 0, 'latin1');
    out.writeUInt32LE(json.length, 8);
    json.copy(out, 12);
    let at = start;
    for (const column of numbers.values()) {
      Buffer.from(column.buffer, column.byteOffset, column.byteLength).copy(out, at);
      at += column.byteLength;
    }
    mkdirSync(this.dir, { recursive: true });
    const path = this.path(wave, counts);
    writeFileSync(`${path}.${process.pid}.tmp`, out);
    renameSync(`${path}.${process.pid}.tmp`, path);
  }
}

const align8 = (n: number): number => Math.ceil(n / 8) * 8;
