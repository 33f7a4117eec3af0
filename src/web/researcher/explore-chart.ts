// The explorer's chart: the report's stacked-bar figure (the same figure code as the report build) of the
// view's printed table, as SVG, and as PNG for the download. Until the report's figure module is there,
// there is no chart and the page shows the table alone.
import type { Language } from '../../questionnaire/types.ts';
import type { ExploreView } from './explore-view.ts';

/** The view's stacked-bar chart as SVG, or null (no chart for this view). */
export function exploreChart(_view: ExploreView, _lang: Language, _title: string): string | null {
  return null;
}

/** The chart as PNG, or null when it cannot be rendered here. */
export async function chartPng(_svg: string): Promise<Buffer | null> {
  return null;
}
