// Builds an analysis dataset in memory from responses written out in a test, through the same dataset code the
// loader uses (rows, answers, derived variables), without a database.
import { AnalysisDataset } from '../../src/analysis/dataset.ts';
import type { QuestionnaireDefinition } from '../../src/questionnaire/types.ts';
import type { DerivedVariable, ScaleDefinition } from '../../src/questionnaire/variables.ts';
import type { MunicipalityClassification } from '../../src/study/municipalities.ts';

export interface TestResponse {
  readonly questionnaire: QuestionnaireDefinition;
  readonly answers: Readonly<Record<string, unknown>>;
  readonly status?: 'started' | 'completed';
  readonly channel?: string;
}

export function datasetOf(
  responses: readonly TestResponse[],
  variables: {
    readonly derived?: readonly DerivedVariable[];
    readonly scales?: readonly ScaleDefinition[];
    readonly municipalities?: MunicipalityClassification;
  } = {},
  wave = 'test:1',
): AnalysisDataset {
  const questionnaires = [...new Map(responses.map((r) => [`${r.questionnaire.id}@${r.questionnaire.version}`, r.questionnaire])).values()];
  const data = new AnalysisDataset({
    wave,
    questionnaires,
    derived: variables.derived ?? [],
    scales: variables.scales ?? [],
    municipalities: variables.municipalities,
  });
  const first = data.appendResponses(
    responses.map((r, i) => ({
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      questionnaireId: r.questionnaire.id,
      questionnaireVersion: r.questionnaire.version,
      wave,
      language: 'nl',
      channel: r.channel ?? 'test',
      status: r.status ?? 'completed',
      startedAt: Date.UTC(2024, 9, 1) + i * 60_000,
      completedAt: r.status === 'started' ? null : Date.UTC(2024, 9, 1) + i * 60_000 + 600_000,
    })),
  );
  responses.forEach((r, i) => {
    for (const [item, value] of Object.entries(r.answers)) {
      const problem = data.setAnswer(first + i, item, value);
      if (problem !== null) throw new Error(problem);
    }
  });
  data.derive();
  return data;
}
