// Missing data and routing per item (appendix B.1): for every item of every questionnaire version, which
// completed responses routing showed it to (page and item conditions as masks, analysis/conditions.ts) and
// what they hold: a substantive answer, a missing code ("Dat weet ik niet"), no answer, no answer to a
// required item (a routing fault), or an answer routing says should be absent. Each item's states are one
// categorical column counted by the engine; per response, the faults and the share of shown items left empty.
import { both, maskOf } from '../analysis/conditions.ts';
import type { AnalysisDataset } from '../analysis/dataset.ts';
import { engineDataset } from '../analysis/views.ts';
import type { Condition, Item, ItemId, QuestionnaireDefinition } from '../questionnaire/types.ts';
import { categoricalFromNumbers, frequencies } from '../stats/index.ts';

/** What a response holds for an item: the codes of the state column. */
export const ITEM_STATES = ['answered', 'missingCode', 'noAnswer', 'requiredAbsent', 'offRoute'] as const;
export type ItemState = (typeof ITEM_STATES)[number];
const [ANSWERED, MISSING_CODE, NO_ANSWER, REQUIRED_ABSENT, OFF_ROUTE] = [0, 1, 2, 3, 4] as const;

export interface ItemCheck {
  readonly item: string;
  readonly label: string;
  /** Completed responses routing showed the item to. */
  readonly shown: number;
  readonly answered: number;
  readonly missingCode: number;
  readonly noAnswer: number;
  readonly requiredAbsent: number;
  readonly offRoute: number;
  /** (missing code + no answer + required absent) / shown, in percent (one decimal). */
  readonly missingPct: number | null;
}

export interface ItemScan {
  readonly items: readonly ItemCheck[];
  /** Per row: items routing showed, and of those the ones without a substantive answer. */
  readonly shownPerRow: Int32Array;
  readonly emptyPerRow: Int32Array;
  /** Per row with a routing fault: the items, as "Q4.06 (required, no answer)" / "Q4.07 (answered, not shown)". */
  readonly routingFaults: ReadonlyMap<number, string[]>;
}

interface Target {
  readonly id: string;
  readonly label: string;
  readonly required: boolean;
  /** Codes that count as "no substantive answer". */
  readonly missing: readonly number[];
  readonly multi: boolean;
  /** Rows of this questionnaire version to which routing shows the target. */
  readonly shown: Uint8Array;
}

const ones = (n: number) => new Uint8Array(n).fill(1);
const conditionMask = (c: Condition | undefined, data: AnalysisDataset, n: number) => (c ? maskOf(c, data) : ones(n));

/** Rows of one questionnaire version among `rows`. */
function versionRows(data: AnalysisDataset, q: QuestionnaireDefinition, rows: Uint8Array): Uint8Array {
  const ids = data.texts('questionnaire');
  const versions = data.numbers('questionnaire_version');
  const out = new Uint8Array(data.rows);
  for (let i = 0; i < data.rows; i++) out[i] = rows[i] === 1 && ids[i] === q.id && versions[i] === q.version ? 1 : 0;
  return out;
}

/** The item and its "Anders, namelijk..." texts, each with the rows routing shows it to. */
function targetsOf(item: Item, shown: Uint8Array, data: AnalysisDataset): Target[] {
  const label = item.text.nl?.text ?? item.id;
  const options = 'options' in item ? item.options : [];
  const missing = options.filter((o) => o.missing).map((o) => o.code);
  const out: Target[] = [{ id: item.id, label, required: item.required, missing, multi: item.kind === 'multi', shown }];
  for (const o of options) {
    if (!o.other || !data.has(o.other)) continue;
    const chosen = maskOf({ kind: 'in', item: item.id, values: [o.code] }, data);
    out.push({
      id: o.other,
      label: `${label}: ${o.text.nl?.text ?? o.code}`,
      required: false,
      missing: [],
      multi: false,
      shown: both(shown, chosen),
    });
  }
  return out;
}

/** Scans every item over the completed responses (`rows`). */
export function scanItems(data: AnalysisDataset, rows: Uint8Array): ItemScan {
  const n = data.rows;
  const states = new Map<string, { target: Target; column: Float64Array }>();
  const shownPerRow = new Int32Array(n);
  const emptyPerRow = new Int32Array(n);
  const routingFaults = new Map<number, string[]>();
  const fault = (row: number, text: string) => routingFaults.set(row, [...(routingFaults.get(row) ?? []), text]);
  for (const q of data.definition.questionnaires) {
    const inVersion = versionRows(data, q, rows);
    for (const page of q.pages) {
      const onPage = both(inVersion, conditionMask(page.condition, data, n));
      for (const item of page.items) {
        if (!data.has(item.id) && !data.multiOptions.has(item.id)) continue;
        for (const target of targetsOf(item, both(onPage, conditionMask(item.condition, data, n)), data)) {
          const answered = maskOf({ kind: 'answered', item: target.id as ItemId }, data);
          const coded = target.missing.length > 0 ? maskOf({ kind: 'in', item: target.id as ItemId, values: target.missing }, data) : null;
          const entry = states.get(target.id) ?? { target, column: new Float64Array(n).fill(NaN) };
          states.set(target.id, entry);
          for (let i = 0; i < n; i++) {
            if (inVersion[i] !== 1) continue;
            if (target.shown[i] === 1) {
              shownPerRow[i] = (shownPerRow[i] as number) + 1;
              const state =
                answered[i] === 1 ? (coded?.[i] === 1 ? MISSING_CODE : ANSWERED) : target.required ? REQUIRED_ABSENT : NO_ANSWER;
              if (state !== ANSWERED) emptyPerRow[i] = (emptyPerRow[i] as number) + 1;
              if (state === REQUIRED_ABSENT) fault(i, `${target.id} (required, no answer)`);
              entry.column[i] = state;
            } else if (answered[i] === 1) {
              entry.column[i] = OFF_ROUTE;
              fault(i, `${target.id} (answered, not shown)`);
            }
          }
        }
      }
    }
  }
  const items = [...states.values()].map(({ target, column }) => countStates(target, column));
  return { items, shownPerRow, emptyPerRow, routingFaults };
}

function countStates(target: Target, column: Float64Array): ItemCheck {
  const codes = categoricalFromNumbers('#state', column, [ANSWERED, MISSING_CODE, NO_ANSWER, REQUIRED_ABSENT, OFF_ROUTE]);
  const [group] = frequencies(engineDataset([codes]), '#state');
  const count = (k: number) => group?.categories[k]?.count ?? 0;
  const shown = count(ANSWERED) + count(MISSING_CODE) + count(NO_ANSWER) + count(REQUIRED_ABSENT);
  const empty = count(MISSING_CODE) + count(NO_ANSWER) + count(REQUIRED_ABSENT);
  return {
    item: target.id,
    label: target.label,
    shown,
    answered: count(ANSWERED),
    missingCode: count(MISSING_CODE),
    noAnswer: count(NO_ANSWER),
    requiredAbsent: count(REQUIRED_ABSENT),
    offRoute: count(OFF_ROUTE),
    missingPct: shown > 0 ? Math.round((1000 * empty) / shown) / 10 : null,
  };
}
