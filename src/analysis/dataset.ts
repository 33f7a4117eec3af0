// The one path from stored answers to analysable columns: a wave's responses as a columnar dataset, one row
// per response and one column per variable (variables.ts), numbers in Float64Arrays (NaN: no answer, not
// asked), text in arrays. Values are kept as answered, missing codes included; views.ts hands the statistics
// engine columns with the missing codes left out (or shown, where a table lists them). Derived variables and
// scales are computed over the columns (derive.ts), and so is the municipality type of each response's channel
// (municipality-type.ts, from the channel register the loader hands over). Rows can be added and replaced in
// place, so a cached dataset follows new answers without a reload (cache.ts).
import type { QuestionnaireDefinition } from '../questionnaire/types.ts';
import type { DerivedVariable, ScaleDefinition } from '../questionnaire/variables.ts';
import { MUNICIPALITY_TYPE_VARIABLE, type MunicipalityClassification } from '../study/municipalities.ts';
import { computeStudyVariables } from './derive.ts';
import { municipalityTypeColumn, sameRegister, type ChannelRegister } from './municipality-type.ts';
import { datasetVariables, type VariableInfo } from './variables.ts';

export class DatasetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatasetError';
  }
}

/** One response as the loader hands it over: its facts and its answers by item id. */
export interface ResponseRecord {
  readonly id: string;
  readonly questionnaireId: string;
  readonly questionnaireVersion: number;
  readonly wave: string;
  readonly language: string;
  readonly channel: string;
  readonly status: string;
  readonly startedAt: number;
  readonly completedAt: number | null;
}

export interface DatasetDefinition {
  /** Full wave id the rows belong to; null for a dataset over several waves. */
  readonly wave: string | null;
  /** Every questionnaire version a row may answer. */
  readonly questionnaires: readonly QuestionnaireDefinition[];
  readonly derived: readonly DerivedVariable[];
  readonly scales: readonly ScaleDefinition[];
  /** The study's classification of municipalities: the dataset then has the column `gemeentetype`. */
  readonly municipalities?: MunicipalityClassification | undefined;
  /**
   * Only these variables besides the response's facts (selection.ts: a closure, with derived and scales to
   * match); absent: every variable of the questionnaires.
   */
  readonly only?: ReadonlySet<string> | undefined;
}

type Store = Float64Array | (string | null)[];

/** Columnar dataset of a wave (or several); rows are responses. */
export class AnalysisDataset {
  readonly wave: string | null;
  readonly variables: readonly VariableInfo[];
  readonly definition: DatasetDefinition;
  private readonly byName: ReadonlyMap<string, VariableInfo>;
  private readonly columns = new Map<string, Store>();
  private readonly rowOfId = new Map<string, number>();
  /** Questionnaire key ("id@version") → definition. */
  private readonly questionnaireByKey: ReadonlyMap<string, QuestionnaireDefinition>;
  /** Options offered by each questionnaire (id, then version) for each multi item. */
  private readonly offered: ReadonlyMap<string, ReadonlyMap<number, ReadonlyMap<string, ReadonlySet<number>>>>;
  /** Multi item id → its option variables. */
  readonly multiOptions: ReadonlyMap<string, readonly VariableInfo[]>;
  private count = 0;
  /** Multi item → its option columns (optionColumns); emptied when the columns are replaced by bigger ones. */
  private readonly optionColumnCache = new Map<string, readonly Float64Array[]>();
  private capacity: number;
  /** The channel register the municipality type was computed with; null: not yet given (restored, or new). */
  private register: ChannelRegister | null = null;
  /** Raised whenever rows change; views and caches key on it. */
  version = 0;

