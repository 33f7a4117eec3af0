// Authoring file → canonical QuestionnaireDefinition, with every check a researcher needs to fix a file:
// structure (zod), unique ids and option codes, complete translations, conditions that name known items of
// earlier pages, and no routing cycles. Returns a result value; never throws on bad input.
import { conditionItems, ExpressionError, parseExpression } from './expression.ts';
import { questionnaireFileSchema, type QuestionnaireFile, type RawCondition, type RawItem, type RawLocalizedText } from './schema.ts';
import type {
  Condition,
  Item,
  ItemId,
  Language,
  LocalizedText,
  Option,
  Page,
  PageId,
  QuestionnaireDefinition,
  QuestionnaireId,
  TranslationStatus,
} from './types.ts';
import { parseJsonText } from './json-text.ts';

type RawOption = Extract<RawItem, { kind: 'single' }>['options'][number];

export interface ValidationIssue {
  /** JSON path inside the file, e.g. `pages[2].items[0].options[1].code`. */
  readonly path: string;
  readonly item?: string | undefined;
  readonly message: string;
}

export type LoadResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly issues: readonly ValidationIssue[] };

export const formatIssues = (file: string, issues: readonly ValidationIssue[]): string =>
  issues.map((i) => `${file}: ${i.item ? `item ${i.item}, ` : ''}${i.path || '(file)'}: ${i.message}`).join('\n');

const pathText = (path: readonly PropertyKey[]): string =>
  path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('');

/** Validates and normalises a parsed questionnaire file. */
export function normalizeQuestionnaire(input: unknown): LoadResult<QuestionnaireDefinition> {
  const parsed = questionnaireFileSchema.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.map((i) => ({ path: pathText(i.path), item: itemAt(input, i.path), message: i.message })),
    };
  }
  return new Normalizer(parsed.data).run();
}

/** The id of the item a zod path points into, when it points into one. */
function itemAt(input: unknown, path: readonly PropertyKey[]): string | undefined {
  const pi = path.indexOf('pages');
  const ii = path.indexOf('items');
  if (pi !== 0 || ii !== 2) return undefined;
  const file = input as { pages?: { items?: { id?: unknown }[] }[] };
  const id = file.pages?.[path[1] as number]?.items?.[path[3] as number]?.id;
  return typeof id === 'string' ? id : undefined;
}

class Normalizer {
  private readonly issues: ValidationIssue[] = [];
  /** item id → index of the page it is on (open "other" texts included). */
  private readonly pageOf = new Map<string, number>();
  private readonly kindOf = new Map<string, Item['kind'] | 'other'>();
  private readonly codesOf = new Map<string, Set<number>>();
  private readonly dependsOn = new Map<string, string[]>();
  private readonly forwardRefs: { owner: string; ref: string; at: string }[] = [];

  constructor(private readonly file: QuestionnaireFile) {}

  run(): LoadResult<QuestionnaireDefinition> {
    const f = this.file;
    if (!f.languages.includes(f.sourceLanguage)) this.issue('sourceLanguage', `source language '${f.sourceLanguage}' is not in languages`);
    this.collectIds();
    const pages = f.pages.map((page, p) => this.page(page, p));
    this.checkCycles();
    if (this.issues.length > 0) return { ok: false, issues: this.issues };
    return {
      ok: true,
      value: {
        id: f.id as QuestionnaireId,
        version: f.version,
        group: f.group,
        title: this.text(f.title, 'title'),
        languages: f.languages,
        sourceLanguage: f.sourceLanguage,
        pages,
      },
    };
  }

  private issue(path: string, message: string, item?: string): void {
    this.issues.push(item === undefined ? { path, message } : { path, item, message });
  }

