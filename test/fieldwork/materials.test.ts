// The fieldwork materials file (studies/<id>/materials.json): its JSON Schema is current, the study's file
// loads with every text in the five languages, and a broken file is refused naming the field and language.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { fieldworkSchemaFiles } from '../../src/fieldwork/json-schema.ts';
import { draftLanguages, fill, loadMaterials, MaterialsFileError, normalizeMaterials } from '../../src/fieldwork/materials.ts';
import { LANGUAGES } from '../../src/questionnaire/types.ts';

const STUDY_DIR = fileURLToPath(new URL('../../studies/inburgeraars', import.meta.url));
const SCHEMA_DIR = fileURLToPath(new URL('../../schema/', import.meta.url));
const raw = () => JSON.parse(readFileSync(join(STUDY_DIR, 'materials.json'), 'utf8')) as Record<string, unknown>;

describe('fieldwork materials', () => {
  it('has a committed JSON Schema equal to the zod schema (run npx tsx scripts/generate-schemas.ts)', () => {
    for (const [name, schema] of Object.entries(fieldworkSchemaFiles())) {
      const committed: unknown = JSON.parse(readFileSync(join(SCHEMA_DIR, name), 'utf8'));
      assert.deepEqual(committed, JSON.parse(JSON.stringify(schema)), name);
    }
    const path = join(STUDY_DIR, 'materials.json');
    assert.ok(existsSync(resolve(dirname(path), raw()['$schema'] as string)), 'materials.json names its schema with $schema');
  });

  it('loads the study file with every text in the five languages, Dutch as the source', () => {
    const materials = loadMaterials(STUDY_DIR);
    for (const lang of LANGUAGES) assert.ok(materials.letter.title[lang].text.length > 10, lang);
    assert.match(materials.letter.title.ar.text, /[\u0600-\u06ff]/, 'Arabic in Arabic script');
    assert.match(materials.letter.title.ti.text, /[\u1200-\u137f]/, 'Tigrinya in Ethiopic script');
    assert.equal(materials.message.nl.status, 'source');
    // which translations are still drafts changes as reviewers work; that Dutch never is one does not
    assert.ok(!draftLanguages(materials).includes('nl'));
    assert.equal(
      fill(materials.message, 'en', { link: 'https://x.example/?kanaal=a' }).endsWith('https://x.example/?kanaal=a'),
      true,
      'the message ends with its link',
    );
  });

  it('lists as drafts the languages with any text the file declares draft, and not those reviewed throughout', () => {
    const data = raw();
    data['translationStatus'] = { en: 'reviewed', ar: 'reviewed', tr: 'draft', ti: 'reviewed' };
    const sender = data['sender'] as Record<string, unknown>;
    sender['ti'] = { text: sender['ti'], status: 'draft' };
    const result = normalizeMaterials(data);
    assert.ok(result.ok, JSON.stringify(!result.ok && result.issues));
    assert.deepEqual(draftLanguages(result.value), ['tr', 'ti']);
  });

  it('refuses a missing translation and an unknown or missing placeholder, naming field and language', () => {
    const data = raw();
    const letter = data['letter'] as { title: Record<string, string> };
    delete letter.title['ti'];
    (data['message'] as Record<string, string>)['tr'] = 'Katılın: {adres}';
    (data['contact'] as Record<string, string>)['ar'] = 'راسلنا';
    const result = normalizeMaterials(data);
    assert.equal(result.ok, false);
    const issues = result.issues.map((i) => `${i.path}: ${i.message}`);
    assert.ok(issues.includes("letter.title: missing translation for 'ti'"), issues.join('\n'));
    assert.ok(issues.includes('message.tr: unknown placeholder {adres}; this text may use {link}'), issues.join('\n'));
    assert.ok(issues.includes('message.tr: must contain {link}'), issues.join('\n'));
    assert.ok(issues.includes('contact.ar: must contain {email}'), issues.join('\n'));
  });

  it('names the file when it is missing or not JSON', () => {
    const dir = mkdtempSync(join(tmpdir(), 'perspectief-materials-'));
    try {
      assert.throws(
        () => loadMaterials(dir),
        (e: Error) => e instanceof MaterialsFileError && /materials\.json: cannot read the file \(ENOENT\)/.test(e.message),
      );
      writeFileSync(join(dir, 'materials.json'), '{ "sender": ');
      assert.throws(() => loadMaterials(dir), /materials\.json: not valid JSON/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
