#!/usr/bin/env node
// Compiles the `perspectief` command (src/cli/main.ts and every module it loads, packages included) into
// plain JavaScript under dist/, so the command starts without compiling TypeScript at every run (issue 12:
// tsx's loading was 0.55 s of `report tables`' 0.78 s). `npm install` and `npm ci` run it (the prepare
// script); bin/perspectief.js uses dist/ only while no source it was built from has changed since.
//
// Usage: node scripts/build.js [--out DIR]   (default: dist/ beside src/)
import { build } from 'esbuild';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MANIFEST, ENTRY } from '../bin/compiled.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const outAt = args.indexOf('--out');
const outdir = outAt >= 0 && args[outAt + 1] ? resolve(args[outAt + 1]) : join(root, 'dist');

// Packages that read their own files at run time (PGlite's WebAssembly and data files, the browser driver,
// the bundler itself) stay in node_modules and are imported from there.
const EXTERNAL = ['@electric-sql/pglite', '@electric-sql/pglite/*', 'playwright-core', 'esbuild', 'pg-native'];

/**
 * Modules that find files beside themselves (`new URL('./fonts/...', import.meta.url)`) keep doing so from a
 * bundle: their import.meta.url is replaced by the address of their source file, written relative to the
 * bundle so that the checkout can move. Every output file lies directly in the output folder.
 */
const sourceAddresses = (finalDir) => ({
  name: 'source-addresses',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/].*\.tsx?$/ }, async (file) => {
      const text = await readFile(file.path, 'utf8');
      if (!text.includes('import.meta.url')) return undefined;
      const address = relative(finalDir, file.path).split('\\').join('/');
      return {
        contents: text.replaceAll('import.meta.url', `new URL(${JSON.stringify(address)}, import.meta.url).href`),
        loader: file.path.endsWith('x') ? 'tsx' : 'ts',
      };
    });
  },
});

const started = Date.now();
// Built beside the target and moved into place, so a command that starts meanwhile sees the old build or the new.
const work = `${outdir}.building-${process.pid}`;
await rm(work, { recursive: true, force: true });
try {
  const result = await build({
    entryPoints: { [ENTRY.replace(/\.js$/, '')]: join(root, 'src/cli/main.ts') },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outdir: work,
    external: EXTERNAL,
    jsx: 'automatic',
    jsxImportSource: 'hono/jsx',
    // Packages written as CommonJS call require(); an ES module has none of its own.
    banner: {
      js: "import { createRequire as perspectiefRequire } from 'node:module'; const require = perspectiefRequire(import.meta.url);",
    },
    plugins: [sourceAddresses(outdir)],
    metafile: true,
    logLevel: 'warning',
  });
  const sources = Object.keys(result.metafile.inputs)
    .map((input) => relative(root, resolve(root, input)).split('\\').join('/'))
    .filter((path) => path.startsWith('src/'))
    .sort();
  // A source changed while the build read it is newer than builtAt, so that build counts as stale.
  const manifest = { builtAt: started, node: process.versions.node, root: relative(outdir, root) || '.', sources };
  await writeFile(join(work, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  await rm(outdir, { recursive: true, force: true });
  await rename(work, outdir);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`perspectief: compiled ${sources.length} source files into ${relative(process.cwd(), outdir) || outdir} in ${seconds} s`);
} catch (error) {
  await rm(work, { recursive: true, force: true });
  console.error(`perspectief: the build failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
