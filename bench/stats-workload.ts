// The report's statistics workload over a synthetic wave: ~52 weighted crosstabs, the three scales
// (reliability + scale scores) and 16 OLS models with dummies. Used by bench/stats.ts.
import { dataset, numericColumn, type Column, type Dataset } from '../src/stats/dataset.ts';
import { crosstab, ols, reliability, scaleScore, withWeights, type Predictor } from '../src/stats/index.ts';
import { AGEGROUPS, GROUPS, ITEMS, ROUTES, SCALES, WORK, type Wave } from '../scripts/fixtures/synthetic.ts';

function codes(src: Int8Array, offset = 0): Int32Array {
  const out = new Int32Array(src.length);
  for (let i = 0; i < src.length; i++) out[i] = (src[i] as number) < 0 ? -1 : (src[i] as number) - offset;
  return out;
}

/** The wave as a weighted Dataset (columns shared, no copies of item arrays). */
export function waveDataset(w: Wave): Dataset {
  const cat = (name: string, c: Int32Array, levels: readonly (string | number)[]): Column => ({ kind: 'categorical', name, codes: c, levels });
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
  for (const item of ITEMS) {
    for (const by of ['group', 'route', 'gender', 'cohort']) {
      const t = crosstab(data, item, by);
      checksum += t.columnPercent[0]?.[0] ?? 0;
      tables++;
    }
  }
  const unweighted: Dataset = { rows: data.rows, columns: data.columns };
  const scored = new Map<string, Float64Array>();
  for (const [name, items] of Object.entries(SCALES)) {
    checksum += reliability(unweighted, items).alpha;
    scored.set(name, scaleScore(unweighted, items, Math.ceil(items.length / 2)));
  }
  const withScores = dataset([...unweighted.columns.values(), ...[...scored].map(([name, v]) => numericColumn(name, v))]);
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
  const group = withScores.columns.get('group') as { codes: Int32Array };
  const cohort = withScores.columns.get('cohort') as { codes: Int32Array };
  const gender = withScores.columns.get('gender') as { codes: Int32Array };
  const masks: [Int32Array, number][] = [
    ...GROUPS.map((_, g): [Int32Array, number] => [group.codes, g]),
  ];
  let models = 0;
  const fit = (y: string, mask: Uint8Array, route: boolean, split?: string): void => {
    const r = ols({ ...withScores, mask }, { y, predictors: predictors(route, split) });
    checksum += r.coefficients[1]?.B ?? 0;
    models++;
  };
  const where = (c: Int32Array, level: number, wi2021Only: boolean): Uint8Array => {
    const mask = new Uint8Array(c.length);
    for (let i = 0; i < c.length; i++) mask[i] = c[i] === level && (!wi2021Only || (group.codes[i] as number) <= 1) ? 1 : 0;
    return mask;
  };
  for (const y of ['maatschappelijk', 'beleid', 'kwaliteit']) {
    masks.forEach(([c, level], g) => fit(y, where(c, level, false), g <= 1));
  }
  for (const [c, level, split] of [[cohort.codes, 0, 'cohort'], [cohort.codes, 1, 'cohort'], [gender.codes, 0, 'gender'], [gender.codes, 1, 'gender']] as const) {
    fit('kwaliteit', where(c, level, true), true, split);
  }
  return { tables, scales: Object.keys(SCALES).length, models, checksum };
}

