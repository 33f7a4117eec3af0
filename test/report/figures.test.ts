// The report's figures as study data (report.json "figures" and "sections") and as numbers: a copy of the
// invented second study (test/fixtures/study-buurt) gets figures of each kind from its own report.json, counted
// through the engine (analysis/figures.ts) and printed as the report prints them (report/tables-json.ts). The
// expected percentages are worked out by hand from the ten answers below; bad figures are refused with
// messages that name the figure and the field.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, it } from 'node:test';
import { computeFigures } from '../../src/analysis/figures.ts';
import { createCatalog } from '../../src/i18n/catalog.ts';
import { printFigure, type PrintedFigure } from '../../src/report/tables-json.ts';
import { figureFindings, findingSentences } from '../../src/report/findings.ts';
import { loadStudy, StudyFileError, type StudyDefinition } from '../../src/study/load.ts';
import { datasetOf, type TestResponse } from '../support/dataset.ts';

const BUURT = fileURLToPath(new URL('../fixtures/study-buurt', import.meta.url));
const made: string[] = [];
after(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A copy of study-buurt whose report.json gets `extra` (figures, sections, ...) merged in. */
function studyWith(extra: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'perspectief-figures-'));
  made.push(dir);
  cpSync(BUURT, dir, { recursive: true });
  const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as Record<string, unknown>;
  writeFileSync(join(dir, 'report.json'), JSON.stringify({ ...report, ...extra }));
  return dir;
}

const FIGURES = [
  { id: '1', kind: 'sizes', title: { nl: 'Omvang van de groepen', en: 'Size of the groups' }, breakdown: 'woonvorm' },
  { id: '2', kind: 'stacked', title: 'Ik woon hier graag', item: 'B3', breakdown: 'woonvorm', rows: [5, 4, 3, 2, 1] },
  { id: '3', kind: 'multiple', title: 'Gebruikte voorzieningen', item: 'B5', breakdown: 'woonvorm', rows: [1, 2, 3] },
  {
    id: '4',
    kind: 'items',
    title: 'Wonen en veiligheid',
    breakdown: 'woonvorm',
    rows: [5, 4, 3, 2, 1],
    items: [
      { item: 'B3', label: 'Graag wonen' },
      { item: 'B4', label: 'Veilig' },
    ],
  },
  {
    id: '5',
    kind: 'stacked',
    title: 'Graag wonen, alleen vrouwen',
    item: 'B3',
    where: 'B1 = 2',
    breakdown: [{ label: 'Vrouwen' }],
    rows: [5, 4, 3, 2, 1],
  },
];

/** Ten respondents: five tenants, five owners ("Weet ik niet" = 99 and "Zeg ik liever niet" = 98 are missing codes). */
function answers(study: StudyDefinition): TestResponse[] {
  const q = (id: string) => study.waves[0]!.questionnaires.find((x) => x.id === id)!;
  const huurders = q('huurders');
  const eigenaren = q('eigenaren');
  return [
    { questionnaire: huurders, answers: { B1: 1, B2: 30, B3: 5, B4: 5, B5: [1, 2] } },
    { questionnaire: huurders, answers: { B1: 2, B2: 40, B3: 5, B4: 4, B5: [1] } },
    { questionnaire: huurders, answers: { B1: 1, B2: 50, B3: 4, B4: 4, B5: [2] } },
    { questionnaire: huurders, answers: { B1: 2, B2: 60, B3: 3, B4: 2, B5: [3] } },
    { questionnaire: huurders, answers: { B1: 98, B2: 70, B3: 99, B4: 99, B5: [99] } },
    { questionnaire: eigenaren, answers: { B1: 1, B2: 30, B3: 5, B4: 5, B5: [1] } },
    { questionnaire: eigenaren, answers: { B1: 1, B2: 40, B3: 4, B4: 5, B5: [1, 3] } },
    { questionnaire: eigenaren, answers: { B1: 2, B2: 50, B3: 4, B4: 4, B5: [2] } },
    { questionnaire: eigenaren, answers: { B1: 2, B2: 60, B3: 2, B4: 3, B5: [1] } },
    { questionnaire: eigenaren, answers: { B1: 1, B2: 70, B3: 1, B4: 1, B5: [3] } },
  ];
}

