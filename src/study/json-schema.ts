// JSON Schema versions of the study-level files (the report's specification, population margins, the
// classification of municipalities), generated from their zod schemas so editors check them through
// `$schema`. scripts/generate-schemas.ts writes them.
import { z } from 'zod';
import { municipalitiesFileSchema } from './municipalities.ts';
import { populationFileSchema } from './population.ts';
import { reportFileSchema } from './report-spec.ts';

const BASE = 'https://perspectief.example/schema/';

const toSchema = (schema: z.ZodType, name: string, title: string): Record<string, unknown> => ({
  ...z.toJSONSchema(schema, { target: 'draft-2020-12', unrepresentable: 'any', io: 'input' }),
  $id: `${BASE}${name}`,
  title,
});

/** File name → JSON Schema. */
export function studySchemaFiles(): Record<string, Record<string, unknown>> {
  return {
    'report.schema.json': toSchema(
      reportFileSchema,
      'report.schema.json',
      "Perspectief report specification (the report's tables as study data)",
    ),
    'population.schema.json': toSchema(populationFileSchema, 'population.schema.json', 'Perspectief population margins of a wave'),
    'municipalities.schema.json': toSchema(
      municipalitiesFileSchema,
      'municipalities.schema.json',
      'Perspectief classification of municipalities (the type of each place a recruitment channel works in)',
    ),
  };
}
