// A small table with everything the data-file writers must carry: names SPSS does not accept, labels in
// Dutch, Arabic and Tigrinya, numeric and string value labels, user-missing codes in each SPSS form, dates,
// nulls, numbers that do and do not compress, and Arabic and Tigrinya open answers over 255 bytes whose
// characters cross the 255-byte segment boundaries.
import type { ExportTable, ExportVariable } from '../../src/report/export-model.ts';

const AR_SENTENCE =
  'أشعر أن دروس اللغة الهولندية ساعدتني كثيرًا في العمل، لكن المواعيد مع البلدية كانت صعبة أحيانًا لأنني لم أفهم الرسائل. المُعَلِّمة كانت صبورة جدًا';
const TI_SENTENCE = 'ትምህርቲ ቋንቋ ሆላንድ ኣብ ስራሕ ብዙሕ ሓጊዙኒ፣ ግን ምስ ማዘጋጃ ቤት ዝነበረ ርክብ ሓደ ሓደ ግዜ ከቢድ ነይሩ። መምህርና ብዙሕ ትዕግስቲ ነይርዋ';

/** An Arabic open answer of about 700 bytes; "xy" shifts it so a letter straddles byte 255. */
export const ARABIC_ANSWER = `xy ${AR_SENTENCE} ${AR_SENTENCE} ${AR_SENTENCE}`;
/** A Tigrinya open answer of about 600 bytes; "ab" shifts the 3-byte syllables across byte 255. */
export const TIGRINYA_ANSWER = `ab ${TI_SENTENCE} ${TI_SENTENCE} ${TI_SENTENCE}`;
export const FORMULA_ANSWER = '=HYPERLINK("http://example.org/x","klik")';

export const LONG_NAME = 'tevredenheid_met_de_begeleiding_door_de_gemeente_tijdens_de_inburgering'; // 72 bytes

export const fixtureVariables: readonly ExportVariable[] = [
  {
    name: 'q1',
    label: 'Hoe tevreden bent u over uw taalcursus?',
    type: 'numeric',
    measure: 'ordinal',
    valueLabels: [
      { value: 1, label: 'Zeer ontevreden' },
      { value: 2, label: 'Ontevreden' },
      { value: 3, label: 'Tevreden' },
      { value: 97, label: 'Weet ik niet' },
      { value: 98, label: 'Wil ik niet zeggen' },
      { value: 99, label: 'Niet van toepassing' },
      { value: -1, label: 'Niet gevraagd' },
    ],
    missing: [97, 98, 99, -1],
  },
  {
    name: 'Q1',
    label: 'Zelfde naam, andere hoofdletters',
    type: 'numeric',
    measure: 'nominal',
    missing: [8, 9],
    valueLabels: [
      { value: 1, label: 'نعم' },
      { value: 2, label: 'ኣይፋል' },
    ],
  },
  { name: 'open ar', label: 'Open antwoord (Arabisch)', type: 'string', measure: 'nominal' },
  { name: 'open_ti', label: 'ክፉት መልሲ', type: 'string', measure: 'nominal' },
  {
    name: 'taal',
    label: 'Taal van de vragenlijst',
    type: 'string',
    measure: 'nominal',
    valueLabels: [
      { value: 'nl', label: 'Nederlands' },
      { value: 'ar', label: 'العربية' },
      { value: 'ti', label: 'ትግርኛ' },
    ],
  },
  {
    name: 'kanaal',
    label: 'Wervingskanaal',
    type: 'string',
    measure: 'nominal',
    valueLabels: [
      { value: 'duo-brief', label: 'Brief van DUO' },
      { value: 'taalschool', label: 'Taalschool' },
    ],
  },
  { name: LONG_NAME, label: 'Tevredenheid begeleiding', type: 'numeric', measure: 'scale', decimals: 1 },
  { name: '1e_meting', label: 'Eerste meting', type: 'numeric', measure: 'nominal', missing: [-3, -2, -1, 7] },
  { name: 'BY', label: '', type: 'numeric', measure: 'scale', decimals: 2 },
  { name: 'سؤال', label: 'Vraag met Arabische naam', type: 'numeric', measure: 'nominal' },
  { name: 'gestart', label: 'Datum van de eerste pagina', type: 'date', measure: 'scale' },
  { name: 'afgerond', label: 'Tijdstip van afronden', type: 'datetime', measure: 'scale' },
  { name: 'opmerking', label: 'Opmerking', type: 'string', measure: 'nominal' },
];

export const fixtureRows: readonly (readonly (number | string | Date | null)[])[] = [
  [
    1,
    1,
    ARABIC_ANSWER,
    TIGRINYA_ANSWER,
    'ar',
    'duo-brief',
    7.5,
    1,
    3.25,
    0,
    new Date('2024-10-01T00:00:00Z'),
    new Date('2024-10-01T13:45:30Z'),
    FORMULA_ANSWER,
  ],
  [97, 9, 'قصير', 'ሰላም', 'ti', 'taalschool', 151, -2, 152, -99, new Date('1970-01-01T00:00:00Z'), new Date('2038-01-19T03:14:08Z'), '=1+1'],
  [null, null, null, null, 'nl', null, -100, 7, 0.1, 1e10, null, null, null],
  [
    -1,
    2,
    '',
    'Goed',
    'nl',
    'duo-brief',
    -0.5,
    8,
    -99,
    42,
    new Date('1582-10-15T00:00:00Z'),
    new Date('1999-12-31T23:59:59Z'),
    'Dank u wel',
  ],
  [
    3,
    8,
    'Tevreden',
    '',
    'ar',
    'taalschool',
    0,
    2,
    100,
    1,
    new Date('2025-02-28T00:00:00Z'),
    new Date('2025-02-28T08:00:00Z'),
    'Gewoon tekst',
  ],
];

export const fixtureTable = (): ExportTable => ({
  variables: fixtureVariables,
  rows: fixtureRows,
  fileLabel: 'Perspectief inburgeraars — SYNTHETISCH',
  documents: [
    'Bron: perspectief export, golf 2024.',
    'Deze toelichting is langer dan tachtig bytes en gaat door op een tweede regel: één en twee.',
  ],
});
