// A wave's stored responses into its columnar dataset (dataset.ts): the responses and, per item, all its
// answers in one aggregated row (storage/wave-data.ts), then the derived variables and scales. Which
// responses count is explicit: completed ones (the default) or all. Answers that do not fit their variable
// are left out and reported, never guessed.
import type { QuestionnaireDefinition } from '../questionnaire/types.ts';
import { channelMunicipalities } from '../storage/channels.ts';
import type { Db } from '../storage/db.ts';
import { listQuestionnaires } from '../storage/studies.ts';
import { waveAnswers, waveRecodes, waveResponses, type WaveSelection } from '../storage/wave-data.ts';
import type { StudyDefinition, WaveDefinition } from '../study/load.ts';
import { AnalysisDataset, type ResponseRecord } from './dataset.ts';
import { applyRecodes } from './recodes.ts';

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
}

/** Loads one wave's responses (completed ones unless `counts` is "all") into a dataset. */
export async function loadWaveDataset(
  db: Db,
  study: StudyDefinition,
  wave: WaveDefinition,
  counts: Counts = 'completed',
): Promise<LoadedDataset> {
  return loadDataset(db, study, [wave], { counts });
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
  const { out: reads, register } = await db.transaction(
    async (tx) => {
      const out = [];
      // One snapshot for every query, so the row numbers of the answers match the responses read.
      for (const { wave } of perWave) {
        const selection: WaveSelection = { waveId: wave.id, completedOnly };
        out.push({
          wave,
          responses: await waveResponses(tx, selection),
          answers: await waveAnswers(tx, selection),
          recodes: await waveRecodes(tx, wave.id),
        });
      }
      // The channel register, for the municipality type of each response's channel (municipality-type.ts).
      const register = study.municipalities ? await channelMunicipalities(tx) : null;
      return { out, register };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
  const total = reads.reduce((n, r) => n + r.responses.length, 0);
  const data = new AnalysisDataset(
    {
      wave: waves.length === 1 ? (waves[0]?.id ?? null) : null,
      questionnaires,
      derived: study.derived ?? [],
      scales: study.scales ?? [],
      municipalities: study.municipalities,
    },
    total,
  );
  if (register) data.useChannelRegister(register);
  const problems: string[] = [];
  let lastUpdate = 0;
  for (const { wave, responses, answers, recodes } of reads) {
    const first = data.appendResponses(responses.map((r) => toRecord(wave.id, r)));
    for (const item of answers) {
      let shown = 0;
      for (let k = 0; k < item.rows.length; k++) {
        const row = first + (item.rows[k] as number);
        const problem = data.setAnswer(row, item.item, item.values[k]);
        if (problem !== null && shown++ < 3) problems.push(`response ${data.texts('response_id')[row] ?? '?'}: ${problem}`);
      }
    }
    // Confirmed "Anders, namelijk..." recodes (issue 16): the item takes the chosen option, the text stays.
    problems.push(...applyRecodes(data, recodes));
    for (const r of responses) lastUpdate = Math.max(lastUpdate, r.updatedAt);
  }
  if (options.questionnaire !== undefined) data.keepQuestionnaire(options.questionnaire);
  data.derive();
  return { data, problems, lastUpdate };
}
