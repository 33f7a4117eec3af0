// Tables 2.7 (expert pools) and 2.8 (in-depth and peer-to-peer interviews) of the report, straight out of
// the register, in the report's layout: "n (pct%)" per column, "-" for none, a total row. Participants who
// withdrew consent are not counted. Rows for unknown values appear only when someone is unknown.
import type { Db } from '../storage/db.ts';
import { listParticipants } from './participants.ts';
import { POOL_LABEL, POOLS, type Participant } from './types.ts';

export const PARTICIPANT_TABLE_IDS = ['2.7', '2.8'] as const;
export type ParticipantTableId = (typeof PARTICIPANT_TABLE_IDS)[number];

export interface ParticipantTableRow {
  readonly label: string;
  /** A heading row ("Geslacht") without cells. */
  readonly group: boolean;
  readonly cells: readonly string[];
}

export interface ParticipantTable {
  readonly id: ParticipantTableId;
  readonly title: string;
  readonly columns: readonly string[];
  readonly columnN: readonly number[];
  readonly rows: readonly ParticipantTableRow[];
  readonly footnotes: readonly string[];
}

interface Dimension {
  readonly heading: string;
  readonly values: readonly { label: string; test: (p: Participant) => boolean }[];
}

const band = (lo: number, hi: number) => (p: Participant) => p.age !== null && p.age >= lo && p.age <= hi;

const TYPE: Dimension = {
  heading: 'Type inburgeraar',
  values: [
    { label: 'Asielmigrant', test: (p) => p.migrantType === 'asiel' },
    { label: 'Gezinsmigrant', test: (p) => p.migrantType === 'gezin' },
  ],
};
const GENDER: Dimension = {
  heading: 'Geslacht',
  values: [
    { label: 'Man', test: (p) => p.gender === 'man' },
    { label: 'Vrouw', test: (p) => p.gender === 'vrouw' },
    { label: 'Onbekend', test: (p) => p.gender === null },
  ],
};
const AGE: Dimension = {
  heading: 'Leeftijd',
  values: [
    { label: '18-30 jaar', test: band(0, 30) },
    { label: '31-45 jaar', test: band(31, 45) },
    { label: '46-66 jaar', test: band(46, 66) },
    { label: 'Ouder dan 66 jaar', test: band(67, 200) },
    { label: 'Onbekend', test: (p) => p.age === null },
  ],
};
const ROUTE: Dimension = {
  heading: 'Leerroute',
  values: [
    { label: 'Onderwijsroute of B1-route', test: (p) => p.learningRoute === 'onderwijs' || p.learningRoute === 'b1' },
    { label: 'Z-route', test: (p) => p.learningRoute === 'z' },
    { label: 'Onbekend', test: (p) => p.learningRoute === null },
  ],
};
// Rows the report always prints, even when empty ("Gezinsmigrant -").
const ALWAYS = new Set([
  'Asielmigrant',
  'Gezinsmigrant',
  'Man',
  'Vrouw',
  '18-30 jaar',
  '31-45 jaar',
  '46-66 jaar',
  'Onderwijsroute of B1-route',
  'Z-route',
]);

const cell = (n: number, total: number): string => (n === 0 ? '-' : `${n} (${Math.round((100 * n) / total)}%)`);

function build(
  id: ParticipantTableId,
  title: string,
  columns: readonly string[],
  groups: readonly Participant[][],
  dims: readonly Dimension[],
) {
  const columnN = groups.map((g) => g.length);
  const rows: ParticipantTableRow[] = [];
  for (const dim of dims) {
    rows.push({ label: dim.heading, group: true, cells: [] });
    for (const v of dim.values) {
      const counts = groups.map((g) => g.filter(v.test).length);
      if (!ALWAYS.has(v.label) && counts.every((n) => n === 0)) continue;
      rows.push({ label: v.label, group: false, cells: counts.map((n, i) => cell(n, columnN[i]!)) });
    }
  }
  rows.push({ label: 'Totaal', group: true, cells: columnN.map(String) });
  return { id, title, columns, columnN, rows };
}

/** Table 2.7 or 2.8 from a list of participants (pure: the CLI, the workspace and the report build share it). */
export function participantTable(all: readonly Participant[], id: ParticipantTableId): ParticipantTable {
  const active = all.filter((p) => p.consentWithdrawnAt === null);
  switch (id) {
    case '2.7': {
      const groups = POOLS.map((pool) => active.filter((p) => p.kind === 'expert-pool' && p.pool === pool));
      const n = groups.reduce((s, g) => s + g.length, 0);
      const mb = groups[3]!;
      const routes = {
        b1: mb.filter((p) => p.learningRoute === 'b1').length,
        onderwijs: mb.filter((p) => p.learningRoute === 'onderwijs').length,
      };
      const z = mb.filter((p) => p.learningRoute === 'z').length;
      const unknown = mb.filter((p) => p.learningRoute === null).length;
      const footnote = `*Van de deelnemers aan de expertpool over maatschappelijke begeleiding volgden ${routes.b1} de B1-route, ${routes.onderwijs} de Onderwijsroute en ${z} de Z-route; van ${unknown} kon de leerroute niet worden vastgesteld.`;
      return {
        ...build(
          id,
          `Kenmerken deelnemers expertpools (N = ${n})`,
          POOLS.map((p) => POOL_LABEL[p]),
          groups,
          [TYPE, GENDER, AGE],
        ),
        footnotes: [footnote],
      };
    }
    case '2.8': {
      const deep = active.filter((p) => p.kind === 'in-depth');
      const peer = active.filter((p) => p.kind === 'peer-to-peer');
      const title = `Kenmerken deelnemers diepte-interviews (N = ${deep.length}) en peer-to-peer interviews (N=${peer.length})`;
      return {
        ...build(id, title, ['Diepte-interviews', 'Peer-to-peer interviews'], [deep, peer], [TYPE, GENDER, AGE, ROUTE]),
        footnotes: [],
      };
    }
  }
}

export async function participantTableFromDb(db: Db, id: ParticipantTableId): Promise<ParticipantTable> {
  return participantTable(await listParticipants(db), id);
}