describe('figures from report.json, counted through the engine', () => {
  const study = loadStudy(studyWith({ figures: FIGURES }));
  const data = datasetOf(answers(study), { derived: study.derived ?? [], scales: study.scales ?? [] }, study.waves[0]!.id);
  const computed = computeFigures(study, study.waves[0]!, data);
  const printed = (id: string, lang: 'nl' | 'en' = 'nl'): PrintedFigure => printFigure(computed.figures.get(id)!, lang);

  it('draws every figure of the specification, in its order', () => {
    assert.deepEqual([...computed.figures.keys()], ['1', '2', '3', '4', '5']);
    assert.equal(computed.omitted.size, 0);
  });

  it('a figure of sizes: the columns as segments of one bar', () => {
    const f = printed('1');
    assert.deepEqual(
      [f.N, f.categories, f.bars.map((b) => [b.label, b.N, ...b.percent])],
      [10, ['Huurders', 'Eigenaren'], [['Woonvorm', 10, 50, 50]]],
    );
    assert.equal(printed('1', 'en').title, 'Size of the groups');
  });

  it('a 100% stacked bar per group in scale order, "Weet ik niet" out of the N', () => {
    const f = printed('2');
    // Tenants: 5, 5, 4, 3 (and 99, missing) → 2/4, 1/4, 1/4; owners: 5, 4, 4, 2, 1 → 1/5, 2/5, 0, 1/5, 1/5.
    assert.deepEqual(
      f.bars.map((b) => [b.label, b.N, ...b.percent]),
      [
        ['Huurders', 4, 50, 25, 25, 0, 0],
        ['Eigenaren', 5, 20, 40, 0, 20, 20],
      ],
    );
    assert.deepEqual([f.N, f.categories], [9, ['Helemaal eens', 'Eens', 'Neutraal', 'Oneens', 'Helemaal oneens']]);
  });

  it('lists the differences of 8 points or more as findings in plain Dutch, largest first', () => {
    const findings = findingSentences(figureFindings(printed('2')), createCatalog(), 'nl');
    assert.deepEqual(findings, [
      'Helemaal eens: Huurders 50% tegenover Eigenaren 20% (30 procentpunt)',
      'Neutraal: Huurders 25% tegenover Eigenaren 0% (25 procentpunt)',
      'Oneens: Eigenaren 20% tegenover Huurders 0% (20 procentpunt)',
      'Helemaal oneens: Eigenaren 20% tegenover Huurders 0% (20 procentpunt)',
      'Eens: Eigenaren 40% tegenover Huurders 25% (15 procentpunt)',
    ]);
  });

  it('a multiple-choice item: per option the share choosing it; only "Weet ik niet" is out of the N', () => {
    const f = printed('3');
    // Tenants (4 valid): option 1 by 2, option 2 by 2, option 3 by 1; owners (5): 3, 1, 2.
    assert.deepEqual(
      f.bars.map((b) => [b.label, b.N, ...b.percent]),
      [
        ['Huurders', 4, 50, 50, 25],
        ['Eigenaren', 5, 60, 20, 40],
      ],
    );
    assert.deepEqual(f.categories, ['Bibliotheek', 'Buurthuis', 'Sportveld']);
  });

  it('several items of one scale: bars per item and group, the caption N is the mean over the items', () => {
    const f = printed('4');
    // B3 as above (N 9); B4: tenants 5, 4, 4, 2 → 25, 50, 0, 25, 0; owners 5, 5, 4, 3, 1 → 40, 20, 20, 0, 20 (N 9).
    assert.deepEqual(
      f.bars.map((b) => [b.group, b.label, b.N, ...b.percent]),
      [
        ['Graag wonen', 'Huurders', 4, 50, 25, 25, 0, 0],
        ['Graag wonen', 'Eigenaren', 5, 20, 40, 0, 20, 20],
        ['Veilig', 'Huurders', 4, 25, 50, 0, 25, 0],
        ['Veilig', 'Eigenaren', 5, 40, 20, 20, 0, 20],
      ],
    );
    assert.deepEqual([f.N, f.meanN], [9, true]);
    // Differences are compared within an item's bars, never across items.
    assert.ok(f.differences.every((d) => d.a.split(', ')[0] === d.b.split(', ')[0]));
  });

  it("a figure's own filter and a written-out column", () => {
    const f = printed('5');
    // Women: tenants 5 and 3, owners 4 and 2 → 25% each of 5, 4, 3, 2.
    assert.deepEqual(
      f.bars.map((b) => [b.label, b.N, ...b.percent]),
      [['Vrouwen', 4, 25, 25, 25, 25, 0]],
    );
    assert.equal(f.filter, 'B1 = 2');
  });

  it('weights change the percentages but not the N', () => {
    // Tenants who answered 5 weigh 3: 3+3 of 3+3+1+1 = 75% "Helemaal eens", 12.5% "Eens" and "Neutraal"
    // (printed to add up to 100: the first of two equal remainders is rounded up).
    const weights = new Float64Array(data.rows).fill(1);
    weights[0] = 3;
    weights[1] = 3;
    const weighted = printFigure(computeFigures(study, study.waves[0]!, data, weights).figures.get('2')!);
    assert.deepEqual(weighted.bars[0]!.percent, [75, 13, 12, 0, 0]);
    assert.equal(weighted.bars[0]!.N, 4);
  });
});

