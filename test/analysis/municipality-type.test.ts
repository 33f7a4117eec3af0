// The municipality type of a response's channel (issue 15): the study's municipalities.json validated with
// errors that name the file and the field, each channel's place looked up (the register's text in any
// spelling, the demo's slugs, no place at all), and the column and the explorer's breakdown over a dataset,
// recomputed when a channel is registered later.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { exploreTable } from '../../src/analysis/explore.ts';
import { municipalityTypeOf } from '../../src/analysis/municipality-type.ts';
import { textIn } from '../../src/report/tables-json.ts';
import { DEFAULT_STUDY_DIR, loadStudy, StudyFileError } from '../../src/study/load.ts';
import { MunicipalitiesFileError, MUNICIPALITY_TYPE_VARIABLE, parseMunicipalities } from '../../src/study/municipalities.ts';
import { datasetOf } from '../support/dataset.ts';

const study = loadStudy(DEFAULT_STUDY_DIR);
const classification = study.municipalities!;
const file = JSON.parse(readFileSync(join(DEFAULT_STUDY_DIR, 'municipalities.json'), 'utf8')) as {
  types: { id: string; code: number }[];
  municipalities: { name: string; type: string }[];
};
const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const parseError = (edit: (json: typeof file) => void): string => {
  const json = structuredClone(file);
  edit(json);
  try {
    parseMunicipalities(json, 'studies/x/municipalities.json');
  } catch (error) {
    assert.ok(error instanceof MunicipalitiesFileError);
    return error.message;
  }
  assert.fail('expected a MunicipalitiesFileError');
};

describe('municipalities.json', () => {
  it('is the study classification: G4, G40 and other municipalities, with every place the demo channels recruit in', () => {
    assert.deepEqual(
      classification.types.map((t) => [t.id, t.code, textIn(t.label, 'nl')]),
      [
        ['g4', 1, 'G4'],
        ['g40', 2, 'G40'],
        ['overig', 3, 'Overige gemeenten'],
      ],
    );
    assert.equal(file.municipalities.filter((m) => m.type === 'g4').length, 4);
    assert.equal(file.municipalities.filter((m) => m.type === 'g40').length, 41, 'the G40 has 41 members since Amstelveen joined');
    for (const place of ['breda', 'eindhoven', 'leeuwarden', 'tilburg', 'venlo', 'regio-achterhoek'])
      assert.ok(classification.codes.has(place), place);
  });

  it('refuses a type that is not defined, a place listed twice and a code the dataset keeps, naming file and field', () => {
    assert.match(
      parseError((j) => (j.municipalities[0]!.type = 'g5')),
      /^studies\/x\/municipalities\.json: municipalities\.0\.type: 'g5' is not a type of this file \(g4, g40, overig\)$/,
    );
    assert.match(
      parseError((j) => j.municipalities.push({ name: 'BREDA', type: 'overig' })),
      /municipalities\.json: municipalities\.\d+\.name: 'BREDA' is also municipalities\[\d+\]/,
    );
    assert.match(
      parseError((j) => (j.types[2]!.code = 98)),
      /municipalities\.json: types\.2\.code: codes 97 and 98 are kept for responses without a type/,
    );
  });

  it('stops the study from loading when study.json names a file that is not there', () => {
    const dir = mkdtempSync(join(tmpdir(), 'perspectief-study-'));
    dirs.push(dir);
    cpSync(DEFAULT_STUDY_DIR, dir, { recursive: true });
    const path = join(dir, 'study.json');
    writeFileSync(path, readFileSync(path, 'utf8').replace('"municipalities.json"', '"gemeenten.json"'));
    assert.throws(
      () => loadStudy(dir),
      (error: unknown) => {
        assert.ok(error instanceof StudyFileError);
        assert.match(error.message, /gemeenten\.json: the file study\.json names \(municipalities\) does not exist/);
        return true;
      },
    );
  });

  it('stops the study from loading when a derived variable takes the name gemeentetype, naming file and field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'perspectief-study-'));
    dirs.push(dir);
    cpSync(DEFAULT_STUDY_DIR, dir, { recursive: true });
    const path = join(dir, 'variables.json');
    const before = readFileSync(path, 'utf8');
    writeFileSync(path, before.replace('"id": "werkervaring"', '"id": "gemeentetype"'));
    assert.notEqual(readFileSync(path, 'utf8'), before);
    assert.throws(
      () => loadStudy(dir),
      (error: unknown) => {
        assert.ok(error instanceof StudyFileError);
        assert.match(
          error.message,
          /variables\.json: derived\[6\]\.id: 'gemeentetype' is the column the municipality classification \(municipalities\.json\) adds/,
        );
        return true;
      },
    );
  });
});

