// What the report does not print but the demo needs: distributions of items that gate later questions or
// feed the regression models without a table of their own, chosen so that every published table is
// reachable under the questionnaire's routing. Each value says where it comes from. Data only.
import type { ColumnFilter } from './filters.ts';

/** Answer code → relative weight (SKIP = -1 is item non-response). */
export type Dist = Readonly<Record<number, number>>;

export interface AssumedColumn {
  readonly filter: ColumnFilter;
  readonly dist: Dist;
}

const asylum = { type: [1, 3] } as const;
const family = { type: [2, 4] } as const;

export const ASSUMED: Readonly<Record<string, readonly AssumedColumn[]>> = {
  // Country of origin: Syria largest for asylum migrants (49% Wi2021-asiel, 37% Wi2013-asiel, L561); 42% used the open field.
  'Q2.03': [
    { filter: { type: [1] }, dist: { 1: 49, 2: 14, 3: 9, 4: 6, 5: 3, 6: 3, 7: 3, 8: 2, 9: 0, 10: 11 } },
    { filter: { type: [3] }, dist: { 1: 37, 2: 22, 3: 5, 4: 8, 5: 2, 6: 6, 7: 5, 8: 4, 9: 0, 10: 11 } },
    { filter: family, dist: { 1: 6, 2: 3, 3: 14, 4: 2, 5: 1, 6: 3, 7: 3, 8: 1, 9: 10, 10: 57 } },
  ],
  'Q2.05': [
    { filter: asylum, dist: { 1: 86, 2: 9, 3: 3, 4: 2 } },
    { filter: family, dist: { 1: 97, 2: 0, 3: 1, 4: 2 } },
  ],
  // PIP year: cohort 2 of Wi2021-asiel N = 794 (30%, §4.1); 30% of Wi2021-asiel without cohort (Tabel 5.1:
  // 461 of 1.550); Wi2021-gezin then follows from the cohort Ns of Tabel B.2.xb (1.200 / 695 of 2.388).
  'Q2.11': [
    { filter: { type: [1] }, dist: { 2022: 19, 2023: 21, 2024: 30, 99: 30 } },
    { filter: { type: [2] }, dist: { 2022: 34, 2023: 37, 2024: 27, 99: 2 } },
  ],
  // Started the course: 64% / 89% / 94% / 92% (L874). Within Wi2021-asiel by route, so that the route Ns
  // of Tabel B.2.xa (1.710 / 312 / 176) and the group Ns of Tabel 3.x (1.594 / 794) fit together.
  'Q4.05': [
    { filter: { type: [1] }, dist: { 1: 64, 2: 33, 99: 3 } },
    { filter: { type: [1], route: [1] }, dist: { 1: 74, 2: 23, 99: 3 } },
    { filter: { type: [1], route: [2] }, dist: { 1: 66, 2: 31, 99: 3 } },
    { filter: { type: [1], route: [3] }, dist: { 1: 55, 2: 42, 99: 3 } },
    { filter: { type: [1], route: [4, 99] }, dist: { 1: 31, 2: 66, 99: 3 } },
  ],
  'Q4.08': [{ filter: { type: [2] }, dist: { 1: 89, 2: 9, 99: 2 } }],
  'Q4.09': [
    { filter: { type: [3] }, dist: { 1: 94, 2: 5, 99: 1 } },
    { filter: { type: [4] }, dist: { 1: 92, 2: 7, 99: 1 } },
  ],
  'Q4.10': [{ filter: {}, dist: { 1: 75, 2: 20, 99: 5 } }],
  'Q4.11': [{ filter: {}, dist: { 5: 25, 4: 40, 3: 22, 2: 6, 1: 3, 99: 4 } }],
  'Q4.12': [{ filter: {}, dist: { 1: 60, 2: 35, 99: 5 } }],
  // MAP followed: enough B1- and Z-route respondents for Tabel B.3.1 (N = 1.065 and 145).
  'Q4.22': [
    { filter: { route: [1] }, dist: { 1: 40, 2: 55, 99: 5 } },
    { filter: { route: [3] }, dist: { 1: 43, 2: 52, 99: 5 } },
  ],
  // Municipality pays fixed costs: enough Wi2021-asiel for Tabel 5.1 (N = 1.550; cohort 1 597, cohort 2 492).
  'Q5.06': [{ filter: { type: [1] }, dist: { 1: 66, 2: 30, 99: 4 } }],
  'Q5.08': [{ filter: {}, dist: { 1: 40, 2: 55, 99: 5 } }],
  // Exam taken: just above the Ns of Tabel 8.2 (587 / 506 / 272 / 184).
  'Q8.01': [
    { filter: { type: [1] }, dist: { 1: 23, 2: 74, 99: 3 } },
    { filter: { type: [2] }, dist: { 1: 30, 2: 67, 99: 3 } },
    { filter: { type: [3] }, dist: { 1: 68, 2: 30, 99: 2 } },
    { filter: { type: [4] }, dist: { 1: 70, 2: 28, 99: 2 } },
  ],
  'Q7.13': [{ filter: {}, dist: { 1: 30, 2: 65, 99: 5 } }],
};

