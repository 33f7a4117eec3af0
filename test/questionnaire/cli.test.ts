import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { codebookCommand } from '../../src/cli/codebook.ts';
import { CliError, UsageError } from '../../src/cli/command.ts';
import { questionnaireCommand } from '../../src/cli/questionnaire.ts';
import { normalizeQuestionnaire } from '../../src/questionnaire/normalize.ts';
import { LANGUAGES } from '../../src/questionnaire/types.ts';
import { captureIO, GROUPS, itemIndex, questionnaire, STUDY_DIR } from './helpers.ts';
import { KORT_STUDY_DIR } from '../support/db.ts';

const dir = mkdtempSync(join(tmpdir(), 'perspectief-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const run = async (cmd: typeof questionnaireCommand, args: string[]) => {
  const io = captureIO(dir);
  const code = await cmd.run(args, io);
  return { code, out: io.out(), err: io.err() };
};

describe('perspectief questionnaire list', () => {
  it('--json prints id, group, version, items and per-language translated/reviewed counts', async () => {
    const { code, out } = await run(questionnaireCommand, ['list', '--json']);
    assert.equal(code, 0);
    const rows = JSON.parse(out) as {
      id: string;
      group: string;
      version: number;
      items: number;
      languages: Record<string, { translated: number; reviewed: number }>;
    }[];
    // Wave 2023 (version 2), then wave 2024 (version 3; Wi2021 version 4).
    assert.deepEqual(
      rows.map((r) => `${r.id}@${r.version}`),
      [...GROUPS.map((g) => `${g}@2`), ...GROUPS.map((g) => `${g}@${g.startsWith('wi2021') ? 4 : 3}`)],
    );
    for (const row of rows) assert.deepEqual(Object.keys(row), ['id', 'group', 'version', 'items', 'languages']);
    assert.deepEqual(
      rows.slice(4).map((r) => r.items),
      [65, 67, 47, 47],
    );
    for (const row of rows) {
      assert.deepEqual(Object.keys(row.languages), [...LANGUAGES]);
      const total = row.languages.nl!.translated;
      assert.ok(total > (row.version >= 3 ? 300 : 200), `${row.id}@${row.version}: ${total} texts`);
      for (const lang of LANGUAGES) {
        assert.deepEqual(Object.keys(row.languages[lang]!), ['translated', 'reviewed']);
        assert.equal(row.languages[lang]!.translated, total, `${row.id} ${lang} complete`);
        // how many are reviewed changes as reviewers work; the next test checks the count follows the files
        if (lang === 'nl') assert.equal(row.languages[lang]!.reviewed, total, 'the source counts as reviewed');
        else assert.ok(row.languages[lang]!.reviewed <= total, `${row.id} ${lang} reviewed`);
      }
    }
  });

  it('--json counts as reviewed the texts the questionnaire file marks reviewed, per language', async () => {
    const study = join(dir, 'study-reviewed');
    cpSync(KORT_STUDY_DIR, study, { recursive: true });
    const file = join(study, 'questionnaires', 'kort.json');
    const q = JSON.parse(readFileSync(file, 'utf8')) as {
      title: Record<string, string>;
      pages: { items: { text: Record<string, string | { text: string; status: string }> }[] }[];
    };
    const listed = async () => {
      const { code, out } = await run(questionnaireCommand, ['list', '--json', '--study', study]);
      assert.equal(code, 0);
      const [row] = JSON.parse(out) as { languages: Record<string, { translated: number; reviewed: number }> }[];
      return Object.fromEntries(LANGUAGES.map((l) => [l, row!.languages[l]!.reviewed]));
    };
    const before = await listed();
    const item = q.pages[0]!.items[0]!.text;
    q.title = { ...q.title, en: { text: q.title.en, status: 'reviewed' } } as unknown as Record<string, string>;
    item.en = { text: item.en as string, status: 'reviewed' };
    item.ar = { text: item.ar as string, status: 'reviewed' };
    writeFileSync(file, JSON.stringify(q));
    assert.deepEqual(await listed(), { ...before, en: before.en! + 2, ar: before.ar! + 1 });
  });

  it('prints a table without --json', async () => {
    const { out } = await run(questionnaireCommand, ['list']);
    assert.match(out, /^id\s+group\s+version\s+items\s+nl translated\/reviewed/);
    assert.match(out, /wi2021-gezin\s+wi2021-gezin\s+4\s+67/);
  });
});

describe('perspectief questionnaire export / import', () => {
  it('exports an XLSForm and imports it back to the same questionnaire', async () => {
    const xlsx = join(dir, 'wi2013-gezin.xlsx');
    const exported = await run(questionnaireCommand, ['export', '--id', 'wi2013-gezin', '--format', 'xlsform', '--out', xlsx]);
    assert.equal(exported.code, 0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(xlsx);
    assert.deepEqual(
      book.worksheets.map((w) => w.name),
      ['survey', 'choices', 'settings'],
    );
    const json = join(dir, 'wi2013-gezin.json');
    const imported = await run(questionnaireCommand, ['import', xlsx, '--out', json]);
    assert.equal(imported.code, 0);
    const back = normalizeQuestionnaire(JSON.parse(readFileSync(json, 'utf8')));
    assert.ok(back.ok);
    assert.deepEqual(back.value, questionnaire('wi2013-gezin'));
  });

  it('reports unsupported question types by row', async () => {
    const book = new ExcelJS.Workbook();
    const survey = book.addWorksheet('survey');
    survey.addRow(['type', 'name', 'label::Nederlands (nl)']);
    survey.addRow(['text', 'A1', 'Naam van uw school']);
    survey.addRow(['geopoint', 'A2', 'Waar woont u?']);
    book.addWorksheet('choices').addRow(['list_name', 'name', 'label::Nederlands (nl)']);
    book.addWorksheet('settings').addRow(['form_id']);
    const path = join(dir, 'elders.xlsx');
    await book.xlsx.writeFile(path);
    await assert.rejects(questionnaireCommand.run(['import', path], captureIO(dir)), (error: unknown) => {
      assert.ok(error instanceof CliError && !(error instanceof UsageError));
      assert.match(error.message, /elders\.xlsx: item A2, survey row 3, type: unsupported question type 'geopoint'/);
      return true;
    });
  });

  it('refuses wrong options with a usage error, and an unknown questionnaire with a clear message', async () => {
    await assert.rejects(questionnaireCommand.run(['export', '--format', 'xlsform', '--out', 'x.xlsx'], captureIO(dir)), UsageError);
    await assert.rejects(
      questionnaireCommand.run(['export', '--id', 'kort', '--format', 'csv', '--out', 'x.xlsx'], captureIO(dir)),
      /--format xlsform \(got 'csv'\)/,
    );
    await assert.rejects(
      questionnaireCommand.run(['export', '--id', 'nope', '--format', 'xlsform', '--out', 'x.xlsx'], captureIO(dir)),
      /no questionnaire 'nope' in the study/,
    );
    await assert.rejects(questionnaireCommand.run(['lijst'], captureIO(dir)), /unknown subcommand 'lijst'/);
    await assert.rejects(questionnaireCommand.run(['list', '--bogus'], captureIO(dir)), UsageError);
    await assert.rejects(
      questionnaireCommand.run(['import', join(dir, 'missing.xlsx')], captureIO(dir)),
      /missing\.xlsx: cannot read the workbook/,
    );
  });

  it('answers --help for every subcommand', async () => {
    for (const sub of ['list', 'export', 'import', 'validate']) {
      const { code, out } = await run(questionnaireCommand, [sub, '--help']);
      assert.equal(code, 0);
      assert.match(out, new RegExp(`perspectief questionnaire ${sub}`));
    }
    assert.match((await run(questionnaireCommand, ['--help'])).out, /Subcommands:/);
  });
});

describe('perspectief questionnaire validate', () => {
  it('accepts the shipped study', async () => {
    const { code, out } = await run(questionnaireCommand, ['validate', STUDY_DIR]);
    assert.equal(code, 0);
    // Wave 2023, then wave 2024.
    assert.match(
      out,
      /^ok: study inburgeraars: 8 questionnaires \(wi2021-asiel v2 51 items, wi2021-gezin v2 54 items, wi2013-asiel v2 37 items, wi2013-gezin v2 37 items, wi2021-asiel v4 65 items, wi2021-gezin v4 67 items, wi2013-asiel v3 47 items, wi2013-gezin v3 47 items\), landing with 4 routes, 3 scales, 7 derived variables/,
    );
  });

  it('names file, item and field of a broken study', async () => {
    const broken = join(dir, 'broken');
    cpSync(STUDY_DIR, broken, { recursive: true });
    const file = join(broken, 'questionnaires/wi2013-asiel.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"condition": "Q8.01 = 1"', '"condition": "Q8.10 = 1"'));
    await assert.rejects(
      questionnaireCommand.run(['validate', broken], captureIO(dir)),
      /wi2013-asiel\.json: item Q8\.02, pages\[\d+\]\.items\[0\]\.condition: condition refers to unknown item 'Q8\.10'/,
    );
  });
});

describe('perspectief codebook', () => {
  it('lists every item id of the item index, with labels, values, routing and report tables', async () => {
    const out = join(dir, 'codebook-nl.html');
    const { code } = await run(codebookCommand, ['--lang', 'nl', '--out', out]);
    assert.equal(code, 0);
    const html = readFileSync(out, 'utf8');
    for (const row of itemIndex()) assert.ok(html.includes(`id="${row.id}"`), `codebook lacks ${row.id}`);
    assert.match(html, /<code>Q4\.19<\/code> Wat vindt u: tegelijk Nederlands leren/);
    assert.match(html, /<code>Q4\.17 in \(2, 3\)<\/code>/);
    assert.match(html, /<dt>Rapporttabellen<\/dt><dd>4\.3<\/dd>/);
    assert.match(html, /<code>99<\/code> Dat weet ik niet <small>\(ontbrekend\)<\/small>/);
    assert.match(html, /id="maatschappelijk_doel"/);
    assert.match(html, /id="cohort"/);
  });

  it('writes Arabic right to left and Tigrinya in its own script', async () => {
    await run(codebookCommand, ['--lang', 'ar', '--out', join(dir, 'ar.html')]);
    assert.match(readFileSync(join(dir, 'ar.html'), 'utf8'), /<html lang="ar" dir="rtl">/);
    await run(codebookCommand, ['--lang', 'ti', '--out', join(dir, 'ti.html'), '--questionnaire', 'wi2021-asiel']);
    const ti = readFileSync(join(dir, 'ti.html'), 'utf8');
    // The study file's own Tigrinya text (a draft today; a reviewer may word it otherwise), written in Ethiopic.
    const age = JSON.parse(readFileSync(join(STUDY_DIR, 'questionnaires', 'wi2021-asiel.json'), 'utf8')) as {
      pages: { items: { id: string; text: Record<string, string> }[] }[];
    };
    const tiAge = age.pages.flatMap((p) => p.items).find((i) => i.id === 'Q2.02')!.text['ti']!;
    assert.match(tiAge, /[\u1200-\u137F]/u);
    assert.ok(ti.includes(tiAge), tiAge);
    assert.ok(!ti.includes('id="Q7.01"'), 'only the chosen questionnaire');
  });

  it('refuses an unknown language', async () => {
    await assert.rejects(
      codebookCommand.run(['--lang', 'de', '--out', 'x.html'], captureIO(dir)),
      /--lang must be one of nl, en, ar, tr, ti \(got 'de'\)/,
    );
  });
});
