// The synthetic participant register of the qualitative demo: every person the report quotes (known by the
// attributes it prints, never a name) placed in a pool or interview so that Tables 2.7 and 2.8 come out
// exactly, and invented people filling the rest. Deterministic: the same seed gives the same register.
import type { ParticipantInput } from '../qual/index.ts';
import { createRng } from './prng.ts';
import corpus from './qual-report.json' with { type: 'json' };

type Route = 'onderwijs' | 'b1' | 'z';
type Band = 0 | 1 | 2;

export interface ReportQuote {
  readonly line: number;
  readonly section: string;
  readonly pattern: string;
  readonly text: string;
  readonly attribution: string;
  readonly parsed: { gender: 'man' | 'vrouw'; age: number | null; country: string | null; route: Route | null; extra: string[] };
}

export const REPORT = corpus as unknown as {
  readonly sections: Readonly<Record<string, string>>;
  readonly patterns: readonly { section: string; name: string }[];
  readonly quotes: readonly ReportQuote[];
  readonly boxes: readonly { label: string; section: string; title: string; items: { heading: string; text: string }[] }[];
};

/** Spelling variants in the report's attributions of one country. */
const COUNTRY: Readonly<Record<string, string>> = {
  Turks: 'Turkije',
  Yemen: 'Jemen',
  Somalisch: 'Somalië',
  'Syrisch-Koerdisch': 'Syrië/Koerdistan',
  'Syrisch/Koerdisch': 'Syrië/Koerdistan',
};
/** Countries the demo treats as family migration (Table 2.7: the gezin pool is the only one with gezinsmigranten). */
/** Two attributions the demo reads as one person whose route the report printed differently once. */
const SAME_PERSON: Readonly<Record<string, Route>> = { 'man|51|Turkije|z': 'b1', 'vrouw|48|Iran|z': 'b1' };
const FAMILY = new Set(['Argentinië', 'Canada', 'Pakistan', 'Ghana', 'Mexico', 'Verenigde Staten', 'Rusland', 'Japan', 'Colombia']);
const LANGUAGE: Readonly<Record<string, string>> = {
  Syrië: 'ar',
  Irak: 'ar',
  Jemen: 'ar',
  Palestina: 'ar',
  'Saudi-Arabië': 'ar',
  Marokko: 'ar',
  Soedan: 'ar',
  Turkije: 'tr',
  Iran: 'fa',
  Afghanistan: 'fa',
  Eritrea: 'ti',
  Ethiopië: 'am',
  Somalië: 'so',
  'Syrië/Koerdistan': 'ku',
  Canada: 'en',
  'Verenigde Staten': 'en',
  Ghana: 'en',
  Pakistan: 'ur',
  Mexico: 'es',
  Argentinië: 'es',
  Colombia: 'es',
  Rusland: 'ru',
  Japan: 'ja',
};
const FILL_COUNTRIES = [
  'Eritrea',
  'Soedan',
  'Ethiopië',
  'Syrië',
  'Syrië',
  'Syrië',
  'Eritrea',
  'Afghanistan',
  'Turkije',
  'Iran',
  'Jemen',
  'Irak',
  'Somalië',
];
const MUNICIPALITIES = (
  'Amsterdam Rotterdam Den-Haag Utrecht Eindhoven Groningen Tilburg Almere Breda Nijmegen Apeldoorn Arnhem Haarlem Enschede ' +
  'Amersfoort Zaanstad Den-Bosch Haarlemmermeer Zwolle Zoetermeer Leiden Maastricht Dordrecht Ede Alphen-aan-den-Rijn ' +
  'Westland Alkmaar Emmen Delft Venlo Deventer Sittard-Geleen Helmond Oss Amstelveen Hilversum Súdwest-Fryslân Heerlen ' +
  'Hengelo Purmerend Schiedam Lelystad Roosendaal Leeuwarden Assen'
)
  .split(' ')
  .map((m) => m.replace(/-/g, ' ').replace(/ aan den /, ' aan den '));

const bandOf = (age: number): Band => (age <= 30 ? 0 : age <= 45 ? 1 : 2);
const BANDS: readonly [number, number][] = [
  [18, 30],
  [31, 45],
  [46, 66],
];

export type GroupId = 'onderwijs-b1' | 'z-route' | 'gezin' | 'mb' | 'in-depth' | 'peer';
/** Route slots: "ob" takes Onderwijsroute or B1-route (Table 2.8 joins them), "none" an unknown route. */
type RouteSlot = 'ob' | 'b1' | 'z' | 'none';

