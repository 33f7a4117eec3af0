// The machine-readable codebook written beside an export (answers.csv → answers.codebook.json): every
// variable with its label, kind, measurement level, value labels and missing codes, so that `perspectief
// stats --codebook` (and anyone's own scripts) leave "Dat weet ik niet" (99) out of every statistic.
import { z } from 'zod';
import type { AnalysisDataset } from '../analysis/dataset.ts';
import type { LocalizedText } from '../questionnaire/types.ts';

const text = (t: LocalizedText): Record<string, string> => Object.fromEntries(Object.entries(t).map(([lang, v]) => [lang, v.text]));

export const codebookJsonSchema = z.strictObject({
  format: z.literal('perspectief-codebook/1'),
  source: z.string(),
  variables: z.array(
    z.strictObject({
      name: z.string(),
      label: z.record(z.string(), z.string()),
      kind: z.string(),
      storage: z.enum(['number', 'text', 'date']),
      measure: z.enum(['nominal', 'ordinal', 'scale']),
      values: z.array(z.strictObject({ value: z.number(), label: z.record(z.string(), z.string()), missing: z.boolean() })),
      missing: z.array(z.number()),
    }),
  ),
});

export type CodebookJson = z.infer<typeof codebookJsonSchema>;

/** The codebook of a dataset's variables. */
export function codebookJson(data: AnalysisDataset, source: string): CodebookJson {
  return {
    format: 'perspectief-codebook/1',
    source,
    variables: data.variables.map((v) => ({
      name: v.name,
      label: text(v.label),
      kind: v.kind,
      storage: v.storage,
      measure: v.measure,
      values: v.values.map((x) => ({ value: x.value, label: text(x.label), missing: x.missing })),
      missing: [...v.missing],
    })),
  };
}

/** The codebook file next to a data file (answers.csv → answers.codebook.json). */
export const codebookPathFor = (dataFile: string): string => `${dataFile.replace(/\.(csv|xlsx|sav)$/i, '')}.codebook.json`;
