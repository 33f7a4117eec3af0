// `perspectief invitations letters|reminders`: the DUO route's letters as PDF, in batches with a manifest. A
// letters run prints the codes of a codes file, or makes --count new ones (written first to DIR/codes.csv); a
// reminders run reads the first run's codes file, compares the hashes with the database and prints letters
// only for the codes not yet used. Plain codes leave only in the files written to DIR.
import { availableParallelism } from 'node:os';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readCodesFile, CodesFileError, type CodeLine } from '../fieldwork/codes-file.ts';
import { OutputFileError } from '../fieldwork/files.ts';
import { DEFAULT_LETTER_CHANNEL, issueInvitations } from '../fieldwork/invitations.ts';
import type { LetterKind, LetterRecipient } from '../fieldwork/letter-document.tsx';
import { MANIFEST_FILE, MAX_BATCH_SIZE, printLetters } from '../fieldwork/letters.ts';
import { LOCALHOST_WARNING, type PublicBase } from '../fieldwork/links.ts';
import { draftLanguages, loadMaterials, MaterialsFileError, type Materials } from '../fieldwork/materials.ts';
import { assertChromium, chromiumPath, openPrinter, PrinterUnavailable } from '../fieldwork/pdf.ts';
import { invitationUses, type InvitationUse } from '../storage/invitations.ts';
import { hashSecret } from '../storage/tokens.ts';
import { audit } from '../storage/users.ts';
import { DEFAULT_STUDY_DIR } from '../study/load.ts';
import type { WaveDefinition } from '../study/load.ts';
import { CliError, UsageError, type CliIO } from './command.ts';
import { progressBar } from './progress.ts';
import { openSystem } from './system.ts';

export interface LetterOptions {
  readonly kind: LetterKind;
  readonly wave: string | undefined;
  readonly codes: string | undefined;
  readonly count: string | undefined;
  readonly out: string | undefined;
  readonly batchSize: string | undefined;
  readonly jobs: string | undefined;
  readonly force: boolean;
  readonly includeUnfinished: boolean;
  readonly channel: string | undefined;
  readonly questionnaire: string | undefined;
}

const wholeNumber = (value: string | undefined, name: string, min: number, max: number, fallback: number): number => {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max)
    throw new UsageError(`${name} must be a whole number from ${min} to ${max}, not "${value}"`);
  return n;
};

/** Files of an earlier run in DIR that this run would replace. */
const earlierFiles = (dir: string): string[] =>
  existsSync(dir)
    ? readdirSync(dir).filter((f) => /^(letters|reminders)-\d{4}\.pdf$/.test(f) || f === MANIFEST_FILE || f === 'codes.csv')
    : [];

