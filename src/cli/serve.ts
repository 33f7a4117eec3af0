// `perspectief serve`: the whole system on one port.
import { serve } from '@hono/node-server';
import { parseArgs } from 'node:util';
import { createCatalog } from '../i18n/catalog.ts';
import { loadDemoIfEmpty } from '../demo/index.ts';
import { createApp } from '../web/app.ts';
import { UsageError, type Command } from './command.ts';
import { ensureDemoAccount, openSystem } from './system.ts';

export const serveCommand: Command = {
  name: 'serve',
  summary: 'start the web application (respondent pages and researcher workspace)',
  help: `Usage: perspectief serve [--port N] [--host H]

Starts the respondent pages at / and the researcher workspace at /onderzoek.
On an empty database it creates the demo researcher account and prints its password once.

Options:
  --port N     port to listen on (default: $PORT or 3000)
  --host H     address to listen on (default: 0.0.0.0)
  -h, --help   show this help

Environment:
  PORT                   port (default 3000)
  DATABASE_URL           PostgreSQL connection string; unset: embedded PostgreSQL (PGlite)
  PERSPECTIEF_DATA_DIR   folder of the embedded database (default ./data)
  PERSPECTIEF_BASE_URL   public address, for links (https:// also makes cookies Secure)
  PERSPECTIEF_CONTACT    contact address shown to respondents
  PERSPECTIEF_DEMO       0: do not load the synthetic demo wave into an empty embedded database
`,
  async run(args, io) {
    const { values } = parseArgs({ args: [...args], options: { port: { type: 'string' }, host: { type: 'string' } }, strict: true });
    const port = Number(values.port ?? io.env['PORT'] ?? 3000);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a whole number from 0 to 65535, not "${values.port ?? io.env['PORT']}"`);
    const started = Date.now();
    const { database, study } = await openSystem(io);
    await ensureDemoAccount(database, io);
    const baseUrl = io.env['PERSPECTIEF_BASE_URL'] ?? '';
    const app = createApp(
      {
        db: database.db,
        study,
        catalog: createCatalog(),
        contactEmail: io.env['PERSPECTIEF_CONTACT'] ?? 'perspectief@example.org',
        secureCookies: baseUrl.startsWith('https://'),
      },
      (line) => io.stderr(`${line}\n`),
    );
    const server = serve({ fetch: app.fetch, port, hostname: values.host ?? '0.0.0.0' });
    await new Promise<void>((resolve, reject) => {
      server.once('listening', resolve);
      server.once('error', reject);
    }).catch(async (error: NodeJS.ErrnoException) => {
      await database.close();
      throw new UsageError(error.code === 'EADDRINUSE' ? `port ${port} is already in use; choose another with --port or PORT` : error.message);
    });
    const address = server.address();
    const actualPort = typeof address === 'object' && address ? address.port : port;
    io.stdout(`Perspectief is running at http://localhost:${actualPort}/ (database: ${database.kind}, ${database.location}; ready in ${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
    io.stdout(`Researcher workspace: http://localhost:${actualPort}/onderzoek\n`);
    // The demo wave loads while the pages are already served (respondent pages do not wait for it).
    const demo = loadDemoIfEmpty(database, study, io).catch((error: Error) => io.stderr(`could not load the demo wave: ${error.message}\n`));
    await new Promise<void>((resolve) => {
      const stop = () => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        server.close(() => resolve());
        setTimeout(resolve, 3000).unref();
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    await demo;
    await database.close();
    return 0;
  },
};
