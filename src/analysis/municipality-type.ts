// The derived column `gemeentetype`: the type (the study's municipalities.json) of the municipality a
// response's channel recruits in, from the channel register. The questionnaires never ask where someone
// lives, so a response without a municipal-route channel (DUO letter, group session, direct link) has no
// type: code 98. A channel whose municipality the file does not list: code 97 (the file needs it). Pure.
import {
  MUNICIPALITY_TYPE_VARIABLE,
  NO_MUNICIPALITY_CODE,
  NOT_CLASSIFIED_CODE,
  placeKey,
  type MunicipalityClassification,
} from '../study/municipalities.ts';
import type { LocalizedText } from '../questionnaire/types.ts';
import type { VariableInfo } from './variables.ts';

/** Channel slug → the municipality (or region) the channel register says it works in. */
export type ChannelRegister = ReadonlyMap<string, string>;

const DEMO_MUNICIPAL_PREFIX = 'demo-gemeente-';

const both = (nl: string, en: string): LocalizedText => ({ nl: { text: nl, status: 'source' }, en: { text: en, status: 'draft' } });

export const NOT_CLASSIFIED_LABEL = both(
  'Gemeente van het kanaal niet ingedeeld (staat niet in municipalities.json)',
  "Channel's municipality not classified (not in municipalities.json)",
);
export const NO_MUNICIPALITY_LABEL = both(
  'Onbekend: geen gemeente bekend (DUO-brief, groepssessie of directe link)',
  'Unknown: no municipality known (DUO letter, group session or direct link)',
);

/** The variable: the file's types, then the two codes for responses without a type (user-missing). */
export function municipalityTypeVariable(classification: MunicipalityClassification): VariableInfo {
  return {
    name: MUNICIPALITY_TYPE_VARIABLE,
    kind: 'derived',
    storage: 'number',
    measure: 'nominal',
    label: classification.label,
    values: [
      ...classification.types.map((t) => ({ value: t.code, label: t.label, missing: false })),
      { value: NOT_CLASSIFIED_CODE, label: NOT_CLASSIFIED_LABEL, missing: true },
      { value: NO_MUNICIPALITY_CODE, label: NO_MUNICIPALITY_LABEL, missing: true },
    ],
    missing: [NOT_CLASSIFIED_CODE, NO_MUNICIPALITY_CODE],
    item: null,
    option: null,
  };
}

/**
 * The type code of one channel. The demo's synthetic channels (`demo-gemeente-<place>-<kind>`, demo/texts.ts)
 * cannot be registered (their prefix is the system's), so their slug names the place.
 */
export function municipalityTypeOf(channel: string | null | undefined, register: ChannelRegister, c: MunicipalityClassification): number {
  if (!channel) return NO_MUNICIPALITY_CODE;
  const registered = register.get(channel);
  if (registered !== undefined) return c.codes.get(placeKey(registered)) ?? NOT_CLASSIFIED_CODE;
  if (!channel.startsWith(DEMO_MUNICIPAL_PREFIX)) return NO_MUNICIPALITY_CODE;
  const rest = channel.slice(DEMO_MUNICIPAL_PREFIX.length);
  const key = c.keys.find((k) => rest === k || rest.startsWith(`${k}-`));
  return key === undefined ? NOT_CLASSIFIED_CODE : (c.codes.get(key) as number);
}

/** The column over a dataset's channel texts. */
export function municipalityTypeColumn(
  channels: readonly (string | null)[],
  rows: number,
  register: ChannelRegister,
  classification: MunicipalityClassification,
): Float64Array {
  const out = new Float64Array(rows);
  const seen = new Map<string | null, number>();
  for (let i = 0; i < rows; i++) {
    const channel = channels[i] ?? null;
    let code = seen.get(channel);
    if (code === undefined) seen.set(channel, (code = municipalityTypeOf(channel, register, classification)));
    out[i] = code;
  }
  return out;
}

export const sameRegister = (a: ChannelRegister, b: ChannelRegister): boolean =>
  a.size === b.size && [...a].every(([slug, place]) => b.get(slug) === place);
