// The codebook: every variable of a study's questionnaires in one HTML page per language, with its label,
// values, routing condition per questionnaire (printed expression), the report tables it feeds, and what was
// reconstructed. Also the landing filter questions, the composite scales and the derived variables.
// Every text passes through esc(); the page is built from escaped strings only.
import { printExpression } from '../questionnaire/expression.ts';
import type { LandingDefinition } from '../questionnaire/landing.ts';
import type { Condition, Item, Language, LocalizedText, Option, QuestionnaireDefinition } from '../questionnaire/types.ts';
import type { DerivedVariable, ScaleDefinition } from '../questionnaire/variables.ts';

export interface CodebookInput {
  readonly title: LocalizedText;
  readonly questionnaires: readonly QuestionnaireDefinition[];
  readonly landing?: LandingDefinition | undefined;
  readonly scales?: readonly ScaleDefinition[] | undefined;
  readonly derived?: readonly DerivedVariable[] | undefined;
}

const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

const HEAD: Record<Language, Record<string, string>> = {
  nl: {
    codebook: 'Codeboek',
    variable: 'Variabele',
    label: 'Label',
    values: 'Waarden',
    routing: 'Routing',
    tables: 'Rapporttabellen',
    asked: 'Gevraagd in',
    always: 'altijd',
    reconstructed: 'Gereconstrueerd',
    missing: 'ontbrekend',
    exclusive: 'exclusief',
    other: 'open tekst',
    scales: 'Schalen',
    derived: 'Afgeleide variabelen',
    landing: 'Landingspagina',
    items: 'Items',
    note: 'Toelichting',
    none: '—',
  },
  en: {
    codebook: 'Codebook',
    variable: 'Variable',
    label: 'Label',
    values: 'Values',
    routing: 'Routing',
    tables: 'Report tables',
    asked: 'Asked in',
    always: 'always',
    reconstructed: 'Reconstructed',
    missing: 'missing',
    exclusive: 'exclusive',
    other: 'open text',
    scales: 'Scales',
    derived: 'Derived variables',
    landing: 'Landing page',
    items: 'Items',
    note: 'Note',
    none: '—',
  },
  ar: {
    codebook: 'دليل الترميز',
    variable: 'المتغير',
    label: 'التسمية',
    values: 'القيم',
    routing: 'التوجيه',
    tables: 'جداول التقرير',
    asked: 'يُسأل في',
    always: 'دائمًا',
    reconstructed: 'مُعاد بناؤه',
    missing: 'مفقود',
    exclusive: 'حصري',
    other: 'نص مفتوح',
    scales: 'المقاييس',
    derived: 'المتغيرات المشتقة',
    landing: 'صفحة البداية',
    items: 'البنود',
    note: 'ملاحظة',
    none: '—',
  },
  tr: {
    codebook: 'Kod kitabı',
    variable: 'Değişken',
    label: 'Etiket',
    values: 'Değerler',
    routing: 'Yönlendirme',
    tables: 'Rapor tabloları',
    asked: 'Sorulduğu anket',
    always: 'her zaman',
    reconstructed: 'Yeniden oluşturuldu',
    missing: 'eksik',
    exclusive: 'tek seçim',
    other: 'açık metin',
    scales: 'Ölçekler',
    derived: 'Türetilmiş değişkenler',
    landing: 'Giriş sayfası',
    items: 'Maddeler',
    note: 'Not',
    none: '—',
  },
  ti: {
    codebook: 'መዝገብ ኮድ',
    variable: 'ተለዋዋጢ',
    label: 'ስም',
    values: 'ዋጋታት',
    routing: 'መስመር',
    tables: 'ሰንጠረዣት ጸብጻብ',
    asked: 'ዝተሓተተሉ',
    always: 'ኩሉ ግዜ',
    reconstructed: 'ዳግማይ ዝተሃንጸ',
    missing: 'ዝጎደለ',
    exclusive: 'በይኑ',
    other: 'ክፉት ጽሑፍ',
    scales: 'መለክዒታት',
    derived: 'ዝተወጽኡ ተለዋዋጥቲ',
    landing: 'መእተዊ ገጽ',
    items: 'ኣቕሓታት',
    note: 'መብርሂ',
    none: '—',
  },
};

const textIn = (t: LocalizedText | undefined, lang: Language): string => t?.[lang]?.text ?? t?.nl?.text ?? '';

interface Occurrence {
  readonly questionnaire: string;
  readonly item: Item;
  readonly condition?: Condition;
}

/** Page and item conditions together: what decides whether the item is asked. */
const effectiveCondition = (page?: Condition, item?: Condition): Condition | undefined =>
  page && item ? { kind: 'all', conditions: [page, item] } : (page ?? item);

