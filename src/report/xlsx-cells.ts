// What a spreadsheet cell can hold, decided per value: text that XML cannot carry (control characters, lone
// surrogates) and text over Excel's 32,767-character limit are made fit and counted; right-to-left text
// (Arabic) is recognised so its cell can read right to left. Pure.

/** Excel's limit on the characters in one cell. */
export const MAX_CELL_CHARS = 32767;

// XML 1.0 allows tab, LF, CR and everything from U+0020, except U+FFFE and U+FFFF and lone surrogates.
const NOT_XML =
  // eslint-disable-next-line no-control-regex -- on purpose: the control characters XML 1.0 forbids
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const NOT_XML_ALL = new RegExp(NOT_XML.source, 'g');

export interface CellText {
  readonly text: string;
  /** What had to change: characters XML cannot hold were removed, or the text was cut at Excel's limit. */
  readonly change?: 'characters-removed' | 'cut-at-limit';
}

/** `value` as text a worksheet can store. */
export function cellText(value: string): CellText {
  let text = value;
  let change: CellText['change'];
  if (NOT_XML.test(text)) {
    text = text.replace(NOT_XML_ALL, '');
    change = 'characters-removed';
  }
  if (text.length > MAX_CELL_CHARS) {
    // Never keep half of a surrogate pair.
    const cut = /[\uD800-\uDBFF]/.test(text[MAX_CELL_CHARS - 1]!) ? MAX_CELL_CHARS - 1 : MAX_CELL_CHARS;
    text = text.slice(0, cut);
    change = 'cut-at-limit';
  }
  return change === undefined ? { text } : { text, change };
}

// Scripts written right to left (Unicode bidi classes R and AL).
const RTL = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Adlam}]/u;
const FIRST_LETTER = /\p{L}/u;

/** True when the first letter of `text` is from a right-to-left script (the Unicode bidi rule P2, simplified). */
export function isRightToLeft(text: string): boolean {
  const first = FIRST_LETTER.exec(text);
  return first !== null && RTL.test(first[0]);
}
