// Shared test helpers: the shipped study, the item index of research/questionnaire.md (copied as a fixture),
// and an in-memory CLI io.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CliIO } from '../../src/cli/command.ts';
import { loadStudy, type StudyDefinition } from '../../src/study/load.ts';
import type { QuestionnaireDefinition } from '../../src/questionnaire/types.ts';

export const FIXTURES = fileURLToPath(new URL('../fixtures/questionnaire/', import.meta.url));
export const STUDY_DIR = fileURLToPath(new URL('../../studies/inburgeraars/', import.meta.url));

export const GROUPS = ['wi2021-asiel', 'wi2021-gezin', 'wi2013-asiel', 'wi2013-gezin'] as const;

let cached: StudyDefinition | undefined;
export const study = (): StudyDefinition => (cached ??= loadStudy(STUDY_DIR));

/** The questionnaire of the latest wave (2024); `wave: 1` for the 2023 questionnaire. */
export const questionnaire = (id: string, wave?: number): QuestionnaireDefinition => {
  const waves = [...study().waves].sort((a, b) => b.number - a.number);
  const found = (wave === undefined ? waves[0] : waves.find((w) => w.number === wave))?.questionnaires.find((q) => q.id === id);
  if (!found) throw new Error(`no questionnaire ${id}`);
  return found;
};

export interface IndexRow {
  readonly id: string;
  readonly groups: readonly string[];
}

/** The rows of the item index: Q-number and the groups (columns A21, G21, A13, G13) that get the item. */
export function itemIndex(): IndexRow[] {
  const text = readFileSync(`${FIXTURES}item-index.md`, 'utf8');
  return text
    .split('\n')
    .filter((line) => /^\| Q\d/.test(line))
    .map((line) => {
      const cells = line.split('|').map((c) => c.trim());
      const marks = cells.slice(3, 7);
      return { id: cells[1]!, groups: GROUPS.filter((_, i) => marks[i] === '●') };
    });
}

export const itemIds = (q: QuestionnaireDefinition): string[] => q.pages.flatMap((p) => p.items.map((i) => i.id));

export function captureIO(cwd = process.cwd()): CliIO & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: (t) => void (out += t),
    stderr: (t) => void (err += t),
    env: {},
    cwd,
    out: () => out,
    err: () => err,
  };
}
