// JSON Schema versions of the authoring formats (questionnaire, landing, variables), generated from the zod
// schemas so there is one source of truth. scripts/generate-schemas.ts writes them to schema/.
import { z } from 'zod';
import { landingFileSchema } from './landing.ts';
import { questionnaireFileSchema } from './schema.ts';
import { variablesFileSchema } from './variables.ts';

const BASE = 'https://perspectief.example/schema/';

const toSchema = (schema: z.ZodType, name: string, title: string): Record<string, unknown> => ({
  ...z.toJSONSchema(schema, { target: 'draft-2020-12', unrepresentable: 'any', io: 'input' }),
  $id: `${BASE}${name}`,
  title,
});

/** File name → JSON Schema. */
export function schemaFiles(): Record<string, Record<string, unknown>> {
  return {
    'questionnaire.schema.json': toSchema(questionnaireFileSchema, 'questionnaire.schema.json', 'Perspectief questionnaire'),
    'landing.schema.json': toSchema(landingFileSchema, 'landing.schema.json', 'Perspectief landing page (filter questions and routes)'),
    'variables.schema.json': toSchema(variablesFileSchema, 'variables.schema.json', 'Perspectief scales and derived variables'),
  };
}
