// `perspectief users`: the accounts of the researcher workspace from the command line (the same as the
// admin page /onderzoek/gebruikers): list, add, disable, enable, set a new password. A password is
// generated and printed once, or taken from an environment variable (never from the command line, where
// it would stay in the shell's history and the process list). Every change is audited.
import { parseArgs } from 'node:util';
import { audit, createUser, findUserByName, isRole, listUsers, ROLES, setDisabled, setPassword, type Role } from '../storage/users.ts';
import type { Db } from '../storage/db.ts';
import { generatePassword, hashPassword, PASSWORD_PROBLEM_TEXT, passwordProblem } from '../web/researcher/password.ts';
import { USERNAME } from '../web/researcher/users.tsx';
import { CliError, UsageError, type CliIO, type Command } from './command.ts';
import { openSystem } from './system.ts';

const HELP = `Usage: perspectief users list [--json]
       perspectief users add NAME --role ROLE [--password-env VAR]
       perspectief users password NAME [--password-env VAR]
       perspectief users disable NAME
       perspectief users enable NAME

The accounts of the researcher workspace (also on its page /onderzoek/gebruikers, for admins).

Subcommands:
  list       every account: name, role, active or disabled, when its password last changed
  add        a new account; ROLE is one of ${ROLES.join(', ')}
  password   a new password for an account; every session of the account ends
  disable    the account can no longer log in; its sessions end (its audit entries stay)
  enable     a disabled account can log in again

Options:
  --password-env VAR  take the password from environment variable VAR (at least 12 characters, not a
                      common password, not containing the name); without it a password is generated
                      and printed once
  --json              (list) as JSON
  -h, --help          show this help
`;

const SUBCOMMANDS = ['list', 'add', 'password', 'disable', 'enable'] as const;
type Subcommand = (typeof SUBCOMMANDS)[number];

const isSubcommand = (value: string | undefined): value is Subcommand => (SUBCOMMANDS as readonly (string | undefined)[]).includes(value);

/** The password to set: from --password-env (checked), or generated (and printed by the caller). */
function chosenPassword(io: CliIO, variable: string | undefined, username: string): { password: string; generated: boolean } {
  if (variable === undefined) return { password: generatePassword(), generated: true };
  const password = io.env[variable];
  if (password === undefined || password === '') throw new UsageError(`environment variable ${variable} is not set`);
  const problem = passwordProblem(password, username);
  if (problem) throw new UsageError(`the password in ${variable} ${PASSWORD_PROBLEM_TEXT[problem]}`);
  return { password, generated: false };
}

async function existing(db: Db, name: string) {
  const user = await findUserByName(db, name);
  if (!user) throw new CliError(`there is no account "${name}" (perspectief users list shows them)`);
  return user;
}

export const usersCommand: Command = {
  help: HELP,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args: [...args],
      options: { role: { type: 'string' }, 'password-env': { type: 'string' }, json: { type: 'boolean', default: false } },
      allowPositionals: true,
      strict: true,
    });
    const [action, name, ...extra] = positionals;
    if (!isSubcommand(action)) throw new UsageError(`say one of: ${SUBCOMMANDS.map((s) => `users ${s}`).join(', ')}`);
    if (action === 'list' ? name !== undefined : name === undefined || extra.length > 0)
      throw new UsageError(action === 'list' ? 'users list takes no name' : `say "users ${action} NAME"`);
    if (action === 'add' && !USERNAME.test(name!))
      throw new UsageError(`a user name has 2 to 64 letters, digits, dots, dashes or underscores, not "${name}"`);
    if (action === 'add' && !isRole(values.role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
    if (action !== 'add' && values.role !== undefined) throw new UsageError('--role goes with "users add" only');
    if (action !== 'add' && action !== 'password' && values['password-env'] !== undefined)
      throw new UsageError('--password-env goes with "users add" and "users password" only');
    // The password is checked before the database is opened: a refused one changes nothing.
    const chosen = action === 'add' || action === 'password' ? chosenPassword(io, values['password-env'], name!) : null;

    const { database } = await openSystem(io);
    const db = database.db;
    const by = { by: 'command line' };
    try {
      switch (action) {
        case 'list': {
          const users = await listUsers(db);
          if (values.json) {
            io.stdout(`${JSON.stringify(users, null, 2)}\n`);
            break;
          }
          for (const u of users) {
            io.stdout(
              `${u.username.padEnd(24)} ${u.role.padEnd(12)} ${(u.disabled ? 'disabled' : 'active').padEnd(9)} password changed ${u.passwordChangedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC\n`,
            );
          }
          if (users.length === 0) io.stdout('no accounts\n');
          break;
        }
        case 'add': {
          if (await findUserByName(db, name!)) throw new CliError(`there is already an account "${name}"`);
          const role = values.role as Role;
          await createUser(db, { username: name!, role, passwordHash: await hashPassword(chosen!.password) });
          await audit(db, { userId: null, action: 'user-added', detail: { user: name, role, ...by } });
          io.stdout(`added ${name} (${role})\n`);
          break;
        }
        case 'password': {
          const user = await existing(db, name!);
          await setPassword(db, user.id, await hashPassword(chosen!.password));
          await audit(db, { userId: null, action: 'password-changed', detail: { user: name, ...by } });
          io.stdout(`new password for ${name}; its sessions have ended\n`);
          break;
        }
        case 'disable':
        case 'enable': {
          const user = await existing(db, name!);
          await setDisabled(db, user.id, action === 'disable');
          await audit(db, { userId: null, action: action === 'disable' ? 'user-disabled' : 'user-enabled', detail: { user: name, ...by } });
          io.stdout(action === 'disable' ? `disabled ${name}; its sessions have ended\n` : `enabled ${name}\n`);
          break;
        }
      }
      if (chosen?.generated) io.stdout(`password (shown only this once): ${chosen.password}\n`);
    } finally {
      await database.close();
    }
    return 0;
  },
};
