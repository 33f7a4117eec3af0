// The `perspectief` command: dispatches to subcommands, prints help, and turns expected failures into one
// clear line on stderr with a non-zero exit code.
import { CliError, processIO, UsageError, type CliIO, type Command } from './command.ts';
import { channelsCommand } from './channels.ts';
import { checksCommand } from './checks.ts';
import { codebookCommand } from './codebook.ts';
import { demoCommand } from './demo.ts';
import { exportCommand } from './export.ts';
import { invitationsCommand } from './invitations.ts';
import { migrateCommand } from './migrate.ts';
import { monitorCommand } from './monitor.ts';
import { populationCommand } from './population.ts';
import { qualCommand } from './qual.ts';
import { questionnaireCommand } from './questionnaire.ts';
import { reportCommand } from './report.ts';
import { serveCommand } from './serve.ts';
import { statsCommand } from './stats.ts';
import { usersCommand } from './users.ts';

export const COMMANDS: readonly Command[] = [
  serveCommand,
  migrateCommand,
  exportCommand,
  reportCommand,
  statsCommand,
  questionnaireCommand,
  codebookCommand,
  invitationsCommand,
  channelsCommand,
  populationCommand,
  monitorCommand,
  checksCommand,
  demoCommand,
  qualCommand,
  usersCommand,
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
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.stderr(`perspectief: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
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
