// Regression tables through the engine's OLS: the outcome's valid values, the model's predictors as numeric
// or dummy-coded columns (levels and reference from report.json, codings from variables.json's derived
// variables), listwise deletion among the rows the table selects. A model the data cannot carry is a result
// with its reason, and a dummy without cases a row with a note, never a swallowed error. Reasons and notes are
// data (kinds with their particulars), put in words by whoever shows them.
import { fitOls, type Predictor as EnginePredictor } from '../stats/index.ts';
import type { Model, TableSpec } from '../study/report-spec.ts';
import type { AnalysisDataset } from './dataset.ts';
import type { RegressionResult, RegressionRow, TermNote } from './results.ts';
import type { RowBuffers } from './row-buffers.ts';
import { categoricalView, engineDataset, numericView } from './views.ts';
import { withMask } from '../stats/index.ts';

export type RegressionSpec = Extract<TableSpec, { kind: 'regression' }>;

/** The model's printed rows: constant, predictors, dummies under their heading. */
export function modelRows(model: Model): { readonly label: RegressionRow['label']; readonly term: string | null }[] {
  const rows: { label: RegressionRow['label']; term: string | null }[] = [{ label: model.constant, term: '(Constant)' }];
  for (const p of model.predictors) {
    if (p.kind === 'numeric') {
      rows.push({ label: p.label, term: p.variable });
      continue;
    }
    if (p.group) rows.push({ label: p.group, term: null });
    for (const level of p.levels) {
      const label = p.labels.get(level);
      if (level !== p.reference && label) rows.push({ label, term: `${p.variable}=${level}` });
    }
  }
  return rows;
}

/** The model fitted on the rows of `within` (the table's filter); its factors' codes in arrays from `buffers`. */
export function regressionTable(
  data: AnalysisDataset,
  table: RegressionSpec,
  within: Uint8Array | null,
  buffers?: RowBuffers,
): RegressionResult {
  const { model } = table;
  const columns = [
    numericView(data, table.outcome, '#y'),
    ...model.predictors.map((p) =>
      p.kind === 'numeric' ? numericView(data, p.variable) : categoricalView(data, p.variable, p.levels, p.variable, buffers),
    ),
  ];
  const predictors: EnginePredictor[] = model.predictors.map((p) =>
    p.kind === 'numeric' ? { kind: 'numeric', name: p.variable } : { kind: 'categorical', name: p.variable, reference: p.reference },
  );
  let engine = engineDataset(columns);
  if (within) engine = withMask(engine, within);
  const outcome = fitOls(engine, { y: '#y', predictors });
  const base = { kind: 'regression' as const, id: table.id, title: table.title, where: table.whereText, outcome: table.outcome };
  const printed = modelRows(model);
  if (!outcome.ok) {
    return {
      ...base,
      estimable: false,
      reason: outcome.reason,
      message: outcome.message,
      n: 0,
      rows: printed.map((r) => (r.term === null ? { kind: 'header', label: r.label } : emptyTerm(r.label, r.term, 'model-not-estimable'))),
    };
  }
  const { fit, dropped } = outcome;
  const byTerm = new Map(fit.coefficients.map((c) => [c.term, c]));
  const rows = printed.map((r): RegressionRow => {
    if (r.term === null) return { kind: 'header', label: r.label };
    const c = byTerm.get(r.term);
    if (!c) return emptyTerm(r.label, r.term, dropped.includes(r.term) ? 'no-cases' : 'not-in-model');
    return { kind: 'term', label: r.label, term: r.term, B: c.B, SE: c.SE, t: c.t, p: c.p, stars: c.stars, note: null };
  });
  return { ...base, estimable: true, n: fit.n, r2: fit.r2, adjR2: fit.adjR2, F: fit.F, pF: fit.pF, rows };
}

const emptyTerm = (label: RegressionRow['label'], term: string, note: TermNote): RegressionRow => ({
  kind: 'term',
  label,
  term,
  B: null,
  SE: null,
  t: null,
  p: null,
  stars: '',
  note,
});
