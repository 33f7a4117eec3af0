// Whether the command can run from its compiled form (dist/, written by scripts/build.js at install) or must
// run from the TypeScript sources: a build is used only while every source file it was made from is
// unchanged since, so an edited checkout never runs old code.
import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const MANIFEST = 'manifest.json';
export const ENTRY = 'perspectief.js';

/**
 * The compiled entry module in `distDir`, or why it cannot be used.
 * @param {string} distDir
 * @returns {{ entry: string } | { reason: string }}
 */
export function compiledEntry(distDir) {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(join(distDir, MANIFEST), 'utf8'));
  } catch {
    return { reason: `no build in ${distDir}` };
  }
  const { builtAt, root, sources } = manifest ?? {};
  if (typeof builtAt !== 'number' || typeof root !== 'string' || !Array.isArray(sources)) {
    return { reason: `${join(distDir, MANIFEST)} is not a build manifest` };
  }
  const base = resolve(distDir, root);
  for (const source of sources) {
    let changed;
    try {
      changed = statSync(join(base, String(source))).mtimeMs;
    } catch {
      return { reason: `${source} is gone since the build` };
    }
    if (changed > builtAt) return { reason: `${source} changed after the build` };
  }
  return { entry: join(distDir, ENTRY) };
}
