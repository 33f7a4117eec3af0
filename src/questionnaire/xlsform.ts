// XLSForm ↔ questionnaire, as plain rows (the ExcelJS file I/O lives in report/xlsform-file.ts). A page is a
// `begin_group`/`end_group` pair (appearance field-list), a scale is `select_one` with appearance `likert`,
// an "Anders, namelijk..." text is a `text` row `relevant: selected(${item}, 'code')` marked `other_of`.
// Columns beyond standard XLSForm (tables, reconstructed, note, status::…, unit::…, missing, exclusive) carry
// what XLSForm cannot, so export → import → export is the identity.
import { conditionItems, parseExpression, printExpression as printCondition } from './expression.ts';
import { normalizeQuestionnaire, type LoadResult, type ValidationIssue } from './normalize.ts';
import type { QuestionnaireFile, RawItem } from './schema.ts';
import { LANGUAGES, type Item, type Language, type LocalizedText, type QuestionnaireDefinition } from './types.ts';
import { fromXlsExpression, toXlsExpression, XlsExpressionError } from './xlsform-expression.ts';

export type XlsRow = Readonly<Record<string, string>>;
export interface XlsSheet {
  readonly columns: readonly string[];
  readonly rows: readonly XlsRow[];
}
export interface XlsForm {
  readonly survey: XlsSheet;
  readonly choices: XlsSheet;
  readonly settings: XlsSheet;
}

const NATIVE: Record<Language, string> = { nl: 'Nederlands', en: 'English', ar: 'العربية', tr: 'Türkçe', ti: 'ትግርኛ' };
/** `Nederlands (nl)`: the XLSForm language label, with the code we read back. */
export const languageLabel = (lang: Language): string => `${NATIVE[lang]} (${lang})`;
const perLang = (prefix: string, langs: readonly Language[]) => langs.map((l) => `${prefix}::${languageLabel(l)}`);

const yes = (b: boolean | undefined) => (b ? 'yes' : '');
/** Rows hold only filled cells, as a sheet read back from a file does. */
const compact = (row: Record<string, string>): XlsRow => Object.fromEntries(Object.entries(row).filter(([, v]) => v !== ''));
const numberText = (n: number) => String(n);

/** Maps a questionnaire to the survey, choices and settings sheets. */
export function toXlsForm(def: QuestionnaireDefinition): XlsForm {
  const langs = def.languages;
  const surveyColumns = [
    'type',
    'name',
    ...perLang('label', langs),
    ...perLang('hint', langs),
    'required',
    'relevant',
    'constraint',
    'appearance',
    ...perLang('unit', langs),
    ...perLang('status', langs),
    'other_of',
    'tables',
    'reconstructed',
    'note',
  ];
  const choiceColumns = ['list_name', 'name', ...perLang('label', langs), ...perLang('status', langs), 'missing', 'exclusive'];
  const texts = (prefix: string, text: LocalizedText | undefined): Record<string, string> =>
    Object.fromEntries(langs.map((l) => [`${prefix}::${languageLabel(l)}`, text?.[l]?.text ?? '']));
  const statuses = (text: LocalizedText): Record<string, string> =>
    Object.fromEntries(langs.map((l) => [`status::${languageLabel(l)}`, text[l]?.status ?? '']));
  const survey: XlsRow[] = [];
  const choices: XlsRow[] = [];
  for (const page of def.pages) {
    survey.push({
      type: 'begin_group',
      name: page.id,
      ...texts('label', page.title),
      appearance: 'field-list',
      ...(page.condition ? { relevant: toXlsExpression(page.condition) } : {}),
      ...(page.title ? statuses(page.title) : {}),
    });
    for (const item of page.items) {
      survey.push(itemRow(item, texts, statuses));
      if (item.kind === 'single' || item.kind === 'multi' || item.kind === 'scale') {
        for (const o of item.options) {
          choices.push({
            list_name: item.id,
            name: numberText(o.code),
            ...texts('label', o.text),
            ...statuses(o.text),
            missing: yes(o.missing),
            exclusive: yes(o.exclusive),
          });
          if (o.other) {
            survey.push({ type: 'text', name: o.other, relevant: `selected(\${${item.id}}, '${o.code}')`, other_of: item.id });
          }
        }
      }
    }
    survey.push({ type: 'end_group', name: page.id });
  }
  const settings: XlsRow = {
    form_id: def.id,
    version: numberText(def.version),
    group: def.group,
    default_language: languageLabel(def.sourceLanguage),
    ...Object.fromEntries(langs.map((l) => [`form_title::${languageLabel(l)}`, def.title[l]?.text ?? ''])),
    ...statuses(def.title),
    form_title: def.title[def.sourceLanguage]?.text ?? def.id,
  };
  const settingsColumns = [
    'form_title',
    'form_id',
    'version',
    'group',
    'default_language',
    ...perLang('form_title', langs),
    ...perLang('status', langs),
  ];
  return {
    survey: { columns: surveyColumns, rows: survey.map(compact) },
    choices: { columns: choiceColumns, rows: choices.map(compact) },
    settings: { columns: settingsColumns, rows: [compact(settings)] },
  };
}