describe('the municipality type of a channel', () => {
  const register = new Map([
    ['gemeente-utrecht', 'Utrecht'],
    ['wijkteam-bosch', 'Den Bosch'],
    ['taalhuis-sudwest', 'Súdwest Fryslân'],
    ['buurthuis', 'Atlantis'],
  ]);

  it("takes the register's place in any spelling, the demo's slugs, and says when there is no place or no type", () => {
    const of = (channel: string | null) => municipalityTypeOf(channel, register, classification);
    assert.equal(of('gemeente-utrecht'), 1);
    assert.equal(of('wijkteam-bosch'), 2, "'s-Hertogenbosch by its alias");
    assert.equal(of('buurthuis'), 97, 'a registered place the file does not list');
    assert.equal(of('taalhuis-sudwest'), 97, 'Súdwest-Fryslân is not in the file');
    assert.equal(of('demo-gemeente-breda-whatsapp'), 2);
    assert.equal(of('demo-gemeente-regio-achterhoek-informatiebijeenkomst'), 3);
    assert.equal(of('demo-gemeente-atlantis-whatsapp'), 97);
    for (const channel of ['duo-brief', 'demo-duo-brief', 'sessie-abc123', 'direct', null]) assert.equal(of(channel), 98, String(channel));
  });

  it('is a column of the dataset, recomputed when the register changes, and a breakdown with the unclassified in a column of their own', () => {
    const q = study.waves.find((w) => w.key === '2024')!.questionnaires.find((x) => x.id === 'wi2021-asiel')!;
    const channels = ['gemeente-utrecht', 'gemeente-utrecht', 'buurthuis', 'duo-brief', 'duo-brief', 'sessie-abc123'];
    const data = datasetOf(
      channels.map((channel, i) => ({ questionnaire: q, channel, answers: { 'Q3.01': 1 + (i % 5) } })),
      { municipalities: classification },
    );
    assert.deepEqual([...data.numbers(MUNICIPALITY_TYPE_VARIABLE)], [98, 98, 98, 98, 98, 98], 'no register given: no place known');
    data.useChannelRegister(new Map([['gemeente-utrecht', 'Utrecht']]));
    assert.deepEqual([...data.numbers(MUNICIPALITY_TYPE_VARIABLE)], [1, 1, 98, 98, 98, 98]);
    const version = data.version;
    data.useChannelRegister(new Map([['gemeente-utrecht', 'Utrecht']]));
    assert.equal(data.version, version, 'the same register changes nothing');
    data.useChannelRegister(register);
    assert.deepEqual([...data.numbers(MUNICIPALITY_TYPE_VARIABLE)], [1, 1, 97, 98, 98, 98]);
    assert.ok(data.version > version);
    assert.deepEqual(data.info(MUNICIPALITY_TYPE_VARIABLE).missing, [97, 98]);
    const source = { wave: study.waves[1]!, data, weights: null, within: null };
    const result = exploreTable([source], { item: 'Q3.01', breakdown: 'municipalityType' }, { registered: new Set(), letters: new Set() });
    assert.equal(result.kind, 'frequency');
    assert.deepEqual(
      result.table.columns.map((c) => [textIn(c.label, 'nl'), c.n]),
      [
        ['G4', 2],
        ['G40', 0],
        ['Overige gemeenten', 0],
        ['Gemeente van het kanaal niet ingedeeld (staat niet in municipalities.json)', 1],
        ['Onbekend: geen gemeente bekend (DUO-brief, groepssessie of directe link)', 3],
        ['Totaal', 6],
      ],
    );
  });
});
