// The `perspectief` command: dispatches to subcommands, prints help, and turns expected failures into one
// clear line on stderr with a non-zero exit code.
import { CliError, processIO, UsageError, type CliIO, type Command } from './command.ts';

/** A command of `perspectief`: its name, one line for the overview, and its module, loaded only when used. */
export interface CommandEntry {
  readonly name: string;
  readonly summary: string;
  load(): Promise<Command>;
}

// Each command's module (and what it imports: the database, Chromium, the web app) is loaded only when the
// command runs, so `perspectief --help` starts in a fraction of a second.
export const COMMANDS: readonly CommandEntry[] = [
  {
    name: 'serve',
    summary: 'start the web application (respondent pages and researcher workspace)',
    load: async () => (await import('./serve.ts')).serveCommand,
  },
  {
    name: 'migrate',
    summary: 'bring the database schema up to date and load the study definition',
    load: async () => (await import('./migrate.ts')).migrateCommand,
  },
  {
    name: 'export',
    summary: 'write responses to a CSV, XLSX or SPSS .sav file',
    load: async () => (await import('./export.ts')).exportCommand,
  },
  {
    name: 'report',
    summary: "compute the report's tables and figures from the data, build the report (HTML, PDF); check report.json",
    load: async () => (await import('./report.ts')).reportCommand,
  },
  {
    name: 'stats',
    summary: 'statistics: frequencies, alpha, regression, chi-square, raking, power',
    load: async () => (await import('./stats.ts')).statsCommand,
  },
  {
    name: 'questionnaire',
    summary: 'list, export, import and validate questionnaires (XLSForm round trip)',
    load: async () => (await import('./questionnaire.ts')).questionnaireCommand,
  },
  {
    name: 'codebook',
    summary: 'write the codebook (variables, values, routing, report tables) as HTML',
    load: async () => (await import('./codebook.ts')).codebookCommand,
  },
  {
    name: 'invitations',
    summary: 'create invitation codes, print letters and reminders, or count them',
    load: async () => (await import('./invitations.ts')).invitationsCommand,
  },
  {
    name: 'channels',
    summary: 'register recruitment channels; their links, QR codes, flyers, messages and guides',
    load: async () => (await import('./channels.ts')).channelsCommand,
  },
  {
    name: 'population',
    summary: "import a wave's population margins (CSV) into the study folder",
    load: async () => (await import('./population.ts')).populationCommand,
  },
  {
    name: 'monitor',
    summary: 'sample against population per group, alerts, responses per day and channel',
    load: async () => (await import('./monitor.ts')).monitorCommand,
  },
  {
    name: 'checks',
    summary: 'data checks (missing, routing, control, duplicates, speeders, straight-lining); exclusions',
    load: async () => (await import('./checks.ts')).checksCommand,
  },
  {
    name: 'demo',
    summary: 'generate or reset the synthetic demo waves (2023 and 2024)',
    load: async () => (await import('./demo.ts')).demoCommand,
  },
  {
    name: 'qual',
    summary: 'the qualitative arm: register, Tables 2.7/2.8, quotes, transcripts, codebook',
    load: async () => (await import('./qual.ts')).qualCommand,
  },
  {
    name: 'users',
    summary: 'list, add, disable or enable researcher accounts, or set a password',
    load: async () => (await import('./users.ts')).usersCommand,
  },
];

const usage = (): string =>
  `Usage: perspectief <command> [options]

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(14)} ${c.summary}`).join('\n')}

Run "perspectief <command> --help" for a command's options.
`;

export async function main(argv: readonly string[], io: CliIO = processIO()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(usage());
    return name === undefined ? 2 : 0;
  }
  const entry = COMMANDS.find((c) => c.name === name);
  if (!entry) {
    io.stderr(`perspectief: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  const command = await entry.load();
  const wantsHelp = rest.includes('--help') || rest.includes('-h');
  if (wantsHelp && (!command.subcommandHelp || rest[0] === '--help' || rest[0] === '-h')) {
    io.stdout(command.help);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof CliError) {
      io.stderr(`perspectief ${name}: ${error.message}\n`);
      if (error instanceof UsageError) io.stderr(`Run "perspectief ${name} --help" for the options.\n`);
      return error.exitCode;
    }
    const code = (error as { code?: string }).code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`perspectief ${name}: ${(error as Error).message}\nRun "perspectief ${name} --help" for the options.\n`);
      return 2;
    }
    throw error;
  }
}
