// Confirmed recodes of "Anders, namelijk..." answers (issue 16, item 7) written into a dataset: the choice item
// takes the option the researcher chose instead of "other", while the open text stays in its own variable
// beside it. A recode applies only while the response still holds the "other" option and the very text it was
// decided on; otherwise it is skipped and said so (the respondent changed the answer afterwards).
import type { WaveRecode } from '../storage/wave-data.ts';
import type { AnalysisDataset } from './dataset.ts';

/**
 * Applies recodes to the rows of their responses (only the responses in `only`, when given). Returns the
 * recodes that no longer fit the stored answer, in words.
 */
export function applyRecodes(data: AnalysisDataset, recodes: readonly WaveRecode[], only?: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  for (const r of recodes) {
    if (only && !only.has(r.responseId)) continue;
    const row = data.rowOf(r.responseId);
    if (row === undefined || !data.has(r.otherItem)) continue;
    if (data.texts(r.otherItem)[row] !== r.text) {
      problems.push(`response ${r.responseId}: ${r.otherItem} no longer reads the recoded text; recode not applied`);
      continue;
    }
    const options = data.multiOptions.get(r.item);
    if (options) {
      const chosen = options.filter((o) => data.numbers(o.name)[row] === 1).map((o) => o.option?.code ?? NaN);
      if (!chosen.includes(r.otherCode)) continue;
      const next = [...new Set([...chosen.filter((c) => c !== r.otherCode), r.code])];
      data.setAnswer(row, r.item, next);
    } else if (data.has(r.item) && data.numbers(r.item)[row] === r.otherCode) {
      data.setAnswer(row, r.item, r.code);
    }
  }
  return problems;
}