/** Multiple-choice items: percentage choosing each option among those answering (SKIP = answer rate in %). */
export const ASSUMED_MULTI: Readonly<Record<string, readonly AssumedColumn[]>> = {
  // Steps taken in the azc, cohort 2 of Wi2021-asiel (§4.1.1, L1240-L1246); "Anders" not printed.
  'Q4.01': [{ filter: { type: [1] }, dist: { 1: 43, 2: 25, 3: 21, 4: 24, 5: 11, 6: 10, 7: 28, 8: 5, [-1]: 0 } }],
  // Why the wait was long (§4.2.1, L1268): no course place 50 %, no offer from the municipality 38 %, unclear 10 %.
  'Q4.07': [{ filter: { type: [1] }, dist: { 1: 50, 2: 38, 3: 10, 4: 6, [-1]: 0 } }],
  // Exam types: language exam and KNM often enough for Tabel 8.1/8.5 and 8.6.
  'Q8.02': [
    { filter: { type: [1] }, dist: { 1: 61, 2: 50, 4: 4, 99: 2, [-1]: 0 } },
    { filter: { type: [2] }, dist: { 1: 62, 2: 78, 4: 4, 99: 2, [-1]: 0 } },
    { filter: { type: [3] }, dist: { 1: 91, 2: 68, 3: 45, 4: 3, 99: 1, [-1]: 0 } },
    { filter: { type: [4] }, dist: { 1: 87, 2: 75, 3: 40, 4: 3, 99: 1, [-1]: 0 } },
  ],
};

/** Gender on the questionnaire outside man/vrouw: 32 "anders", 58 no answer overall (L513). */
export const OTHER_GENDER: Dist = { 3: 25, 98: 30, [-1]: 45 };
/** Learning route outside B1/O/Z (Tabel 2.11 counts only those three). */
export const OTHER_ROUTE: Dist = { 4: 60, 99: 40 };

/**
 * Wave 1 (2023) only, for items the report quotes no earlier figure for but routing or realism needs; they
 * replace the 2024 assumptions of the same item. The earlier figures themselves are in earlier.ts.
 */
export const ASSUMED_2023: Readonly<Record<string, readonly AssumedColumn[]>> = {
  // No PIP in 2024 yet; fewer "weet ik niet" than the 30 % of 2024 (which Tabel 5.1 implies), as the PIP was recent.
  'Q2.11': [
    { filter: { type: [1] }, dist: { 2022: 50, 2023: 40, 99: 10 } },
    { filter: { type: [2] }, dist: { 2022: 48, 2023: 50, 99: 2 } },
  ],
  // Worked since the permit / works now (2023 wording, L1408): the 2024 split of Tabel 4.1 with a few "both".
  'Q4.17a': [
    { filter: { type: [1] }, dist: { 1: 50, 2: 20, 3: 22, 4: 8 } },
    { filter: { type: [2] }, dist: { 1: 26, 2: 58, 3: 8, 4: 8 } },
    { filter: { type: [3] }, dist: { 1: 40, 2: 33, 3: 20, 4: 7 } },
    { filter: { type: [4] }, dist: { 1: 38, 2: 47, 3: 10, 4: 5 } },
  ],
  'Q4.17b': [
    { filter: { type: [1] }, dist: { 1: 62, 2: 18, 3: 16, 4: 4 } },
    { filter: { type: [2] }, dist: { 1: 35, 2: 53, 3: 7, 4: 5 } },
    { filter: { type: [3] }, dist: { 1: 50, 2: 30, 3: 16, 4: 4 } },
    { filter: { type: [4] }, dist: { 1: 45, 2: 43, 3: 8, 4: 4 } },
  ],
};

export const ASSUMED_MULTI_2023: Readonly<Record<string, readonly AssumedColumn[]>> = {
  // "Het percentage asielmigranten dat betaald werk heeft gedaan [in het azc is] bijna verdubbeld ten opzichte van
  // de eerste meting" (L1246): 10 % in 2024, so 5.5 % in 2023. The other steps as in 2024.
  'Q4.01': [{ filter: { type: [1] }, dist: { 1: 43, 2: 25, 3: 21, 4: 24, 5: 11, 6: 5.5, 7: 28, 8: 5, [-1]: 0 } }],
  // L1268: in the first measurement no offer from the municipality was the reason named most, then no course
  // place (43 %, the figure in earlier.ts); 55 % for the first is an assumption.
  'Q4.07': [{ filter: { type: [1] }, dist: { 1: 43, 2: 55, 3: 8, 4: 6, [-1]: 0 } }],
};