function itemRow(
  item: Item,
  texts: (p: string, t: LocalizedText | undefined) => Record<string, string>,
  statuses: (t: LocalizedText) => Record<string, string>,
): XlsRow {
  const base: Record<string, string> = {
    name: item.id,
    ...texts('label', item.text),
    ...texts('hint', item.help),
    required: yes(item.required),
    ...(item.condition ? { relevant: toXlsExpression(item.condition) } : {}),
    ...statuses(item.text),
    tables: item.tables.join(' '),
    reconstructed: yes(item.reconstructed),
    note: item.note ?? '',
  };
  switch (item.kind) {
    case 'single':
      return { ...base, type: `select_one ${item.id}` };
    case 'scale':
      return {
        ...base,
        type: `select_one ${item.id}`,
        appearance: item.valence === 'lower-is-positive' ? 'likert lower-is-positive' : 'likert',
      };
    case 'multi':
      return { ...base, type: `select_multiple ${item.id}` };
    case 'numeric':
      return {
        ...base,
        type: item.integer ? 'integer' : 'decimal',
        constraint: `. >= ${item.min} and . <= ${item.max}`,
        ...(item.unit ? texts('unit', item.unit) : {}),
      };
    case 'text':
      return { ...base, type: 'text', constraint: `string-length(.) <= ${item.maxLength}` };
  }
}

/** Reads sheets into a questionnaire; unsupported types and unreadable cells are issues naming sheet, row and column. */
export function fromXlsForm(form: XlsForm): LoadResult<QuestionnaireDefinition> {
  const read = readXlsForm(form);
  return read.ok ? normalizeQuestionnaire(read.value) : read;
}

const LANG_IN_HEADER = /^(label|hint|unit|status|form_title)::.*\(([a-z]{2})\)$/;

