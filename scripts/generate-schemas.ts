// Writes the JSON Schema files of the study's authoring formats, generated from the zod schemas, so editors
// can check questionnaire, landing, variables, report, population and materials files through their `$schema` field.
// Run: npx tsx scripts/generate-schemas.ts   (test/questionnaire/schema.test.ts fails when a file is stale)
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { fieldworkSchemaFiles } from '../src/fieldwork/json-schema.ts';
import { schemaFiles } from '../src/questionnaire/json-schema.ts';
import { studySchemaFiles } from '../src/study/json-schema.ts';

const dir = fileURLToPath(new URL('../schema/', import.meta.url));
mkdirSync(dir, { recursive: true });
for (const [name, schema] of Object.entries({ ...schemaFiles(), ...studySchemaFiles(), ...fieldworkSchemaFiles() })) {
  writeFileSync(`${dir}${name}`, `${JSON.stringify(schema, null, 2)}\n`);
  console.log(`wrote schema/${name}`);
}
