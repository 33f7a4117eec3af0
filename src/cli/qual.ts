// `perspectief qual`: the qualitative arm from the command line: the participant register and Tables 2.7
// and 2.8, quotes with their attributions, transcript import, the REFI-QDA codebook, agreement, the demo.
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadQualDemo } from '../demo/qual-demo.ts';
import {
  addMemberCheck,
  addParticipants,
  addSessions,
  agreementOfTranscript,
  exportQdc,
  findCode,
  findQuotes,
  findSession,
  formatOfName,
  importQdc,
  importTranscript,
  listParticipants,
  participantTable,
  PARTICIPANT_TABLE_IDS,
  parseWhere,
  QdcError,
  qualitativeForReport,
  QualInputError,
  quotesToCsv,
  quotesToXlsx,
  TranscriptError,
  type ParticipantTableId,
} from '../qual/index.ts';
import type { Db } from '../storage/db.ts';
import { audit } from '../storage/users.ts';
import { CliError, UsageError, type CliIO, type Command } from './command.ts';
import { openSystem } from './system.ts';

const HELP = `Usage: perspectief qual <subcommand> [options]

The qualitative arm: participant register, sessions, transcripts, codebook, coding, agreement and quotes.

Subcommands:
  participants [--table 2.7|2.8] [--json]
        the register (codes and attributes, never names), or Table 2.7 (expert pools) or 2.8
        (interviews) in the report's layout
  quotes [--pattern ID] [--where KEY=VALUE ...] [--json | --format csv|xlsx --out FILE]
        quotes with the report's attribution, by pattern (number or GUID, with the patterns under it)
        and by speaker: route, gender, country, age (e.g. 46-66), pool, kind, migrant, language, section
  transcript import --session CODE --file FILE [--speaker LABEL=CODE ...] [--format text|vtt|srt|docx]
        reads a transcript (plain text "Speaker: words" paragraphs, WebVTT, SRT or DOCX) into speaker
        turns; speakers are the session's participant codes, facilitator, interviewer, tolk, or mapped
        with --speaker. A file with an error is refused whole, with its line and reason
  codebook export --out FILE.qdc | codebook import --file FILE.qdc
        the codebook as a REFI-QDA codebook (ATLAS.ti, NVivo, MAXQDA)
  agreement --transcript ID [--json]
        Cohen's kappa and Krippendorff's alpha per pattern between the coders of a transcript
  report [--section S ...] --json
        what the report build takes: Tables 2.7/2.8, and per section its summary boxes and chosen quotes
  import --file FILE.json
        adds participants and sessions from {"participants": [...], "sessions": [...]} (fields as in
        docs/qualitative.md) in one transaction; an error names the entry and the field, and nothing is stored
  member-check --pattern ID --session CODE --reaction recognised|partly|not-recognised [--note TEXT]
        records how a later pool meeting reacted to a pattern put back to it
  demo  replaces the synthetic qualitative demo corpus (the report's quotes, invented participants)

Options:
  -h, --help  show this help
`;

