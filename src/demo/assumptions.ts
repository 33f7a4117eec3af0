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

const family = { type: [2, 4] } as const;

export const ASSUMED: Readonly<Record<string, readonly AssumedColumn[]>> = {
  // Country of origin: Syria largest for asylum migrants (49% Wi2021-asiel, 37% Wi2013-asiel, L561); 42% of
  // everyone used the open field (L561: "anders" 24% of asylum, 70% of family migrants).
  'Q2.03': [
    { filter: { type: [1] }, dist: { 1: 49, 2: 10, 3: 6, 4: 4, 5: 2, 6: 2, 7: 2, 8: 1, 9: 0, 10: 24 } },
    { filter: { type: [3] }, dist: { 1: 37, 2: 16, 3: 4, 4: 6, 5: 2, 6: 4, 7: 4, 8: 3, 9: 0, 10: 24 } },
    { filter: family, dist: { 1: 5, 2: 2, 3: 10, 4: 2, 5: 1, 6: 2, 7: 2, 8: 1, 9: 5, 10: 70 } },
  ],
  // 4% of Wi2021-asiel lives in an azc (L588).
  'Q2.05': [
    { filter: { type: [1] }, dist: { 1: 90, 2: 4, 3: 3, 4: 3 } },
    { filter: { type: [3] }, dist: { 1: 93, 2: 2, 3: 3, 4: 2 } },
    { filter: family, dist: { 1: 97, 2: 0, 3: 1, 4: 2 } },
  ],
  // PIP year. Wi2021-asiel: cohort 2 = 794 (30%, §4.1), cohort 1 so that Figuur 4.12 counts 1.791 of them
  // (38%), 32% without a cohort (Tabel 5.1: 461 of 1.550). Wi2021-gezin: the rest of the 3.261-3.301 with a
  // cohort of Figuur 2.3, 2.12 and 3.3 (Figuur 7.4: 1.450 answers), cohort 2 large enough for Figuur 4.6
  // (1.411 answers of cohort 2 to a question without a filter) and Figuur 4.8 (1.328 of those in a route).
  'Q2.11': [
    { filter: { type: [1] }, dist: { 2022: 17, 2023: 20.8, 2024: 30, 99: 32.2 } },
    { filter: { type: [2] }, dist: { 2022: 19, 2023: 22, 2024: 43.3, 99: 15.7 } },
    // Those who give no gender as man or vrouw in cohort 2 more often: Figuur 4.10 (by gender) counts 25
    // fewer answers of cohort 2 than Figuur 4.8 (by type).
    { filter: { type: [1, 2], gender: [3, 98] }, dist: { 2022: 10, 2023: 12, 2024: 55, 99: 23 } },
  ],
  // Cohort 2 in a learning route (B1, O, Z) more often than others (88%): Q4.16 asks them and those who do
  // not know their route, and Figuur 4.9 counts 1.194 of cohort 2's answers by route (4.8: 1.328 by type);
  // Figuur 4.2 and 4.6 count 117 and 163 more answers of cohort 2 than Figuur 4.3 and 4.7 by route.
  'Q2.09': [{ filter: { type: [1, 2], cohort: [2] }, dist: { 1: 68.5, 2: 13.5, 3: 6.5, [-1]: 11.5 } }],
  // Started the course: 64% / 89% / 94% / 92% (L874). Within Wi2021-asiel by route, so that the route Ns
  // of Tabel B.2.xa (1.710 / 312 / 176) and the group Ns of Tabel 3.x (1.594 / 794) fit together; cohort 2
  // 60% (L1266), cohort 1 more, so that the cohort Ns of Tabel B.2.xb (1.200 / 695) fit.
  'Q4.05': [
    { filter: { type: [1] }, dist: { 1: 64, 2: 33, 99: 3 } },
    { filter: { type: [1], route: [1] }, dist: { 1: 74, 2: 23, 99: 3 } },
    { filter: { type: [1], route: [2] }, dist: { 1: 66, 2: 31, 99: 3 } },
    { filter: { type: [1], route: [3] }, dist: { 1: 55, 2: 42, 99: 3 } },
    { filter: { type: [1], route: [4, 99] }, dist: { 1: 31, 2: 66, 99: 3 } },
    { filter: { type: [1], cohort: [1] }, dist: { 1: 76, 2: 21, 99: 3 } },
    { filter: { type: [1], cohort: [2] }, dist: { 1: 60, 2: 33, 99: 7 } },
    // Those who give no gender as man or vrouw: Figuur B.4.8 counts all but about 45 of the Wi2021-asiel
    // answers to the course aspects by gender (Tabel B.4.1-B.4.4).
    { filter: { type: [1], gender: [3, 98] }, dist: { 1: 90, 2: 8, 99: 2 } },
  ],
  'Q4.08': [{ filter: { type: [2] }, dist: { 1: 89, 2: 9, 99: 2 } }],
  'Q4.09': [
    { filter: { type: [3] }, dist: { 1: 94, 2: 5, 99: 1 } },
    { filter: { type: [4] }, dist: { 1: 92, 2: 7, 99: 1 } },
  ],
  // Brede intake: 83% of cohort 2 had one, 11% not (L1281); Figuur 4.1 counts 1.076 answers of cohort 2.
  'Q4.10': [
    { filter: {}, dist: { 1: 75, 2: 20, 99: 5 } },
    { filter: { cohort: [2] }, dist: { 1: 83, 2: 11, 99: 6 } },
  ],
  'Q4.11': [{ filter: {}, dist: { 5: 25, 4: 40, 3: 22, 2: 6, 1: 3, 99: 4 } }],
  // Leerbaarheidstoets: 88% of cohort 2 made one (L1294).
  'Q4.12': [
    { filter: {}, dist: { 1: 60, 2: 35, 99: 5 } },
    { filter: { cohort: [2] }, dist: { 1: 88, 2: 9, 99: 3 } },
  ],
  // Guidance to work (Tabel 4.4: 38% of Wi2021-asiel): more often with a cohort, so that Figuur 4.16 counts
  // 694 satisfaction answers of the cohorts among the 953 of Tabel 4.5.
  'Q4.20': [{ filter: { type: [1], cohort: [1, 2] }, dist: { 1: 43, 2: 45, 3: 12, [-1]: 4.6 } }],
  // MAP followed: not yet 45% of Wi2021-asiel and 53% of Wi2021-gezin (L1760); "Dat weet ik niet" few, so
  // that enough of them are asked Q4.23 for Tabel B.3.1 (B1 1.065, Z 145 answers) and Figuur 4.18 (1.532).
  'Q4.22': [
    { filter: { type: [1] }, dist: { 1: 48, 2: 45, 99: 7, [-1]: 7 } },
    { filter: { type: [2] }, dist: { 1: 43, 2: 53, 99: 4, [-1]: 7 } },
    // Outside the three routes about as often: Figuur 4.20 counts 293 more usefulness answers than Figuur 4.21.
    { filter: { route: [4, 99] }, dist: { 1: 55, 2: 38, 99: 7, [-1]: 4 } },
    { filter: { route: [3] }, dist: { 1: 50, 2: 43, 99: 7, [-1]: 4 } },
  ],
  // Municipality pays fixed costs: enough Wi2021-asiel for Tabel 5.1 (N = 1.550; cohort 1 597, cohort 2 492).
  'Q5.06': [{ filter: { type: [1] }, dist: { 1: 66, 2: 30, 99: 4 } }],
  // Help with money: 53% received it, 37% not, 10% do not know; cohort 1 64%, cohort 2 49% (L2363).
  'Q5.08': [
    { filter: {}, dist: { 1: 54, 2: 36, 99: 10, [-1]: 2 } },
    { filter: { cohort: [1] }, dist: { 1: 64, 2: 28, 99: 8, [-1]: 2 } },
    { filter: { cohort: [2] }, dist: { 1: 49, 2: 41, 99: 10, [-1]: 2 } },
  ],
  // Maatschappelijke begeleiding: of 2.569 answers 9% get none, 5% do not know (L2429).
  'Q6.01': [{ filter: { type: [1] }, dist: { 5: 24, 4: 40.5, 3: 15.5, 2: 4, 1: 2, 97: 9, 99: 5, [-1]: 3 } }],
  // Exam taken: just above the Ns of Tabel 8.2 (587 / 506 / 272 / 184).
  'Q8.01': [
    { filter: { type: [1] }, dist: { 1: 23, 2: 74, 99: 3 } },
    { filter: { type: [2] }, dist: { 1: 30, 2: 67, 99: 3 } },
    { filter: { type: [3] }, dist: { 1: 68, 2: 30, 99: 2 } },
    { filter: { type: [4] }, dist: { 1: 70, 2: 28, 99: 2 } },
    // Those who give no gender as man or vrouw more often: Figuur 8.3 and 8.4 (by gender) count 15 and 14
    // fewer Wi2021 answers than Tabel 8.5 and 8.6 (by type).
    { filter: { type: [1, 2], gender: [3, 98] }, dist: { 1: 45, 2: 52, 99: 3 } },
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
    { filter: { type: [1] }, dist: { 1: 64, 2: 50, 4: 4, 99: 2, [-1]: 0 } },
    { filter: { type: [2] }, dist: { 1: 62, 2: 78, 4: 4, 99: 2, [-1]: 0 } },
    { filter: { type: [3] }, dist: { 1: 91, 2: 68, 3: 45, 4: 3, 99: 1, [-1]: 0 } },
    { filter: { type: [4] }, dist: { 1: 87, 2: 75, 3: 40, 4: 3, 99: 1, [-1]: 0 } },
  ],
};

/**
 * Gender outside man/vrouw (Tabel 2.10 counts 4.976 men and women of the 5.106 with a type): 32 "anders" and
 * 58 who do not want to say (L513, with them Figuur 2.2's N = 5.066); the other 40 leave it open.
 */
export const OTHER_GENDER_TYPED: Readonly<Record<number, number>> = { 3: 32, 98: 58 };
/** The same for the 67 Wi2013 respondents without a type, in about those shares. */
export const OTHER_GENDER: Dist = { 3: 25, 98: 45, [-1]: 30 };
/** Learning route outside B1/O/Z (Tabel 2.11 counts only those three). */
export const OTHER_ROUTE: Dist = { 4: 60, 99: 40 };
/**
 * The same for cohort 2, mostly "Dat weet ik niet": Q4.16 is asked of all who follow a route, named or not,
 * and Figuur 4.8 (by type) counts 134 more of cohort 2's answers than Figuur 4.9 (by the three routes).
 */
export const OTHER_ROUTE_COHORT_2: Dist = { 4: 10, 99: 90 };

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