/** The authoring-file form of an XLSForm (before normalisation), or the problems found. */
export function readXlsForm(form: XlsForm): LoadResult<QuestionnaireFile> {
  const issues: ValidationIssue[] = [];
  const langs = new Set<Language>();
  for (const col of [...form.survey.columns, ...form.choices.columns]) {
    const m = LANG_IN_HEADER.exec(col);
    if (m && (LANGUAGES as readonly string[]).includes(m[2]!)) langs.add(m[2] as Language);
    else if (m)
      issues.push({ path: `survey, column ${col}`, message: `unsupported language '${m[2]}'; use one of ${LANGUAGES.join(', ')}` });
  }
  const plain = form.survey.columns.includes('label') || form.choices.columns.includes('label');
  if (plain) langs.add('nl');
  const languages = LANGUAGES.filter((l) => langs.has(l));
  const cell = (row: XlsRow, prefix: string, lang: Language): string =>
    row[`${prefix}::${languageLabel(lang)}`] ?? findLang(row, prefix, lang) ?? (lang === 'nl' && plain ? (row[prefix] ?? '') : '');
  const text = (row: XlsRow, prefix: string) => {
    const out: Record<string, string | { text: string; status: 'source' | 'draft' | 'reviewed' }> = {};
    for (const l of languages) {
      const t = cell(row, prefix, l).trim();
      if (!t) continue;
      const s = cell(row, 'status', l);
      out[l] = s === 'source' || s === 'draft' || s === 'reviewed' ? { text: t, status: s } : t;
    }
    return out;
  };
  const settings = form.settings.rows[0] ?? {};
  const source = (/\(([a-z]{2})\)$/.exec(settings.default_language ?? '')?.[1] ?? 'nl') as Language;

  const lists = new Map<string, { code: number; row: XlsRow; line: number }[]>();
  form.choices.rows.forEach((row, r) => {
    const code = Number(row.name);
    if (!Number.isInteger(code)) {
      issues.push({
        path: `choices row ${r + 2}, name`,
        message: `choice name '${row.name ?? ''}' is not a whole number; Perspectief stores option codes`,
      });
      return;
    }
    const list = lists.get(row.list_name ?? '') ?? [];
    list.push({ code, row, line: r + 2 });
    lists.set(row.list_name ?? '', list);
  });

  const pages: QuestionnaireFile['pages'] = [];
  let page: { id: string; title?: Record<string, unknown>; condition?: string; items: RawItem[] } | null = null;
  let grouped = false;
  const continued = new Map<string, number>();
  const condition = (row: XlsRow, line: number): string | undefined => {
    const rel = row.relevant?.trim();
    if (!rel) return undefined;
    try {
      return printCondition(fromXlsExpression(rel));
    } catch (error) {
      if (!(error instanceof XlsExpressionError)) throw error;
      issues.push({
        path: `survey row ${line}, relevant`,
        item: row.name,
        message: `cannot read '${rel}' at character ${error.position + 1}: ${error.message}`,
      });
      return undefined;
    }
  };
  const flush = () => {
    if (page && page.items.length > 0) pages.push(page);
    page = null;
  };
  const lastItem = (): RawItem | undefined => (page as { items: RawItem[] } | null)?.items.at(-1);

  form.survey.rows.forEach((row, r) => {
    const line = r + 2;
    const [type = '', list, orOther] = (row.type ?? '').trim().split(/\s+/);
    const name = row.name?.trim() ?? '';
    if (type === '' && !name) return;
    if (type === 'begin_group' || (type === 'begin' && list === 'group')) {
      flush();
      grouped = true;
      const title = text(row, 'label');
      const cond = condition(row, line);
      page = { id: name, ...(Object.keys(title).length ? { title } : {}), ...(cond ? { condition: cond } : {}), items: [] };
      return;
    }
    if (type === 'end_group' || (type === 'end' && list === 'group')) {
      flush();
      grouped = false;
      return;
    }
    if (row.other_of) {
      const parent = lastItem();
      const code = /selected\(\$\{[^}]+\},\s*'(-?\d+)'\)/.exec(row.relevant ?? '')?.[1];
      if (!parent || !('options' in parent) || parent.id !== row.other_of || code === undefined) {
        issues.push({
          path: `survey row ${line}, other_of`,
          item: name,
          message: `open text must follow its item ${row.other_of} and be relevant on selected(\${${row.other_of}}, 'code')`,
        });
        return;
      }
      const option = parent.options.find((o) => o.code === Number(code));
      if (!option) issues.push({ path: `survey row ${line}, relevant`, item: name, message: `${row.other_of} has no option ${code}` });
      else (option as { other?: string }).other = name;
      return;
    }
    if (!grouped) {
      flush();
      page = { id: `p_${name}`, items: [] };
    }
    const item = readItem(row, line, type, list, orOther, text, condition, lists, languages, issues);
    if (item && page) {
      // Our pages store answers as a whole, so an item that depends on one on its own page starts a new page.
      const current: { id: string; title?: Record<string, unknown>; condition?: string; items: RawItem[] } = page;
      const refs = typeof item.condition === 'string' ? conditionItems(parseExpression(item.condition)) : [];
      if (refs.some((ref) => current.items.some((i) => i.id === ref))) {
        flush();
        continued.set(current.id, (continued.get(current.id) ?? 1) + 1);
        page = { ...current, id: `${current.id.replace(/-\d+$/, '')}-${continued.get(current.id)}`, items: [] };
      }
      (page as { items: RawItem[] }).items.push(item);
    }
    if (!grouped) flush();
  });
  flush();
  if (issues.length > 0) return { ok: false, issues };
  const formTitle = text(settings, 'form_title');
  const file: QuestionnaireFile = {
    id: settings.form_id ?? 'form',
    version: Number(settings.version ?? 1) || 1,
    group: settings.group || settings.form_id || 'form',
    title: Object.keys(formTitle).length ? formTitle : { [source]: settings.form_title ?? settings.form_id ?? 'form' },
    sourceLanguage: source,
    languages,
    pages,
  };
  return { ok: true, value: file };
}

