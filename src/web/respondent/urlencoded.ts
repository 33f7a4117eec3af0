// A strict reader of application/x-www-form-urlencoded bodies: every name and value must be valid UTF-8
// after percent-decoding, and a malformed escape is an error, not a silent U+FFFD.
import type { FormData } from './form.ts';

const strict = new TextDecoder('utf-8', { fatal: true });

function decodeComponent(text: string): string | null {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x25 /* % */) {
      const hex = text.slice(i + 1, i + 3);
      if (!/^[0-9A-Fa-f]{2}$/.test(hex)) return null;
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else if (ch === 0x2b /* + */) {
      bytes.push(0x20);
    } else if (ch < 0x80) {
      bytes.push(ch);
    } else {
      return null; // raw non-ASCII: browsers always percent-encode
    }
  }
  try {
    return strict.decode(new Uint8Array(bytes));
  } catch {
    return null; // not UTF-8: refused, not repaired
  }
}

/** Parses the body, or returns null when it is not valid urlencoded UTF-8. */
export function parseUrlEncoded(body: Uint8Array): FormData | null {
  let text: string;
  try {
    text = strict.decode(body);
  } catch {
    return null;
  }
  const out: Record<string, string | string[]> = {};
  if (text === '') return out;
  for (const pair of text.split('&')) {
    if (pair === '') continue;
    const at = pair.indexOf('=');
    const name = decodeComponent(at < 0 ? pair : pair.slice(0, at));
    const value = decodeComponent(at < 0 ? '' : pair.slice(at + 1));
    if (name === null || value === null) return null;
    const prev = out[name];
    out[name] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  return out;
}
