// Re-exports used by several test files, and the survey fixture as a Dataset.
import { datasetFromText } from '../../src/stats/records.ts';
import type { Dataset } from '../../src/stats/dataset.ts';
import { fixtureTable } from './helpers.ts';

export { frequencyTable } from '../../src/stats/index.ts';
export { frequencies, crosstab, crosstabs } from '../../src/stats/crosstab.ts';

/** The committed synthetic survey with the given numeric and categorical columns. */
export function datasetFromTextFor(numeric: readonly string[], categorical: readonly string[]): Dataset {
  return datasetFromText(fixtureTable('survey.csv'), { numeric, categorical });
}
