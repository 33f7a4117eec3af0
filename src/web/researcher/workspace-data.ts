// What the workspace's views share: each wave's dataset from the serving process's cache (analysis/cache.ts),
// its raking weights computed once per version of the dataset, the view's filters read from the query string
// (zod, with defaults, so every view has its own address), and the line that says where the numbers come
// from. No counting here: that is analysis/ and stats/.
import { z } from 'zod';
import type { DatasetCache } from '../../analysis/cache.ts';
import type { AnalysisDataset } from '../../analysis/dataset.ts';
import { questionnaireMask } from '../../analysis/conditions.ts';
import { findWave, UnknownWaveError } from '../../analysis/waves.ts';
import { countSynthetic } from '../../analysis/synthetic.ts';
import { waveWeights, type WaveWeights } from '../../analysis/weights.ts';
import type { Catalog } from '../../i18n/catalog.ts';
import type { Language } from '../../questionnaire/types.ts';
import type { StudyDefinition, WaveDefinition } from '../../study/load.ts';

/** The filters every analysis view has: wave, questionnaire, weighted or not. */
export const viewQuerySchema = z.object({
  meting: z.string().max(40).optional(),
  vragenlijst: z.string().max(80).optional(),
  gewogen: z.enum(['1', '0']).optional(),
});

export interface ViewFilters {
  readonly wave: WaveDefinition;
  /** Questionnaire id, or null for all. */
  readonly questionnaire: string | null;
  readonly weighted: boolean;
}

/** Query fields that were not understood, as "field=value" for the 400 page that names them. */
export function badFields(issues: readonly { readonly path: readonly PropertyKey[] }[], query: Record<string, string>): string[] {
  const fields = [...new Set(issues.map((i) => String(i.path[0] ?? '')))];
  return fields.map((f) => `${f}=${(query[f] ?? '').slice(0, 60)}`);
}

/**
 * The filters of a query string, and the fields it got wrong (an unknown wave or questionnaire, a value of the
 * wrong form). A view with problems is answered 400 with the page that names them; the filters are then the
 * defaults, so its form can be sent again.
 */
export function viewFilters(study: StudyDefinition, query: Record<string, string>): { filters: ViewFilters; problems: string[] } {
  const parsed = viewQuerySchema.safeParse(query);
  const q = parsed.success ? parsed.data : {};
  const problems: string[] = parsed.success ? [] : badFields(parsed.error.issues, query);
  let wave: WaveDefinition;
  try {
    wave = findWave(study, q.meting || undefined);
  } catch (error) {
    if (!(error instanceof UnknownWaveError)) throw error;
    problems.push(`meting=${q.meting ?? ''}`);
    wave = findWave(study);
  }
  const ids = new Set(wave.questionnaires.map((x) => x.id as string));
  let questionnaire: string | null = q.vragenlijst || null;
  if (questionnaire !== null && !ids.has(questionnaire)) {
    problems.push(`vragenlijst=${questionnaire}`);
    questionnaire = null;
  }
  return { filters: { wave, questionnaire, weighted: q.gewogen === '1' }, problems };
}

/** The query string of a view's filters (and its own fields), without the language. */
export function viewQuery(filters: ViewFilters, extra: Record<string, string | undefined> = {}): string {
  const params = new URLSearchParams();
  params.set('meting', filters.wave.key);
  if (filters.questionnaire) params.set('vragenlijst', filters.questionnaire);
  if (filters.weighted) params.set('gewogen', '1');
  for (const [k, v] of Object.entries(extra)) if (v !== undefined && v !== '') params.set(k, v);
  return params.toString();
}

/** Raking weights per dataset version: computed once, again only when the dataset changed. */
export class WeightsCache {
  private readonly entries = new WeakMap<AnalysisDataset, { version: number; weights: WaveWeights }>();

  /** The wave's weights, or null when the study has no population margins for it. */
  get(wave: WaveDefinition, data: AnalysisDataset): WaveWeights | null {
    if (!wave.population) return null;
    const known = this.entries.get(data);
    if (known && known.version === data.version) return known.weights;
    const weights = waveWeights(data, wave.population);
    this.entries.set(data, { version: data.version, weights });
    return weights;
  }
}

export interface LoadedView {
  readonly data: AnalysisDataset;
  /** Null when unweighted, or weighted was asked but the wave has no population margins. */
  readonly weights: WaveWeights | null;
  readonly within: Uint8Array | null;
  readonly synthetic: boolean;
}

/** A wave's dataset (fresh from the cache), the weights if asked, and the questionnaire mask. */
export async function loadView(datasets: DatasetCache, weights: WeightsCache, filters: ViewFilters): Promise<LoadedView> {
  const data = await datasets.get(filters.wave);
  return {
    data,
    weights: filters.weighted ? weights.get(filters.wave, data) : null,
    within: filters.questionnaire ? questionnaireMask([filters.questionnaire], data) : null,
    synthetic: countSynthetic(data).synthetic > 0,
  };
}

const number = (lang: Language, n: number, digits = 0): string =>
  new Intl.NumberFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(n);

export const formatNumber = number;

/** Where a view's numbers come from, in one sentence. */
export function sourceLine(
  catalog: Catalog,
  lang: Language,
  study: StudyDefinition,
  filters: ViewFilters,
  view: { readonly rows: number; readonly weighted: boolean; readonly synthetic: boolean; readonly waves?: readonly WaveDefinition[] },
): string {
  const t = catalog.t.bind(catalog, lang);
  const waves = view.waves ?? [filters.wave];
  return t('ws.source.text', {
    waves: waves.map((w) => `${w.label} (${w.id})`).join(', '),
    questionnaire: filters.questionnaire ?? t('ws.source.allQuestionnaires'),
    counts: t(study.report?.counts === 'all' ? 'ws.source.countsAll' : 'ws.source.countsCompleted'),
    weighting: t(view.weighted ? 'ws.source.weighted' : 'ws.source.unweighted'),
    rows: number(lang, view.rows),
    synthetic: t(view.synthetic ? 'ws.source.synthetic' : 'ws.source.real'),
  });
}
