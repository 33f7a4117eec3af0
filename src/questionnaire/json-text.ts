// JSON text as the study's files hold it: parsed, or the syntax error placed at its line and column, so a
// researcher editing a file by hand is pointed at the spot (JSON.parse says only "position 1234").

export type JsonText = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly message: string };

/** Parses `text`; a syntax error becomes "not valid JSON at line L, column C: <what JSON.parse said>". */
export function parseJsonText(text: string): JsonText {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    const message = (error as Error).message;
    const at = /position (\d+)/.exec(message);
    // Without a position (unexpected end of input), the error is at the end of the text.
    const offset = at ? Number(at[1]) : text.length;
    const before = text.slice(0, offset).split('\n');
    return { ok: false, message: `not valid JSON at line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1}: ${message}` };
  }
}
