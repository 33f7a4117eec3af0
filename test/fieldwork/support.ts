// Shared by the fieldwork tests: a study folder with the short test questionnaire and the real materials.json,
// the CLI run in-process with its own embedded database, and the PDF tools of poppler-utils and zbar-tools.
import { cpSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CliIO } from '../../src/cli/command.ts';
import { main } from '../../src/cli/main.ts';
import { KORT_STUDY_DIR } from '../support/db.ts';
import { requireTool, run } from '../support/reference-tools.ts';

const MATERIALS = fileURLToPath(new URL('../../studies/inburgeraars/materials.json', import.meta.url));

/** A temporary folder holding a study (the short questionnaire plus the study's materials.json) and room for data. */
export function fieldworkFolder(): { dir: string; studyDir: string; dataDir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'perspectief-fieldwork-'));
  const studyDir = join(dir, 'study');
  cpSync(KORT_STUDY_DIR, studyDir, { recursive: true });
  cpSync(MATERIALS, join(studyDir, 'materials.json'));
  return { dir, studyDir, dataDir: join(dir, 'data') };
}

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `perspectief ...` in-process on the folder's embedded database. */
export async function cli(
  folder: { dir: string; studyDir: string; dataDir: string },
  argv: string[],
  env: Record<string, string> = {},
): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = {
    stdout: (s) => out.push(s),
    stderr: (s) => err.push(s),
    env: { PERSPECTIEF_DATA_DIR: folder.dataDir, PERSPECTIEF_STUDY_DIR: folder.studyDir, PERSPECTIEF_DEMO: '0', ...env },
    cwd: folder.dir,
  };
  const code = await main(argv, io);
  return { code, stdout: out.join(''), stderr: err.join('') };
}

/** Every QR code on every page of a PDF, page by page (pdftoppm at 150 dpi, then zbarimg). */
export function qrCodesOf(pdf: string, workDir: string): string[][] {
  requireTool('pdftoppm', 'poppler-utils');
  requireTool('zbarimg', 'zbar-tools');
  const prefix = join(workDir, `page-${Date.now()}`);
  run('pdftoppm', ['-r', '150', '-gray', '-png', pdf, prefix]);
  const pages = readdirSync(workDir)
    .filter((f) => f.startsWith(prefix.split('/').pop()!) && f.endsWith('.png'))
    .sort();
  return pages.map((page) =>
    run('zbarimg', ['--quiet', '--raw', join(workDir, page)])
      .split('\n')
      .filter((l) => l !== ''),
  );
}

/** The text of a PDF as pdftotext extracts it. */
export function pdfText(pdf: string, pages?: { first: number; last: number }): string {
  requireTool('pdftotext', 'poppler-utils');
  return run('pdftotext', [...(pages ? ['-f', String(pages.first), '-l', String(pages.last)] : []), '-enc', 'UTF-8', pdf, '-']);
}

export function pdfPages(pdf: string): number {
  requireTool('pdfinfo', 'poppler-utils');
  return Number(/Pages:\s+(\d+)/.exec(run('pdfinfo', [pdf]))?.[1]);
}

/** Fonts of a PDF as pdffonts lists them: name and whether embedded. */
export function pdfFonts(pdf: string): { name: string; embedded: boolean }[] {
  requireTool('pdffonts', 'poppler-utils');
  return run('pdffonts', [pdf])
    .split('\n')
    .slice(2)
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const cols = l.trim().split(/\s+/);
      return { name: cols[0]!, embedded: cols[cols.length - 5] === 'yes' };
    });
}
