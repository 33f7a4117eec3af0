// A strict reader of application/x-www-form-urlencoded bodies: every name and value must be valid UTF-8
// after percent-decoding, and a malformed escape is an error, not a silent U+FFFD. Linear in the body's
// size whatever it holds (repeated names gather in one list, never copied per repeat), and a body with
// more fields than any page can post is refused before a single field is decoded.
import type { FormData } from './form.ts';

const strict = new TextDecoder('utf-8', { fatal: true });

/** More fields than any page posts (the longest page with every box ticked and every carried answer is far below). */
export const MAX_FIELDS = 1000;

export type UrlEncodedResult =
  | { readonly kind: 'form'; readonly form: FormData }
  | { readonly kind: 'invalid' }
  | { readonly kind: 'tooManyFields'; readonly limit: number };

const HEX = /^[0-9A-Fa-f]{2}$/;

function decodeComponent(text: string): string | null {
  // Most names and values are plain ASCII without escapes (no % or +): nothing to decode.
  if (/^[^%+\u0080-\uffff]*$/.test(text)) return text;
  const bytes = new Uint8Array(text.length);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x25 /* % */) {
      const hex = text.slice(i + 1, i + 3);
      if (!HEX.test(hex)) return null;
      bytes[n++] = parseInt(hex, 16);
      i += 2;
    } else if (ch === 0x2b /* + */) {
      bytes[n++] = 0x20;
    } else if (ch < 0x80) {
      bytes[n++] = ch;
    } else {
      return null; // raw non-ASCII: browsers always percent-encode
    }
  }
  try {
    return strict.decode(bytes.subarray(0, n));
  } catch {
    return null; // not UTF-8: refused, not repaired
  }
}

/** Fields in a body: one more than its '&' separators (empty pairs included, an upper bound). */
function fieldCount(body: Uint8Array): number {
  let count = 1;
  for (let i = body.indexOf(0x26); i >= 0; i = body.indexOf(0x26, i + 1)) count++;
  return count;
}

/** Parses the body: the fields, or why it is refused (not valid urlencoded UTF-8, or too many fields). */
export function parseUrlEncoded(body: Uint8Array, maxFields = MAX_FIELDS): UrlEncodedResult {
  if (body.length > 0 && fieldCount(body) > maxFields) return { kind: 'tooManyFields', limit: maxFields };
  let text: string;
  try {
    text = strict.decode(body);
  } catch {
    return { kind: 'invalid' };
  }
  // A Map, not an object: a field named "__proto__" or "constructor" is a field like any other.
  const fields = new Map<string, string[]>();
  if (text !== '') {
    for (const pair of text.split('&')) {
      if (pair === '') continue;
      const at = pair.indexOf('=');
      const name = decodeComponent(at < 0 ? pair : pair.slice(0, at));
      const value = decodeComponent(at < 0 ? '' : pair.slice(at + 1));
      if (name === null || value === null) return { kind: 'invalid' };
      const values = fields.get(name);
      if (values) values.push(value);
      else fields.set(name, [value]);
    }
  }
  const form = Object.fromEntries([...fields].map(([name, values]) => [name, values.length === 1 ? values[0]! : values]));
  return { kind: 'form', form };
}