interface Group {
  readonly id: GroupId;
  readonly prefix: string;
  readonly gender: { man: number; vrouw: number };
  readonly ages: readonly [number, number, number];
  readonly routes: Partial<Record<RouteSlot, number>>;
}

/** Tables 2.7 and 2.8 of the report, and Table 2.7's footnote on the MB pool's routes (14 B1, 10 Z, 2 unknown). */
const GROUPS: readonly Group[] = [
  { id: 'gezin', prefix: 'EP-GZ', gender: { man: 7, vrouw: 6 }, ages: [4, 7, 2], routes: { b1: 13 } },
  { id: 'mb', prefix: 'EP-MB', gender: { man: 15, vrouw: 11 }, ages: [9, 11, 6], routes: { b1: 14, z: 10, none: 2 } },
  { id: 'in-depth', prefix: 'DI', gender: { man: 3, vrouw: 4 }, ages: [2, 1, 4], routes: { z: 7 } },
  { id: 'z-route', prefix: 'EP-Z', gender: { man: 15, vrouw: 7 }, ages: [8, 7, 7], routes: { z: 22 } },
  { id: 'onderwijs-b1', prefix: 'EP-OB', gender: { man: 8, vrouw: 9 }, ages: [5, 9, 3], routes: { ob: 17 } },
  { id: 'peer', prefix: 'PP', gender: { man: 31, vrouw: 14 }, ages: [15, 24, 6], routes: { ob: 22, z: 23 } },
];

export interface DemoPerson {
  readonly code: string;
  readonly group: GroupId;
  readonly gender: 'man' | 'vrouw';
  readonly age: number;
  readonly country: string;
  readonly route: Route | null;
  readonly municipality: string;
  /** Report quotes (indexes into REPORT.quotes) spoken by this person. */
  readonly quotes: number[];
}

interface Speaker {
  gender: 'man' | 'vrouw';
  age: number | null;
  country: string;
  route: Route | null;
  sections: Set<string>;
  quotes: number[];
}

/** The distinct people behind the report's attributions (spelling variants and omitted parts merged). */
export function speakersOfReport(): Speaker[] {
  const people: Speaker[] = [];
  const find = (s: Omit<Speaker, 'sections' | 'quotes'>) =>
    people.find(
      (p) =>
        p.gender === s.gender &&
        p.country === s.country &&
        (s.age === null || p.age === s.age) &&
        (s.route === null || p.route === s.route) &&
        (s.age !== null || p.route === s.route),
    );
  // People with every attribute first, so those with a part left out join them.
  const order = REPORT.quotes
    .map((q, i) => ({ q, i }))
    .sort(
      (a, b) => Number(a.q.parsed.age === null || a.q.parsed.route === null) - Number(b.q.parsed.age === null || b.q.parsed.route === null),
    );
  for (const { q, i } of order) {
    const country = COUNTRY[q.parsed.country ?? ''] ?? q.parsed.country ?? 'onbekend';
    const route = SAME_PERSON[`${q.parsed.gender}|${q.parsed.age}|${country}|${q.parsed.route}`] ?? q.parsed.route;
    const key = { gender: q.parsed.gender, age: q.parsed.age, country, route };
    let p = find(key);
    if (!p) {
      p = { ...key, sections: new Set(), quotes: [] };
      people.push(p);
    }
    p.sections.add(q.section.split('.').slice(0, 2).join('.'));
    p.quotes.push(i);
  }
  return people;
}

const routeSlots = (r: Route | null): RouteSlot[] => (r === null ? ['none'] : r === 'z' ? ['z'] : r === 'b1' ? ['b1', 'ob'] : ['ob']);

/** Where a quoted person may go, in order of preference (the MB pool for those quoted on maatschappelijke begeleiding). */
function preference(s: Speaker): GroupId[] {
  if (FAMILY.has(s.country)) return ['gezin'];
  const mb = [...s.sections].some((x) => x.startsWith('6.'));
  const rest: GroupId[] =
    s.route === 'z' ? ['z-route', 'in-depth', 'peer', 'mb'] : s.route === null ? ['mb'] : ['onderwijs-b1', 'peer', 'mb'];
  return mb ? ['mb', ...rest.filter((g) => g !== 'mb')] : rest;
}