const OPTIONS = {
  table: { type: 'string' },
  json: { type: 'boolean' },
  pattern: { type: 'string' },
  where: { type: 'string', multiple: true },
  format: { type: 'string' },
  out: { type: 'string' },
  file: { type: 'string' },
  session: { type: 'string' },
  speaker: { type: 'string', multiple: true },
  transcript: { type: 'string' },
  section: { type: 'string', multiple: true },
  reaction: { type: 'string' },
  note: { type: 'string' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

const json = (io: CliIO, value: unknown) => io.stdout(`${JSON.stringify(value, null, 2)}\n`);

function writeOut(io: CliIO, file: string, data: string | Buffer): string {
  const path = resolve(io.cwd, file);
  try {
    writeFileSync(path, data);
  } catch (error) {
    throw new CliError(`cannot write ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  return path;
}

function readIn(io: CliIO, file: string): Buffer {
  const path = resolve(io.cwd, file);
  try {
    return readFileSync(path);
  } catch (error) {
    throw new CliError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

async function participants(db: Db, io: CliIO, v: Values): Promise<void> {
  const all = await listParticipants(db);
  if (v.table !== undefined) {
    if (!(PARTICIPANT_TABLE_IDS as readonly string[]).includes(v.table)) throw new UsageError(`--table takes 2.7 or 2.8, not "${v.table}"`);
    const table = participantTable(all, v.table as ParticipantTableId);
    if (v.json) return json(io, table);
    io.stdout(`Tabel ${table.id} ${table.title}\n\t${table.columns.join('\t')}\n`);
    for (const r of table.rows) io.stdout(`${r.label}\t${r.cells.join('\t')}\n`);
    for (const f of table.footnotes) io.stdout(`${f}\n`);
    return;
  }
  if (v.json) return json(io, all);
  for (const p of all)
    io.stdout(
      `${p.code}\t${p.kind}\t${p.pool ?? ''}\t${p.migrantType}\t${p.gender ?? ''}\t${p.age ?? ''}\t${p.country ?? ''}\t${p.learningRoute ?? ''}\n`,
    );
}

async function quotes(db: Db, io: CliIO, v: Values): Promise<void> {
  let patternId: number | null = null;
  if (v.pattern !== undefined) {
    const code = await findCode(db, v.pattern);
    if (!code) throw new CliError(`no pattern "${v.pattern}" (give its number or GUID; "perspectief qual codebook export" lists them)`);
    patternId = code.id;
  }
  const found = await findQuotes(db, { patternId, where: parseWhere(v.where ?? []) });
  const format = v.format ?? (v.json ? 'json' : 'text');
  if (format !== 'json' && format !== 'text' && format !== 'csv' && format !== 'xlsx')
    throw new UsageError(`--format takes csv or xlsx, not "${format}"`);
  await audit(db, {
    userId: null,
    action: 'export',
    detail: { what: 'qual-quotes', format, rows: found.length, synthetic: found.filter((q) => q.synthetic).length },
  });
  if (format === 'json')
    return json(
      io,
      found.map((q) => ({
        text: q.text,
        textNl: q.textNl,
        language: q.language,
        attribution: q.attribution,
        pattern: q.pattern,
        session: q.session,
      })),
    );
  if (format === 'text') {
    for (const q of found) io.stdout(`${q.section ?? '-'}\t"${q.textNl ?? q.text}" ${q.attribution}\n`);
    return;
  }
  if (!v.out) throw new UsageError(`--format ${format} needs --out FILE`);
  const path = writeOut(io, v.out, format === 'csv' ? quotesToCsv(found) : await quotesToXlsx(found));
  io.stderr(`wrote ${found.length} quotes to ${path}${found.some((q) => q.synthetic) ? ' (synthetic demo quotes are marked)' : ''}\n`);
}

async function transcriptImport(db: Db, io: CliIO, v: Values): Promise<void> {
  if (!v.session || !v.file) throw new UsageError('transcript import needs --session CODE and --file FILE');
  const session = await findSession(db, v.session);
  if (!session) throw new CliError(`no session "${v.session}"`);
  const speakers: Record<string, string> = {};
  for (const s of v.speaker ?? []) {
    const at = s.indexOf('=');
    if (at < 1) throw new UsageError(`--speaker "${s}": say LABEL=CODE`);
    speakers[s.slice(0, at).trim()] = s.slice(at + 1).trim();
  }
  const format = v.format ?? formatOfName(v.file);
  if (format !== 'text' && format !== 'vtt' && format !== 'srt' && format !== 'docx')
    throw new UsageError(`the format of ${v.file} is not known: give --format text, vtt, srt or docx`);
  const bytes = readIn(io, v.file);
  const result = await importTranscript(db, { sessionId: session.id, file: basename(v.file), bytes, format, speakers });
  io.stdout(`imported ${basename(v.file)} into session ${session.code}: transcript ${result.id}, ${result.turns} turns\n`);
}

async function codebook(db: Db, io: CliIO, action: string | undefined, v: Values): Promise<void> {
  if (action === 'export') {
    if (!v.out) throw new UsageError('codebook export needs --out FILE.qdc');
    const xml = await exportQdc(db);
    const path = writeOut(io, v.out, xml);
    await audit(db, { userId: null, action: 'export', detail: { what: 'qual-codebook', format: 'qdc' } });
    io.stderr(`wrote the codebook to ${path}\n`);
  } else if (action === 'import') {
    if (!v.file) throw new UsageError('codebook import needs --file FILE.qdc');
    const text = readIn(io, v.file).toString('utf8');
    const r = await importQdc(db, basename(v.file), text);
    io.stdout(`imported ${basename(v.file)}: ${r.added} patterns added, ${r.updated} updated\n`);
  } else throw new UsageError('say "codebook export --out F.qdc" or "codebook import --file F.qdc"');
}

async function agreement(db: Db, io: CliIO, v: Values): Promise<void> {
  const id = Number(v.transcript);
  if (!Number.isInteger(id) || id < 1) throw new UsageError('agreement needs --transcript ID (a number)');
  const result = await agreementOfTranscript(db, id);
  if (v.json) return json(io, result);
  if (result.coders.length < 2) throw new CliError(`transcript ${id} has ${result.coders.length} coder(s); agreement needs two`);
  io.stdout(`coders: ${result.coders.join(', ')}\nkappa\talpha\tunits\tpattern\n`);
  for (const p of result.patterns) io.stdout(`${p.kappa.toFixed(3)}\t${p.alpha.toFixed(3)}\t${p.units}\t${p.name}\n`);
}

async function importRegister(db: Db, io: CliIO, v: Values): Promise<void> {
  if (!v.file) throw new UsageError('import needs --file FILE.json');
  let data: unknown;
  try {
    data = JSON.parse(readIn(io, v.file).toString('utf8'));
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`${basename(v.file)} is not JSON: ${(error as Error).message}`);
  }
  const { participants = [], sessions = [] } = (data ?? {}) as { participants?: unknown; sessions?: unknown };
  if (!Array.isArray(participants) || !Array.isArray(sessions))
    throw new CliError(`${basename(v.file)}: "participants" and "sessions" must be lists`);
  await db.transaction(async (tx) => {
    await addParticipants(tx, participants);
    await addSessions(tx, sessions);
  });
  io.stdout(`imported ${participants.length} participants and ${sessions.length} sessions from ${basename(v.file)}\n`);
}

async function memberCheck(db: Db, io: CliIO, v: Values): Promise<void> {
  if (!v.pattern || !v.session || !v.reaction) throw new UsageError('member-check needs --pattern ID, --session CODE and --reaction');
  const code = await findCode(db, v.pattern);
  if (!code) throw new CliError(`no pattern "${v.pattern}"`);
  await addMemberCheck(db, { codeId: code.id, sessionCode: v.session, reaction: v.reaction, note: v.note ?? '' });
  io.stdout(`recorded: ${v.session} ${v.reaction} "${code.name}"\n`);
}

export const qualCommand: Command = {
  help: HELP,
  async run(args, io) {
    const { values, positionals } = parseArgs({ args: [...args], options: OPTIONS, allowPositionals: true, strict: true });
    const [sub, action] = positionals;
    const known = ['participants', 'quotes', 'transcript', 'codebook', 'agreement', 'report', 'import', 'member-check', 'demo'];
    if (!sub || !known.includes(sub)) throw new UsageError(`say one of: ${known.join(', ')}${sub ? ` (not "${sub}")` : ''}`);
    if (sub === 'transcript' && action !== 'import') throw new UsageError('say "transcript import --session CODE --file FILE"');
    const { database } = await openSystem(io);
    try {
      const db = database.db;
      switch (sub) {
        case 'participants':
          await participants(db, io, values);
          break;
        case 'quotes':
          await quotes(db, io, values);
          break;
        case 'transcript':
          await transcriptImport(db, io, values);
          break;
        case 'codebook':
          await codebook(db, io, action, values);
          break;
        case 'agreement':
          await agreement(db, io, values);
          break;
        case 'report':
          json(io, await qualitativeForReport(db, values.section ? { sections: values.section } : {}));
          break;
        case 'import':
          await importRegister(db, io, values);
          break;
        case 'member-check':
          await memberCheck(db, io, values);
          break;
        case 'demo':
          await loadQualDemo(db, io);
          break;
      }
      return 0;
    } catch (error) {
      if (error instanceof TranscriptError || error instanceof QdcError || error instanceof QualInputError)
        throw new CliError(error.message);
      throw error;
    } finally {
      await database.close();
    }
  },
};
