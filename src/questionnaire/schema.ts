// The authoring format of a questionnaire file (plain JSON), as a zod schema. Texts may be written as a plain
// string (status from the file's `translationStatus`, or `source` for the source language) or as
// {text, status}; conditions as an expression string (expression.ts) or as Condition data.
import { z } from 'zod';
import { LANGUAGES } from './types.ts';

const language = z.enum(LANGUAGES);
const status = z.enum(['source', 'draft', 'reviewed']);
const translation = z.union([z.string().min(1, 'text is empty'), z.strictObject({ text: z.string().min(1, 'text is empty'), status })]);
export const localizedTextSchema = z.partialRecord(language, translation);

const id = z.string().regex(/^[A-Za-z][A-Za-z0-9_.]*$/, 'ids start with a letter and hold only letters, digits, _ and .');
/** Questionnaire and page ids may also hold '-' (e.g. `wi2021-asiel`); item ids may not, as routing expressions read them. */
const slug = z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]*$/, 'ids start with a letter and hold only letters, digits, _, . and -');

type RawCondition =
  | string
  | { kind: 'all' | 'any'; conditions: RawCondition[] }
  | { kind: 'not'; condition: RawCondition }
  | { kind: 'answered'; item: string }
  | { kind: 'compare'; item: string; op: '=' | '!=' | '<' | '<=' | '>' | '>='; value: number }
  | { kind: 'in'; item: string; values: number[] };

export const conditionSchema: z.ZodType<RawCondition> = z.lazy(() =>
  z.union([
    z.string().min(1),
    z.discriminatedUnion('kind', [
      z.strictObject({ kind: z.enum(['all', 'any']), conditions: z.array(conditionSchema).min(1) }),
      z.strictObject({ kind: z.literal('not'), condition: conditionSchema }),
      z.strictObject({ kind: z.literal('answered'), item: id }),
      z.strictObject({
        kind: z.literal('compare'),
        item: id,
        op: z.enum(['=', '!=', '<', '<=', '>', '>=']),
        value: z.number(),
      }),
      z.strictObject({ kind: z.literal('in'), item: id, values: z.array(z.number()).min(1) }),
    ]),
  ]),
);

const option = z.strictObject({
  code: z.number().int(),
  text: localizedTextSchema,
  other: id.optional(),
  exclusive: z.boolean().optional(),
  missing: z.boolean().optional(),
});

const itemBase = {
  id,
  text: localizedTextSchema,
  help: localizedTextSchema.optional(),
  required: z.boolean().optional(),
  condition: conditionSchema.optional(),
  tables: z.array(z.string()).optional(),
  reconstructed: z.boolean().optional(),
  /** Researcher-facing note (Dutch, not translated), shown in the codebook. */
  note: z.string().min(1).optional(),
};

export const itemSchema = z.discriminatedUnion('kind', [
  z.strictObject({ ...itemBase, kind: z.literal('single'), options: z.array(option).min(1) }),
  z.strictObject({ ...itemBase, kind: z.literal('multi'), options: z.array(option).min(1) }),
  z.strictObject({
    ...itemBase,
    kind: z.literal('scale'),
    options: z.array(option).min(2),
    /** Default higher-is-positive: the highest code is the good end. */
    valence: z.enum(['higher-is-positive', 'lower-is-positive']).optional(),
  }),
  z.strictObject({
    ...itemBase,
    kind: z.literal('numeric'),
    min: z.number(),
    max: z.number(),
    integer: z.boolean().optional(),
    unit: localizedTextSchema.optional(),
  }),
  z.strictObject({ ...itemBase, kind: z.literal('text'), maxLength: z.number().int().positive().optional() }),
]);

export const pageSchema = z.strictObject({
  id: slug,
  title: localizedTextSchema.optional(),
  condition: conditionSchema.optional(),
  items: z.array(itemSchema).min(1),
});

export const questionnaireFileSchema = z.strictObject({
  $schema: z.string().optional(),
  id: slug,
  version: z.number().int().positive(),
  group: z.string().min(1),
  title: localizedTextSchema,
  sourceLanguage: language,
  languages: z.array(language).min(1),
  /** Default status of plain-string texts per language. */
  translationStatus: z.partialRecord(language, status).optional(),
  pages: z.array(pageSchema).min(1),
});

export type QuestionnaireFile = z.infer<typeof questionnaireFileSchema>;
export type RawItem = z.infer<typeof itemSchema>;
export type RawLocalizedText = z.infer<typeof localizedTextSchema>;
export type { RawCondition };
