// `perspectief report validate` on a study folder whose report.json a researcher broke by hand: every error
// names the file and the table and field (or the line and column of a JSON syntax error), the exit code is 1,
// and no stack trace is printed. The intact second study validates.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, it } from 'node:test';
import type { CliIO } from '../../src/cli/command.ts';
import { main } from '../../src/cli/main.ts';

const BUURT = fileURLToPath(new URL('../fixtures/study-buurt', import.meta.url));

/** The parts of report.json these tests break. */
interface ReportFile {
  tables: Record<string, unknown>[];
  models: Record<string, { predictors: Record<string, unknown>[] }>;
}

describe('report validate on a broken report.json', () => {
  const root = mkdtempSync(join(tmpdir(), 'perspectief-validate-'));
  after(() => rmSync(root, { recursive: true, force: true }));
  let n = 0;
  /** A copy of the second study with its report.json changed by `edit` (or replaced by `text`). */
  const broken = (edit: ((report: ReportFile) => void) | string): string => {
    const dir = join(root, `study-${n++}`);
    cpSync(BUURT, dir, { recursive: true });
    const path = join(dir, 'report.json');
    if (typeof edit === 'string') writeFileSync(path, edit);
    else {
      const report = JSON.parse(readFileSync(path, 'utf8')) as ReportFile;
      edit(report);
      writeFileSync(path, JSON.stringify(report, null, 1));
    }
    return dir;
  };
  const validate = async (dir: string) => {
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIO = { stdout: (s) => out.push(s), stderr: (s) => err.push(s), env: {}, cwd: root };
    const code = await main(['report', 'validate', '--study', dir], io);
    return { code, out: out.join(''), err: err.join('') };
  };

  it('accepts the intact second study', async () => {
    const result = await validate(BUURT);
    assert.equal(result.code, 0, result.err);
    assert.match(result.out, /report\.json of study "buurt" is valid: 7 tables/);
  });

  it('places a JSON syntax error at its line and column', async () => {
    const result = await validate(broken('{\n "counts": "completed",\n "tables": [\n  {"id": "1",}\n ]\n}\n'));
    assert.equal(result.code, 1);
    assert.match(result.err, /report\.json: not valid JSON at line 4, column 14/);
  });

  it('names the table and field of a value of the wrong type', async () => {
    const result = await validate(broken((r) => (r.tables[2]!['codes'] = [4, 'vijf'])));
    assert.equal(result.code, 1);
    assert.match(result.err, /report\.json: table 3 \(tables\[2\]\.codes\[1\]\): Invalid input: expected number, received string/);
  });

  it('names the table and field of an unknown item, an unknown variable in a filter and an unknown breakdown', async () => {
    const items = await validate(
      broken((r) => {
        r.tables[0]!['item'] = 'B33';
        r.tables[6]!['where'] = 'B9 = 1';
      }),
    );
    assert.equal(items.code, 1);
    assert.match(items.err, /report\.json: table 1\.item: "B33" is no item of the study's questionnaires/);
    assert.match(
      items.err,
      /report\.json: table 7\.where: "B9" is no item of the study's questionnaires, no scale and no derived variable/,
    );
    const breakdown = await validate(broken((r) => (r.tables[1]!['breakdown'] = 'leeftijdsgroep')));
    assert.match(breakdown.err, /report\.json: table 2\.breakdown: no breakdown "leeftijdsgroep"; known: woonvorm/);
  });

  it("names the model's predictor whose reference category is not one of its levels", async () => {
    const result = await validate(broken((r) => (r.models['buurt']!.predictors[1]!['reference'] = 3)));
    assert.equal(result.code, 1);
    assert.match(result.err, /report\.json: models\.buurt\.predictors\[1\]\.reference: reference 3 is not one of the levels 1, 2/);
  });

  it('prints no stack trace for any of them', async () => {
    for (const dir of [broken('{'), broken((r) => (r.tables[0]!['kind'] = 'pie'))]) {
      const result = await validate(dir);
      assert.equal(result.code, 1);
      assert.match(result.err, /report\.json/);
      assert.doesNotMatch(result.err, /\n\s+at /);
    }
  });
});
