// Every number of a computed report under the keys the generated R script prints (report-r-script.ts), and
// the comparison of the two: counts and Ns exactly, percentages, B, SE, adjusted R² and alpha within a
// relative 1e-9 (R and we sum in different orders), a missing value only against a missing value.
import type { ComputedReport } from '../src/analysis/compute.ts';

export type Cells = Map<string, number | null>;

/** Our numbers of `report` by key. */
export function reportCells(report: ComputedReport): Cells {
  const out: Cells = new Map();
  for (const [id, t] of report.tables) {
    switch (t.kind) {
      case 'frequency':
      case 'multiple':
      case 'topbox':
        out.set(`${id}|N`, t.n);
        t.columns.forEach((c, j) => out.set(`${id}|c${j + 1}|N`, c.n));
        t.rows.forEach((r, i) =>
          r.count.forEach((count, j) => {
            out.set(`${id}|r${i + 1}|c${j + 1}|count`, count);
            out.set(`${id}|r${i + 1}|c${j + 1}|pct`, r.percent[j] ?? null);
          }),
        );
        break;
      case 'population': {
        out.set(`${id}|N`, t.sampleN);
        const sample = t.rows.filter((r) => !r.total && r.sample !== null);
        if (t.by === 'group') {
          sample.forEach((r, j) => {
            out.set(`${id}|r1|c${j + 1}|count`, r.sample);
            out.set(`${id}|r1|c${j + 1}|pct`, r.samplePercent);
          });
          break;
        }
        // Rows run group by group, levels within each group: R's matrix is levels × groups.
        const groups = [...new Set(t.rows.map((r) => r.group))];
        t.rows.forEach((r) => {
          const g = groups.indexOf(r.group);
          const level = t.rows.filter((x) => x.group === r.group).indexOf(r);
          out.set(`${id}|r${level + 1}|c${g + 1}|count`, r.sample);
          out.set(`${id}|r${level + 1}|c${g + 1}|pct`, r.samplePercent);
        });
        break;
      }
      case 'regression':
        out.set(`${id}|n`, t.n);
        if (t.estimable) out.set(`${id}|adjR2`, t.adjR2);
        for (const row of t.rows) {
          if (row.kind !== 'term') continue;
          out.set(`${id}|${row.term}|B`, row.B);
          if (row.B !== null) out.set(`${id}|${row.term}|SE`, row.SE);
        }
        break;
    }
  }
  for (const r of report.reliability) {
    out.set(`alpha|${r.scale}|alpha`, r.alpha);
    out.set(`alpha|${r.scale}|n`, r.n);
  }
  return out;
}

/** The "key<TAB>value" lines of the R script's output. */
export function parseRCells(stdout: string): Cells {
  const out: Cells = new Map();
  for (const line of stdout.split('\n')) {
    const tab = line.indexOf('\t');
    if (tab < 0) continue;
    const value = line.slice(tab + 1).trim();
    out.set(line.slice(0, tab), value === 'NA' || value === 'NaN' ? null : Number(value));
  }
  return out;
}

export interface CellComparison {
  readonly compared: number;
  readonly agree: number;
  /** Keys R printed that we have no number for, and ours that R did not print. */
  readonly onlyR: readonly string[];
  readonly onlyOurs: readonly string[];
  readonly disagreements: readonly { readonly key: string; readonly ours: number | null; readonly r: number | null }[];
  /** Largest relative difference among the non-count numbers that agree. */
  readonly maxRelative: number;
  /** A handful of cells side by side, for the printed check. */
  readonly sample: readonly { readonly key: string; readonly ours: number | null; readonly r: number | null }[];
}

const isCount = (key: string): boolean => /\|(N|n|count)$/.test(key);

/** Compares our numbers with R's, key by key. */
export function compareCells(ours: Cells, r: Cells, sampleKeys: readonly string[] = SAMPLE_KEYS): CellComparison {
  let compared = 0;
  let agree = 0;
  let maxRelative = 0;
  const disagreements: { key: string; ours: number | null; r: number | null }[] = [];
  for (const [key, rv] of r) {
    if (!ours.has(key)) continue;
    const ov = ours.get(key) ?? null;
    compared++;
    let same: boolean;
    if (ov === null || rv === null || Number.isNaN(ov)) same = (ov === null || Number.isNaN(ov)) && rv === null;
    else if (isCount(key)) same = ov === rv;
    else {
      const diff = Math.abs(ov - rv);
      const rel = diff === 0 ? 0 : diff / Math.max(Math.abs(ov), Math.abs(rv));
      same = rel <= 1e-9 || diff <= 1e-12;
      if (same) maxRelative = Math.max(maxRelative, rel);
    }
    if (same) agree++;
    else disagreements.push({ key, ours: ov, r: rv });
  }
  return {
    compared,
    agree,
    onlyR: [...r.keys()].filter((k) => !ours.has(k)),
    onlyOurs: [...ours.keys()].filter((k) => !r.has(k)),
    disagreements,
    maxRelative,
    sample: sampleKeys.map((key) => ({ key, ours: ours.get(key) ?? null, r: r.get(key) ?? null })),
  };
}

/** Cells printed side by side: a percentage and an N of a plain, a multiple-choice and a top-box table, a model, an alpha. */
export const SAMPLE_KEYS = [
  '2.2|r4|c1|pct',
  '3.1|c2|N',
  '3.8|r2|c3|pct',
  '4.6|r3|c4|pct',
  '5.1|r1|c2|count',
  '2.10|r2|c1|count',
  'B.2.7|n',
  'B.2.7|Q2.02|B',
  'B.2.7|Q2.09=1|SE',
  'B.4.8|adjR2',
  'alpha|kwaliteit|alpha',
  'alpha|beleidsdoelen|n',
] as const;
