// `perspectief invitations create|count|letters|reminders`: the DUO route. Codes are written once, to files for
// the mailing house (the codes file, the letters and their manifest); the database keeps only their hashes.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { OutputFileError } from '../fieldwork/files.ts';
import { DEFAULT_LETTER_CHANNEL, issueInvitations } from '../fieldwork/invitations.ts';
import { BaseUrlError, LOCALHOST_WARNING, publicBase, type PublicBase } from '../fieldwork/links.ts';
import { countInvitations } from '../storage/invitations.ts';
import { audit } from '../storage/users.ts';
import { CliError, UsageError, type CliIO, type Command } from './command.ts';
import { findWave, runLetters } from './letters.ts';
import { openSystem } from './system.ts';

const HELP = `Usage: perspectief invitations create --count N --out FILE [--force] [--channel NAME] [--questionnaire ID] [--wave ID]
       perspectief invitations letters (--codes FILE | --count N) --out DIR [--wave ID] [--batch-size N] [--jobs N] [--force]
       perspectief invitations reminders --codes FILE --out DIR [--include-unfinished] [--wave ID] [--batch-size N] [--force]
       perspectief invitations count [--wave ID]

create     makes N invitation codes for the latest wave (or --wave) and writes them, with the link to the
           landing page, to FILE (CSV, UTF-8). Only hashes of the codes are stored: keep FILE safe and
           destroy it once the letters are printed. A code starts one response; the same code resumes it.
           An existing FILE is refused unless --force; the file is written in full before it appears.
letters    prints one A4 letter per code (the study's explanation in five languages, the code, a QR code
           of the link with the code, the privacy statement and PERSPECTIEF_CONTACT) as PDF files of at most
           --batch-size letters (letters-0001.pdf, ...) in DIR, with DIR/manifest.csv saying which code is in
           which file. --codes prints the codes of a codes file (an "address" column, if present, fills the
           envelope window); --count makes N new codes first and writes them to DIR/codes.csv.
reminders  prints reminder letters for the codes of FILE (the first mailing's codes file) that have not
           been used; --include-unfinished also for responses started but not completed.
count      prints how many invitations exist and how many were used.

Options:
  --count N             number of new codes (1 to 1,000,000)
  --out FILE|DIR        codes file to write (create), or folder for the PDFs and the manifest
  --codes FILE          a codes file written by "create" or "letters --count"
  --force               replace FILE, or an earlier run's files in DIR
  --batch-size N        letters per PDF file (1 to 1000, default 1000)
  --jobs N              PDF files printed at once (default: 2, or 1 on one core)
  --channel NAME        channel recorded on responses (default duo-brief)
  --questionnaire ID    questionnaire of these recipients, when known (skips the filter questions)
  --wave ID             wave id as in study.json (default: the latest)
  -h, --help            show this help

Environment: PERSPECTIEF_BASE_URL is the address in the links and QR codes (unset: http://localhost:3000,
with a warning); PERSPECTIEF_CONTACT the contact address in the letters; PERSPECTIEF_CHROMIUM the Chromium
that prints the PDFs (default /usr/bin/chromium, Debian's package "chromium"). The letter texts are the
study folder's materials.json.
`;

const CHANNEL = /^[a-z0-9][a-z0-9-]{0,39}$/;

export const invitationsCommand: Command = {
  help: HELP,
  async run(args, io) {
    const [sub, ...rest] = args;
    if (sub !== 'create' && sub !== 'count' && sub !== 'letters' && sub !== 'reminders')
      throw new UsageError(`expected "create", "letters", "reminders" or "count"${sub ? `, not "${sub}"` : ''}`);
    const { values } = parseArgs({
      args: rest,
      options: {
        count: { type: 'string' },
        out: { type: 'string' },
        codes: { type: 'string' },
        force: { type: 'boolean', default: false },
        'batch-size': { type: 'string' },
        jobs: { type: 'string' },
        'include-unfinished': { type: 'boolean', default: false },
        channel: { type: 'string' },
        questionnaire: { type: 'string' },
        wave: { type: 'string' },
      },
      strict: true,
    });
    if (values.channel !== undefined && !CHANNEL.test(values.channel))
      throw new UsageError('--channel takes lower-case letters, digits and dashes');
    if (sub === 'count') return countCommand(io, values.wave);
    let base: PublicBase;
    try {
      base = publicBase(io.env);
    } catch (error) {
      if (error instanceof BaseUrlError) throw new CliError(error.message);
      throw error;
    }
    if (sub === 'letters' || sub === 'reminders') {
      return runLetters(
        {
          kind: sub === 'letters' ? 'letter' : 'reminder',
          wave: values.wave,
          codes: values.codes,
          count: values.count,
          out: values.out,
          batchSize: values['batch-size'],
          jobs: values.jobs,
          force: values.force,
          includeUnfinished: values['include-unfinished'],
          channel: values.channel,
          questionnaire: values.questionnaire,
        },
        io,
        base,
      );
    }
    return createCommand(io, base, values);
  },
};

async function countCommand(io: CliIO, waveName: string | undefined): Promise<number> {
  const { database, study } = await openSystem(io);
  try {
    const wave = findWave(study.waves, study.id, waveName);
    const n = await countInvitations(database.db, wave.id);
    io.stdout(`${wave.id}: ${n.total} invitations, ${n.used} used\n`);
    return 0;
  } finally {
    await database.close();
  }
}

async function createCommand(
  io: CliIO,
  base: PublicBase,
  values: {
    count?: string | undefined;
    out?: string | undefined;
    force?: boolean | undefined;
    channel?: string | undefined;
    questionnaire?: string | undefined;
    wave?: string | undefined;
  },
): Promise<number> {
  const count = Number(values.count);
  if (!/^\d+$/.test(values.count ?? '') || count < 1 || count > 1_000_000)
    throw new UsageError(`--count must be a whole number from 1 to 1000000${values.count ? `, not "${values.count}"` : ''}`);
  if (!values.out) throw new UsageError('--out FILE is required');
  const path = resolve(io.cwd, values.out);
  const { database, study } = await openSystem(io);
  try {
    const wave = findWave(study.waves, study.id, values.wave);
    if (values.questionnaire && !wave.questionnaires.some((q) => q.id === values.questionnaire))
      throw new CliError(`unknown questionnaire "${values.questionnaire}" in wave ${wave.id}`);
    if (!base.configured) io.stderr(`${LOCALHOST_WARNING}\n`);
    try {
      await issueInvitations(database.db, {
        waveId: wave.id,
        count,
        channel: values.channel ?? DEFAULT_LETTER_CHANNEL,
        questionnaireId: values.questionnaire,
        base,
        outFile: path,
        force: values.force ?? false,
      });
    } catch (error) {
      if (error instanceof OutputFileError) throw new CliError(error.message);
      throw error;
    }
    await audit(database.db, { userId: null, action: 'invitations-created', detail: { wave: wave.id, count } });
    io.stderr(`wrote ${count} invitation codes to ${path}\n`);
    return 0;
  } finally {
    await database.close();
  }
}
