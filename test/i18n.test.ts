import assert from 'node:assert/strict';
import { it } from 'node:test';
import { readFileSync } from 'node:fs';
import { createCatalog, missingKeys, type MessageKey } from '../src/i18n/catalog.ts';
import { LANGUAGES, type Language } from '../src/questionnaire/types.ts';

// What the catalogue files declare, read apart from the catalogue module: the status checks below hold
// whatever a reviewer marks tomorrow (a whole language, or single keys in `reviewed`).
const declared = (lang: Language) =>
  JSON.parse(readFileSync(new URL(`../src/i18n/messages/${lang}.json`, import.meta.url), 'utf8')) as {
    status: string;
    reviewed?: string[];
    messages: Record<string, string>;
  };

it('has every message of the Dutch catalogue in all five languages, none empty and none the source lacks', () => {
  for (const lang of LANGUAGES) {
    assert.deepEqual(missingKeys()[lang], [], lang);
    const { messages } = declared(lang);
    const source = declared('nl').messages;
    assert.deepEqual(
      Object.keys(messages).filter((k) => !(k in source)),
      [],
      `${lang}: keys the Dutch source does not have`,
    );
    assert.deepEqual(
      Object.keys(messages).filter((k) => messages[k]!.trim() === ''),
      [],
      `${lang}: empty messages`,
    );
  }
});

it('formats Dutch plurals (the source text) for one and for many', () => {
  const c = createCatalog();
  assert.equal(c.t('nl', 'error.summary', { count: 1 }), 'Eén antwoord is niet goed. Kijk het na.');
  assert.equal(c.t('nl', 'error.summary', { count: 3 }), '3 antwoorden zijn niet goed. Kijk het na.');
});

it("gives every plural message a form for each plural category of its language (Arabic's six), and formats each", () => {
  const c = createCatalog();
  const pluralKeys = Object.entries(declared('nl').messages)
    .filter(([, text]) => /\{\s*count\s*,\s*plural\s*,/.test(text))
    .map(([key]) => key as MessageKey);
  assert.ok(pluralKeys.includes('error.summary'));
  assert.equal(new Intl.PluralRules('ar').resolvedOptions().pluralCategories.length, 6);
  for (const lang of LANGUAGES) {
    const rules = new Intl.PluralRules(lang);
    // one count per category this language has: 0..200 holds an example of each
    const examples = new Map<string, number>();
    for (let n = 200; n >= 0; n--) examples.set(rules.select(n), n);
    assert.deepEqual([...examples.keys()].sort(), [...rules.resolvedOptions().pluralCategories].sort(), lang);
    for (const key of pluralKeys) {
      const source = declared(lang).messages[key]!;
      for (const [category, n] of examples) {
        assert.match(source, new RegExp(`\\b${category}\\s*\\{`), `${lang} ${key}: no "${category}" form`);
        const text = c.t(lang, key, { count: n });
        assert.ok(text.length > 0 && !/[{}]/.test(text), `${lang} ${key} (${n}): ${text}`);
      }
    }
  }
});

it('declares Dutch as the source and every other language a draft or reviewed translation', () => {
  assert.equal(declared('nl').status, 'source');
  assert.equal(declared('nl').reviewed, undefined, 'the source has no keys to review');
  for (const lang of LANGUAGES.filter((l) => l !== 'nl')) assert.ok(['draft', 'reviewed'].includes(declared(lang).status), lang);
});

it('lists as reviewed only keys that exist, each once', () => {
  const keys = new Set(Object.keys(declared('nl').messages));
  for (const lang of LANGUAGES) {
    const reviewed = declared(lang).reviewed ?? [];
    assert.deepEqual(
      reviewed.filter((k) => !keys.has(k)),
      [],
      `${lang}: reviewed keys that are not messages`,
    );
    assert.equal(new Set(reviewed).size, reviewed.length, `${lang}: a key listed twice`);
  }
});

it('gives each message the status its catalogue declares, and counts reviewed messages from it', () => {
  const catalog = createCatalog();
  const summary = catalog.summary();
  const keys = Object.keys(declared('nl').messages) as MessageKey[];
  for (const lang of LANGUAGES) {
    const file = declared(lang);
    const expected = (key: string) => (file.reviewed?.includes(key) ? 'reviewed' : file.status);
    for (const key of keys) assert.equal(catalog.status(lang, key), expected(key), `${lang} ${key}`);
    assert.deepEqual(
      summary[lang],
      { total: keys.length, reviewed: keys.filter((k) => expected(k) !== 'draft').length, status: file.status },
      lang,
    );
  }
  assert.equal(summary.nl.reviewed, summary.nl.total, 'the source counts as reviewed');
});