describe('figures and sections in report.json are checked against the study', () => {
  const refused = (extra: Record<string, unknown>): string => {
    try {
      loadStudy(studyWith(extra));
    } catch (error) {
      assert.ok(error instanceof StudyFileError, String(error));
      return error.message;
    }
    assert.fail('the study loaded');
  };

  it('names the figure and field of an unknown item, a code that is no option and a segment left out', () => {
    const message = refused({
      figures: [
        { id: '1', kind: 'stacked', title: 'x', item: 'B9', breakdown: 'woonvorm', rows: [1] },
        { id: '2', kind: 'stacked', title: 'x', item: 'B3', breakdown: 'woonvorm', rows: [5, 4, 3, 2, 7] },
        { id: '3', kind: 'stacked', title: 'x', item: 'B3', breakdown: 'woonvorm', rows: [5, 4, 3, 2] },
        { id: '4', kind: 'multiple', title: 'x', item: 'B3', breakdown: 'woonvorm', rows: [5] },
      ],
    });
    assert.match(message, /report\.json.*figure 1\.item.*"B9" is no single or scale item/s);
    assert.match(message, /figure 2\.rows\[4\].*7 is not an option of B3/);
    assert.match(message, /figure 3\.rows.*option 1 of B3 is not a segment/);
    assert.match(message, /figure 4\.item.*B3 is a scale item; this figure needs multi/);
  });

  it('names an unknown breakdown', () => {
    const message = refused({
      figures: [{ id: '5', kind: 'stacked', title: 'x', item: 'B3', breakdown: 'eigendom', rows: [5, 4, 3, 2, 1] }],
    });
    assert.match(message, /report\.json: figure 5\.breakdown: no breakdown "eigendom"; known: woonvorm/);
  });

  it('refuses a figure without a kind, naming the field', () => {
    assert.match(
      refused({ figures: [{ id: '1', title: 'x', item: 'B3', breakdown: 'woonvorm' }] }),
      /report\.json: figures\[0\]\.kind: Invalid discriminator value/,
    );
  });

  it('places every table and figure in exactly one section', () => {
    const message = refused({
      figures: [FIGURES[1]],
      sections: [
        {
          number: '1',
          title: 'Wonen',
          content: [
            { kind: 'figure', id: '2' },
            { kind: 'table', id: '1' },
          ],
        },
        {
          number: '1',
          title: 'Twee keer',
          content: [
            { kind: 'table', id: '1' },
            { kind: 'figure', id: '9' },
          ],
        },
      ],
    });
    assert.match(message, /section 1 is listed twice/);
    assert.match(message, /table 1 is already placed in section 1/);
    assert.match(message, /figure 9 is not in "figures"/);
    assert.match(message, /table 2 is in no section/);
  });
});
