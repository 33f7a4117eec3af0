// The read-me written beside every data export (answers.sav → answers.README.txt, and inside a .sav as its
// documents and in an XLSX on its variables sheet): where the rows come from (study, waves, filters, which
// responses count), how values are written (codes or labels, missing codes, formula-safe text), what the
// format's limits changed, and, when there are any, that synthetic demo respondents are among the rows. In
// English, like the command's own messages. Pure.
import { syntheticNote, type SyntheticCount } from '../analysis/synthetic.ts';
import type { DataFormat } from './dataset-export.ts';

export interface ExportFilters {
  /** Full wave ids of the rows. */
  readonly waves: readonly string[];
  readonly questionnaire: string | null;
  readonly channel: string | null;
  /** Completed responses only (the default), or also unfinished ones. */
  readonly completedOnly: boolean;
}

export interface ExportDescription {
  readonly study: string;
  readonly format: DataFormat;
  readonly dataFile: string;
  readonly codebookFile: string;
  readonly filters: ExportFilters;
  readonly rows: number;
  readonly variables: number;
  readonly values: 'codes' | 'labels';
  readonly missing: 'empty' | 'codes';
  /** CSV only: text written exactly as answered. */
  readonly raw: boolean;
  /** Text cells that got a leading apostrophe (CSV without raw). */
  readonly neutralized: number;
  /** What the format's limits changed, in words (the writers' notices). */
  readonly notices: readonly string[];
  readonly synthetic: SyntheticCount;
  readonly madeBy: string;
  readonly madeAt: Date;
  /** Report tables added as sheets (XLSX --tables), by number. */
  readonly tables?: readonly string[];
}

/** The read-me next to a data file: answers.sav → answers.README.txt. */
export const exportReadmePath = (dataFile: string): string => `${dataFile.replace(/\.(csv|xlsx|sav)$/i, '')}.README.txt`;

/** The filters in one line, for the read-me, the audit log and the workspace. */
export function filtersText(f: ExportFilters): string {
  return [
    `wave ${f.waves.join(' and ') || '(none)'}`,
    `questionnaire ${f.questionnaire ?? 'all'}`,
    `channel ${f.channel ?? 'all'}`,
    f.completedOnly ? 'completed responses only' : 'all responses, also unfinished ones',
  ].join('; ');
}

function valuesLines(d: ExportDescription): string[] {
  if (d.format === 'sav')
    return [
      'Values: answer codes with their value labels in the file; missing codes ("Dat weet ik niet" = 99, ...) are kept',
      'and declared user-missing, so SPSS, PSPP and R haven (read_sav) leave them out of every statistic.',
    ];
  const missing =
    d.missing === 'codes'
      ? 'missing codes ("Dat weet ik niet" = 99, ...) are written as the codes they are: leave them out yourself (the codebook lists them).'
      : 'missing codes ("Dat weet ik niet" = 99, ...) are written as empty cells (the codebook lists them).';
  return [`Values: ${d.values === 'labels' ? 'value labels as text' : 'answer codes'}; ${missing}`];
}

function textLines(d: ExportDescription): string[] {
  switch (d.format) {
    case 'csv':
      return d.raw
        ? ['Text: exactly as answered (--raw). Do not open this file in a spreadsheet: an answer starting with "=" may run as a formula.']
        : [
            'Text: an open answer that starts with =, +, -, @, a tab or a carriage return has a leading apostrophe, so a',
            `spreadsheet shows it as text and never runs it as a formula (OWASP's advice against CSV injection; ${d.neutralized}`,
            'cells). Export with --raw (or "exactly as answered" in the workspace) for R and SPSS.',
          ];
    case 'xlsx':
      return ['Text: typed text cells; an answer starting with "=" is text, never a formula.'];
    case 'sav':
      return ['Text: UTF-8 strings; answers longer than 255 bytes are SPSS very long strings.'];
  }
}

/** The read-me's text. */
export function exportReadme(d: ExportDescription): string {
  const lines = [
    // An export with synthetic rows says so before anything else, wherever the file ends up.
    ...(d.synthetic.synthetic > 0 ? [`SYNTHETIC DATA - read this before using ${d.dataFile}`, ''] : []),
    `Perspectief export: ${d.dataFile}`,
    '',
    `Made ${d.madeAt.toISOString()} by ${d.madeBy}.`,
    `Source: the responses of study "${d.study}" stored in the Perspectief database, read through its analysis dataset`,
    '(the same path as every table of the report).',
    `Filters: ${filtersText(d.filters)}.`,
    `Rows: ${d.rows} responses; columns: ${d.variables} variables (multiple-choice items as one 0/1 column per option,`,
    '"Anders, namelijk..." texts in their own column, then the derived variables and scales).',
    ...valuesLines(d),
    ...textLines(d),
    `Codebook: ${d.codebookFile} (labels, value labels and missing codes of every variable; "perspectief stats --codebook" reads it).`,
  ];
  if (d.tables && d.tables.length > 0) lines.push(`Report tables added as sheets: ${d.tables.join(', ')}.`);
  if (d.notices.length > 0) lines.push('', "What the format's limits changed:", ...d.notices.map((n) => `  - ${n}`));
  lines.push(
    '',
    d.synthetic.synthetic > 0 ? syntheticNote(d.synthetic, d.dataFile) : 'Synthetic data: none (no demo responses among these rows).',
  );
  if (d.synthetic.synthetic > 0) {
    lines.push(
      'They were generated by `perspectief demo generate` to show and test the system; no real person answered them.',
      'Their `channel` column starts with "demo-". To analyse real responses only, keep the rows whose channel does not',
      'start with "demo-".',
      'Responses per wave:',
      ...[...d.synthetic.waves]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([wave, n]) => `  ${wave}: ${n.synthetic} synthetic of ${n.total}`),
    );
  }
  return `${lines.join('\n')}\n`;
}
