// The module boundaries of DESIGN.md, enforced: each folder under src/ imports only the folders its row
// allows, and the pure cores (questionnaire, stats) import nothing from node:*.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { it } from 'node:test';

const ALLOWED: Record<string, readonly string[]> = {
  questionnaire: [],
  stats: [],
  i18n: ['questionnaire'],
  study: ['questionnaire'],
  storage: ['questionnaire', 'study'],
  fieldwork: ['questionnaire', 'study', 'storage', 'stats', 'i18n', 'analysis'],
  analysis: ['questionnaire', 'study', 'stats', 'storage'],
  report: ['analysis', 'study', 'stats', 'questionnaire', 'i18n'],
  qual: ['storage'],
  demo: ['questionnaire', 'study', 'stats', 'storage', 'fieldwork', 'analysis', 'report', 'qual', 'i18n'],
  web: ['questionnaire', 'study', 'stats', 'storage', 'fieldwork', 'analysis', 'report', 'qual', 'demo', 'i18n'],
  cli: ['questionnaire', 'study', 'stats', 'storage', 'fieldwork', 'analysis', 'report', 'qual', 'demo', 'web', 'i18n'],
};
const PURE = new Set(['questionnaire', 'stats']);

const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.tsx?$/.test(name) ? [path] : [];
  });

it('keeps imports in the direction DESIGN.md allows', () => {
  const problems: string[] = [];
  for (const file of files('src')) {
    const module = relative('src', file).split('/')[0]!;
    const allowed = ALLOWED[module];
    if (!allowed) {
      problems.push(`${file}: folder src/${module} is not in DESIGN.md's module table`);
      continue;
    }
    const source = readFileSync(file, 'utf8');
    for (const m of source.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)) {
      const spec = m[1]!;
      if (PURE.has(module) && spec.startsWith('node:')) problems.push(`${file}: the pure module ${module} imports ${spec}`);
      if (!spec.startsWith('.')) continue;
      const target = relative('src', join(file, '..', spec)).split('/')[0]!;
      if (target !== module && !allowed.includes(target)) problems.push(`${file}: ${module} may not import ${target} (${spec})`);
    }
  }
  assert.deepEqual(problems, []);
});
