// Debian's reference tools for oracle tests (PSPP, R with haven): run them, and fail with the Debian package
// to install when one is missing. Never skips: a test that cannot reach its oracle fails.
import { spawnSync } from 'node:child_process';

const cache = new Map<string, true>();

/** Throws, naming the Debian package, unless `command` runs. */
export function requireTool(command: string, debianPackage: string): void {
  if (cache.has(command)) return;
  const probe = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' });
  if (probe.status !== 0)
    throw new Error(`${command} is not installed: install the Debian package ${debianPackage} (apt-get install -y ${debianPackage})`);
  cache.set(command, true);
}

/** Throws, naming the Debian package, unless R can load `rPackage`. */
export function requireRPackage(rPackage: string, debianPackage: string): void {
  requireTool('Rscript', 'r-base-core');
  if (cache.has(`R:${rPackage}`)) return;
  const probe = spawnSync('Rscript', ['-e', `suppressPackageStartupMessages(library(${rPackage}))`], { encoding: 'utf8' });
  if (probe.status !== 0)
    throw new Error(
      `the R package ${rPackage} is not installed: install the Debian package ${debianPackage} (apt-get install -y ${debianPackage})`,
    );
  cache.set(`R:${rPackage}`, true);
}

/** Runs a command to completion; throws with its stderr when it fails. */
export function run(command: string, args: readonly string[], options: { cwd?: string } = {}): string {
  const result = spawnSync(command, args, {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, LANG: 'C.UTF-8', TZ: 'UTC' },
    ...(options.cwd ? { cwd: options.cwd } : {}),
  });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status}):\n${result.stderr}${result.stdout}`);
  return result.stdout;
}
