// `perspectief population import`: the demo's population file is one import of the CSV beside it (byte for
// byte); every problem in a CSV file names its row and column, and a refused file leaves the study folder's
// population file exactly as it was; an existing file is replaced only with --force.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { CliIO } from '../../src/cli/command.ts';
import { main } from '../../src/cli/main.ts';
import { DEFAULT_STUDY_DIR } from '../../src/study/load.ts';

const SOURCE =
  'DUO: every inburgeraar written to in meting 2 (October 2024), by type inburgeraar and by gender, learning route and age band within each type (as the report prints them in Tabel 2.9-2.12)';

describe('perspectief population import', () => {
  const dir = mkdtempSync(join(tmpdir(), 'perspectief-population-'));
  const study = join(dir, 'study');
  cpSync(DEFAULT_STUDY_DIR, study, { recursive: true });
  const target = join(study, 'population', '2024.json');
  const committed = readFileSync(join(DEFAULT_STUDY_DIR, 'population', '2024.json'), 'utf8');
  after(() => rmSync(dir, { recursive: true, force: true }));

  const run = async (...argv: string[]) => {
    let stdout = '';
    let stderr = '';
    const io: CliIO = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env: { PERSPECTIEF_STUDY_DIR: study }, cwd: dir };
    return { code: await main(argv, io), stdout, stderr };
  };
  const csv = (name: string, text: string) => {
    writeFileSync(join(dir, name), text);
    return name;
  };

  it("writes the demo's population file from its CSV byte for byte, noting margins that do not add up", async () => {
    writeFileSync(target, committed.replace('34482', '1'));
    const result = await run(
      'population',
      'import',
      '--wave',
      '2024',
      join(DEFAULT_STUDY_DIR, 'population', '2024.csv'),
      '--source',
      SOURCE,
      '--force',
    );
    assert.equal(result.code, 0, result.stderr);
    assert.equal(readFileSync(target, 'utf8'), committed);
    assert.match(result.stdout, /35 cells \(5 group totals\) for wave 2024/);
    assert.match(
      result.stderr,
      /group "Wi2021-asiel": the gender rows add up to 34481, the group's total is 34482 \(1 without a known level\)/,
    );
  });

  it('refuses to replace an existing population file without --force', async () => {
    const file = csv('small.csv', 'group,count\nWi2021-asiel,10\n');
    const result = await run('population', 'import', '--wave', '2024', file);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /already exists; add --force/);
    assert.equal(readFileSync(target, 'utf8'), committed);
  });

  const refused: readonly [string, string, RegExp][] = [
    [
      'an unknown group',
      'group,gender,route,age band,count\nWi2021-asiel,,,,10\nWi2099-nieuw,,,,5\n',
      /bad\.csv: row 3, column "group": "Wi2099-nieuw" is not a level of type_inburgeraar; known: .*Wi2021-asiel \(1\)/,
    ],
    [
      'an unknown level',
      'group,gender,route,age band,count\nWi2021-asiel,,,,10\nWi2021-asiel,Manen,,,4\n',
      /row 3, column "gender": "Manen" is not a level of Q2\.01; known: Mannen \(1\)/,
    ],
    [
      'a count that is no whole number',
      'group,gender,route,age band,count\nWi2021-asiel,,,,10.5\n',
      /row 2, column "count": "10\.5" is not a whole number of people/,
    ],
    [
      'a cross of two dimensions',
      'group,gender,route,age band,count\nWi2021-asiel,,,,10\nWi2021-asiel,Mannen,Z-route,,3\n',
      /row 3: fills "gender" and "route"; a row counts one dimension within its group/,
    ],
    [
      'a cell given twice',
      'group,gender,route,age band,count\nWi2021-asiel,,,,10\nWi2021-asiel,,Z-route,,3\nWi2021-asiel,,Z-route,,4\n',
      /row 4: the same cell as row 3/,
    ],
    [
      'a breakdown without its group total',
      'group,gender,route,age band,count\nWi2021-gezin,,,,10\nWi2021-asiel,,,22-30,3\n',
      /row 3: group "Wi2021-asiel" has age band rows but no total row/,
    ],
    [
      'an unknown column',
      'group,country,count\nWi2021-asiel,Syrië,10\n',
      /row 1, column 2 \("country"\): unknown column; expected group, gender, route, age band, count/,
    ],
    [
      'a breakdown of a population-only group',
      'group,gender,count\nWi2013-onbekend,,34\nWi2013-onbekend,Mannen,20\n',
      /row 3, column "gender": "Wi2013-onbekend" is a group only the population has/,
    ],
  ];
  for (const [what, text, message] of refused) {
    it(`refuses ${what}, naming the row and column, and leaves the population file as it was`, async () => {
      const result = await run('population', 'import', '--wave', '2024', csv('bad.csv', text), '--force');
      assert.equal(result.code, 1, result.stdout);
      assert.match(result.stderr, message);
      assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
      assert.equal(readFileSync(target, 'utf8'), committed);
    });
  }

  it('reads a semicolon CSV with Dutch column names and labels in other languages, and refuses an unknown wave', async () => {
    const text = 'groep;geslacht;leerroute;leeftijdsklasse;aantal\nWi2021-asiel;;;;100\nWi2021-asiel;Woman;;;40\nWi2021-asiel;ተባዕታይ;;;60\n';
    const result = await run('population', 'import', '--wave', '2024', csv('nl.csv', '\ufeff' + text), '--source', 'test', '--force');
    assert.equal(result.code, 0, result.stderr);
    const written = JSON.parse(readFileSync(target, 'utf8')) as { cells: unknown[] };
    assert.deepEqual(written.cells, [
      { group: 1, count: 100 },
      { group: 1, gender: 2, count: 40 },
      { group: 1, gender: 1, count: 60 },
    ]);
    const unknown = await run('population', 'import', '--wave', '2031', 'nl.csv');
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown wave "2031"/);
  });
});
