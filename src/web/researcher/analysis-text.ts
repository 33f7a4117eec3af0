// The analysis engine's reasons in the workspace's words: why a model cannot be estimated, why a term has no
// estimate, why a data file cannot be written. The engine gives them as data (a kind and its particulars);
// here they become sentences from the message catalogues, in the page's language. The CLI keeps English.
import type { TermNote } from '../../analysis/results.ts';
import type { MessageKey, MessageValues } from '../../i18n/catalog.ts';
import type { CellShape, ExportProblem } from '../../report/export-cells.ts';
import type { NotEstimable } from '../../stats/index.ts';

type T = (key: MessageKey, values?: MessageValues) => string;

/** Why a model cannot be estimated. `levelText` shows a category (its code and label) of a variable. */
export function notEstimableText(t: T, reason: NotEstimable, levelText: (variable: string, level: string) => string): string {
  switch (reason.kind) {
    case 'too-few-cases':
      return t('ws.models.reason.tooFewCases', { cases: reason.cases, coefficients: reason.coefficients });
    case 'empty-reference':
      return t('ws.models.reason.emptyReference', {
        variable: reason.variable,
        reference: levelText(reason.variable, String(reason.reference)),
        cases: reason.cases,
      });
    case 'collinear':
      return t('ws.models.reason.collinear', { terms: reason.terms.join(', ') });
  }
}

/** Why a term has no estimate (a model that cannot be estimated says why once, above its table). */
export function termNoteText(t: T, note: TermNote): string {
  switch (note) {
    case 'no-cases':
      return t('ws.models.note.noCases');
    case 'not-in-model':
    case 'model-not-estimable':
      return t('ws.models.note.notInModel');
  }
}

/** The catalogue's select key for what a cell held. */
const shapeKey = (got: CellShape): string => {
  switch (got.kind) {
    case 'text':
    case 'number':
    case 'date':
    case 'array':
    case 'cells':
    case 'other':
      return got.kind;
    case 'bigint':
      return 'number';
    case 'boolean':
      return 'value';
    case 'invalid-date':
      return 'invalidDate';
    case 'nothing':
    case 'null':
      return 'nothing';
  }
};

const got = (t: T, shape: CellShape): string => t('ws.export.err.got', { kind: shapeKey(shape), shown: shape.shown });

/** The catalogue's select key of a dictionary rule (kebab-case is no ICU select key). */
const ruleKey = (rule: string): string => rule.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());

/** Why a data file cannot be written. */
export function exportProblemText(t: T, p: ExportProblem): string {
  switch (p.kind) {
    case 'no-variables':
      return t('ws.export.err.noVariables');
    case 'dictionary':
      return t('ws.export.err.dictionary', {
        variable: p.variable ?? `#${p.index}`,
        field: p.field ?? '–',
        rule: ruleKey(p.rule),
      });
    case 'cell':
      return t('ws.export.err.cell', { row: p.row, variable: p.variable, type: p.type, got: got(t, p.got) });
    case 'row-length':
      return t('ws.export.err.rowLength', { row: p.row, expected: p.expected, got: got(t, p.got) });
    case 'missing-codes':
      return t('ws.export.err.missingCodes', { variable: p.variable, codes: p.codes.join(', ') });
    case 'rows-once':
      return t('ws.export.err.rowsOnce', { variables: p.variables.join(', ') });
    case 'rows-changed':
      return t('ws.export.err.rowsChanged', { measured: p.measured, written: p.written });
    case 'too-long':
      return t('ws.export.err.tooLong', { row: p.row, variable: p.variable, bytes: p.bytes, maxBytes: p.maxBytes });
    case 'time-zone':
      return t('ws.export.err.timeZone', { zone: p.zone });
  }
}
