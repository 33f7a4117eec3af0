// The table every data-file writer (SPSS .sav, XLSX) takes: variables with their dictionary (labels, value
// labels, user-missing codes, measurement level) and rows of plain values. Types only: no I/O, no behaviour,
// so the analysis dataset can be mapped onto it in one place and every writer reads the same thing.

export type Measure = 'nominal' | 'ordinal' | 'scale';

export type ExportVariableType = 'numeric' | 'string' | 'date' | 'datetime';

export interface ExportValueLabel {
  /** A number for numeric variables, a string for string variables. */
  readonly value: number | string;
  readonly label: string;
}

export interface ExportVariable {
  /** As in the dataset. A writer that needs another form (SPSS) derives a valid, unique one and says so. */
  readonly name: string;
  /** UTF-8, any script. */
  readonly label: string;
  readonly type: ExportVariableType;
  readonly measure: Measure;
  readonly valueLabels?: readonly ExportValueLabel[];
  /** User-missing codes of a numeric variable (e.g. 97, 98, 99 for "weet niet", "wil niet zeggen", "n.v.t."). */
  readonly missing?: readonly number[];
  readonly decimals?: number;
  /** Display width hint, in characters. */
  readonly width?: number;
  /**
   * String variables: the longest value in UTF-8 bytes, if the caller knows it. Without it the .sav writer
   * reads the rows twice (once to measure), which needs `rows` to be re-iterable (an array, or an object that
   * gives a fresh iterator each time), not a one-shot generator.
   */
  readonly maxBytes?: number;
}

/** One cell: a number (numeric), a string (string), a Date (date, datetime), or null for "no value". */
export type ExportCell = number | string | Date | null;

export interface ExportTable {
  readonly variables: readonly ExportVariable[];
  /** One array per case, in the order of `variables`. */
  readonly rows: Iterable<readonly ExportCell[]>;
  readonly fileLabel?: string;
  /** Free text kept with the file (SPSS: the document record; XLSX: the variables sheet's notes). */
  readonly documents?: readonly string[];
}
