// One view of the tables explorer, computed: the query string read (wave, questionnaire, item, breakdown,
// weighted), the sources counted (one wave, or every wave that has the item for the "wave" breakdown), the
// result printed by the report's display function, and its source line. The page and every download of the
// view (CSV, XLSX, SVG, PNG) are made from this one value, so they always show the same numbers.
import { z } from 'zod';
import type { DatasetCache } from '../../analysis/cache.ts';
import { questionnaireMask } from '../../analysis/conditions.ts';
import { isBreakdown, type BreakdownId, type ChannelContext, type ExploreSource } from '../../analysis/explore-breakdowns.ts';
import { exploreItems, exploreTable, itemKindOf, type ExploreItem, type ExploreResult } from '../../analysis/explore.ts';
import type { Catalog } from '../../i18n/catalog.ts';
import type { Language } from '../../questionnaire/types.ts';
import { printTable, textIn, type PrintedFrequency } from '../../report/tables-json.ts';
import type { StudyDefinition, WaveDefinition } from '../../study/load.ts';
import type { GroupWeighting } from '../../analysis/weights.ts';
import { badFields, loadView, sourceLine, viewFilters, viewQuery, type ViewFilters, type WeightsCache } from './workspace-data.ts';

const exploreQuerySchema = z.object({
  vraag: z.string().max(120).optional(),
  uitsplitsing: z.string().max(40).optional(),
});

export interface ExploreView {
  readonly filters: ViewFilters;
  readonly item: string | null;
  readonly breakdown: BreakdownId;
  readonly items: readonly ExploreItem[];
  /** Query string of this view (its address), without the language. */
  readonly query: string;
  readonly result: ExploreResult | null;
  /** The frequency result as the report prints it. */
  readonly printed: PrintedFrequency | null;
  readonly source: string;
  readonly synthetic: boolean;
  /** Weighted was asked but the wave has no population margins. */
  readonly noPopulation: boolean;
  readonly weightGroups: readonly GroupWeighting[];
  /** Query fields that were not understood ("field=value"): the view is answered 400 and names them. */
  readonly problems: readonly string[];
}

/** Computes the view the query string names. */
export async function exploreView(
  deps: { readonly study: StudyDefinition; readonly catalog: Catalog; readonly datasets: DatasetCache; readonly weights: WeightsCache },
  query: Record<string, string>,
  lang: Language,
  channels: ChannelContext,
): Promise<ExploreView> {
  const { study, catalog } = deps;
  const { filters, problems } = viewFilters(study, query);
  const q = exploreQuerySchema.safeParse(query);
  const asked = q.success ? q.data : {};
  if (!q.success) problems.push(...badFields(q.error.issues, query));
  const breakdown: BreakdownId = asked.uitsplitsing && isBreakdown(asked.uitsplitsing) ? asked.uitsplitsing : 'type';
  if (asked.uitsplitsing && !isBreakdown(asked.uitsplitsing)) problems.push(`uitsplitsing=${asked.uitsplitsing}`);
  const view = await loadView(deps.datasets, deps.weights, filters);
  const items = exploreItems(view.data, filters.questionnaire);
  let item: string | null = asked.vraag || null;
  if (item !== null && itemKindOf(view.data, item) === null) {
    problems.push(`vraag=${item}`);
    item = null;
  }
  // A view with a field it did not understand shows nothing but the form and the fields at fault (a 400).
  if (problems.length > 0) item = null;
  const noPopulation = filters.weighted && view.weights === null;
  let waves: WaveDefinition[] = [filters.wave];
  let result: ExploreResult | null = null;
  let rows = view.data.rows;
  if (item !== null) {
    let sources: ExploreSource[] = [{ wave: filters.wave, data: view.data, weights: view.weights?.weights ?? null, within: view.within }];
    if (breakdown === 'wave') {
      sources = [];
      waves = [];
      for (const wave of [...study.waves].sort((a, b) => a.number - b.number)) {
        const loaded = await loadView(deps.datasets, deps.weights, { ...filters, wave });
        const has = loaded.data.multiOptions.has(item) || itemKindOf(loaded.data, item) !== null;
        if (!has) continue;
        const within = filters.questionnaire ? questionnaireMask([filters.questionnaire], loaded.data) : null;
        sources.push({ wave, data: loaded.data, weights: loaded.weights?.weights ?? null, within });
        waves.push(wave);
      }
      rows = sources.reduce((n, s) => n + s.data.rows, 0);
    }
    result = exploreTable(sources, { item, breakdown }, channels);
  }
  const printed = result && result.kind !== 'mean' ? (printTable(result.table, lang === 'nl' ? 'nl' : 'en') as PrintedFrequency) : null;
  return {
    filters,
    item,
    breakdown,
    items,
    query: viewQuery(filters, { vraag: item ?? undefined, uitsplitsing: breakdown }),
    result,
    printed,
    source: sourceLine(catalog, lang, study, filters, {
      rows,
      weighted: view.weights !== null,
      synthetic: view.synthetic,
      waves,
    }),
    synthetic: view.synthetic,
    noPopulation,
    weightGroups: view.weights?.groups ?? [],
    problems,
  };
}

/** The title of the view's table: the item's label and the breakdown. */
export function viewTitle(view: ExploreView, lang: Language, breakdownLabel: string): string {
  if (!view.result) return '';
  const title = view.result.kind === 'mean' ? view.result.title : view.result.table.title;
  return `${view.item} · ${textIn(title, lang === 'nl' ? 'nl' : 'en')} × ${breakdownLabel}`;
}
