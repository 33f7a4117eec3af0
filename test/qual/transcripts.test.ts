// Transcript import: plain text, WebVTT, SRT and DOCX become speaker turns tied to participants or staff
// roles; a file that cannot be read is refused with its file, line and reason, and nothing of it is stored.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import JSZip from 'jszip';
import { addParticipants, addSessions, getTranscript, importTranscript, TranscriptError } from '../../src/qual/index.ts';
import { backendName, openTestDatabase, type TestDatabase } from '../support/db.ts';

const bytes = (s: string) => new TextEncoder().encode(s);

async function docx(paragraphs: readonly string[]): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
  const body = paragraphs
    .map((p) => `<w:p><w:r><w:t xml:space="preserve">${p.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</w:t></w:r></w:p>`)
    .join('');
  zip.file(
    'word/document.xml',
    `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`,
  );
  return zip.generateAsync({ type: 'uint8array' });
}

describe(`transcript import on ${backendName()}`, () => {
  let t: TestDatabase;
  let session: number;
  before(async () => {
    t = await openTestDatabase();
    await addParticipants(t.db, [
      { code: 'P-01', kind: 'in-depth', migrantType: 'asiel', gender: 'vrouw', age: 49, country: 'Turkije', learningRoute: 'z' },
      { code: 'P-02', kind: 'in-depth', migrantType: 'asiel', gender: 'man', age: 57, country: 'Turkije', learningRoute: 'z' },
    ]);
    const [created] = await addSessions(t.db, [
      { code: 'S-1', kind: 'in-depth-interview', facilitator: 'Mira', participantCodes: ['P-01', 'P-02'] },
    ]);
    session = created!.id;
  });
  after(async () => t.close());

  const count = async () => {
    const rows = await t.db.execute<{ n: number }>(
      sql`select (select count(*) from qual_transcripts)::int + (select count(*) from qual_turns)::int as n`,
    );
    return Number((rows as { rows?: { n: number }[] }).rows?.[0]?.n ?? (rows as { n: number }[])[0]!.n);
  };
  const refused = async (file: string, content: Uint8Array, pattern: RegExp) => {
    const before = await count();
    await assert.rejects(importTranscript(t.db, { sessionId: session, file, bytes: content }), (e: unknown) => {
      assert.ok(e instanceof TranscriptError, String(e));
      assert.match(e.message, pattern);
      return true;
    });
    assert.equal(await count(), before, 'nothing of the refused file is stored');
  };

  it('reads plain text paragraphs as turns, the facilitator by name and participants by code', async () => {
    const r = await importTranscript(t.db, {
      sessionId: session,
      file: 'gesprek.txt',
      bytes: bytes(
        'Mira: Hoe gaat het met de taal?\n\nP-01: Ik voel me niet gesteund,\nomdat alles heel langzaam gaat.\n\nP-02: Ik wil werken.\n',
      ),
    });
    const transcript = (await getTranscript(t.db, r.id))!;
    assert.deepEqual(
      transcript.turns.map((x) => [x.staffRole, x.participantCode, x.text]),
      [
        ['facilitator', null, 'Hoe gaat het met de taal?'],
        [null, 'P-01', 'Ik voel me niet gesteund, omdat alles heel langzaam gaat.'],
        [null, 'P-02', 'Ik wil werken.'],
      ],
    );
    assert.equal(transcript.format, 'text');
  });

  it('reads WebVTT cues with voice tags and times, joining consecutive cues of one speaker', async () => {
    const vtt =
      'WEBVTT\n\nNOTE opname 1\n\n1\n00:00:01.000 --> 00:00:03.500\n<v Mira>Welkom.</v>\n\n00:00:04.000 --> 00:00:06.000\n<v P-01>Dank u.\n\n00:00:06.000 --> 00:01:02.250 align:start\n<v P-01>Ik ben blij.\n';
    const r = await importTranscript(t.db, { sessionId: session, file: 'opname.vtt', bytes: bytes(vtt) });
    const turns = (await getTranscript(t.db, r.id))!.turns;
    assert.deepEqual(
      turns.map((x) => [x.participantCode ?? x.staffRole, x.startMs, x.endMs, x.text]),
      [
        ['facilitator', 1000, 3500, 'Welkom.'],
        ['P-01', 4000, 62250, 'Dank u. Ik ben blij.'],
      ],
    );
  });

  it('reads SRT subtitles with "Speaker:" lines and maps other names given in a speaker list', async () => {
    const srt = '1\n00:00:01,000 --> 00:00:02,000\nTolk: Zij zegt dat het goed gaat.\n\n2\n00:00:02,500 --> 00:00:04,000\nAyşe: Evet.\n';
    const r = await importTranscript(t.db, { sessionId: session, file: 'tolk.srt', bytes: bytes(srt), speakers: { Ayşe: 'P-01' } });
    const turns = (await getTranscript(t.db, r.id))!.turns;
    assert.deepEqual(
      turns.map((x) => [x.participantCode ?? x.staffRole, x.text]),
      [
        ['interpreter', 'Zij zegt dat het goed gaat.'],
        ['P-01', 'Evet.'],
      ],
    );
  });

  it('reads DOCX paragraphs, a paragraph without a speaker continuing the turn', async () => {
    const file = await docx([
      'Interviewer: Wat vindt u van de les?',
      'P-02: Het tempo is hoog & niet iedereen kan meekomen.',
      'Soms ga ik naar huis met hoofdpijn.',
    ]);
    const r = await importTranscript(t.db, { sessionId: session, file: 'interview.docx', bytes: file });
    const turns = (await getTranscript(t.db, r.id))!.turns;
    assert.deepEqual(
      turns.map((x) => [x.participantCode ?? x.staffRole, x.text]),
      [
        ['interviewer', 'Wat vindt u van de les?'],
        ['P-02', 'Het tempo is hoog & niet iedereen kan meekomen.\nSoms ga ik naar huis met hoofdpijn.'],
      ],
    );
  });

  it('refuses a VTT cue without a time, with the file and line', async () => {
    await refused(
      'kapot.vtt',
      bytes('WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v P-01>Ja.\n\nP-02: Nee.\n'),
      /^kapot\.vtt, line 6: a cue without a time/,
    );
    await refused(
      'geen-header.vtt',
      bytes('00:00:01.000 --> 00:00:02.000\nP-01: Ja.\n'),
      /^geen-header\.vtt, line 1: a WebVTT file starts with "WEBVTT"/,
    );
    await refused('tijd.srt', bytes('1\n00:00:01,000 --> 00:61:02,000\nP-01: Ja.\n'), /^tijd\.srt, line 2: "00:61:02,000" is not a time/);
  });

  it('refuses an unknown speaker on its line, and stores none of the turns before it', async () => {
    await refused(
      'namen.txt',
      bytes('P-01: Goedemorgen.\n\nP-02: Hallo.\n\nAhmed: Ik ben er ook.\n'),
      /^namen\.txt, line 5: unknown speaker "Ahmed"/,
    );
    await refused('los.txt', bytes('P-01: Ja.\n\nen toen ging ik naar huis\n'), /^los\.txt, line 3: a turn must start with its speaker/);
    await refused('nul.txt', bytes('P-01: Ja.\n\nP-02: Ne\u0000e.\n'), /^nul\.txt, line 3: the line holds a NUL character/);
  });

  it('refuses a broken DOCX: not a zip, or without its document', async () => {
    await refused('kapot.docx', bytes('dit is geen zip'), /^kapot\.docx: not a DOCX file \(it is not a zip archive\)/);
    const empty = new JSZip();
    empty.file('readme.txt', 'x');
    await refused(
      'leeg.docx',
      await empty.generateAsync({ type: 'uint8array' }),
      /^leeg\.docx: not a DOCX file \(word\/document\.xml is missing\)/,
    );
    await refused('vreemd.pdf', bytes('%PDF'), /^vreemd\.pdf: unknown format/);
  });
});
