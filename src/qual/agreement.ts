// Inter-coder agreement: Cohen's kappa (two coders, optionally weighted) and Krippendorff's alpha (any
// number of coders, missing values allowed; nominal, ordinal, interval and ratio metrics). Pure and total:
// an undefined coefficient (no variation at all) is NaN, as in scikit-learn and Krippendorff's own tables.

export type Value = number | string;

/** Cohen (1960), weighted: Cohen (1968); weights over the sorted labels' ranks, as scikit-learn's cohen_kappa_score. */
export function cohenKappa(a: readonly Value[], b: readonly Value[], weights: 'none' | 'linear' | 'quadratic' = 'none'): number {
  if (a.length !== b.length) throw new RangeError(`cohenKappa: ${a.length} against ${b.length} codings`);
  const labels = [...new Set([...a, ...b])].sort((x, y) =>
    typeof x === 'number' && typeof y === 'number' ? x - y : String(x) < String(y) ? -1 : String(x) > String(y) ? 1 : 0,
  );
  const k = labels.length;
  const index = new Map(labels.map((l, i) => [l, i]));
  const observed = Array.from({ length: k }, () => new Float64Array(k));
  for (let i = 0; i < a.length; i++) observed[index.get(a[i]!)!]![index.get(b[i]!)!]! += 1;
  const rows = observed.map((r) => r.reduce((s, x) => s + x, 0));
  const cols = labels.map((_, j) => observed.reduce((s, r) => s + r[j]!, 0));
  const n = a.length;
  let num = 0;
  let den = 0;
  for (let i = 0; i < k; i++)
    for (let j = 0; j < k; j++) {
      const w = weights === 'none' ? (i === j ? 0 : 1) : weights === 'linear' ? Math.abs(i - j) : (i - j) ** 2;
      num += w * observed[i]![j]!;
      den += (w * rows[i]! * cols[j]!) / n;
    }
  return den === 0 ? NaN : 1 - num / den;
}

export type Metric = 'nominal' | 'ordinal' | 'interval' | 'ratio';

/**
 * Krippendorff's alpha over units × coders (null = not coded). Follows Krippendorff (2011), "Computing
 * Krippendorff's alpha-reliability": a coincidence matrix over pairable values, alpha = 1 - (n-1)·Σo·δ² / Σn_c·n_k·δ².
 */
export function krippendorffAlpha(units: readonly (readonly (Value | null)[])[], metric: Metric = 'nominal'): number {
  const values = [...new Set(units.flat().filter((v): v is Value => v !== null))];
  if (metric !== 'nominal' && values.some((v) => typeof v !== 'number'))
    throw new RangeError(`krippendorffAlpha: the ${metric} metric needs numbers`);
  values.sort((x, y) => (typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y))));
  const k = values.length;
  const index = new Map(values.map((v, i) => [v, i]));
  const o = Array.from({ length: k }, () => new Float64Array(k));
  for (const unit of units) {
    const present = unit.filter((v): v is Value => v !== null);
    const m = present.length;
    if (m < 2) continue;
    for (let i = 0; i < m; i++)
      for (let j = 0; j < m; j++) if (i !== j) o[index.get(present[i]!)!]![index.get(present[j]!)!]! += 1 / (m - 1);
  }
  const nc = o.map((r) => r.reduce((s, x) => s + x, 0));
  const n = nc.reduce((s, x) => s + x, 0);
  const delta2 = (c: number, d: number): number => {
    if (c === d) return 0;
    switch (metric) {
      case 'nominal':
        return 1;
      case 'interval':
        return ((values[c] as number) - (values[d] as number)) ** 2;
      case 'ratio': {
        const [x, y] = [values[c] as number, values[d] as number];
        return x + y === 0 ? 0 : ((x - y) / (x + y)) ** 2;
      }
      case 'ordinal': {
        const [lo, hi] = c < d ? [c, d] : [d, c];
        let s = 0;
        for (let g = lo; g <= hi; g++) s += nc[g]!;
        return (s - (nc[lo]! + nc[hi]!) / 2) ** 2;
      }
    }
  };
  let dO = 0;
  let dE = 0;
  for (let c = 0; c < k; c++)
    for (let d = 0; d < k; d++) {
      const w = delta2(c, d);
      dO += o[c]![d]! * w;
      dE += nc[c]! * nc[d]! * w;
    }
  return dE === 0 ? NaN : 1 - ((n - 1) * dO) / dE;
}