export function buildRegister(seed = 17): DemoPerson[] {
  const rng = createRng(seed);
  const left = new Map(GROUPS.map((g) => [g.id, { gender: { ...g.gender }, ages: [...g.ages], routes: { ...g.routes } }]));
  const placed: { group: GroupId; speaker: Speaker; slot: RouteSlot }[] = [];
  // The oldest and most constrained first; a depth-first search finds a placement that fits every margin.
  const speakers = speakersOfReport().sort((a, b) => preference(a).length - preference(b).length || (b.age ?? 40) - (a.age ?? 40));
  const place = (i: number): boolean => {
    if (i === speakers.length) return true;
    const s = speakers[i]!;
    const age = s.age ?? 40;
    for (const g of preference(s)) {
      const cap = left.get(g)!;
      if (cap.gender[s.gender] === 0 || cap.ages[bandOf(age)] === 0) continue;
      for (const slot of routeSlots(s.route)) {
        if ((cap.routes[slot] ?? 0) === 0) continue;
        cap.gender[s.gender]--;
        cap.ages[bandOf(age)]!--;
        cap.routes[slot]--;
        placed.push({ group: g, speaker: { ...s, age }, slot });
        if (place(i + 1)) return true;
        placed.pop();
        cap.gender[s.gender]++;
        cap.ages[bandOf(age)]!++;
        cap.routes[slot]++;
      }
    }
    return false;
  };
  if (!place(0)) throw new Error('demo register: the quoted people do not fit Tables 2.7 and 2.8');
  const people: DemoPerson[] = [];
  let municipality = 0;
  let fill = 0;
  for (const g of GROUPS) {
    const cap = left.get(g.id)!;
    const mine = placed.filter((p) => p.group === g.id);
    const shuffle = <T>(xs: T[]): T[] => {
      for (let i = xs.length - 1; i > 0; i--) {
        const j = Math.floor(rng.next() * (i + 1));
        [xs[i], xs[j]] = [xs[j]!, xs[i]!];
      }
      return xs;
    };
    const genders = shuffle([...Array<'man'>(cap.gender.man).fill('man'), ...Array<'vrouw'>(cap.gender.vrouw).fill('vrouw')]);
    const bands = shuffle(cap.ages.flatMap((n, b) => Array<Band>(n).fill(b as Band)));
    const routes = shuffle((Object.entries(cap.routes) as [RouteSlot, number][]).flatMap(([r, n]) => Array<RouteSlot>(n).fill(r)));
    const all = [
      ...mine.map((p) => ({
        gender: p.speaker.gender,
        age: p.speaker.age!,
        country: p.speaker.country,
        route: p.speaker.route,
        quotes: p.speaker.quotes,
      })),
      ...genders.map((gender, i) => {
        const [lo, hi] = BANDS[bands[i]!]!;
        const slot = routes[i]!;
        const route: Route | null =
          slot === 'none' ? null : slot === 'z' ? 'z' : slot === 'b1' ? 'b1' : rng.next() < 0.4 ? 'onderwijs' : 'b1';
        const country = g.id === 'gezin' ? 'Marokko' : FILL_COUNTRIES[fill++ % FILL_COUNTRIES.length]!;
        return { gender, age: lo + Math.floor(rng.next() * (hi - lo + 1)), country, route, quotes: [] as number[] };
      }),
    ];
    all.forEach((p, i) =>
      people.push({
        ...p,
        code: `${g.prefix}-${String(i + 1).padStart(2, '0')}`,
        group: g.id,
        municipality: MUNICIPALITIES[municipality++ % MUNICIPALITIES.length]!,
      }),
    );
  }
  return people;
}

/** The register as the qual module takes it. */
export function registerInput(people: readonly DemoPerson[]): ParticipantInput[] {
  const interviewers = people.filter((p) => p.group === 'mb').slice(0, 15);
  let peer = 0;
  return people.map((p) => ({
    code: p.code,
    kind: p.group === 'in-depth' ? 'in-depth' : p.group === 'peer' ? 'peer-to-peer' : 'expert-pool',
    pool: p.group === 'in-depth' || p.group === 'peer' ? null : p.group,
    migrantType: p.group === 'gezin' ? 'gezin' : 'asiel',
    gender: p.gender,
    age: p.age,
    learningRoute: p.route,
    country: p.country,
    municipality: p.municipality,
    language: LANGUAGE[p.country] ?? 'nl',
    literacy: p.group === 'in-depth' ? 'low-literate' : 'literate',
    consentDate: '2025-01-15',
    consentScope: 'opname, transcriptie en geanonimiseerde citaten in rapportage',
    // Each of 15 MB pool members interviewed three people of their own network (peer-to-peer).
    interviewerCode: p.group === 'peer' ? interviewers[Math.floor(peer++ / 3)]!.code : null,
    synthetic: true,
  }));
}
