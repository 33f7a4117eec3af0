// A mailing's letters in batches: one PDF of at most `batchSize` letters per file (letters-0001.pdf, ...), printed
// `jobs` at a time, and a manifest (manifest.csv: file, page, code) written as the files appear. Memory stays
// bounded by the batches in flight, whatever the size of the mailing (64,594 letters in the report's wave).
// Chromium lays out and prints everything; to keep it from laying out the same five-language text once per
// letter, it prints the shared body once and, per batch, one small sheet per code with only what differs
// (letter-document.tsx). pdf-lib then puts each code's sheet over the body as two layers of one page (PDF form
// XObjects: the body is stored once per file, and its text stays text). It draws nothing itself.
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { PDFDocument } from 'pdf-lib';
import {
  letterBodyDocument,
  letterStampsDocument,
  type LetterKind,
  type LetterRecipient,
  type LetterSettings,
} from './letter-document.tsx';
import { writeFileAtomic } from './files.ts';
import { printedCode } from './links.ts';
import type { Printer } from './pdf.ts';

export const MAX_BATCH_SIZE = 1000;
export const MANIFEST_FILE = 'manifest.csv';

export interface LetterFile {
  readonly file: string;
  readonly letters: number;
  readonly bytes: number;
}

export interface LettersRun {
  readonly outDir: string;
  readonly batchSize: number;
  /** Batches printed at the same time (each in its own Chromium renderer). */
  readonly jobs: number;
  readonly printer: Printer;
  readonly onProgress?: (progress: { letters: number; total: number; files: number; totalFiles: number }) => void;
}

/** The file name of batch `index` (0-based): letters-0001.pdf, reminders-0001.pdf. */
export const batchFileName = (kind: LetterKind, index: number): string =>
  `${kind === 'letter' ? 'letters' : 'reminders'}-${String(index + 1).padStart(4, '0')}.pdf`;

/**
 * Prints the letters of `recipients` in order and writes the manifest. The manifest is written last by rename,
 * so a manifest on disk always describes complete files; a failed run leaves the PDFs written so far.
 */
export async function printLetters(
  recipients: readonly LetterRecipient[],
  settings: LetterSettings,
  run: LettersRun,
): Promise<{ files: LetterFile[]; manifest: string }> {
  if (!Number.isInteger(run.batchSize) || run.batchSize < 1 || run.batchSize > MAX_BATCH_SIZE)
    throw new RangeError(`batch size must be 1 to ${MAX_BATCH_SIZE}`);
  const batches: (readonly LetterRecipient[])[] = [];
  for (let i = 0; i < recipients.length; i += run.batchSize) batches.push(recipients.slice(i, i + run.batchSize));
  const manifest = join(run.outDir, MANIFEST_FILE);
  const temporary = join(run.outDir, `.${MANIFEST_FILE}.${process.pid}.tmp`);
  const fd = openSync(temporary, 'w', 0o600);
  const files: (LetterFile | undefined)[] = new Array<LetterFile | undefined>(batches.length);
  let written = 0; // batches whose manifest rows are on disk (rows go in batch order)
  let printed = 0;
  let next = 0;
  const write = (text: string) => writeSync(fd, Buffer.from(text, 'utf8'));
  try {
    write(`\ufeff${stringify([['file', 'page', 'code']], { record_delimiter: '\r\n' })}`);
    const flush = () => {
      while (written < batches.length && files[written]) {
        const file = files[written]!.file;
        write(
          stringify(
            batches[written]!.map((r, page) => [file, page + 1, printedCode(r.code)]),
            { record_delimiter: '\r\n' },
          ),
        );
        written++;
      }
    };
    const body = await run.printer.pdf(await letterBodyDocument(settings));
    const worker = async () => {
      while (next < batches.length) {
        const index = next++;
        const batch = batches[index]!;
        const file = batchFileName(settings.kind, index);
        const stamps = await run.printer.pdf(await letterStampsDocument(batch, settings));
        const pdf = await layered(body, stamps, batch.length);
        writeFileAtomic(join(run.outDir, file), pdf);
        files[index] = { file, letters: batch.length, bytes: pdf.length };
        printed += batch.length;
        flush();
        run.onProgress?.({ letters: printed, total: recipients.length, files: files.filter(Boolean).length, totalFiles: batches.length });
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(run.jobs, batches.length)) }, worker));
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(temporary, { force: true });
    throw error;
  }
  closeSync(fd);
  renameSync(temporary, manifest);
  return { files: files as LetterFile[], manifest };
}

/** One page per stamp sheet: the body's page, then that sheet over it (both as form XObjects, as Chromium printed them). */
export async function layered(body: Uint8Array, stamps: Uint8Array, pages: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const [shared] = await doc.embedPdf(body, [0]);
  const own = await doc.embedPdf(
    stamps,
    Array.from({ length: pages }, (_, i) => i),
  );
  if (!shared || own.length !== pages) throw new Error(`Chromium printed ${own.length} stamp pages for ${pages} letters`);
  for (const stamp of own) {
    const page = doc.addPage([shared.width, shared.height]);
    page.drawPage(shared, { x: 0, y: 0 });
    page.drawPage(stamp, { x: 0, y: 0 });
  }
  return doc.save({ useObjectStreams: true });
}
