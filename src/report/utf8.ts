// UTF-8 byte lengths and cuts that never split a character: the .sav format counts widths and label
// lengths in bytes, and Arabic (2 bytes a letter) and Tigrinya (3) reach those limits long before Dutch.

export const utf8Length = (text: string): number => Buffer.byteLength(text, 'utf8');

/** `text` cut to at most `maxBytes` bytes of UTF-8, at a character boundary (never half a character). */
export function truncateUtf8(text: string, maxBytes: number): string {
  if (text.length <= maxBytes / 3 || utf8Length(text) <= maxBytes) return text;
  const bytes = Buffer.from(text, 'utf8');
  let cut = Math.max(0, maxBytes);
  // A byte 10xxxxxx continues a character: step back to the character's first byte.
  while (cut > 0 && ((bytes[cut] ?? 0) & 0xc0) === 0x80) cut--;
  return bytes.subarray(0, cut).toString('utf8');
}

/** `text` as UTF-8 in exactly `size` bytes: cut at a character boundary or padded on the right with spaces. */
export function utf8Padded(text: string, size: number): Buffer {
  const out = Buffer.alloc(size, 0x20);
  out.write(text, 0, size, 'utf8');
  return out;
}
