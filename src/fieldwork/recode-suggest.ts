// Suggestions for "Anders, namelijk..." answers (issue 16, item 7): which existing option of the item an open
// text names, in any of the five languages and scripts ("سوريا", "Syria", "Suriye", "ሶርያ" → Syrië). An option
// is known by its own texts in every language of the questionnaire and, when it names a country or a language,
// by that country's or language's names in CLDR (recode-names.ts). A text naming a country that is no option
// gets no suggestion but says which country it is, so the researcher can keep it as "other". Pure.
import type { LocalizedText, Option } from '../questionnaire/types.ts';
import { cldrNames, normalizeText, type NamedEntity } from './recode-names.ts';

export type Confidence = 'exact' | 'close' | 'partial';

export interface Suggestion {
  /** The suggested option; null when the text names none of them (or two equally). */
  readonly code: number | null;
  readonly label: string | null;
  readonly confidence: Confidence | null;
  /** How the suggestion was found, e.g. "CLDR name of SY (fa)" or "option text". */
  readonly via: string;
  /** A country or language the text names that is not an option (shown to the researcher). */
  readonly names: { readonly kind: 'region' | 'language'; readonly code: string; readonly nl: string } | null;
}

interface Candidate {
  readonly code: number;
  readonly label: string;
  readonly alias: string;
  readonly tokens: readonly string[];
  readonly source: 'option' | 'cldr';
}

const STOPWORDS = new Set(
  [
    ...'ik je jij u de het een en in van mijn met bij op is niet wel heb ben dat die voor naar uit te om aan er maar ook of zijn kom woon we wij ze hij zij nog al veel'.split(
      ' ',
    ),
    ...'i the a an and in of my with at on is not have am that for to from come live do we he she it very too much many'.split(' '),
    ...'ben bir ve ile bu icin de da cok benim ben sen o biz'.split(' '),
    ...'في من انا و مع على الى عن هو هي انت'.split(' '),
    ...'ኣብ ካብ ምስ ኣነ እዩ'.split(' '),
  ].map((w) => normalizeText(w)),
);

/** Damerau-Levenshtein distance (optimal string alignment), stopping early above `limit`. */
function distance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) (d[0] as number[])[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const row = d[i] as number[];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min((d[i - 1] as number[])[j]! + 1, row[j - 1]! + 1, (d[i - 1] as number[])[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, (d[i - 2] as number[])[j - 2]! + 1);
      row[j] = v;
    }
  }
  return (d[a.length] as number[])[b.length] as number;
}

const tolerance = (length: number) => (length >= 8 ? 2 : length >= 4 ? 1 : 0);

/** Two words alike: equal, a typo apart, or one the other with a short ending (Syrian, Suriyeli). */
function wordsMatch(a: string, b: string): number {
  if (a === b) return 0;
  const short = Math.min(a.length, b.length);
  if (short >= 4 && (a.startsWith(b) || b.startsWith(a)) && Math.abs(a.length - b.length) <= 3) return 1;
  const limit = tolerance(short);
  return limit > 0 && distance(a, b, limit) <= limit ? 1 : Infinity;
}

/** How well the text matches an alias: 3 the same, 2.x the same but for typos, 2 every alias word present, 1.x most of the text's words in the alias. */
function score(text: string, tokens: readonly string[], c: Candidate): number {
  if (text === c.alias) return 3;
  const limit = tolerance(Math.min(text.length, c.alias.length));
  if (limit > 0) {
    const d = distance(text, c.alias, limit);
    if (d <= limit) return 2.9 - 0.2 * d;
  }
  if (c.tokens.length > 0 && c.alias.length >= 3) {
    // Every alias word present; exact words count more than near ones ("Kuzey Irak" is Irak, not Iran).
    let apart = 0;
    for (const w of c.tokens) apart += Math.min(...tokens.map((t) => wordsMatch(t, w)));
    if (apart < Infinity) return 2 + Math.min(c.alias.length, 20) / 100 - 0.05 * apart;
  }
  if (c.source !== 'option') return 0;
  const content = tokens.filter((t) => t.length >= 3 && !STOPWORDS.has(t));
  if (content.length === 0) return 0;
  const found = content.filter((t) => c.tokens.some((w) => w.length >= 3 && !STOPWORDS.has(w) && wordsMatch(t, w) < Infinity)).length;
  const share = found / content.length;
  return found > 0 && share >= 0.5 ? 1 + share / 2 : 0;
}

