// What the report document is made of once every number is printed: the specification's sections and text
// tables, the printed tables and figures (with their SVGs), the comparison with the earlier wave, the method
// notes (weighting, reliability) and the qualitative arm's tables, boxes and quotes. The HTML renderer reads
// only this; the build (build.ts) fills it. Types only, plus the anchors every cross-reference uses.
import type { PrintedComparison, PrintedFigure, PrintedReliability, PrintedTable, ReportLanguage } from './tables-json.ts';

export type { PrintedComparison };
import type { Section, TextTable } from '../study/report-layout.ts';

/** Tables 2.7 and 2.8 as the qualitative arm prints them (structurally qual's ParticipantTable). */
export interface QualitativeTable {
  readonly id: string;
  readonly title: string;
  readonly columns: readonly string[];
  readonly columnN: readonly number[];
  readonly rows: readonly { readonly label: string; readonly group: boolean; readonly cells: readonly string[] }[];
  readonly footnotes: readonly string[];
}

export interface QualitativeBox {
  readonly label: string;
  readonly title: string;
  readonly items: readonly { readonly heading: string; readonly text: string }[];
}

export interface QualitativeQuote {
  /** The words as spoken, in `language`. */
  readonly text: string;
  /** The Dutch text (a translation when spoken in another language). */
  readonly textNl: string | null;
  readonly language: string;
  readonly attribution: string;
}

/** The qualitative arm's part of the report (structurally what qual's qualitativeForReport returns). */
export interface QualitativeContent {
  readonly tables: readonly QualitativeTable[];
  readonly sections: readonly {
    readonly section: string;
    readonly boxes: readonly QualitativeBox[];
    readonly quotes: readonly QualitativeQuote[];
  }[];
  readonly synthetic: boolean;
}

export interface WeightingSummary {
  readonly groups: readonly {
    readonly label: string;
    readonly n: number;
    readonly effectiveN: number;
    readonly designEffect: number;
    readonly converged: boolean;
  }[];
  readonly notes: readonly string[];
}

export interface RegressionNote {
  /** The printed row the note's letter goes with (a dummy, or the heading above its dummies). */
  readonly row: string;
  readonly text: string;
}

export interface DocumentFigure {
  readonly printed: PrintedFigure;
  readonly svg: string;
}

export interface ReportDocument {
  readonly lang: ReportLanguage;
  readonly title: string;
  readonly wave: string;
  readonly weighted: boolean;
  readonly generatedAt: Date;
  readonly synthetic: { readonly count: number; readonly total: number } | null;
  readonly sections: readonly Section[];
  readonly textTables: ReadonlyMap<string, TextTable>;
  readonly tables: ReadonlyMap<string, PrintedTable>;
  readonly regressionNotes: ReadonlyMap<string, readonly RegressionNote[]>;
  readonly figures: ReadonlyMap<string, DocumentFigure>;
  /** "table 2.1" / "figure 4.1" → why this wave has none. */
  readonly omitted: ReadonlyMap<string, string>;
  readonly tableComparisons: ReadonlyMap<string, PrintedComparison>;
  readonly figureComparisons: ReadonlyMap<string, PrintedComparison>;
  /** The earlier wave compared with, or null when the database has none. */
  readonly earlier: string | null;
  readonly reliability: readonly PrintedReliability[];
  readonly weighting: WeightingSummary | null;
  readonly qualitative: QualitativeContent | null;
  /** @font-face rules with the fonts inlined (the file must work offline). */
  readonly fontCss: string;
  /** Section anchor → page, for the printed table of contents (the PDF's second pass); absent on screen. */
  readonly pages?: ReadonlyMap<string, number>;
}

/** Anchors: every cross-reference (contents, lists of tables and figures) links to these. */
export const anchor = {
  section: (number: string): string => `s-${number}`,
  table: (id: string): string => `tabel-${id}`,
  figure: (id: string): string => `figuur-${id}`,
} as const;
