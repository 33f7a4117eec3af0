// ESLint for Perspectief (issue 18): typescript-eslint's type-checked rules, the module direction of
// DESIGN.md ("Modules") as a boundaries rule, and the pure cores (questionnaire/, stats/) kept away from Node
// built-ins and I/O packages. Formatting is Prettier's (npm run format:check), not ESLint's.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import boundaries from 'eslint-plugin-boundaries';
import globals from 'globals';
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

// What each folder under src/ may import besides itself: DESIGN.md's Modules table with the study/
// refinement, as test/architecture.test.ts allowed it (fieldwork/ also reads analysis/ since 32e7340).
// A folder not listed here is an error (boundaries/no-unknown-files).
const MODULES = {
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

// Packages that do I/O (files, network, database, processes, browsers): barred from the pure cores.
const IO_PACKAGES = [
  'pg',
  '@electric-sql/pglite',
  'drizzle-orm',
  'hono',
  '@hono/node-server',
  'exceljs',
  'csv-parse',
  'csv-stringify',
  'playwright-core',
  'pdf-lib',
  'jszip',
  'qrcode',
];
const PURE = 'questionnaire/ and stats/ stay pure (DESIGN.md, STYLE.md practice 1): pass I/O, clocks and randomness in from the caller.';

export default defineConfig(
  {
    // Git-ignored output, and the AssemblyScript kernels (compiled by asc, outside tsconfig.json).
    ignores: [
      'node_modules/',
      'dist/',
      'dist.building-*/',
      'data/',
      'tmp/',
      '.test-data/',
      'bench/results/',
      '.scratch/',
      'src/stats/kernels/assembly/',
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true, requireDefaultForNonUnion: false },
      ],
      '@typescript-eslint/no-unnecessary-condition': 'error',
      '@typescript-eslint/no-unnecessary-type-assertion': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      // node:test's it()/describe() return promises the runner itself awaits (its documented use).
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [
            {
              from: 'package',
              package: 'node:test',
              name: ['it', 'test', 'describe', 'suite', 'before', 'after', 'beforeEach', 'afterEach'],
            },
          ],
        },
      ],
      '@typescript-eslint/no-misused-promises': 'error',
      // Switched off: an async function without await still turns a throw into a rejected promise, which is
      // what implementations of an async contract (Command.run, route handlers, test doubles) rely on.
      '@typescript-eslint/require-await': 'off',
      // What a destructuring leaves out on purpose (`{ level: _level, ...counts }`) is not an unused variable.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true, argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Plain JavaScript (bin/, scripts/*.js, this file) is outside tsconfig.json: no type information, so the
    // rules that need it are off there; the rest apply.
    files: ['**/*.js'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.node },
  },
  {
    // The respondent pages' progressive-enhancement script runs in the browser as a classic script.
    files: ['src/web/static/**/*.js'],
    languageOptions: { sourceType: 'script', globals: globals.browser },
    // Written as ES5 for old phone browsers, where `catch {}` without a binding does not parse.
    rules: { '@typescript-eslint/no-unused-vars': ['error', { caughtErrors: 'none' }] },
  },
  {
    // The module direction: an import into another folder of src/ that its row does not list is an error
    // naming both folders.
    files: ['src/**/*.{ts,tsx}'],
    plugins: { boundaries },
    settings: {
      'boundaries/elements': Object.keys(MODULES).map((name) => ({ type: name, pattern: `src/${name}` })),
      'boundaries/include': ['src/**/*'],
      'import/resolver': { node: { extensions: ['.ts', '.tsx', '.js', '.json'] } },
    },
    rules: {
      'boundaries/no-unknown-files': 'error',
      'boundaries/dependencies': [
        'error',
        {
          default: 'disallow',
          message: 'src/{{from.type}}/ may not import src/{{to.type}}/ (DESIGN.md, Modules)',
          policies: Object.entries(MODULES).map(([name, allowed]) => ({
            from: { element: { type: name } },
            allow: { to: { element: { types: { anyOf: [name, ...allowed] } } } },
          })),
        },
      ],
    },
  },
  {
    // questionnaire/ and stats/ stay pure (DESIGN.md; STYLE.md practice 1), so the browser can reuse them.
    files: ['src/questionnaire/**/*.{ts,tsx}', 'src/stats/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...builtinModules.filter((m) => !m.startsWith('_')), ...IO_PACKAGES].map((name) => ({ name, message: PURE })),
          patterns: [{ group: ['node:*', ...IO_PACKAGES.map((name) => `${name}/*`)], message: PURE }],
        },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: 'ImportExpression, CallExpression[callee.name="require"]', message: PURE },
        { selector: 'NewExpression[callee.name="Date"][arguments.length=0]', message: PURE },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: PURE },
        { object: 'Date', property: 'now', message: PURE },
        { object: 'performance', property: 'now', message: PURE },
      ],
      'no-restricted-globals': [
        'error',
        ...['process', 'Buffer', 'fetch', 'require', 'setTimeout', 'setInterval'].map((name) => ({ name, message: PURE })),
      ],
    },
  },
);