function collect(questionnaires: readonly QuestionnaireDefinition[]): Map<string, Occurrence[]> {
  const byId = new Map<string, Occurrence[]>();
  for (const q of questionnaires) {
    for (const page of q.pages) {
      for (const item of page.items) {
        const condition = effectiveCondition(page.condition, item.condition);
        const list = byId.get(item.id) ?? [];
        list.push({ questionnaire: q.id, item, ...(condition ? { condition } : {}) });
        byId.set(item.id, list);
      }
    }
  }
  return new Map([...byId].sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true })));
}

const optionLine = (o: Option, lang: Language, h: Record<string, string>): string => {
  const flags = [o.missing ? h.missing : '', o.exclusive ? h.exclusive : '', o.other ? `${h.other}: ${o.other}` : ''].filter(Boolean);
  return `<li><code>${o.code}</code> ${esc(textIn(o.text, lang))}${flags.length ? ` <small>(${esc(flags.join(', '))})</small>` : ''}</li>`;
};

function valuesHtml(item: Item, lang: Language, h: Record<string, string>): string {
  switch (item.kind) {
    case 'single':
    case 'multi':
    case 'scale':
      return `<ul>${item.options.map((o) => optionLine(o, lang, h)).join('')}</ul>`;
    case 'numeric':
      return `${item.integer ? 'integer' : 'decimal'} ${item.min}–${item.max}${item.unit ? ` ${esc(textIn(item.unit, lang))}` : ''}`;
    case 'text':
      return `text, max ${item.maxLength}`;
  }
}

/** Groups questionnaires that share the same rendering of a field, so identical values print once. */
function grouped(occ: readonly Occurrence[], render: (o: Occurrence) => string): string {
  const groups = new Map<string, string[]>();
  for (const o of occ) {
    const key = render(o);
    groups.set(key, [...(groups.get(key) ?? []), o.questionnaire]);
  }
  if (groups.size === 1) return [...groups.keys()][0]!;
  return [...groups].map(([html, qs]) => `<div><small>${esc(qs.join(', '))}:</small> ${html}</div>`).join('');
}

function variableHtml(id: string, occ: readonly Occurrence[], lang: Language, h: Record<string, string>): string {
  const first = occ[0]!.item;
  const routing = grouped(occ, (o) => (o.condition ? `<code>${esc(printExpression(o.condition))}</code>` : esc(h.always!)));
  const tables = [...new Set(occ.flatMap((o) => o.item.tables))];
  const help = first.help ? `<br><small>${esc(textIn(first.help, lang))}</small>` : '';
  const note = occ.find((o) => o.item.note)?.item.note;
  const reconstructed = occ.some((o) => o.item.reconstructed);
  return `<section class="variable" id="${esc(id)}">
<h3><code>${esc(id)}</code> ${esc(textIn(first.text, lang))}</h3>
<dl>
<dt>${esc(h.label!)}</dt><dd>${esc(textIn(first.text, lang))}${help} <small>(${esc(first.kind)})</small></dd>
<dt>${esc(h.asked!)}</dt><dd>${esc(occ.map((o) => o.questionnaire).join(', '))}</dd>
<dt>${esc(h.values!)}</dt><dd>${grouped(occ, (o) => valuesHtml(o.item, lang, h))}</dd>
<dt>${esc(h.routing!)}</dt><dd>${routing}</dd>
<dt>${esc(h.tables!)}</dt><dd>${tables.length ? esc(tables.join(', ')) : esc(h.none!)}</dd>
<dt>${esc(h.reconstructed!)}</dt><dd>${reconstructed ? 'ja / yes' : 'nee / no'}</dd>
${note ? `<dt>${esc(h.note!)}</dt><dd>${esc(note)}</dd>` : ''}
</dl>
</section>`;
}

function landingHtml(landing: LandingDefinition, lang: Language, h: Record<string, string>): string {
  const items = landing.form.pages.flatMap((p) =>
    p.items.map((item) => ({
      questionnaire: landing.id,
      item,
      ...(p.condition || item.condition ? { condition: effectiveCondition(p.condition, item.condition)! } : {}),
    })),
  );
  const routes = landing.routes
    .map((r) => `<li><code>${esc(printExpression(r.when))}</code> → <strong>${esc(r.questionnaire)}</strong></li>`)
    .join('');
  return `<section id="landing"><h2>${esc(h.landing!)}</h2>
<section class="variable" id="Q0.01"><h3><code>Q0.01</code> ${esc(h.landing!)}: taalkeuze</h3><p>${esc(landing.languages.join(', '))}</p></section>
<section class="variable" id="Q0.02"><h3><code>Q0.02</code> ${esc(h.landing!)}: filtervragen</h3><ul>${routes}</ul></section>
${items.map((o) => variableHtml(o.item.id, [o], lang, h)).join('\n')}
</section>`;
}