const textsOf = (t: LocalizedText): string[] => Object.values(t).map((x) => x.text);

/** The country or language an option's texts name, if any. */
function entityOf(option: Option, entities: readonly NamedEntity[]): NamedEntity | null {
  const texts = textsOf(option.text).map(normalizeText);
  return entities.find((e) => texts.some((t) => e.names.has(t))) ?? null;
}

export interface Suggester {
  suggest(text: string): Suggestion;
}

/** A suggester for one choice item: its options (the "other" option itself excluded). */
export function suggesterFor(options: readonly Option[], otherCode: number): Suggester {
  const { regions, languages } = cldrNames();
  const entities = [...regions, ...languages];
  const candidates: Candidate[] = [];
  const optionEntities = new Map<string, number>();
  for (const option of options) {
    if (option.code === otherCode || option.other) continue;
    const label = option.text.nl?.text ?? String(option.code);
    const add = (alias: string, source: Candidate['source']) => {
      if (alias !== '') candidates.push({ code: option.code, label, alias, tokens: alias.split(' '), source });
    };
    for (const text of textsOf(option.text)) add(normalizeText(text), 'option');
    const entity = entityOf(option, entities);
    if (entity) {
      optionEntities.set(`${entity.kind}:${entity.code}`, option.code);
      for (const name of entity.names) add(name, 'cldr');
    }
  }
  // Foreign names only of the kind the options name (countries for a country question); none otherwise.
  const kinds = new Set([...optionEntities.keys()].map((k) => k.split(':')[0]));
  const aliases = new Set(candidates.map((c) => c.alias));
  const index = new Map<string, { entity: NamedEntity; tokens: readonly string[] }[]>();
  for (const e of entities) {
    if (!kinds.has(e.kind) || optionEntities.has(`${e.kind}:${e.code}`)) continue;
    for (const name of e.names) {
      const words = name.split(' ');
      // A name an option also goes by is that option's (historical codes such as South Yemen share names).
      if (name.length < 3 || aliases.has(name)) continue;
      const first = words[0] as string;
      index.set(first, [...(index.get(first) ?? []), { entity: e, tokens: words }]);
    }
  }
  const foreignIn = (tokens: readonly string[]): NamedEntity | undefined => {
    const present = new Set(tokens);
    for (const t of tokens) for (const hit of index.get(t) ?? []) if (hit.tokens.every((w) => present.has(w))) return hit.entity;
    return undefined;
  };
  return {
    suggest(raw: string): Suggestion {
      const text = normalizeText(raw);
      const tokens = text.split(' ').filter((t) => t !== '');
      const none = { code: null, label: null, confidence: null } as const;
      if (tokens.length === 0) return { ...none, via: 'empty text', names: null };
      let best: { c: Candidate; s: number } | null = null;
      let tied = false;
      for (const c of candidates) {
        const s = score(text, tokens, c);
        if (s <= 0) continue;
        if (!best || s > best.s + 1e-9) {
          best = { c, s };
          tied = false;
        } else if (Math.abs(s - best.s) < 1e-9 && c.code !== best.c.code) tied = true;
      }
      // A country (or language) the text names that no option stands for: whole words only, no near misses.
      const foreign = foreignIn(tokens);
      const names = foreign ? { kind: foreign.kind, code: foreign.code, nl: foreign.nl } : null;
      if (!best || tied) return { ...none, via: tied ? 'names two options equally' : 'no option matches', names };
      const confidence: Confidence = names ? 'partial' : best.s >= 3 ? 'exact' : best.s >= 2 ? 'close' : 'partial';
      const via = best.c.source === 'cldr' ? 'CLDR name' : 'option text';
      return { code: best.c.code, label: best.c.label, confidence, via, names };
    },
  };
}
