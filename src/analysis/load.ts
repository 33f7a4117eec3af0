// A wave's stored responses into its columnar dataset (dataset.ts): the responses in id order and every answer
// with its row, streamed from one snapshot (storage/wave-read.ts) straight into the columns, then the derived
// variables and scales. A caller that needs only some variables names them (selection.ts) and gets the same
// dataset type with those columns, holding what the whole dataset would. Which responses count is explicit:
// completed ones (the default) or all. Answers that do not fit their variable are left out and reported (the
// first three of each item, by row), never guessed.
import type { QuestionnaireDefinition } from '../questionnaire/types.ts';
import { channelMunicipalities } from '../storage/channels.ts';
import type { Db } from '../storage/db.ts';
import { listQuestionnaires } from '../storage/studies.ts';
import { waveRecodes, type WaveResponseRow, type WaveSelection } from '../storage/wave-data.ts';
import { readWaves, type AnswerSink } from '../storage/wave-read.ts';
import type { StudyDefinition, WaveDefinition } from '../study/load.ts';
import { AnalysisDataset, type DatasetDefinition, type ResponseRecord } from './dataset.ts';
import { applyRecodes } from './recodes.ts';
import { selectVariables } from './selection.ts';

export type Counts = 'completed' | 'all';

export interface LoadedDataset {
  readonly data: AnalysisDataset;
  /** Answers left out because they did not fit their variable, in words (at most a few per item). */
  readonly problems: readonly string[];
  /** Latest change among the loaded responses (ms since 1970), for keeping a cache fresh. */
  readonly lastUpdate: number;
}

/** The questionnaire versions stored for a wave (also versions no longer in the study folder). */
export async function waveQuestionnaires(db: Db, wave: WaveDefinition): Promise<QuestionnaireDefinition[]> {
  const stored = (await listQuestionnaires(db)).filter((q) => q.waveId === wave.id).map((q) => q.definition);
  const known = new Set(stored.map((q) => `${q.id}@${q.version}`));
  return [...stored, ...wave.questionnaires.filter((q) => !known.has(`${q.id}@${q.version}`))];
}

export const toRecord = (wave: string, r: Omit<ResponseRecord, 'wave'>): ResponseRecord => ({ ...r, wave });

export interface LoadOptions {
  /** Completed responses only (the default for analysis), or all of them. */
  readonly counts?: Counts;
  /** Only the responses to this questionnaire. */
  readonly questionnaire?: string | undefined;
  /** Only these variables (and what they are computed from) besides the response's facts; absent: all. */
  readonly variables?: readonly string[] | undefined;
}

/** Loads one wave's responses (completed ones unless `counts` is "all") into a dataset. */
export async function loadWaveDataset(
  db: Db,
  study: StudyDefinition,
  wave: WaveDefinition,
  counts: Counts = 'completed',
  variables?: readonly string[],
): Promise<LoadedDataset> {
  return loadDataset(db, study, [wave], { counts, variables });
}

/**
 * Loads the responses of several waves into one dataset (rows wave by wave; variables of all their
 * questionnaires), e.g. for an export over the whole study.
 */
export async function loadDataset(
  db: Db,
  study: StudyDefinition,
  waves: readonly WaveDefinition[],
  options: LoadOptions = {},
): Promise<LoadedDataset> {
  const completedOnly = (options.counts ?? 'completed') === 'completed';
  const perWave = await Promise.all(waves.map(async (wave) => ({ wave, questionnaires: await waveQuestionnaires(db, wave) })));
  const questionnaires = perWave.flatMap((w) => w.questionnaires);
  const whole = { questionnaires, derived: study.derived ?? [], scales: study.scales ?? [], municipalities: study.municipalities };
  const selected = options.variables ? selectVariables(whole, options.variables) : null;
  const definition: DatasetDefinition = {
    wave: waves.length === 1 ? (waves[0]?.id ?? null) : null,
    ...whole,
    ...(selected
      ? { derived: selected.derived, scales: selected.scales, municipalities: selected.municipalities, only: selected.names }
      : {}),
  };
  const problems: string[] = [];
  let lastUpdate = 0;
  // One snapshot for every query, so the rows the answers name are those of the responses read.
  const data = await readWaves(db, async (reader) => {
    const read: { wave: WaveDefinition; selection: WaveSelection; responses: WaveResponseRow[] }[] = [];
    for (const { wave } of perWave) {
      const selection: WaveSelection = { waveId: wave.id, completedOnly };
      read.push({ wave, selection, responses: await reader.responses(selection) });
    }
    const data = new AnalysisDataset(
      definition,
      read.reduce((n, r) => n + r.responses.length, 0),
    );
    for (const { wave, selection, responses } of read) {
      const first = data.appendResponses(responses.map((r) => toRecord(wave.id, r)));
      const answers = answerSink(data, first);
      await reader.answers(selection, selected?.items, answers.sink);
      problems.push(...answers.problems());
      // Confirmed "Anders, namelijk..." recodes (issue 16): the item takes the chosen option, the text stays.
      problems.push(...applyRecodes(data, await waveRecodes(reader.db, wave.id)));
      for (const r of responses) lastUpdate = Math.max(lastUpdate, r.updatedAt);
    }
    // The channel register, for the municipality type of each response's channel (municipality-type.ts).
    if (definition.municipalities) data.useChannelRegister(await channelMunicipalities(reader.db));
    return data;
  });
  if (options.questionnaire !== undefined) data.keepQuestionnaire(options.questionnaire);
  data.derive();
  return { data, problems, lastUpdate };
}

/** Where the reader puts a wave's answers: numbers straight into their columns, the rest through setAnswer. */
function answerSink(data: AnalysisDataset, first: number): { sink: AnswerSink; problems: () => string[] } {
  const items: string[] = [];
  const columns: (Float64Array | null)[] = [];
  // Per item, the answers that did not fit, lowest rows first (at most three said).
  const misfits = new Map<string, { row: number; problem: string }[]>();
  const store = (slot: number, row: number, value: unknown): void => {
    const item = items[slot] as string;
    const problem = data.setAnswer(first + row, item, value);
    if (problem === null) return;
    const list = misfits.get(item) ?? [];
    misfits.set(item, list);
    if (list.length === 3 && (list[2] as { row: number }).row < row) return;
    list.push({ row, problem });
    list.sort((a, b) => a.row - b.row);
    if (list.length > 3) list.pop();
  };
  const sink: AnswerSink = {
    slot: (item) => {
      if (!data.has(item) && !data.multiOptions.has(item)) return -1;
      items.push(item);
      columns.push(data.answerColumn(item));
      return items.length - 1;
    },
    number: (slot, row, value) => {
      const column = columns[slot];
      if (column) column[first + row] = value;
      else store(slot, row, value);
    },
    other: store,
  };
  const ids = data.texts('response_id');
  const problems = () =>
    [...misfits.keys()]
      .sort()
      .flatMap((item) => (misfits.get(item) ?? []).map(({ row, problem }) => `response ${ids[first + row] ?? '?'}: ${problem}`));
  return { sink, problems };
}