  private collectIds(): void {
    const pageIds = new Set<string>();
    this.file.pages.forEach((page, p) => {
      if (pageIds.has(page.id)) this.issue(`pages[${p}].id`, `page id '${page.id}' is used twice`);
      pageIds.add(page.id);
      page.items.forEach((item, i) => {
        const at = `pages[${p}].items[${i}]`;
        this.claim(item.id, p, item.kind, `${at}.id`);
        if (item.kind === 'single' || item.kind === 'multi' || item.kind === 'scale') {
          const codes = new Set<number>();
          item.options.forEach((option, o) => {
            if (codes.has(option.code)) this.issue(`${at}.options[${o}].code`, `option code ${option.code} is used twice`, item.id);
            codes.add(option.code);
            if (option.other) this.claim(option.other, p, 'other', `${at}.options[${o}].other`);
          });
          this.codesOf.set(item.id, codes);
        }
      });
    });
  }

  private claim(id: string, page: number, kind: Item['kind'] | 'other', path: string): void {
    if (this.pageOf.has(id)) this.issue(path, `item id '${id}' is used twice`, id);
    this.pageOf.set(id, page);
    this.kindOf.set(id, kind);
  }

  private page(raw: QuestionnaireFile['pages'][number], p: number): Page {
    const at = `pages[${p}]`;
    const condition = raw.condition === undefined ? undefined : this.condition(raw.condition, `${at}.condition`, p, `page ${raw.id}`);
    const items = raw.items.map((item, i) => this.item(item, `${at}.items[${i}]`, p));
    return {
      id: raw.id as PageId,
      items,
      ...(raw.title ? { title: this.text(raw.title, `${at}.title`) } : {}),
      ...(condition ? { condition } : {}),
    };
  }

  private item(raw: RawItem, at: string, p: number): Item {
    const condition = raw.condition === undefined ? undefined : this.condition(raw.condition, `${at}.condition`, p, raw.id);
    const base = {
      id: raw.id as ItemId,
      text: this.text(raw.text, `${at}.text`, raw.id),
      required: raw.required ?? false,
      tables: raw.tables ?? [],
      reconstructed: raw.reconstructed ?? false,
      ...(raw.help ? { help: this.text(raw.help, `${at}.help`, raw.id) } : {}),
      ...(raw.note ? { note: raw.note } : {}),
      ...(condition ? { condition } : {}),
    };
    switch (raw.kind) {
      case 'single':
      case 'multi':
        return { ...base, kind: raw.kind, options: raw.options.map((o, i) => this.option(o, `${at}.options[${i}]`, raw.id)) };
      case 'scale':
        return {
          ...base,
          kind: 'scale',
          options: raw.options.map((o, i) => this.option(o, `${at}.options[${i}]`, raw.id)),
          valence: raw.valence ?? 'higher-is-positive',
        };
      case 'numeric':
        if (raw.min > raw.max) this.issue(`${at}.min`, `min ${raw.min} is above max ${raw.max}`, raw.id);
        return {
          ...base,
          kind: 'numeric',
          min: raw.min,
          max: raw.max,
          integer: raw.integer ?? true,
          ...(raw.unit ? { unit: this.text(raw.unit, `${at}.unit`, raw.id) } : {}),
        };
      case 'text':
        return { ...base, kind: 'text', maxLength: raw.maxLength ?? 2000 };
    }
  }

  private option(raw: RawOption, at: string, item: string): Option {
    return {
      code: raw.code,
      text: this.text(raw.text, `${at}.text`, item),
      ...(raw.other ? { other: raw.other as ItemId } : {}),
      ...(raw.exclusive ? { exclusive: true } : {}),
      ...(raw.missing ? { missing: true } : {}),
    };
  }

  private text(raw: RawLocalizedText, at: string, item?: string): LocalizedText {
    return normalizeText(raw, this.file, at, this.issues, item);
  }

  private condition(raw: RawCondition, at: string, page: number, owner: string): Condition | undefined {
    let condition: Condition;
    try {
      condition = typeof raw === 'string' ? parseExpression(raw) : (raw as Condition);
    } catch (error) {
      if (!(error instanceof ExpressionError)) throw error;
      this.issue(at, `cannot read the condition at character ${error.position + 1}: ${error.message}`, owner);
      return undefined;
    }
    const refs = conditionItems(condition);
    this.dependsOn.set(owner, refs);
    for (const ref of refs) {
      const refPage = this.pageOf.get(ref);
      if (refPage === undefined) {
        this.issue(at, `condition refers to unknown item '${ref}'`, owner);
      } else if (ref === owner) {
        this.issue(at, `routing cycle: ${owner} → ${owner}`, owner);
      } else if (refPage >= page) {
        this.forwardRefs.push({ owner, ref, at });
      }
    }
    this.checkCodes(condition, at, owner);
    return condition;
  }

