#!/usr/bin/env node
// Entry point of the `perspectief` command: registers tsx so the TypeScript sources run as they are.
import { register } from 'tsx/esm/api';

// Output piped into a reader that stops early (`| head`): stop quietly, as other command-line tools do.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});
register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
