// Load errors name the file, the item and the field.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { LandingFile } from '../../src/questionnaire/landing.ts';
import type { QuestionnaireFile, RawItem } from '../../src/questionnaire/schema.ts';
import type { VariablesFile } from '../../src/questionnaire/variables.ts';
import { loadStudy, StudyFileError } from '../../src/study/load.ts';
import { STUDY_DIR } from './helpers.ts';

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A copy of the shipped study with one file changed by `edit` (the file read as its schema's type). */
function studyWith<T>(file: string, edit: (json: T) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'perspectief-study-'));
  dirs.push(dir);
  cpSync(STUDY_DIR, dir, { recursive: true });
  const path = join(dir, file);
  const json = JSON.parse(readFileSync(path, 'utf8')) as T;
  edit(json);
  writeFileSync(path, JSON.stringify(json));
  return dir;
}

const loadError = (dir: string): string => {
  try {
    loadStudy(dir);
  } catch (error) {
    assert.ok(error instanceof StudyFileError);
    return error.message;
  }
  assert.fail('expected a StudyFileError');
};

const item = (json: QuestionnaireFile, id: string): RawItem => {
  const found = json.pages.flatMap((p) => p.items).find((i) => i.id === id);
  assert.ok(found, `no item ${id}`);
  return found;
};
const choice = (json: QuestionnaireFile, id: string) => {
  const found = item(json, id);
  assert.ok(found.kind === 'single' || found.kind === 'multi' || found.kind === 'scale', `${id} is not a choice item`);
  return found;
};
const Q = 'questionnaires/wi2021-asiel.json';

describe('validation errors name file, item and field', () => {
  it('routing to an unknown item', () => {
    const msg = loadError(studyWith<QuestionnaireFile>(Q, (j) => (item(j, 'Q4.07').condition = 'Q4.66 = 1')));
    assert.match(msg, /wi2021-asiel\.json: item Q4\.07, pages\[\d+\]\.items\[0\]\.condition: condition refers to unknown item 'Q4\.66'/);
  });

  it('a routing cycle', () => {
    const msg = loadError(studyWith<QuestionnaireFile>(Q, (j) => (item(j, 'Q4.06').condition = 'Q4.07 in (1)')));
    assert.match(msg, /wi2021-asiel\.json: item Q4\.0[67], condition: routing cycle: Q4\.0[67] → Q4\.0[67] → Q4\.0[67]/);
  });

  it('a reused option code', () => {
    const msg = loadError(studyWith<QuestionnaireFile>(Q, (j) => (choice(j, 'Q2.04').options[1]!.code = 1)));
    assert.match(msg, /wi2021-asiel\.json: item Q2\.04, pages\[2\]\.items\[0\]\.options\[1\]\.code: option code 1 is used twice/);
  });

  it('a missing translation', () => {
    const msg = loadError(studyWith<QuestionnaireFile>(Q, (j) => delete choice(j, 'Q2.06').options[2]!.text.ti));
    assert.match(msg, /wi2021-asiel\.json: item Q2\.06, pages\[3\]\.items\[0\]\.options\[2\]\.text: missing translation for 'ti'/);
  });

  it('a scale that names an absent item', () => {
    const msg = loadError(studyWith<VariablesFile>('variables.json', (j) => j.scales[0]!.items.push('Q3.99')));
    assert.match(
      msg,
      /variables\.json: item Q3\.99, scales\[0\]\.items\[2\]: scale 'maatschappelijk_doel' names item Q3\.99, which is in no questionnaire of the study/,
    );
  });

  it('a landing route to a questionnaire that is not in the wave', () => {
    const msg = loadError(studyWith<LandingFile>('landing.json', (j) => (j.routes[3]!.questionnaire = 'wi2013-overig')));
    assert.match(msg, /landing\.json: routes\[3\]\.questionnaire: 'wi2013-overig' is not a questionnaire of wave/);
  });

  it('a condition with a syntax error, with the character position', () => {
    const msg = loadError(studyWith<QuestionnaireFile>(Q, (j) => (item(j, 'Q4.19').condition = 'Q4.17 in (2, 3')));
    assert.match(msg, /item Q4\.19, pages\[\d+\]\.items\[0\]\.condition: cannot read the condition at character \d+: expected '\)'/);
  });
});