function findLang(row: XlsRow, prefix: string, lang: Language): string | undefined {
  for (const [k, v] of Object.entries(row)) if (k.startsWith(`${prefix}::`) && k.endsWith(`(${lang})`)) return v;
  return undefined;
}

const OTHER_LABEL: Record<Language, string> = {
  nl: 'Anders, namelijk...',
  en: 'Other, namely...',
  ar: 'غير ذلك، وهو...',
  tr: 'Diğer, yani...',
  ti: 'ካልእ፣ ማለት...',
};

function readItem(
  row: XlsRow,
  line: number,
  type: string,
  list: string | undefined,
  orOther: string | undefined,
  text: (row: XlsRow, prefix: string) => Record<string, unknown>,
  condition: (row: XlsRow, line: number) => string | undefined,
  lists: Map<string, { code: number; row: XlsRow; line: number }[]>,
  languages: readonly Language[],
  issues: ValidationIssue[],
): RawItem | undefined {
  const name = row.name?.trim() ?? '';
  const help = text(row, 'hint');
  const cond = condition(row, line);
  const base = {
    id: name,
    text: text(row, 'label') as RawItem['text'],
    ...(Object.keys(help).length ? { help: help as RawItem['text'] } : {}),
    ...(row.required === 'yes' || row.required === 'true' ? { required: true } : {}),
    ...(cond ? { condition: cond } : {}),
    ...(row.tables?.trim() ? { tables: row.tables.trim().split(/\s+/) } : {}),
    ...(row.reconstructed === 'yes' ? { reconstructed: true } : {}),
    ...(row.note?.trim() ? { note: row.note.trim() } : {}),
  };
  const constraint = row.constraint?.trim() ?? '';
  switch (type) {
    case 'select_one':
    case 'select_multiple': {
      const choices = lists.get(list ?? '');
      if (!choices) {
        issues.push({ path: `survey row ${line}, type`, item: name, message: `choice list '${list ?? ''}' is not on the choices sheet` });
        return undefined;
      }
      const options = choices.map((c) => ({
        code: c.code,
        text: text(c.row, 'label'),
        ...(c.row.missing === 'yes' ? { missing: true } : {}),
        ...(c.row.exclusive === 'yes' ? { exclusive: true } : {}),
      }));
      if (orOther === 'or_other') {
        const code = Math.max(0, ...options.map((o) => o.code)) + 1;
        options.push({
          code,
          text: Object.fromEntries(languages.map((l) => [l, OTHER_LABEL[l]])),
          other: `${name}_other`,
        } as (typeof options)[number]);
      } else if (orOther !== undefined) {
        issues.push({ path: `survey row ${line}, type`, item: name, message: `unsupported type modifier '${orOther}'` });
      }
      const kind = type === 'select_multiple' ? 'multi' : row.appearance?.includes('likert') ? 'scale' : 'single';
      const reversed = kind === 'scale' && /\blower-is-positive\b/.test(row.appearance ?? '');
      return { ...base, kind, options, ...(reversed ? { valence: 'lower-is-positive' } : {}) };
    }
    case 'integer':
    case 'decimal': {
      const m = /^\.\s*>=\s*(-?[\d.]+)\s+and\s+\.\s*<=\s*(-?[\d.]+)$/.exec(constraint);
      const unit = text(row, 'unit');
      return {
        ...base,
        kind: 'numeric',
        min: m ? Number(m[1]) : 0,
        max: m ? Number(m[2]) : 999999,
        integer: type === 'integer',
        ...(Object.keys(unit).length ? { unit } : {}),
      };
    }
    case 'text': {
      const m = /^string-length\(\.\)\s*<=\s*(\d+)$/.exec(constraint);
      return { ...base, kind: 'text', ...(m ? { maxLength: Number(m[1]) } : {}) };
    }
    default:
      issues.push({
        path: `survey row ${line}, type`,
        item: name,
        message: `unsupported question type '${row.type ?? ''}' (supported: select_one, select_multiple, integer, decimal, text, begin_group/end_group)`,
      });
      return undefined;
  }
}
