// The canonical questionnaire model: what the normaliser produces and every other module consumes.
// Immutable plain data; no I/O. Authoring formats (JSON files, XLSForm) are mapped onto this in schema.ts.

export const LANGUAGES = ['nl', 'en', 'ar', 'tr', 'ti'] as const;
export type Language = (typeof LANGUAGES)[number];

export const isLanguage = (value: unknown): value is Language =>
  typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);

/** `source` is the language the text was written in; `draft` a translation not yet checked by a native speaker. */
export type TranslationStatus = 'source' | 'draft' | 'reviewed';

export interface Translation {
  readonly text: string;
  readonly status: TranslationStatus;
}

export type LocalizedText = Readonly<Partial<Record<Language, Translation>>>;

declare const brand: unique symbol;
type Brand<T, B extends string> = T & { readonly [brand]: B };
export type ItemId = Brand<string, 'ItemId'>;
export type PageId = Brand<string, 'PageId'>;
export type QuestionnaireId = Brand<string, 'QuestionnaireId'>;

/** A stored answer value: option code(s), a number or text. */
export type AnswerValue = number | string | readonly number[];
export type Answers = ReadonlyMap<ItemId, AnswerValue>;

export type CompareOp = '=' | '!=' | '<' | '<=' | '>' | '>=';

/** Routing conditions as data; evaluated by routing.ts, never by eval. */
export type Condition =
  | { readonly kind: 'all'; readonly conditions: readonly Condition[] }
  | { readonly kind: 'any'; readonly conditions: readonly Condition[] }
  | { readonly kind: 'not'; readonly condition: Condition }
  | { readonly kind: 'answered'; readonly item: ItemId }
  | { readonly kind: 'compare'; readonly item: ItemId; readonly op: CompareOp; readonly value: number }
  /** single/scale: the answer is one of the codes; multi: at least one of the codes is chosen. */
  | { readonly kind: 'in'; readonly item: ItemId; readonly values: readonly number[] };

export interface Option {
  readonly code: number;
  readonly text: LocalizedText;
  /** Item id of the "Anders, namelijk..." open text attached to this option. */
  readonly other?: ItemId;
  /** Multi choice: choosing this option excludes the others ("Dat weet ik niet"). */
  readonly exclusive?: boolean;
  /** Counts as a substantive non-answer in analysis (Dat weet ik niet, Niet van toepassing). */
  readonly missing?: boolean;
}

interface ItemBase {
  readonly id: ItemId;
  readonly text: LocalizedText;
  readonly help?: LocalizedText;
  readonly required: boolean;
  readonly condition?: Condition;
  /** Report tables this item feeds, e.g. ["2.1", "B.2.1a"]. */
  readonly tables: readonly string[];
  /** True where answer categories or wording were designed here rather than taken from the report. */
  readonly reconstructed: boolean;
  /** Researcher-facing note (Dutch, not translated): source in the report, what was reconstructed and why. */
  readonly note?: string;
}

export type Item =
  | (ItemBase & { readonly kind: 'single'; readonly options: readonly Option[] })
  | (ItemBase & { readonly kind: 'multi'; readonly options: readonly Option[] })
  | (ItemBase & {
      readonly kind: 'scale';
      readonly options: readonly Option[];
      /** Which end is the good one; pictogram faces and charts follow it. */
      readonly valence: Valence;
    })
  | (ItemBase & {
      readonly kind: 'numeric';
      readonly min: number;
      readonly max: number;
      readonly integer: boolean;
      readonly unit?: LocalizedText;
    })
  | (ItemBase & { readonly kind: 'text'; readonly maxLength: number });

export type Valence = 'higher-is-positive' | 'lower-is-positive';

export type ItemKind = Item['kind'];
export type ChoiceItem = Extract<Item, { options: readonly Option[] }>;

/** The open text behind an option's "Anders, namelijk...": not a page item of its own. */
export interface OtherText {
  readonly id: ItemId;
  readonly parent: ItemId;
  readonly optionCode: number;
  readonly maxLength: number;
}

export interface Page {
  readonly id: PageId;
  readonly title?: LocalizedText;
  readonly condition?: Condition;
  readonly items: readonly Item[];
}

export interface QuestionnaireDefinition {
  readonly id: QuestionnaireId;
  readonly version: number;
  /** Target group, e.g. "wi2021-asiel". */
  readonly group: string;
  readonly title: LocalizedText;
  readonly languages: readonly Language[];
  readonly sourceLanguage: Language;
  readonly pages: readonly Page[];
}

export const isChoiceItem = (item: Item): item is ChoiceItem => item.kind === 'single' || item.kind === 'multi' || item.kind === 'scale';

export function assertNever(value: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(value)}`);
}
