// The report's attribution of a quote, "(man, 57, Turkije, Z-route)", built from the register: gender,
// age, country of origin, learning route, each left out when the register does not know it. Never a name.
import { ROUTE_LABEL, type Participant } from './types.ts';

export function attributionOf(p: Pick<Participant, 'gender' | 'age' | 'country' | 'learningRoute'>): string {
  const parts = [
    p.gender,
    p.age === null ? null : String(p.age),
    p.country,
    p.learningRoute === null ? null : ROUTE_LABEL[p.learningRoute],
  ];
  return `(${parts.filter((x): x is string => x !== null).join(', ')})`;
}
