// A synthetic ExportTable shaped like the demo wave for the exports benchmark: about 600 variables (most
// numeric answer codes with value labels and missing codes 97-99, some scores, open answers in Dutch,
// Arabic, Tigrinya, Turkish and English, some over 255 bytes, language and channel codes, dates). Rows are
// made on demand from a seeded generator, the same rows on every pass, so 100,000 rows need no memory.
import type { ExportCell, ExportTable, ExportVariable } from '../src/report/export-model.ts';

export interface ShapeOptions {
  readonly rows: number;
  readonly items?: number;
  readonly scores?: number;
  readonly openAnswers?: number;
  readonly seed?: number;
}

/** mulberry32: a small seeded generator (numbers in [0, 1)). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SENTENCES = [
  'De taalcursus helpt mij veel, maar de lessen zijn soms te snel en ik heb weinig tijd naast mijn werk.',
  'أشعر أن دروس اللغة الهولندية ساعدتني كثيرًا في العمل، لكن المواعيد مع البلدية كانت صعبة أحيانًا.',
  'ትምህርቲ ቋንቋ ሆላንድ ኣብ ስራሕ ብዙሕ ሓጊዙኒ፣ ግን ምስ ማዘጋጃ ቤት ዝነበረ ርክብ ሓደ ሓደ ግዜ ከቢድ ነይሩ።',
  'Dil kursu bana çok yardımcı oldu ama belediye ile randevular bazen zordu.',
  'The course is good, but I would like more practice speaking with Dutch people.',
  '=HYPERLINK("http://example.org","klik")',
];
const LABELS = ['Helemaal mee oneens', 'Mee oneens', 'Neutraal', 'Mee eens', 'Helemaal mee eens'];
const MISSING_LABELS = ['Weet ik niet', 'Wil ik niet zeggen', 'Niet van toepassing'];

export function exportVariables(o: ShapeOptions): ExportVariable[] {
  const items = o.items ?? 540;
  const scores = o.scores ?? 30;
  const open = o.openAnswers ?? 20;
  const vars: ExportVariable[] = [];
  for (let i = 1; i <= items; i++)
    vars.push({
      name: `v${Math.ceil(i / 10)}_${i % 10}`,
      label: `Stelling ${i}: in hoeverre bent u het eens met deze uitspraak over de inburgering?`,
      type: 'numeric',
      measure: 'ordinal',
      valueLabels: [
        ...LABELS.map((label, k) => ({ value: k + 1, label })),
        ...MISSING_LABELS.map((label, k) => ({ value: 97 + k, label })),
      ],
      missing: [97, 98, 99],
    });
  for (let i = 1; i <= scores; i++)
    vars.push({ name: `score_${i}`, label: `Schaalscore ${i}`, type: 'numeric', measure: 'scale', decimals: 2 });
  for (let i = 1; i <= open; i++) vars.push({ name: `open_${i}`, label: `Open antwoord ${i}`, type: 'string', measure: 'nominal' });
  vars.push(
    {
      name: 'taal',
      label: 'Taal van de vragenlijst',
      type: 'string',
      measure: 'nominal',
      valueLabels: ['nl', 'en', 'ar', 'tr', 'ti'].map((value) => ({ value, label: value })),
    },
    { name: 'kanaal', label: 'Wervingskanaal', type: 'string', measure: 'nominal' },
    { name: 'gestart', label: 'Begonnen op', type: 'date', measure: 'scale' },
    { name: 'afgerond', label: 'Afgerond om', type: 'datetime', measure: 'scale' },
    { name: 'leeftijd', label: 'Leeftijd', type: 'numeric', measure: 'scale', decimals: 0 },
  );
  return vars;
}

/** The table: variables, and rows that are generated afresh (identically) on every pass. */
export function exportTable(o: ShapeOptions): ExportTable {
  const variables = exportVariables(o);
  const seed = o.seed ?? 2024;
  const kinds = variables.map((v) => (v.name.startsWith('score_') ? 'score' : v.name.startsWith('open_') ? 'open' : v.name));
  const start = Date.UTC(2024, 9, 1);
  function* rows(): Generator<ExportCell[]> {
    const rnd = random(seed);
    for (let r = 0; r < o.rows; r++) {
      const row: ExportCell[] = new Array<ExportCell>(variables.length);
      for (let c = 0; c < variables.length; c++) {
        const u = rnd();
        switch (kinds[c]) {
          case 'score':
            row[c] = u < 0.05 ? null : Math.round(rnd() * 500) / 100;
            break;
          case 'open':
            row[c] = u < 0.7 ? null : SENTENCES[Math.floor(rnd() * SENTENCES.length)]!.repeat(1 + Math.floor(rnd() * 5));
            break;
          case 'taal':
            row[c] = ['nl', 'en', 'ar', 'tr', 'ti'][Math.floor(u * 5)]!;
            break;
          case 'kanaal':
            row[c] = u < 0.6 ? 'duo-brief' : 'taalschool';
            break;
          case 'gestart':
            row[c] = new Date(start + Math.floor(u * 60) * 86_400_000);
            break;
          case 'afgerond':
            row[c] = u < 0.1 ? null : new Date(start + Math.floor(u * 60 * 86_400_000));
            break;
          case 'leeftijd':
            row[c] = 18 + Math.floor(u * 58);
            break;
          default:
            row[c] = u < 0.1 ? null : u < 0.14 ? 97 + Math.floor(rnd() * 3) : 1 + Math.floor(rnd() * 5);
        }
      }
      yield row;
    }
  }
  return {
    variables,
    rows: { [Symbol.iterator]: rows },
    fileLabel: 'Perspectief benchmark (synthetic)',
    documents: ['Synthetic table for bench/exports.ts.'],
  };
}
