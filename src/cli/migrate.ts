// `perspectief migrate`: applies the committed migrations and loads the study files.
import { parseArgs } from 'node:util';
import type { Command } from './command.ts';
import { openSystem } from './system.ts';

export const migrateCommand: Command = {
  help: `Usage: perspectief migrate

Applies the migrations that have not yet run (forward only) to the database in DATABASE_URL, or to the
embedded database in PERSPECTIEF_DATA_DIR (default ./data), then stores the study's questionnaires.

Options:
  -h, --help   show this help
`,
  async run(args, io) {
    parseArgs({ args: [...args], options: {}, strict: true });
    const { database } = await openSystem(io);
    io.stdout(`database is up to date (${database.kind}, ${database.location})\n`);
    await database.close();
    return 0;
  },
};
