// Text that a spreadsheet would run as a formula when it opens a CSV file ("CSV injection"): an open answer
// "=HYPERLINK(...)" must stay text. As OWASP advises, a text cell that starts with =, +, -, @, tab or
// carriage return gets a leading apostrophe, which spreadsheets take as "this is text". Apply it to text
// values only, never to numbers (-5 is a number, not a formula), and not for files meant for R or SPSS.

/** The first characters that make Excel, LibreOffice or Google Sheets read a cell as a formula (OWASP). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** True when `text` would be read as a formula by a spreadsheet opening a CSV file. */
export const startsLikeFormula = (text: string): boolean => FORMULA_START.test(text);

/** `text` with a leading apostrophe when it starts like a formula; otherwise unchanged. */
export const neutralizeFormula = (text: string): string => (FORMULA_START.test(text) ? `'${text}` : text);
