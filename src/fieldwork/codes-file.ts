// The codes file: the one place plain invitation codes live after `invitations create` (or `letters --count`)
// made them; the database keeps only hashes. Written as CSV (UTF-8 with a BOM for Excel, CRLF) with a code and
// its link per line; read back for letters and reminders, with an optional `address` column that passes into
// the letters and is never stored.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { CODE_LENGTHS, readCode } from '../storage/tokens.ts';
import { invitationLink, printedCode, type PublicBase } from './links.ts';

export interface CodeLine {
  /** The plain code, normalised (upper case, no dashes). */
  readonly code: string;
  /** Recipient's address lines, when the file has an `address` column (for window envelopes). */
  readonly address?: string;
  /** Line in the file, for messages. */
  readonly line: number;
}

export class CodesFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CodesFileError';
  }
}

/** The codes file's text: header `code,link`, codes as printed (5-5), links with the code. */
export function codesCsv(codes: readonly string[], base: PublicBase): string {
  const rows = codes.map((code) => [printedCode(code), invitationLink(base, code)]);
  return `\ufeff${stringify([['code', 'link'], ...rows], { record_delimiter: '\r\n' })}`;
}

/** Reads a codes file; every problem names the file and line. Codes may be written in any case, with or without dashes. */
export function readCodesFile(path: string): CodeLine[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new CodesFileError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  let records: string[][];
  try {
    records = parse(text, { bom: true, relax_column_count: false, skip_empty_lines: true, trim: true });
  } catch (error) {
    throw new CodesFileError(`${path}: not a valid CSV file: ${(error as Error).message}`);
  }
  const header = (records[0] ?? []).map((h) => h.toLowerCase());
  const codeAt = header.indexOf('code');
  if (codeAt < 0) throw new CodesFileError(`${path}: line 1 must be a header with a "code" column (as "invitations create" writes it)`);
  const addressAt = header.indexOf('address');
  const out: CodeLine[] = [];
  const seen = new Map<string, number>();
  const problems: string[] = [];
  records.slice(1).forEach((record, i) => {
    const line = i + 2;
    const raw = record[codeAt] ?? '';
    const read = readCode(raw);
    if (read?.kind !== 'invitation') {
      problems.push(`${path}: line ${line}: "${raw}" is not an invitation code (${CODE_LENGTHS.invitation} letters and digits)`);
      return;
    }
    const earlier = seen.get(read.code);
    if (earlier !== undefined) {
      problems.push(`${path}: line ${line}: code ${printedCode(read.code)} repeats line ${earlier}`);
      return;
    }
    seen.set(read.code, line);
    const address = addressAt >= 0 ? (record[addressAt] ?? '').trim() : '';
    out.push(address ? { code: read.code, address, line } : { code: read.code, line });
  });
  if (problems.length > 0) {
    const shown = problems.slice(0, 10);
    if (problems.length > 10) shown.push(`... and ${problems.length - 10} more`);
    throw new CodesFileError(shown.join('\n'));
  }
  if (out.length === 0) throw new CodesFileError(`${path}: holds no codes`);
  return out;
}