/** Runs `letters` or `reminders`; returns the exit code. */
export async function runLetters(options: LetterOptions, io: CliIO, base: PublicBase): Promise<number> {
  const { kind } = options;
  if (!options.out) throw new UsageError('--out DIR is required');
  if (kind === 'letter' && (options.codes === undefined) === (options.count === undefined))
    throw new UsageError('give either --codes FILE (codes made earlier) or --count N (new codes)');
  if (kind === 'reminder' && options.codes === undefined)
    throw new UsageError('--codes FILE is required: the codes file of the first mailing (only hashes are stored)');
  const count = options.count === undefined ? 0 : wholeNumber(options.count, '--count', 1, 1_000_000, 0);
  const batchSize = wholeNumber(options.batchSize, '--batch-size', 1, MAX_BATCH_SIZE, MAX_BATCH_SIZE);
  const jobs = wholeNumber(options.jobs, '--jobs', 1, 16, Math.min(2, availableParallelism()));
  const outDir = resolve(io.cwd, options.out);
  const studyDir = io.env['PERSPECTIEF_STUDY_DIR'] || DEFAULT_STUDY_DIR;

  // Everything that can be refused is checked before a code is made or the database is opened.
  let materials: Materials;
  try {
    materials = loadMaterials(studyDir);
  } catch (error) {
    if (error instanceof MaterialsFileError) throw new CliError(`the letter texts are not valid:\n${error.message}`);
    throw error;
  }
  const chromium = chromiumPath(io.env);
  try {
    assertChromium(chromium);
  } catch (error) {
    if (error instanceof PrinterUnavailable) throw new CliError(error.message);
    throw error;
  }
  const earlier = earlierFiles(outDir);
  if (earlier.length > 0 && !options.force)
    throw new CliError(
      `${outDir} already holds ${earlier.slice(0, 3).join(', ')}${earlier.length > 3 ? ', ...' : ''} from an earlier run; choose another folder or add --force to replace them`,
    );
  let lines: CodeLine[] = [];
  if (options.codes !== undefined) {
    try {
      lines = readCodesFile(resolve(io.cwd, options.codes));
    } catch (error) {
      if (error instanceof CodesFileError) throw new CliError(error.message);
      throw error;
    }
  }
  if (!base.configured) io.stderr(`${LOCALHOST_WARNING}\n`);
  const drafts = draftLanguages(materials);
  if (drafts.length > 0) io.stderr(`note: the ${drafts.join(', ')} texts of materials.json are draft translations (not yet reviewed)\n`);
  mkdirSync(outDir, { recursive: true });

  const { database, study } = await openSystem(io);
  try {
    const wave = findWave(study.waves, study.id, options.wave);
    let recipients: LetterRecipient[];
    if (options.count !== undefined) {
      if (options.questionnaire && !wave.questionnaires.some((q) => q.id === options.questionnaire))
        throw new CliError(`unknown questionnaire "${options.questionnaire}" in wave ${wave.id}`);
      const codes = await issueInvitations(database.db, {
        waveId: wave.id,
        count,
        channel: options.channel ?? DEFAULT_LETTER_CHANNEL,
        questionnaireId: options.questionnaire,
        base,
        outFile: join(outDir, 'codes.csv'),
        force: options.force,
      }).catch((error: unknown) => {
        throw error instanceof OutputFileError ? new CliError(error.message) : error;
      });
      io.stderr(`stored ${codes.length} new invitation codes of wave ${wave.id}; their only copy is ${join(outDir, 'codes.csv')}\n`);
      recipients = codes.map((code) => ({ code }));
    } else {
      recipients = await selectRecipients(lines, kind, options, wave, io, (hashes) => invitationUses(database.db, wave.id, hashes));
    }
    if (recipients.length === 0) {
      io.stderr(`no ${kind === 'letter' ? 'letters' : 'reminders'} to print\n`);
      return 0;
    }
    const printer = await openPrinter(chromium).catch((error: unknown) => {
      throw error instanceof PrinterUnavailable ? new CliError(error.message) : error;
    });
    let result: Awaited<ReturnType<typeof printLetters>>;
    try {
      result = await printLetters(
        recipients,
        { materials, kind, base, contactEmail: io.env['PERSPECTIEF_CONTACT'] || 'perspectief@example.org' },
        {
          outDir,
          batchSize,
          jobs,
          printer,
          onProgress: (p) =>
            io.stderr(progressBar(p.letters, p.total, `${kind === 'letter' ? 'letters' : 'reminders'}, ${p.files}/${p.totalFiles} files`)),
        },
      );
    } finally {
      await printer.close();
    }
    io.stderr('\n');
    await audit(database.db, {
      userId: null,
      action: kind === 'letter' ? 'letters-printed' : 'reminders-printed',
      detail: { wave: wave.id, letters: recipients.length, files: result.files.length },
    });
    io.stderr(
      `wrote ${recipients.length} ${kind === 'letter' ? 'letters' : 'reminders'} in ${result.files.length} PDF files to ${outDir}; ${MANIFEST_FILE} says which code is in which file\n`,
    );
    return 0;
  } finally {
    await database.close();
  }
}

export function findWave(waves: readonly WaveDefinition[], studyId: string, wave: string | undefined): WaveDefinition {
  const found = wave ? waves.find((w) => w.id === `${studyId}:${wave}`) : waves.at(-1);
  if (!found) throw new CliError(`unknown wave "${wave}"; known: ${waves.map((w) => w.id.split(':')[1]).join(', ')}`);
  return found;
}

/** The codes of the file to print, after comparing their hashes with the wave's invitations. */
async function selectRecipients(
  lines: readonly CodeLine[],
  kind: LetterKind,
  options: LetterOptions,
  wave: WaveDefinition,
  io: CliIO,
  uses: (hashes: readonly string[]) => Promise<Map<string, InvitationUse>>,
): Promise<LetterRecipient[]> {
  const hashes = lines.map((l) => hashSecret(l.code));
  const found = await uses(hashes);
  const unknown = lines.filter((_, i) => !found.has(hashes[i]!));
  if (unknown.length > 0) {
    const shown = unknown.slice(0, 5).map((l) => `line ${l.line}`);
    throw new CliError(
      `${options.codes}: ${unknown.length} code${unknown.length === 1 ? ' is' : 's are'} not invitations of wave ${wave.id} (${shown.join(', ')}${unknown.length > 5 ? ', ...' : ''}); was the file made for another wave or database?`,
    );
  }
  const tally: Record<InvitationUse, number> = { unused: 0, started: 0, completed: 0, withdrawn: 0 };
  for (const h of hashes) tally[found.get(h)!]++;
  io.stderr(
    `${lines.length} codes: ${tally.unused} not used, ${tally.started} started, ${tally.completed} completed, ${tally.withdrawn} withdrawn\n`,
  );
  const wanted = (use: InvitationUse): boolean => {
    if (kind === 'letter') return true;
    switch (use) {
      case 'unused':
        return true;
      case 'started':
        return options.includeUnfinished;
      case 'completed':
      case 'withdrawn':
        return false;
    }
  };
  if (kind === 'letter' && tally.unused < lines.length)
    io.stderr(`note: ${lines.length - tally.unused} of these codes were already used; their letters are printed too\n`);
  return lines.filter((_, i) => wanted(found.get(hashes[i]!)!)).map((l) => ({ code: l.code, address: l.address }));
}
