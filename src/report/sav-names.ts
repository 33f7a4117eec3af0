// SPSS variable names for the .sav writer: a valid, unique long name (up to 64 bytes) for every variable, and
// the 8-byte short names the variable records carry (one per segment of a very long string). SPSS compares
// names without regard to case, so uniqueness is checked on upper case. Names are kept to ASCII: SPSS,
// PSPP and R all accept them, and an 8-byte short name cut from them cannot split a character.

/** SPSS's reserved keywords: never variable names. */
const RESERVED = new Set(['ALL', 'AND', 'BY', 'EQ', 'GE', 'GT', 'LE', 'LT', 'NE', 'NOT', 'OR', 'TO', 'WITH']);

export const MAX_NAME_BYTES = 64;
const SHORT_NAME_BYTES = 8;

/** A first character of a letter or @, then letters, digits and _ . @ # $; not ending in a dot; not reserved. */
export function isValidSpssName(name: string, maxBytes = MAX_NAME_BYTES): boolean {
  return (
    name.length > 0 &&
    name.length <= maxBytes &&
    /^[A-Za-z@][A-Za-z0-9_.@#$]*$/.test(name) &&
    !name.endsWith('.') &&
    !RESERVED.has(name.toUpperCase())
  );
}

/** A valid name made from `name` (not yet unique): accents dropped, other characters replaced by "_". */
function validBase(name: string): string {
  let s = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^A-Za-z0-9_.@#$]+/g, '_');
  if (!/^[A-Za-z@]/.test(s)) s = `v${s}`;
  s = s.slice(0, MAX_NAME_BYTES).replace(/\.+$/, '');
  if (RESERVED.has(s.toUpperCase())) s = `v_${s}`;
  return s;
}

/** `base` with the smallest suffix _2, _3, ... that is not taken, kept within `maxBytes`. */
function uniqueWith(base: string, taken: ReadonlySet<string>, maxBytes: number, separator = '_'): string {
  for (let k = 2; ; k++) {
    const suffix = `${separator}${k}`;
    const candidate = `${base.slice(0, maxBytes - suffix.length).replace(/\.+$/, '')}${suffix}`;
    if (!taken.has(candidate.toUpperCase())) return candidate;
  }
}

export interface DerivedName {
  readonly name: string;
  /** True when the name differs from the one given (invalid, too long, reserved or a duplicate). */
  readonly changed: boolean;
}

/**
 * Valid, unique SPSS names for `names`, in order. A name that is already valid keeps itself (the first of
 * several that differ only in case); the others get a derived name that no kept name can displace.
 */
export function deriveSpssNames(names: readonly string[]): DerivedName[] {
  const taken = new Set<string>();
  const out: (DerivedName | undefined)[] = names.map((name) => {
    if (!isValidSpssName(name) || taken.has(name.toUpperCase())) return undefined;
    taken.add(name.toUpperCase());
    return { name, changed: false };
  });
  return names.map((name, i) => {
    const kept = out[i];
    if (kept) return kept;
    const base = validBase(name);
    const derived = taken.has(base.toUpperCase()) ? uniqueWith(base, taken, MAX_NAME_BYTES) : base;
    taken.add(derived.toUpperCase());
    return { name: derived, changed: true };
  });
}

/**
 * Short names: for each variable, one per segment (`segments[i]` of them). The first segment's short name
 * is the upper-cased long name cut to 8 bytes when that is free; every other one is made unique with a
 * numeric suffix. All are valid names of at most 8 bytes, unique without regard to case.
 */
export function shortNames(longNames: readonly string[], segments: readonly number[]): string[][] {
  const taken = new Set<string>();
  const natural = longNames.map((name) => name.toUpperCase().slice(0, SHORT_NAME_BYTES).replace(/\.+$/, ''));
  const first = natural.map((n) => {
    if (!isValidSpssName(n, SHORT_NAME_BYTES) || taken.has(n)) return undefined;
    taken.add(n);
    return n;
  });
  return longNames.map((_, i) => {
    const names: string[] = [];
    let head = first[i];
    if (head === undefined) {
      const base = isValidSpssName(natural[i]!, SHORT_NAME_BYTES) ? natural[i]! : 'V';
      head = uniqueWith(base, taken, SHORT_NAME_BYTES, '');
      taken.add(head);
    }
    names.push(head);
    for (let k = 1; k < (segments[i] ?? 1); k++) {
      const segment = uniqueWith(head.slice(0, 5), taken, SHORT_NAME_BYTES, '');
      taken.add(segment);
      names.push(segment);
    }
    return names;
  });
}
