// Reads an attribution as the report prints it, "(man, 57, Turkije, Z-route)", into its parts. The report
// is not uniform ("57 jaar", "B1 route", route before country, "grote gemeente"); every variant seen in
// the seed is read here, and what is left over is kept as `extra`.

export interface ParsedAttribution {
  readonly gender: 'man' | 'vrouw';
  readonly age: number | null;
  readonly country: string | null;
  readonly route: 'onderwijs' | 'b1' | 'z' | null;
  readonly extra: string[];
}

const ROUTE: readonly [RegExp, 'onderwijs' | 'b1' | 'z'][] = [
  [/^onderwijs-?route$/i, 'onderwijs'],
  [/^b(1|\.)[- ]route$/i, 'b1'],
  [/^z-route$/i, 'z'],
];

export function parseAttribution(printed: string): ParsedAttribution {
  const inner = printed
    .replace(/^\(\s*(participant interviews:\s*)?/i, '')
    .replace(/\)$/, '')
    .trim();
  // "man 51, Turkije" and "Syrië B1-route" lack a comma.
  const parts = inner
    .replace(/^(man|vrouw)\s+(\d)/i, '$1, $2')
    .replace(/\s+((?:B1|Z)-route)$/i, ', $1')
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const gender = parts.shift()!.toLowerCase() as 'man' | 'vrouw';
  let age: number | null = null;
  let country: string | null = null;
  let route: ParsedAttribution['route'] = null;
  const extra: string[] = [];
  for (const p of parts) {
    const a = /^(\d{2})( jaar)?$/.exec(p);
    const r = ROUTE.find(([re]) => re.test(p));
    if (a && age === null) age = Number(a[1]);
    else if (r && route === null) route = r[1];
    else if (country === null && !/gemeente/.test(p)) country = p;
    else extra.push(p);
  }
  return { gender, age, country, route, extra };
}
