// Formats authoring files the way people write them: a short object or array on one line, a long one spread
// over lines, so a questionnaire file reads like the shipped ones and diffs stay small.

const inline = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(inline).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    return entries.length === 0 ? '{}' : `{ ${entries.map(([k, v]) => `${JSON.stringify(k)}: ${inline(v)}`).join(', ')} }`;
  }
  return JSON.stringify(value);
};

/** JSON text with 2-space indentation; a container that fits within `width` columns, or a list of plain values, stays on one line. */
export function formatJson(value: unknown, width = 120): string {
  /** `column` is where the value starts on its line; `indent` the indentation of that line. */
  const go = (v: unknown, indent: string, column: number): string => {
    const one = inline(v);
    const flatList = Array.isArray(v) && v.every((x) => x === null || typeof x !== 'object');
    if (v === null || typeof v !== 'object' || flatList || column + one.length <= width) return one;
    const inner = `${indent}  `;
    if (Array.isArray(v)) return `[\n${v.map((x) => inner + go(x, inner, inner.length)).join(',\n')}\n${indent}]`;
    const lines = Object.entries(v)
      .filter(([, x]) => x !== undefined)
      .map(([k, x]) => {
        const prefix = `${inner}${JSON.stringify(k)}: `;
        return prefix + go(x, inner, prefix.length);
      });
    return `{\n${lines.join(',\n')}\n${indent}}`;
  };
  return `${go(value, '', 0)}\n`;
}
