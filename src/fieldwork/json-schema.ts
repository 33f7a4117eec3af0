// JSON Schema of the fieldwork materials file (studies/<id>/materials.json), generated from the zod schema so
// editors check the file through its `$schema` field. scripts/generate-schemas.ts writes it to schema/.
import { z } from 'zod';
import { checksFileSchema } from './checks-config.ts';
import { materialsFileSchema } from './materials.ts';

const BASE = 'https://perspectief.example/schema/';

/** File name → JSON Schema. */
export function fieldworkSchemaFiles(): Record<string, Record<string, unknown>> {
  const name = 'materials.schema.json';
  return {
    [name]: {
      ...z.toJSONSchema(materialsFileSchema, { target: 'draft-2020-12', unrepresentable: 'any', io: 'input' }),
      $id: `${BASE}${name}`,
      title: 'Perspectief fieldwork materials (letters, reminders, flyer, message, group-session guide)',
    },
    'checks.schema.json': {
      ...z.toJSONSchema(checksFileSchema, { target: 'draft-2020-12', unrepresentable: 'any', io: 'input' }),
      $id: `${BASE}checks.schema.json`,
      title: "Perspectief data checks (control variables and thresholds of the fieldwork's data checks)",
    },
  };
}
