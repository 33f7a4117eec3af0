import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { schemaFiles as questionnaireSchemaFiles } from '../../src/questionnaire/json-schema.ts';
import { studySchemaFiles } from '../../src/study/json-schema.ts';
import { STUDY_DIR } from './helpers.ts';

const schemaFiles = (): Record<string, Record<string, unknown>> => ({ ...questionnaireSchemaFiles(), ...studySchemaFiles() });
const SCHEMA_DIR = fileURLToPath(new URL('../../schema/', import.meta.url));

describe('JSON Schema files', () => {
  it('are up to date with the zod schemas (run npx tsx scripts/generate-schemas.ts)', () => {
    for (const [name, schema] of Object.entries(schemaFiles())) {
      const committed: unknown = JSON.parse(readFileSync(join(SCHEMA_DIR, name), 'utf8'));
      assert.deepEqual(committed, JSON.parse(JSON.stringify(schema)), name);
    }
  });

  it('resolve every internal $ref', () => {
    for (const [name, schema] of Object.entries(schemaFiles())) {
      const text = JSON.stringify(schema);
      const defs = (schema.$defs ?? schema.definitions ?? {}) as Record<string, unknown>;
      for (const [, ref] of text.matchAll(/"\$ref":"([^"]+)"/g)) {
        if (ref === '#') continue;
        const key = /^#\/(?:\$defs|definitions)\/(.+)$/.exec(ref ?? '')?.[1];
        assert.ok(key && key in defs, `${name}: unresolved ${ref}`);
      }
    }
  });

  it('are referenced by $schema from the study files', () => {
    const files = [
      'landing.json',
      'variables.json',
      'report.json',
      'population/2024.json',
      'municipalities.json',
      ...['wi2021-asiel', 'wi2021-gezin', 'wi2013-asiel', 'wi2013-gezin'].map((q) => `questionnaires/${q}.json`),
    ];
    for (const file of files) {
      const path = join(STUDY_DIR, file);
      const ref = (JSON.parse(readFileSync(path, 'utf8')) as { $schema?: string }).$schema;
      assert.ok(ref, `${file} has $schema`);
      assert.ok(existsSync(resolve(dirname(path), ref)), `${file}: ${ref} exists`);
    }
  });
});