  constructor(definition: DatasetDefinition, capacity = 1024) {
    this.definition = definition;
    this.wave = definition.wave;
    const all = datasetVariables(definition.questionnaires, definition.derived, definition.scales, definition.municipalities);
    const only = definition.only;
    this.variables = only ? all.filter((v) => v.kind === 'meta' || only.has(v.name)) : all;
    this.byName = new Map(this.variables.map((v) => [v.name, v]));
    this.capacity = Math.max(16, capacity);
    for (const v of this.variables) this.columns.set(v.name, v.storage === 'text' ? [] : new Float64Array(this.capacity).fill(NaN));
    this.questionnaireByKey = new Map(definition.questionnaires.map((q) => [`${q.id}@${q.version}`, q]));
    const offered = new Map<string, Map<number, Map<string, Set<number>>>>();
    for (const q of definition.questionnaires) {
      const perItem = new Map<string, Set<number>>();
      for (const page of q.pages)
        for (const item of page.items) if (item.kind === 'multi') perItem.set(item.id, new Set(item.options.map((o) => o.code)));
      const versions = offered.get(q.id) ?? new Map<number, Map<string, Set<number>>>();
      versions.set(q.version, perItem);
      offered.set(q.id, versions);
    }
    this.offered = offered;
    const multi = new Map<string, VariableInfo[]>();
    for (const v of this.variables) {
      if (v.kind !== 'multi-option' || v.item === null) continue;
      multi.set(v.item, [...(multi.get(v.item) ?? []), v]);
    }
    this.multiOptions = multi;
  }

  get rows(): number {
    return this.count;
  }

  /** The stored columns (answers, derived variables and scales as computed), for a snapshot on disk. */
  storedColumns(): {
    readonly numbers: ReadonlyMap<string, Float64Array>;
    readonly texts: ReadonlyMap<string, readonly (string | null)[]>;
  } {
    const numbers = new Map<string, Float64Array>();
    const texts = new Map<string, readonly (string | null)[]>();
    for (const [name, column] of this.columns) {
      if (column instanceof Float64Array) numbers.set(name, column.subarray(0, this.count));
      else texts.set(name, column.slice(0, this.count));
    }
    return { numbers, texts };
  }

