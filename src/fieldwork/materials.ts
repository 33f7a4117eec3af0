// The texts of the fieldwork materials (letters, reminders, flyers, WhatsApp messages, the group-session
// guide) live in the study folder as `materials.json`, translatable like the questionnaires: every text in
// the five languages, plain or as {text, status}. This module owns the file's schema and its loading; it
// never decides layout (letters.tsx, flyer.tsx, guide.tsx do).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { formatIssues, normalizeText, type ValidationIssue } from '../questionnaire/normalize.ts';
import { localizedTextSchema } from '../questionnaire/schema.ts';
import { LANGUAGES, type Language, type Translation, type TranslationStatus } from '../questionnaire/types.ts';

export const MATERIALS_FILE = 'materials.json';

/** A text in all five languages (the loader refuses a file that lacks one). */
export type MaterialText = Readonly<Record<Language, Translation>>;

export interface LetterTexts {
  readonly title: MaterialText;
  readonly paragraphs: readonly MaterialText[];
}

export interface GuideSection {
  readonly heading: MaterialText;
  readonly steps: readonly MaterialText[];
}

export interface Materials {
  readonly sender: MaterialText;
  readonly codeLabel: MaterialText;
  readonly privacy: MaterialText;
  readonly contact: MaterialText;
  readonly letter: LetterTexts;
  readonly reminder: LetterTexts;
  readonly flyer: LetterTexts & { readonly scan: MaterialText; readonly by: MaterialText };
  readonly message: MaterialText;
  readonly guide: {
    readonly title: MaterialText;
    readonly intro: MaterialText;
    readonly sections: readonly GuideSection[];
    readonly participants: GuideSection;
  };
}

/** Values a text may name as `{name}`; which ones a field may use is listed beside the schema. */
export type Placeholder = 'site' | 'link' | 'email' | 'partner';

const text = localizedTextSchema;
const texts = z.array(localizedTextSchema).min(1);
const letter = z.strictObject({ title: text, paragraphs: texts });
const section = z.strictObject({ heading: text, steps: texts });

export const materialsFileSchema = z.strictObject({
  $schema: z.string().optional(),
  sourceLanguage: z.enum(LANGUAGES).default('nl'),
  translationStatus: z.partialRecord(z.enum(LANGUAGES), z.enum(['source', 'draft', 'reviewed'])).optional(),
  /** Who the letters come from (the research team). */
  sender: text,
  /** The label beside the code in a letter ("Uw code"). */
  codeLabel: text,
  /** The privacy statement printed on letters and reminders. */
  privacy: text,
  /** "Questions? Email {email}." */
  contact: text,
  letter,
  reminder: letter,
  flyer: z.strictObject({ title: text, paragraphs: texts, scan: text, by: text }),
  /** The WhatsApp/text message a partner sends; must hold {link}. */
  message: text,
  guide: z.strictObject({ title: text, intro: text, sections: z.array(section).min(1), participants: section }),
});

type RawMaterials = z.infer<typeof materialsFileSchema>;

/** Placeholders each field may use (by the first segment of its path) and those it must use. */
const ALLOWED: Readonly<Record<string, readonly Placeholder[]>> = {
  sender: [],
  codeLabel: [],
  privacy: [],
  contact: ['email'],
  letter: ['site'],
  reminder: ['site'],
  flyer: ['site', 'partner'],
  message: ['link'],
  guide: ['link', 'site', 'partner', 'email'],
};
const REQUIRED: Readonly<Record<string, readonly Placeholder[]>> = { contact: ['email'], message: ['link'] };

export class MaterialsFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MaterialsFileError';
  }
}

const pathText = (path: readonly PropertyKey[]): string =>
  path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('');

