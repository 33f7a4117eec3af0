// The shape every `perspectief` subcommand has, and the I/O it is given (never process globals directly),
// so commands can be tested in-process.

export interface CliIO {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
}

/** A subcommand's module; its name and one-line summary live in main.ts's list, so `--help` loads none. */
export interface Command {
  /** Full help text, printed for `--help`. */
  readonly help: string;
  /** The command has subcommands that print their own help for `<sub> --help`. */
  readonly subcommandHelp?: boolean;
  /** Runs the command; returns the process exit code. Throws CliError for expected failures. */
  run(args: readonly string[], io: CliIO): Promise<number>;
}

/** An expected failure: printed as one clear line on stderr, never as a stack trace. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** Wrong options or arguments: exit code 2 and a pointer to --help. */
export class UsageError extends CliError {
  constructor(message: string) {
    super(message, 2);
    this.name = 'UsageError';
  }
}

export const processIO = (): CliIO => ({
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  cwd: process.cwd(),
});