  private checkCodes(condition: Condition, at: string, owner: string): void {
    const check = (c: Condition): void => {
      switch (c.kind) {
        case 'all':
        case 'any':
          return c.conditions.forEach(check);
        case 'not':
          return check(c.condition);
        case 'answered':
          return;
        case 'in': {
          const codes = this.codesOf.get(c.item);
          if (!codes) {
            if (this.kindOf.has(c.item)) this.issue(at, `'in' needs an item with options; ${c.item} has none`, owner);
            return;
          }
          for (const v of c.values) if (!codes.has(v)) this.issue(at, `${c.item} has no option with code ${v}`, owner);
          return;
        }
        case 'compare': {
          const kind = this.kindOf.get(c.item);
          if (kind === 'multi' || kind === 'text' || kind === 'other')
            this.issue(at, `cannot compare ${c.item} (${kind}) with '${c.op}'; use 'in' or answered()`, owner);
          return;
        }
      }
    };
    check(condition);
  }

  /** A path of dependencies from `from` back to `to`, if one exists. */
  private cyclePath(from: string, to: string, seen = new Set<string>()): string[] | null {
    if (from === to) return [to];
    if (seen.has(from)) return null;
    seen.add(from);
    for (const next of this.dependsOn.get(from) ?? []) {
      const path = this.cyclePath(next, to, seen);
      if (path) return [from, ...path];
    }
    return null;
  }

  private checkCycles(): void {
    const reported = new Set<string>();
    for (const [owner, refs] of this.dependsOn) {
      for (const ref of refs) {
        const path = ref === owner ? null : this.cyclePath(ref, owner);
        if (!path || reported.has(owner)) continue;
        const cycle = [owner, ...path];
        cycle.forEach((id) => reported.add(id));
        this.issue('condition', `routing cycle: ${cycle.join(' → ')}`, owner);
      }
    }
    for (const { owner, ref, at } of this.forwardRefs) {
      if (reported.has(owner)) continue;
      this.issue(
        at,
        `condition refers to '${ref}', which is not on an earlier page (an answer counts only once its page is stored)`,
        owner,
      );
    }
  }
}

/** The language settings a file's texts are read with. */
export interface TextSettings {
  readonly languages: readonly Language[];
  readonly sourceLanguage: Language;
  readonly translationStatus?: Partial<Record<Language, TranslationStatus>> | undefined;
}

/** Resolves an authored text to {text, status} per language, adding an issue for each missing language. */
export function normalizeText(
  raw: RawLocalizedText,
  settings: TextSettings,
  at: string,
  issues: ValidationIssue[],
  item?: string,
): LocalizedText {
  const out: Partial<Record<Language, { text: string; status: TranslationStatus }>> = {};
  for (const lang of settings.languages) {
    const value = raw[lang];
    if (value === undefined) {
      issues.push(
        item === undefined
          ? { path: at, message: `missing translation for '${lang}'` }
          : { path: at, item, message: `missing translation for '${lang}'` },
      );
      continue;
    }
    const fallback: TranslationStatus = lang === settings.sourceLanguage ? 'source' : (settings.translationStatus?.[lang] ?? 'draft');
    out[lang] = typeof value === 'string' ? { text: value, status: fallback } : value;
  }
  return out;
}

/** Parses JSON text and normalises it, reporting JSON syntax errors with their line and column. */
export function loadQuestionnaireText(text: string): LoadResult<QuestionnaireDefinition> {
  const parsed = parseJsonText(text);
  return parsed.ok ? normalizeQuestionnaire(parsed.value) : { ok: false, issues: [{ path: '', message: parsed.message }] };
}
