// The SPSS dictionary of an export: for every variable its SPSS names, storage width and segments, formats,
// label, user-missing codes, value labels and display settings, decided once before any byte is written.
// Where SPSS's limits force a change (a name, a label too long), the change is listed as a notice.
import { ExportDataError } from './export-cells.ts';
import type { ExportVariable, Measure } from './export-model.ts';
import { deriveSpssNames, shortNames } from './sav-names.ts';
import {
  assertNever,
  encodeMissing,
  FORMAT,
  formatCode,
  MAX_STRING_BYTES,
  roundUp8,
  segmentWidths,
  type SavMissing,
} from './sav-layout.ts';
import { truncateUtf8, utf8Length } from './utf8.ts';

/** SPSS shows variable labels up to 255 bytes and value labels up to 120 bytes; longer ones are cut. */
export const MAX_VARIABLE_LABEL_BYTES = 255;
export const MAX_VALUE_LABEL_BYTES = 120;

export type SavNotice =
  | { readonly kind: 'renamed'; readonly variable: string; readonly name: string }
  | { readonly kind: 'label-truncated'; readonly variable: string; readonly bytes: number }
  | { readonly kind: 'value-label-truncated'; readonly variable: string; readonly value: number | string; readonly bytes: number }
  | { readonly kind: 'values-truncated'; readonly variable: string; readonly count: number };

export interface SavValueLabel {
  readonly value: number | string;
  readonly label: string;
}

export interface SavVariable {
  readonly source: ExportVariable;
  /** The long (display) name, at most 64 bytes, and the 8-byte short names, one per segment. */
  readonly name: string;
  readonly shortNames: readonly string[];
  readonly type: ExportVariable['type'];
  /** String width in bytes (0 for numbers, dates and times). */
  readonly width: number;
  /** Declared width of each segment (a number has one segment of width 0). */
  readonly segments: readonly number[];
  /** Print/write format of each segment. */
  readonly formats: readonly number[];
  readonly label: string;
  readonly missing: SavMissing;
  readonly valueLabels: readonly SavValueLabel[];
  readonly measure: 1 | 2 | 3;
  readonly displayWidth: number;
  /** 0 left, 1 right. */
  readonly alignment: 0 | 1;
  /** Bytes this variable takes in a case (8 per numeric value; strings: every segment rounded up to 8). */
  readonly caseBytes: number;
}

const MEASURE: Record<Measure, 1 | 2 | 3> = { nominal: 1, ordinal: 2, scale: 3 };

function numericFormat(v: ExportVariable): number {
  switch (v.type) {
    case 'date':
      return formatCode(FORMAT.DATE, 11, 0);
    case 'datetime':
      return formatCode(FORMAT.DATETIME, 20, 0);
    case 'numeric': {
      const decimals = v.decimals ?? (v.measure === 'scale' && !v.valueLabels?.length ? 2 : 0);
      return formatCode(FORMAT.F, Math.min(40, Math.max(8, decimals + 6)), decimals);
    }
    case 'string':
      throw new Error('strings have A formats');
    default:
      return assertNever(v.type);
  }
}

/**
 * Plans the dictionary. `stringWidths[i]` is the byte width of variable i when it is a string (already at
 * most MAX_STRING_BYTES and at least 1).
 */
export function planDictionary(variables: readonly ExportVariable[], stringWidths: readonly number[], notices: SavNotice[]): SavVariable[] {
  const derived = deriveSpssNames(variables.map((v) => v.name));
  const widths = variables.map((v, i) => (v.type === 'string' ? Math.min(MAX_STRING_BYTES, Math.max(1, stringWidths[i] ?? 1)) : 0));
  const segments = variables.map((v, i) => (v.type === 'string' ? segmentWidths(widths[i]!) : [0]));
  const shorts = shortNames(
    derived.map((d) => d.name),
    segments.map((s) => s.length),
  );
  return variables.map((v, i) => {
    const { name, changed } = derived[i]!;
    if (changed) notices.push({ kind: 'renamed', variable: v.name, name });
    const fullLabel = changed ? (v.label === '' ? v.name : `${v.name}: ${v.label}`) : v.label;
    const label = truncateUtf8(fullLabel, MAX_VARIABLE_LABEL_BYTES);
    if (label !== fullLabel) notices.push({ kind: 'label-truncated', variable: v.name, bytes: utf8Length(fullLabel) });
    const missing = encodeMissing(v.missing ?? []);
    if (missing === undefined) {
      throw new ExportDataError({ kind: 'missing-codes', variable: v.name, codes: [...new Set(v.missing)].sort((a, b) => a - b) });
    }
    const valueLabels = (v.valueLabels ?? []).map((l) => {
      const cut = truncateUtf8(l.label, MAX_VALUE_LABEL_BYTES);
      if (cut !== l.label) notices.push({ kind: 'value-label-truncated', variable: v.name, value: l.value, bytes: utf8Length(l.label) });
      return { value: l.value, label: cut };
    });
    const width = widths[i]!;
    const segs = segments[i]!;
    const isString = v.type === 'string';
    const formats = isString ? segs.map((w) => formatCode(FORMAT.A, w, 0)) : [numericFormat(v)];
    const formatWidth = isString ? Math.min(width, 40) : (formats[0]! >> 8) & 0xff;
    return {
      source: v,
      name,
      shortNames: shorts[i]!,
      type: v.type,
      width,
      segments: segs,
      formats,
      label,
      missing,
      valueLabels,
      measure: MEASURE[v.measure],
      displayWidth: v.width ?? Math.max(isString ? 8 : 0, formatWidth),
      alignment: isString ? 0 : 1,
      caseBytes: isString ? segs.reduce((sum, w) => sum + roundUp8(w), 0) : 8,
    };
  });
}

/** Number of 8-byte units in a case: what the header calls the nominal case size. */
export const caseUnits = (plan: readonly SavVariable[]): number => plan.reduce((sum, v) => sum + v.caseBytes / 8, 0);
