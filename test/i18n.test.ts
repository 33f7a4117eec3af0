import assert from 'node:assert/strict';
import { it } from 'node:test';
import { createCatalog, missingKeys } from '../src/i18n/catalog.ts';
import { LANGUAGES } from '../src/questionnaire/types.ts';

it('has every message in all five languages', () => {
  for (const lang of LANGUAGES) assert.deepEqual(missingKeys()[lang], [], lang);
});

it('formats plurals per language, with Arabic six forms', () => {
  const c = createCatalog();
  assert.equal(c.t('nl', 'error.summary', { count: 1 }), 'Eén antwoord is niet goed. Kijk het na.');
  assert.equal(c.t('nl', 'error.summary', { count: 3 }), '3 antwoorden zijn niet goed. Kijk het na.');
  assert.match(c.t('ar', 'error.summary', { count: 2 }), /^إجابتان/);
  assert.match(c.t('ar', 'error.summary', { count: 3 }), /^3 إجابات/);
});

it('marks translations written here as drafts and the Dutch source as such', () => {
  const summary = createCatalog().summary();
  assert.equal(summary.nl.status, 'source');
  for (const lang of ['en', 'ar', 'tr', 'ti'] as const) {
    assert.equal(summary[lang].status, 'draft');
    assert.equal(summary[lang].reviewed, 0);
  }
});