/** Validates and normalises a parsed materials file; the issues name the field and the language. */
export function normalizeMaterials(input: unknown): { ok: true; value: Materials } | { ok: false; issues: ValidationIssue[] } {
  const parsed = materialsFileSchema.safeParse(input);
  if (!parsed.success) return { ok: false, issues: parsed.error.issues.map((i) => ({ path: pathText(i.path), message: i.message })) };
  const raw: RawMaterials = parsed.data;
  const issues: ValidationIssue[] = [];
  const settings = { languages: LANGUAGES, sourceLanguage: raw.sourceLanguage, translationStatus: raw.translationStatus };
  const one = (value: z.infer<typeof text>, at: string): MaterialText => {
    const normalized = normalizeText(value, settings, at, issues);
    const field = at.split(/[.[]/)[0]!;
    for (const lang of LANGUAGES) {
      const t = normalized[lang]?.text;
      if (t === undefined) continue;
      const used = [...t.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1]!);
      for (const name of used) {
        if (!(ALLOWED[field] ?? []).includes(name as Placeholder)) {
          const allowed = ALLOWED[field]?.length ? `; this text may use ${ALLOWED[field].map((p) => `{${p}}`).join(', ')}` : '';
          issues.push({ path: `${at}.${lang}`, message: `unknown placeholder {${name}}${allowed}` });
        }
      }
      for (const name of REQUIRED[field] ?? []) {
        if (!used.includes(name)) issues.push({ path: `${at}.${lang}`, message: `must contain {${name}}` });
      }
    }
    return normalized as MaterialText;
  };
  const many = (values: readonly z.infer<typeof text>[], at: string) => values.map((v, i) => one(v, `${at}[${i}]`));
  const letterOf = (l: RawMaterials['letter'], at: string): LetterTexts => ({
    title: one(l.title, `${at}.title`),
    paragraphs: many(l.paragraphs, `${at}.paragraphs`),
  });
  const sectionOf = (s: RawMaterials['guide']['participants'], at: string): GuideSection => ({
    heading: one(s.heading, `${at}.heading`),
    steps: many(s.steps, `${at}.steps`),
  });
  const value: Materials = {
    sender: one(raw.sender, 'sender'),
    codeLabel: one(raw.codeLabel, 'codeLabel'),
    privacy: one(raw.privacy, 'privacy'),
    contact: one(raw.contact, 'contact'),
    letter: letterOf(raw.letter, 'letter'),
    reminder: letterOf(raw.reminder, 'reminder'),
    flyer: {
      ...letterOf({ title: raw.flyer.title, paragraphs: raw.flyer.paragraphs }, 'flyer'),
      scan: one(raw.flyer.scan, 'flyer.scan'),
      by: one(raw.flyer.by, 'flyer.by'),
    },
    message: one(raw.message, 'message'),
    guide: {
      title: one(raw.guide.title, 'guide.title'),
      intro: one(raw.guide.intro, 'guide.intro'),
      sections: raw.guide.sections.map((s, i) => sectionOf(s, `guide.sections[${i}]`)),
      participants: sectionOf(raw.guide.participants, 'guide.participants'),
    },
  };
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value };
}

/** Reads `materials.json` from a study folder; throws MaterialsFileError naming the file, field and language. */
export function loadMaterials(studyDir: string): Materials {
  const path = join(studyDir, MATERIALS_FILE);
  let source: string;
  try {
    source = readFileSync(path, 'utf8');
  } catch (error) {
    throw new MaterialsFileError(`${path}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  let data: unknown;
  try {
    data = JSON.parse(source);
  } catch (error) {
    throw new MaterialsFileError(`${path}: not valid JSON: ${(error as Error).message}`);
  }
  const result = normalizeMaterials(data);
  if (!result.ok) throw new MaterialsFileError(formatIssues(path, result.issues));
  return result.value;
}

/** A text in one language with its placeholders filled in. */
export function fill(value: MaterialText, lang: Language, values: Partial<Record<Placeholder, string>> = {}): string {
  return value[lang].text.replace(/\{(site|link|email|partner)\}/g, (_, name: Placeholder) => {
    const v = values[name];
    if (v === undefined) throw new Error(`no value for {${name}}`); // a caller's mistake: the loader checked the file
    return v;
  });
}

/** The languages whose texts are not all reviewed (source counts as reviewed), for a warning before printing. */
export function draftLanguages(materials: Materials): Language[] {
  const statuses = new Map<Language, Set<TranslationStatus>>(LANGUAGES.map((l) => [l, new Set()]));
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      if (LANGUAGES.every((l) => l in record) && typeof (record['nl'] as Translation | undefined)?.text === 'string') {
        for (const l of LANGUAGES) statuses.get(l)!.add((record[l] as Translation).status);
      } else Object.values(record).forEach(visit);
    }
  };
  visit(materials);
  return LANGUAGES.filter((l) => statuses.get(l)!.has('draft'));
}
