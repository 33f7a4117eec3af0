#!/usr/bin/env node
// Entry point of the `perspectief` command: runs the build that `npm install` compiled (dist/) while it
// matches the sources, and otherwise the TypeScript sources themselves through tsx.
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { compiledEntry } from './compiled.js';

// Output piped into a reader that stops early (`| head`): stop quietly, as other command-line tools do.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const compiled = process.env.PERSPECTIEF_FROM_SOURCE ? { reason: 'PERSPECTIEF_FROM_SOURCE is set' } : compiledEntry(join(root, 'dist'));
let main;
if ('entry' in compiled) {
  ({ main } = await import(pathToFileURL(compiled.entry).href));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
