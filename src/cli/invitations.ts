// `perspectief invitations create`: invitation codes for the letters. The plain codes are written once, to
// the file for the mailing house (with the link and a QR-ready URL); the database keeps only their hashes.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { stringify } from 'csv-stringify/sync';
import { countInvitations, createInvitations } from '../storage/invitations.ts';
import { formatCode } from '../storage/tokens.ts';
import { audit } from '../storage/users.ts';
import { CliError, UsageError, type Command } from './command.ts';
import { openSystem } from './system.ts';

const HELP = `Usage: perspectief invitations create --count N --out FILE [--channel NAME] [--questionnaire ID] [--wave ID]
       perspectief invitations count [--wave ID]

create   makes N invitation codes for the latest wave (or --wave) and writes them, with the link to the
         landing page, to FILE (CSV, UTF-8). Only hashes of the codes are stored: keep FILE safe and
         destroy it once the letters are printed. A code starts one response; the same code resumes it.
count    prints how many invitations exist and how many were used.

Options:
  --count N            number of codes (1 to 1,000,000)
  --out FILE           CSV file to write
  --channel NAME       channel recorded on responses (default duo-brief)
  --questionnaire ID   questionnaire of these recipients, when known (skips the filter questions)
  --wave ID            wave id as in study.json (default: the latest)
  -h, --help           show this help

Environment: PERSPECTIEF_BASE_URL is the address printed in the links (default http://localhost:3000).
`;

export const invitationsCommand: Command = {
  name: 'invitations',
  summary: 'create invitation codes for letters, or count them',
  help: HELP,
  async run(args, io) {
    const [sub, ...rest] = args;
    if (sub !== 'create' && sub !== 'count') throw new UsageError(`expected "create" or "count"${sub ? `, not "${sub}"` : ''}`);
    const { values } = parseArgs({
      args: rest,
      options: {
        count: { type: 'string' },
        out: { type: 'string' },
        channel: { type: 'string' },
        questionnaire: { type: 'string' },
        wave: { type: 'string' },
      },
      strict: true,
    });
    const count = Number(values.count);
    if (sub === 'create') {
      if (!Number.isInteger(count) || count < 1 || count > 1_000_000)
        throw new UsageError(`--count must be a whole number from 1 to 1000000${values.count ? `, not "${values.count}"` : ''}`);
      if (!values.out) throw new UsageError('--out FILE is required');
      if (values.channel !== undefined && !/^[a-z0-9][a-z0-9-]{0,39}$/.test(values.channel))
        throw new UsageError('--channel takes lower-case letters, digits and dashes');
    }
    const { database, study } = await openSystem(io);
    try {
      const wave = values.wave ? study.waves.find((w) => w.id === `${study.id}:${values.wave}`) : study.waves.at(-1);
      if (!wave) throw new CliError(`unknown wave "${values.wave}"; known: ${study.waves.map((w) => w.id.split(':')[1]).join(', ')}`);
      if (sub === 'count') {
        const n = await countInvitations(database.db, wave.id);
        io.stdout(`${wave.id}: ${n.total} invitations, ${n.used} used\n`);
        return 0;
      }
      if (values.questionnaire && !wave.questionnaires.some((q) => q.id === values.questionnaire)) {
        throw new CliError(`unknown questionnaire "${values.questionnaire}" in wave ${wave.id}`);
      }
      const base = (io.env['PERSPECTIEF_BASE_URL'] ?? 'http://localhost:3000').replace(/\/$/, '');
      const path = resolve(io.cwd, values.out!);
      const codes = await createInvitations(database.db, {
        waveId: wave.id,
        count,
        channel: values.channel ?? 'duo-brief',
        questionnaireId: values.questionnaire,
      });
      const rows = codes.map((code) => [formatCode(code), `${base}/c/${code}`]);
      try {
        writeFileSync(path, `\ufeff${stringify([['code', 'link'], ...rows], { record_delimiter: '\r\n' })}`, { mode: 0o600 });
      } catch (error) {
        throw new CliError(
          `cannot write ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message} (the ${count} codes were stored; create new ones)`,
        );
      }
      await audit(database.db, { userId: null, action: 'invitations-created', detail: { wave: wave.id, count } });
      io.stderr(`wrote ${count} invitation codes to ${path}\n`);
      return 0;
    } finally {
      await database.close();
    }
  },
};
