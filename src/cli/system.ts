// Opening the system for a command: the database (PostgreSQL or embedded), its migrations, the study from
// its files, and on an empty database the demo account. Errors that a user can fix become CliErrors.
import { configFromEnv } from '../storage/config.ts';
import { openDatabase, DatabaseError, type Database } from '../storage/db.ts';
import type { StudyDefinition } from '../study/load.ts';
import { syncStudy } from '../storage/studies.ts';
import { countUsers, createUser } from '../storage/users.ts';
import { generatePassword, hashPassword, PASSWORD_PROBLEM_TEXT, passwordProblem } from '../web/researcher/password.ts';
import { CliError, UsageError, type CliIO } from './command.ts';
import { loadStudyOrFail } from './study.ts';

export interface OpenedSystem {
  readonly database: Database;
  readonly study: StudyDefinition;
}

export const DEMO_USERNAME = 'onderzoeker';

export async function openSystem(io: CliIO, options: { studyDir?: string | undefined } = {}): Promise<OpenedSystem> {
  const study = loadStudyOrFail(io, options.studyDir);
  const database = await openDatabaseOrFail(io);
  try {
    await database.migrate();
    for (const change of await syncStudy(database.db, study)) io.stderr(`${change}\n`);
  } catch (error) {
    await database.close();
    if (error instanceof DatabaseError) throw new CliError(error.message);
    throw new CliError(`cannot prepare the database at ${database.location}: ${(error as Error).message}`);
  }
  return { database, study };
}

export async function openDatabaseOrFail(io: CliIO): Promise<Database> {
  try {
    return await openDatabase(configFromEnv(io.env, io.cwd));
  } catch (error) {
    if (error instanceof DatabaseError) throw new CliError(error.message);
    throw error;
  }
}

/**
 * PERSPECTIEF_DEMO_PASSWORD when set, held to the rules of every password (at least 12 characters, not a
 * common one): a weak one is refused whether or not an account is made with it, before anything is opened.
 */
export function demoPasswordFromEnv(io: CliIO): string | undefined {
  const password = io.env['PERSPECTIEF_DEMO_PASSWORD'];
  if (password === undefined || password === '') return undefined;
  const problem = passwordProblem(password, DEMO_USERNAME);
  if (problem) throw new UsageError(`PERSPECTIEF_DEMO_PASSWORD ${PASSWORD_PROBLEM_TEXT[problem]}`);
  return password;
}

/** On a database without accounts, creates the demo researcher and prints its password once. */
export async function ensureDemoAccount(database: Database, io: CliIO): Promise<void> {
  if ((await countUsers(database.db)) > 0) return;
  const password = demoPasswordFromEnv(io) ?? generatePassword();
  await createUser(database.db, { username: DEMO_USERNAME, passwordHash: await hashPassword(password), role: 'admin' });
  io.stdout(
    ['', 'Created the demo researcher account (shown only this once):', `  username: ${DEMO_USERNAME}`, `  password: ${password}`, ''].join(
      '\n',
    ) + '\n',
  );
}
