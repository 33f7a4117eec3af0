// `perspectief qual` as a researcher runs it on the demo corpus: Tables 2.7 and 2.8 as the report prints
// them, the report's quotes with the report's attributions, filters, the REFI-QDA codebook round trip, and
// a broken transcript refused with its file, line and reason.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { main } from '../../src/cli/main.ts';
import type { CliIO } from '../../src/cli/command.ts';
import { KORT_STUDY_DIR } from '../support/db.ts';
import reportQuotes from '../fixtures/qual/report-quotes.json' with { type: 'json' };
import printed from '../fixtures/qual/tables-2.7-2.8.json' with { type: 'json' };

describe('perspectief qual on the demo corpus', () => {
  const dir = mkdtempSync(join(tmpdir(), 'perspectief-qual-'));
  const env = { PERSPECTIEF_DATA_DIR: join(dir, 'data'), PERSPECTIEF_STUDY_DIR: KORT_STUDY_DIR };
  const run = async (...argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIO = { stdout: (s) => out.push(s), stderr: (s) => err.push(s), env, cwd: dir };
    const code = await main(['qual', ...argv], io);
    return { code, out: out.join(''), err: err.join('') };
  };
  before(async () => {
    const loaded = await run('demo');
    assert.equal(loaded.code, 0, loaded.err);
    assert.match(loaded.err, /SYNTHETIC/);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const id of ['2.7', '2.8'] as const) {
    it(`regenerates Table ${id} from the register exactly as the report prints it`, async () => {
      const r = await run('participants', '--table', id, '--json');
      assert.equal(r.code, 0, r.err);
      const table = JSON.parse(r.out) as { title: string; columns: string[]; rows: { label: string; cells: string[] }[] };
      const expected = printed.tables.find((t) => t.id === id)!;
      assert.equal(table.title, expected.caption);
      assert.deepEqual(table.columns, expected.columns);
      assert.deepEqual(
        table.rows.map((row) => [row.label, ...(row.cells.length ? row.cells : expected.columns.map(() => ''))]),
        expected.rows,
      );
    });
  }

  it('returns at least 300 of the report quotes with the attribution the report prints', async () => {
    const r = await run('quotes', '--json');
    assert.equal(r.code, 0, r.err);
    const quotes = JSON.parse(r.out) as {
      text: string;
      textNl: string;
      language: string;
      attribution: string;
      pattern: string;
      session: string;
    }[];
    assert.deepEqual(Object.keys(quotes[0]!).sort(), ['attribution', 'language', 'pattern', 'session', 'text', 'textNl']);
    const got = new Map<string, number>();
    for (const q of quotes) got.set(`${q.textNl}\u0000${q.attribution}`, (got.get(`${q.textNl}\u0000${q.attribution}`) ?? 0) + 1);
    let same = 0;
    for (const q of reportQuotes) {
      const key = `${q.text}\u0000${q.attribution}`;
      const left = got.get(key) ?? 0;
      if (left > 0) {
        same++;
        got.set(key, left - 1);
      }
    }
    assert.ok(same >= 300, `${same} of ${reportQuotes.length} quotes came back with the report's attribution`);
    const english = quotes.find((q) => q.language === 'en')!;
    assert.notEqual(english.text, english.textNl, 'a quote keeps the words as spoken beside the Dutch translation');
    // Built from the register: gender, age, country, route, nothing else (no name can get in).
    const shape = /^\((man|vrouw)(, \d{2})?(, [^,()]+)?(, (Onderwijsroute|B1-route|Z-route))?\)$/;
    assert.deepEqual(
      quotes.filter((q) => !shape.test(q.attribution)).map((q) => q.attribution),
      [],
    );
  });

  it('filters quotes by the speaker attributes and by pattern', async () => {
    const z = JSON.parse((await run('quotes', '--where', 'route=Z-route', '--json')).out) as { attribution: string; pattern: string }[];
    assert.ok(z.length > 50);
    assert.ok(z.every((q) => q.attribution.endsWith('Z-route)')));
    const women = JSON.parse((await run('quotes', '--where', 'gender=vrouw', '--where', 'age=46-66', '--json')).out) as {
      attribution: string;
    }[];
    assert.ok(women.length > 10);
    assert.ok(women.every((q) => /^\(vrouw, (4[6-9]|5\d|6[0-6]),/.test(q.attribution)));
    const bad = await run('quotes', '--where', 'colour=blue', '--json');
    assert.equal(bad.code, 1);
    assert.match(bad.err, /unknown filter "colour"/);
    const missing = await run('quotes', '--pattern', '999999', '--json');
    assert.equal(missing.code, 1);
    assert.match(missing.err, /no pattern "999999"/);
  });

  it('gives the report build its summary boxes and chosen quotes per section, marked synthetic', async () => {
    const r = await run('report', '--section', '4.4', '--json');
    assert.equal(r.code, 0, r.err);
    const report = JSON.parse(r.out) as {
      synthetic: boolean;
      tables: { id: string }[];
      sections: { section: string; boxes: { label: string; title: string }[]; quotes: { attribution: string; section: string }[] }[];
    };
    assert.equal(report.synthetic, true);
    assert.deepEqual(
      report.tables.map((t) => t.id),
      ['2.7', '2.8'],
    );
    assert.ok(report.sections.every((s) => s.section === '4.4' || s.section.startsWith('4.4.')));
    const box = report.sections.find((s) => s.section === '4.4')!.boxes[0]!;
    assert.equal(`${box.label} ${box.title}`, 'Box 4.1 Samenvattend: kwalitatieve inzichten over dualiteit');
    const quotes = report.sections.flatMap((s) => s.quotes);
    assert.equal(quotes.length, reportQuotes.filter((q) => q.section.startsWith('4.4.')).length);
  });

  it('exports the codebook as REFI-QDA .qdc that imports back unchanged', async () => {
    const first = join(dir, 'first.qdc');
    assert.equal((await run('codebook', 'export', '--out', first)).code, 0);
    const xml = readFileSync(first, 'utf8');
    assert.match(xml, /<CodeBook xmlns="urn:QDA-XML:codebook:1.0"/);
    const imported = await run('codebook', 'import', '--file', first);
    assert.equal(imported.code, 0, imported.err);
    assert.match(imported.out, /0 patterns added, \d+ updated/);
    const second = join(dir, 'second.qdc');
    assert.equal((await run('codebook', 'export', '--out', second)).code, 0);
    assert.equal(readFileSync(second, 'utf8'), xml);
  });

  it('imports participants and sessions from JSON all or nothing, and records a member check', async () => {
    const file = join(dir, 'register.json');
    const person = {
      code: 'NEW-01',
      kind: 'in-depth',
      migrantType: 'asiel',
      gender: 'vrouw',
      age: 61,
      country: 'Eritrea',
      learningRoute: 'z',
    };
    const session = { code: 'INT-NEW-01', kind: 'in-depth-interview', heldOn: '2025-05-02', participantCodes: ['NEW-01'] };
    writeFileSync(file, JSON.stringify({ participants: [person, { ...person, code: 'NEW-02', age: 'oud' }], sessions: [session] }));
    const bad = await run('import', '--file', file);
    assert.equal(bad.code, 1);
    assert.match(bad.err, /participant 2, field age:/);
    const codes = () => run('participants', '--json').then((r) => (JSON.parse(r.out) as { code: string }[]).map((p) => p.code));
    assert.ok(!(await codes()).includes('NEW-01'), 'nothing of the refused file is stored');
    writeFileSync(file, JSON.stringify({ participants: [person], sessions: [session] }));
    assert.match((await run('import', '--file', file)).out, /imported 1 participants and 1 sessions/);
    assert.ok((await codes()).includes('NEW-01'));
    const check = await run(
      'member-check',
      '--pattern',
      '1',
      '--session',
      'POOL-Z-2',
      '--reaction',
      'partly',
      '--note',
      'herkend door de helft',
    );
    assert.equal(check.code, 0, check.err);
    const wrong = await run('member-check', '--pattern', '1', '--session', 'INT-NEW-01', '--reaction', 'partly');
    assert.match(wrong.err, /a member check is put back to a pool meeting/);
  });

  it('refuses a transcript with an unknown speaker, naming the file and line, and stores none of it', async () => {
    const file = join(dir, 'gesprek.vtt');
    writeFileSync(
      file,
      'WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v DI-01>Goedemorgen.\n\n00:00:04.000 --> 00:00:06.000\n<v Ahmed>Hallo.\n',
    );
    const r = await run('transcript', 'import', '--session', 'INT-DI-01', '--file', file);
    assert.equal(r.code, 1);
    assert.match(r.err, /gesprek\.vtt, line 7: unknown speaker "Ahmed"/);
    assert.doesNotMatch(r.err, /\n\s+at /);
    const ok = await run('transcript', 'import', '--session', 'INT-DI-01', '--file', file, '--speaker', 'Ahmed=interviewer');
    assert.equal(ok.code, 0, ok.err);
    assert.match(ok.out, /2 turns/);
  });
});