  /**
   * A dataset from columns stored by storedColumns() under the same definition (snapshot.ts): every variable
   * of the definition must be there with `rows` values, or DatasetError.
   */
  static restore(
    definition: DatasetDefinition,
    rows: number,
    numbers: ReadonlyMap<string, Float64Array>,
    texts: ReadonlyMap<string, readonly (string | null)[]>,
  ): AnalysisDataset {
    const data = new AnalysisDataset(definition, rows);
    for (const v of data.variables) {
      const column = v.storage === 'text' ? texts.get(v.name) : numbers.get(v.name);
      if (column?.length !== rows) throw new DatasetError(`the stored dataset has no column "${v.name}" of ${rows} rows`);
      if (column instanceof Float64Array) (data.columns.get(v.name) as Float64Array).set(column);
      else data.columns.set(v.name, [...column]);
    }
    data.count = rows;
    data.texts('response_id').forEach((id, row) => {
      if (id !== null) data.rowOfId.set(id, row);
    });
    data.version++;
    return data;
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  info(name: string): VariableInfo {
    const found = this.byName.get(name);
    if (!found) throw new DatasetError(`the dataset has no variable "${name}"`);
    return found;
  }

  /** The values of a numeric or date variable as stored (missing codes included; NaN: no value). A view: do not write. */
  numbers(name: string): Float64Array {
    const column = this.columns.get(name);
    if (!(column instanceof Float64Array))
      throw new DatasetError(`"${name}" ${column ? 'holds text' : 'is not a variable of the dataset'}`);
    return column.subarray(0, this.count);
  }

  /** The values of a text variable (null: no answer). */
  texts(name: string): readonly (string | null)[] {
    const column = this.columns.get(name);
    if (!Array.isArray(column)) throw new DatasetError(`"${name}" ${column ? 'holds numbers' : 'is not a variable of the dataset'}`);
    return column;
  }

  /** Row of a response id, or undefined. */
  rowOf(id: string): number | undefined {
    return this.rowOfId.get(id);
  }

  /** The questionnaire definition of a row. */
  questionnaireOf(row: number): QuestionnaireDefinition | undefined {
    const q = this.texts('questionnaire')[row];
    const version = this.numbers('questionnaire_version')[row];
    return q === null || q === undefined ? undefined : this.questionnaireByKey.get(`${q}@${version}`);
  }

  private grow(needed: number): void {
    if (needed <= this.capacity) return;
    let next = this.capacity;
    while (next < needed) next *= 2;
    for (const [name, column] of this.columns) {
      if (!(column instanceof Float64Array)) continue;
      const bigger = new Float64Array(next).fill(NaN);
      bigger.set(column.subarray(0, this.count));
      this.columns.set(name, bigger);
    }
    this.optionColumnCache.clear();
    this.capacity = next;
  }

  private setNumber(name: string, row: number, value: number): void {
    (this.columns.get(name) as Float64Array)[row] = value;
  }

  private setText(name: string, row: number, value: string | null): void {
    (this.columns.get(name) as (string | null)[])[row] = value;
  }

  /** Writes a response's facts into `row` and clears its answers. */
  private writeFacts(row: number, r: ResponseRecord): void {
    this.writeMeta(row, r);
    for (const v of this.variables) {
      if (v.kind === 'meta') continue;
      if (v.storage === 'text') this.setText(v.name, row, null);
      else this.setNumber(v.name, row, NaN);
    }
  }

  /** Writes a response's facts into `row`. */
  private writeMeta(row: number, r: ResponseRecord): void {
    this.setText('response_id', row, r.id);
    this.setText('questionnaire', row, r.questionnaireId);
    this.setNumber('questionnaire_version', row, r.questionnaireVersion);
    this.setText('wave', row, r.wave);
    this.setText('language', row, r.language);
    this.setText('channel', row, r.channel);
    this.setText('status', row, r.status);
    this.setNumber('started_at', row, r.startedAt);
    this.setNumber('completed_at', row, r.completedAt ?? NaN);
  }

  /** Appends responses (their answers follow through setAnswer); returns the first new row. */
  appendResponses(records: readonly ResponseRecord[]): number {
    const first = this.count;
    const end = first + records.length;
    this.grow(end);
    // The new rows' answers cleared column by column (a million rows: not a million loops over every variable).
    // Numbers need nothing: past the last row every number column holds NaN (filled so when allocated or grown,
    // and after removed rows).
    for (const column of this.columns.values()) {
      if (Array.isArray(column)) {
        column.length = end;
        column.fill(null, first, end);
      }
    }
    records.forEach((r, k) => {
      if (this.rowOfId.has(r.id)) throw new DatasetError(`response ${r.id} is in the dataset twice`);
      this.rowOfId.set(r.id, first + k);
      this.writeMeta(first + k, r);
    });
    this.count = first + records.length;
    this.version++;
    return first;
  }

  /** Replaces a response's facts and clears its answers (a changed response), or appends it; returns its row. */
  upsertResponse(record: ResponseRecord): number {
    const row = this.rowOfId.get(record.id);
    if (row === undefined) return this.appendResponses([record]);
    this.writeFacts(row, record);
    this.version++;
    return row;
  }

  /**
   * Stores one answer as the respondent gave it. Returns a problem in words when the value does not fit the
   * variable (kept out of the dataset), or null.
   */
  setAnswer(row: number, item: string, value: unknown): string | null {
    const options = this.multiOptions.get(item);
    if (options) {
      if (!Array.isArray(value)) return `${item}: a multiple-choice answer should be a list of codes, not ${JSON.stringify(value)}`;
      if (value.length === 0) return null;
      const questionnaire = (this.columns.get('questionnaire') as (string | null)[])[row] ?? '';
      const version = (this.columns.get('questionnaire_version') as Float64Array)[row] ?? NaN;
      const offered = this.offered.get(questionnaire)?.get(version)?.get(item);
      const columns = this.optionColumns(item, options);
      options.forEach((o, k) => {
        const code = o.option?.code ?? NaN;
        (columns[k] as Float64Array)[row] = offered && !offered.has(code) ? NaN : value.includes(code) ? 1 : 0;
      });
      return null;
    }
    const info = this.byName.get(item);
    if (!info || info.kind === 'meta' || info.kind === 'derived' || info.kind === 'composite') return null;
    if (info.storage === 'text') {
      if (typeof value !== 'string') return `${item}: text expected, not ${JSON.stringify(value)}`;
      this.setText(item, row, value);
      return null;
    }
    if (typeof value !== 'number' || !Number.isFinite(value)) return `${item}: a number expected, not ${JSON.stringify(value)}`;
    this.setNumber(item, row, value);
    return null;
  }

  /** A multiple-choice item's option columns, looked up once (until the columns grow). */
  private optionColumns(item: string, options: readonly VariableInfo[]): readonly Float64Array[] {
    let columns = this.optionColumnCache.get(item);
    if (!columns) {
      columns = options.map((o) => this.columns.get(o.name) as Float64Array);
      this.optionColumnCache.set(item, columns);
    }
    return columns;
  }

  /**
   * The column a numeric answer to `item` is stored in, for the loader to write many at once (valid until rows
   * are appended): exactly where setAnswer puts a finite number. Null when setAnswer does something else with
   * a number (a multiple-choice item, a text, a variable the questionnaires do not store).
   */
  answerColumn(item: string): Float64Array | null {
    if (this.multiOptions.has(item)) return null;
    const info = this.byName.get(item);
    if (!info || info.kind === 'meta' || info.kind === 'derived' || info.kind === 'composite' || info.storage === 'text') return null;
    return this.columns.get(item) as Float64Array;
  }

  /** Removes rows (withdrawn responses): the rows after them move up. */
  removeResponses(ids: ReadonlySet<string>): void {
    if (ids.size === 0) return;
    const keep: number[] = [];
    for (let from = 0; from < this.count; from++) {
      const id = this.texts('response_id')[from];
      if (id !== null && id !== undefined && ids.has(id)) continue;
      keep.push(from);
    }
    for (const [name, column] of this.columns) {
      if (column instanceof Float64Array) {
        let to = 0;
        for (const from of keep) column[to++] = column[from] as number;
        column.fill(NaN, to);
      } else {
        const moved = keep.map((from) => column[from] ?? null);
        this.columns.set(name, moved);
      }
    }
    this.count = keep.length;
    this.rowOfId.clear();
    this.texts('response_id').forEach((id, row) => {
      if (id !== null) this.rowOfId.set(id, row);
    });
    this.version++;
  }

  /** Keeps only the rows of one questionnaire (an export of one questionnaire). */
  keepQuestionnaire(id: string): void {
    const others = new Set<string>();
    const q = this.texts('questionnaire');
    this.texts('response_id').forEach((rid, row) => {
      if (rid !== null && q[row] !== id) others.add(rid);
    });
    this.removeResponses(others);
  }

  /** Recomputes the derived variables and scales from the answers (after loading or changing rows). */
  derive(): void {
    const values = computeStudyVariables(this, this.definition.derived, this.definition.scales);
    for (const [name, column] of values) (this.columns.get(name) as Float64Array).set(column);
    this.deriveMunicipalityType();
    this.version++;
  }

  /**
   * Gives the channel register (slug → municipality) the municipality type is computed from; recomputes that
   * column when the register differs from the one it was computed with (a channel registered since).
   */
  useChannelRegister(register: ChannelRegister): void {
    if (this.register && sameRegister(this.register, register)) return;
    this.register = new Map(register);
    if (this.deriveMunicipalityType()) this.version++;
  }

  private deriveMunicipalityType(): boolean {
    const classification = this.definition.municipalities;
    if (!classification) return false;
    const column = municipalityTypeColumn(this.texts('channel'), this.count, this.register ?? new Map(), classification);
    (this.columns.get(MUNICIPALITY_TYPE_VARIABLE) as Float64Array).set(column);
    return true;
  }
}
