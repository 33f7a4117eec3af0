// Reads a posted questionnaire page: only the page's visible items may be posted, every value must be one
// the page offered, numbers must be in range and text within its length. Produces the answers to store or
// per-item errors (message keys) to show on the page again. Pure: the caller stores.
import type { AnswerValue, Item, ItemId, Option } from '../../questionnaire/types.ts';
import type { MessageKey, MessageValues } from '../../i18n/catalog.ts';

export type FormData = Readonly<Record<string, string | readonly string[]>>;

export interface FieldError {
  readonly key: MessageKey;
  readonly values?: MessageValues;
}

export interface PageForm {
  /** Answers given on the page; null = left empty (a stored answer is removed). */
  readonly answers: Map<ItemId, AnswerValue | null>;
  readonly errors: Map<ItemId, FieldError>;
  /** Posted field names that belong to no visible item of the page. */
  readonly unknownFields: string[];
  /** What the respondent typed, to show again beside the errors. */
  readonly raw: FormData;
}

const CONTROL_FIELDS = new Set(['_page', '_action']);

const all = (value: string | readonly string[] | undefined): string[] =>
  value === undefined ? [] : typeof value === 'string' ? [value] : [...value];

/** Text as stored: NFC, no control characters except newlines and tabs, trimmed. */
export const cleanText = (text: string): string =>
  text
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    // eslint-disable-next-line no-control-regex -- on purpose: C0 controls but tab, LF and CR, and DEL, leave typed answers
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '')
    .trim();

/** Parses a number as people type it: "36", "36,5" or "36.5". */
export function parseNumber(text: string): number | null {
  const t = text.trim().replace(',', '.');
  if (!/^-?\d+(\.\d+)?$/.test(t)) return null;
  return Number(t);
}

export function readPageForm(items: readonly Item[], form: FormData): PageForm {
  const answers = new Map<ItemId, AnswerValue | null>();
  const errors = new Map<ItemId, FieldError>();
  const known = new Set<string>(CONTROL_FIELDS);

  const codeOf = (options: readonly Option[], text: string): Option | undefined => {
    if (!/^-?\d+$/.test(text)) return undefined;
    return options.find((o) => o.code === Number(text));
  };
  const readOther = (option: Option, chosen: boolean): void => {
    if (!option.other) return;
    const text = cleanText(all(form[option.other]).join(''));
    if (!chosen) {
      answers.set(option.other, null);
    } else if (text.length > 2000) {
      errors.set(option.other, { key: 'error.tooLong', values: { max: 2000 } });
    } else {
      answers.set(option.other, text === '' ? null : text);
    }
  };

  for (const item of items) {
    known.add(item.id);
    const posted = all(form[item.id]).filter((v) => v !== '');
    switch (item.kind) {
      case 'single':
      case 'scale': {
        item.options.forEach((o) => o.other && known.add(o.other));
        if (posted.length > 1) errors.set(item.id, { key: 'error.option' });
        const option = posted[0] === undefined ? undefined : codeOf(item.options, posted[0]);
        if (posted.length === 1 && !option) errors.set(item.id, { key: 'error.option' });
        answers.set(item.id, option ? option.code : null);
        for (const o of item.options) readOther(o, o === option);
        break;
      }
      case 'multi': {
        item.options.forEach((o) => o.other && known.add(o.other));
        const chosen = posted.map((v) => codeOf(item.options, v));
        if (chosen.some((o) => o === undefined)) {
          errors.set(item.id, { key: 'error.option' });
          break;
        }
        const options = [...new Set(chosen as Option[])];
        if (options.length > 1 && options.some((o) => o.exclusive)) errors.set(item.id, { key: 'error.exclusive' });
        const codes = item.options.filter((o) => options.includes(o)).map((o) => o.code);
        answers.set(item.id, codes.length > 0 ? codes : null);
        for (const o of item.options) readOther(o, options.includes(o));
        break;
      }
      case 'numeric': {
        if (posted.length > 1) {
          errors.set(item.id, { key: 'error.number' });
          break;
        }
        if (posted[0] === undefined || posted[0].trim() === '') {
          answers.set(item.id, null);
          break;
        }
        const n = parseNumber(posted[0]);
        if (n === null) errors.set(item.id, { key: 'error.number' });
        else if (item.integer && !Number.isInteger(n)) errors.set(item.id, { key: 'error.integer' });
        else if (n < item.min || n > item.max) errors.set(item.id, { key: 'error.range', values: { min: item.min, max: item.max } });
        else answers.set(item.id, n);
        break;
      }
      case 'text': {
        const text = cleanText(posted.join('\n'));
        if (text.length > item.maxLength) errors.set(item.id, { key: 'error.tooLong', values: { max: item.maxLength } });
        else answers.set(item.id, text === '' ? null : text);
        break;
      }
    }
    if (item.required && !errors.has(item.id) && answers.get(item.id) == null) errors.set(item.id, { key: 'error.required' });
  }
  const unknownFields = Object.keys(form).filter((name) => !known.has(name));
  return { answers, errors, unknownFields, raw: form };
}
