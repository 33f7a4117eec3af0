// Public surface of the statistics core. Pure: no I/O, no clock, no randomness unless passed in.

export { StatsError } from './errors.ts';
export { frequencyTable, isMissing, compareLevels, sharesOf } from './frequency.ts';
export type { Level, FrequencyTable, FrequencyCategory, FrequencyOptions } from './frequency.ts';
export {
  dataset,
  numericColumn,
  categoricalColumn,
  categoricalFromNumbers,
  asCategorical,
  column,
  numericValues,
  withMask,
  withWeights,
  whereEquals,
  rowsInView,
} from './dataset.ts';
export type { Dataset, Column, NumericColumn, CategoricalColumn } from './dataset.ts';
export { crosstab, crosstabs, frequencies, tabulate } from './crosstab.ts';
export { describe } from './describe.ts';
export { quantile, median } from './quantile.ts';
export type { Description } from './describe.ts';
export type { Crosstab, FrequencyGroup } from './crosstab.ts';
export { roundToTotal, formatPercent, displayColumn, differenceFlags, printedPercents } from './display.ts';
export type { DifferenceFlag, PrintedPercent } from './display.ts';
export { chiSquareTest, pearsonChiSquare, raoScott } from './chisq.ts';
export type { ChiSquareResult } from './chisq.ts';
export { reliability, reliabilityFromCovariance, scaleScore, completeCases } from './scale.ts';
export type { Reliability } from './scale.ts';
export { ols, fitOls, fitMatrix, notEstimableMessage, stars } from './ols.ts';
export type { OlsSpec, OlsResult, OlsOutcome, NotEstimable, Predictor, Coefficient, Stars } from './ols.ts';
export { leastSquares } from './lstsq.ts';
export { rake } from './rake.ts';
export type { Margin, RakeOptions, RakeResult } from './rake.ts';
export { requiredSampleSize, powerFR2, powerT2, powerChisq } from './power.ts';
export type { PowerTest, PowerOptions, PowerResult } from './power.ts';
export { pt, ptTwoSided, qt, pf, pfUpper, qf, pchisq, pchisqUpper, qchisq, pnorm, qnorm } from './dists.ts';
export { pnt, pnfUpper, pnchisq, pnchisqUpper, pnbeta } from './noncentral.ts';
