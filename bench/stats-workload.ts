// The report's statistics workload over a synthetic wave: ~52 weighted crosstabs, the three scales
// (reliability + scale scores) and 16 OLS models with dummies. Used by bench/stats.ts.
import { dataset, type Column, type Dataset } from '../src/stats/dataset.ts';
import { crosstabs, ols, reliability, scaleScore, whereEquals, withMask, withWeights, type Predictor } from '../src/stats/index.ts';
import { AGEGROUPS, GROUPS, ITEMS, ROUTES, SCALES, WORK, type Wave } from '../scripts/fixtures/synthetic.ts';

function codes(src: Int8Array, offset = 0): Int32Array {
  const out = new Int32Array(src.length);
  for (let i = 0; i < src.length; i++) out[i] = (src[i] as number) < 0 ? -1 : (src[i] as number) - offset;
  return out;
}

function orMask(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = (a[i] as number) | (b[i] as number);
  return out;
}

/** The wave as a weighted Dataset (columns shared, no copies of item arrays). */
export function waveDataset(w: Wave): Dataset {
  const cat = (name: string, c: Int32Array, levels: readonly (string | number)[]): Column => ({
    kind: 'categorical',
    name,
    codes: c,
    levels,
  });
  const columns: Column[] = [
    cat('group', codes(w.group), GROUPS),
    cat('route', codes(w.route), ROUTES),
    cat('gender', codes(w.gender), ['man', 'vrouw']),
    cat('cohort', codes(w.cohort, 1), [1, 2]),
    cat('agegroup', codes(w.agegroup), AGEGROUPS),
    cat('work', codes(w.work), WORK),
    { kind: 'numeric', name: 'age', values: w.age },
    { kind: 'numeric', name: 'education', values: w.education },
    { kind: 'numeric', name: 'language', values: w.language },
    { kind: 'numeric', name: 'health', values: w.health },
    { kind: 'numeric', name: 'intake', values: w.intake },
    ...ITEMS.map((name): Column => ({ kind: 'numeric', name, values: w.items[name] as Float64Array })),
  ];
  return withWeights(dataset(columns), w.weight);
}

export interface WorkloadSummary {
  readonly tables: number;
  readonly scales: number;
  readonly models: number;
  /** A checksum so the work cannot be optimised away and runs can be compared. */
  readonly checksum: number;
}

/** Runs the report workload once. */
export function runWorkload(data: Dataset): WorkloadSummary {
  let checksum = 0;
  let tables = 0;
  // The report's item-by-group tables as one banner: each item and group variable is coded once.
  for (const t of crosstabs(data, ITEMS, ['group', 'route', 'gender', 'cohort'])) {
    checksum += t.columnPercent[0]?.[0] ?? 0;
    tables++;
  }
  const unweighted: Dataset = { rows: data.rows, columns: data.columns };
  const scored = new Map<string, Float64Array>();
  for (const [name, items] of Object.entries(SCALES)) {
    checksum += reliability(unweighted, items).alpha;
    scored.set(name, scaleScore(unweighted, items, Math.ceil(items.length / 2)));
  }
  // The scores are Float64Arrays with NaN for missing already: shared as columns, not copied.
  const withScores = dataset([
    ...unweighted.columns.values(),
    ...[...scored].map(([name, values]): Column => ({ kind: 'numeric', name, values })),
  ]);
  const predictors = (route: boolean, split?: string): Predictor[] => [
    { kind: 'numeric', name: 'age' },
    ...(split === 'gender' ? [] : [{ kind: 'categorical', name: 'gender', reference: 'man' } as const]),
    { kind: 'numeric', name: 'education' },
    { kind: 'numeric', name: 'language' },
    { kind: 'numeric', name: 'health' },
    ...(route ? [{ kind: 'categorical', name: 'route', reference: 'Z' } as const] : []),
    ...(split === 'cohort' ? [] : [{ kind: 'categorical', name: 'cohort', reference: 2 } as const]),
    { kind: 'numeric', name: 'intake' },
    { kind: 'categorical', name: 'work', reference: 'geen' },
  ];
  // Each model's subset is built when it is fitted (as R's d[d$group == g, ]), as masks from the engine:
  // whereEquals, combined by withMask (a view, no copy of the columns).
  const inGroup = (g: string): Dataset => withMask(withScores, whereEquals(withScores, 'group', g));
  let models = 0;
  const fit = (y: string, view: Dataset, route: boolean, split?: string): void => {
    const r = ols(view, { y, predictors: predictors(route, split) });
    checksum += r.coefficients[1]?.B ?? 0;
    models++;
  };
  for (const y of ['maatschappelijk', 'beleid', 'kwaliteit']) {
    GROUPS.forEach((g, i) => fit(y, inGroup(g), i <= 1));
  }
  for (const [split, level] of [
    ['cohort', 1],
    ['cohort', 2],
    ['gender', 'man'],
    ['gender', 'vrouw'],
  ] as const) {
    const wi2021 = orMask(whereEquals(withScores, 'group', GROUPS[0]), whereEquals(withScores, 'group', GROUPS[1]));
    fit('kwaliteit', withMask(withMask(withScores, wi2021), whereEquals(withScores, split, level)), true, split);
  }
  return { tables, scales: Object.keys(SCALES).length, models, checksum };
}