function scalesHtml(scales: readonly ScaleDefinition[], lang: Language, h: Record<string, string>): string {
  const rows = scales.map(
    (s) => `<section class="variable" id="${esc(s.id)}"><h3><code>${esc(s.id)}</code> ${esc(textIn(s.label, lang))}</h3><dl>
<dt>${esc(h.items!)}</dt><dd>${esc(s.items.join(', '))}${s.reverse.length ? ` (reverse: ${esc(s.reverse.join(', '))})` : ''}</dd>
<dt>${esc(h.values!)}</dt><dd>${esc(s.method)}, minValid ${s.minValid}${s.reportedAlpha !== undefined ? `, α = ${s.reportedAlpha}` : ''}</dd>
<dt>${esc(h.tables!)}</dt><dd>${s.tables.length ? esc(s.tables.join(', ')) : esc(h.none!)}</dd>
${s.note ? `<dt>${esc(h.note!)}</dt><dd>${esc(s.note)}</dd>` : ''}</dl></section>`,
  );
  return `<section id="scales"><h2>${esc(h.scales!)}</h2>${rows.join('\n')}</section>`;
}

function derivedRule(d: DerivedVariable): string {
  switch (d.kind) {
    case 'cases':
      return `<ul>${d.cases.map((c) => `<li>${c.questionnaires ? esc(c.questionnaires.join(', ')) + ': ' : ''}${c.when ? `<code>${esc(printExpression(c.when))}</code>` : ''} → <code>${c.value}</code></li>`).join('')}</ul>`;
    case 'recode':
      return `<code>${esc(d.item)}</code>: ${[...d.map].map(([from, to]) => `${from} → ${to}`).join(', ')}`;
    case 'bands':
      return `<code>${esc(d.item)}</code>: ${d.bands.map((b) => `${b.min}–${b.max} → ${b.value}`).join(', ')}`;
  }
}

function derivedHtml(derived: readonly DerivedVariable[], lang: Language, h: Record<string, string>): string {
  const rows = derived.map(
    (d) => `<section class="variable" id="${esc(d.id)}"><h3><code>${esc(d.id)}</code> ${esc(textIn(d.label, lang))}</h3><dl>
<dt>${esc(h.routing!)}</dt><dd>${derivedRule(d)}</dd>
<dt>${esc(h.values!)}</dt><dd><ul>${d.values.map((v) => `<li><code>${v.value}</code> ${esc(v.label)}</li>`).join('')}</ul></dd>
${d.note ? `<dt>${esc(h.note!)}</dt><dd>${esc(d.note)}</dd>` : ''}</dl></section>`,
  );
  return `<section id="derived"><h2>${esc(h.derived!)}</h2>${rows.join('\n')}</section>`;
}

/** Renders the codebook as a complete HTML document in one language. */
export function renderCodebook(input: CodebookInput, lang: Language): string {
  const h = HEAD[lang];
  const variables = collect(input.questionnaires);
  const title = `${h.codebook}: ${textIn(input.title, lang)}`;
  const body = [...variables].map(([id, occ]) => variableHtml(id, occ, lang, h)).join('\n');
  return `<!doctype html>
<html lang="${lang}" dir="${lang === 'ar' ? 'rtl' : 'ltr'}">
<head><meta charset="utf-8"><title>${esc(title)}</title>
<style>body{font-family:system-ui,"Noto Sans","Noto Sans Arabic","Noto Sans Ethiopic",sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.4}
section.variable{border-top:1px solid #ccc;padding:.5rem 0}dl{display:grid;grid-template-columns:12rem 1fr;gap:.25rem 1rem}dt{font-weight:600}ul{margin:0;padding-inline-start:1.2rem}code{direction:ltr;unicode-bidi:embed}</style></head>
<body><h1>${esc(title)}</h1>
<p>${esc(input.questionnaires.map((q) => `${q.id} v${q.version}`).join(', '))}</p>
${input.landing ? landingHtml(input.landing, lang, h) : ''}
<section id="variables"><h2>${esc(h.variable!)}</h2>
${body}
</section>
${input.scales?.length ? scalesHtml(input.scales, lang, h) : ''}
${input.derived?.length ? derivedHtml(input.derived, lang, h) : ''}
</body></html>
`;
}
