// The figures of the previous measurement (wave 1, fourth quarter of 2023) that the 2025 report quotes next
// to its own ("vorige meting", "eerste meting"), as data with their source lines, and how each is computed
// from a wave's dataset. The demo's wave 1 is generated to reproduce them (earlier-plans.ts); the
// acceptance test checks them. Data and a pure computation only.
import { maskOf } from '../analysis/conditions.ts';
import type { AnalysisDataset } from '../analysis/dataset.ts';
import { categoricalView, engineDataset, numericView } from '../analysis/views.ts';
import type { ItemId } from '../questionnaire/types.ts';
import { describe, frequencies, withMask } from '../stats/index.ts';

export interface EarlierFigure {
  /** Line of the report (seed text) that quotes the figure. */
  readonly source: string;
  readonly label: string;
  /** Item the figure counts (Q2.02 for the mean age). */
  readonly item: string;
  /** Type inburgeraar (1 Wi2021-asiel, 2 Wi2021-gezin, 3 Wi2013-asiel, 4 Wi2013-gezin); null: everyone. */
  readonly type: number | null;
  /**
   * share: percentage answering one of `codes` among those answering one of `base`;
   * option: percentage choosing option `codes[0]` of a multiple-choice item among those answering it;
   * mean: the mean of a numeric item.
   */
  readonly kind: 'share' | 'option' | 'mean';
  readonly codes: readonly number[];
  /** Answer codes of the percentage base (share only); absent: every code of the item. */
  readonly base?: readonly number[];
  /** The value as the report prints it: a whole percentage, or whole years for the mean age. */
  readonly value: number;
}

const FIVE = [1, 2, 3, 4, 5] as const;
const share = (
  source: string,
  label: string,
  item: string,
  type: number,
  codes: readonly number[],
  value: number,
  base?: readonly number[],
): EarlierFigure => ({
  source,
  label,
  item,
  type,
  kind: 'share',
  codes,
  ...(base ? { base } : {}),
  value,
});

/** Every figure of wave 1 the report quotes with a number (key-figures.md, figures.md and the report text). */
export const EARLIER_FIGURES: readonly EarlierFigure[] = [
  { source: 'L536', label: 'gemiddelde leeftijd (jaren)', item: 'Q2.02', type: null, kind: 'mean', codes: [], value: 35 },
  share('L596', 'Wi2021-asiel: ontvangt een uitkering', 'Q2.06', 1, [1], 81),
  share('L596', 'Wi2013-asiel: ontvangt een uitkering', 'Q2.06', 3, [1], 66),
  share('L688', 'Wi2021-asiel: B1-route', 'Q2.09', 1, [1], 76, [1, 2, 3]),
  share('L688', 'Wi2021-asiel: Onderwijsroute', 'Q2.09', 1, [2], 19, [1, 2, 3]),
  share('L688', 'Wi2021-asiel: Z-route', 'Q2.09', 1, [3], 5, [1, 2, 3]),
  share('L688', 'Wi2021-gezin: B1-route', 'Q2.09', 2, [1], 87, [1, 2, 3]),
  share('L688', 'Wi2021-gezin: Onderwijsroute', 'Q2.09', 2, [2], 4, [1, 2, 3]),
  share('L688', 'Wi2021-gezin: Z-route', 'Q2.09', 2, [3], 9, [1, 2, 3]),
  share('L1285', 'Wi2021-asiel: (heel) goed geluisterd tijdens de brede intake', 'Q4.11', 1, [4, 5], 74, FIVE),
  share('L1285', 'Wi2021-gezin: (heel) goed geluisterd tijdens de brede intake', 'Q4.11', 2, [4, 5], 71, FIVE),
  share('L1297', 'Wi2021-asiel: (heel) tevreden over de leerbaarheidstoets', 'Q4.13', 1, [4, 5], 69, FIVE),
  share('L1297', 'Wi2021-gezin: (heel) tevreden over de leerbaarheidstoets', 'Q4.13', 2, [4, 5], 58, FIVE),
  share('L1329', 'Wi2021-asiel: PIP past (heel) goed bij de toekomstplannen', 'Q4.15', 1, [4, 5], 65, FIVE),
  share('L1329', 'Wi2021-gezin: PIP past (heel) goed bij de toekomstplannen', 'Q4.15', 2, [4, 5], 61, FIVE),
  share('L1347', 'Wi2021-asiel: (heel) tevreden over de leerroute', 'Q4.16', 1, [4, 5], 62, FIVE),
  share('L1347', 'Wi2021-gezin: (heel) tevreden over de leerroute', 'Q4.16', 2, [4, 5], 46, FIVE),
  {
    source: 'L1268',
    label: 'Wi2021-asiel: lang gewacht omdat er geen plek was bij de cursus',
    item: 'Q4.07',
    type: 1,
    kind: 'option',
    codes: [1],
    value: 43,
  },
  share('L1585', 'Wi2021-asiel: taal leren en (vrijwilligers)werk gaan (zeer) goed samen', 'Q4.19', 1, [4, 5], 63, FIVE),
  share('L1585', 'Wi2021-gezin: taal leren en (vrijwilligers)werk gaan (zeer) goed samen', 'Q4.19', 2, [4, 5], 59, FIVE),
  share('L1585', 'Wi2013-asiel: taal leren en (vrijwilligers)werk gaan (zeer) goed samen', 'Q4.19', 3, [4, 5], 66, FIVE),
  share('L1585', 'Wi2013-gezin: taal leren en (vrijwilligers)werk gaan (zeer) goed samen', 'Q4.19', 4, [4, 5], 61, FIVE),
  share('L2169', 'Wi2021-asiel: gemeente legde goed uit wat te doen om in te burgeren, (zeer) eens', 'Q5.01', 1, [4, 5], 65),
  share('L2169', 'Wi2021-asiel: gemeente legde goed uit wat te doen om in te burgeren, (zeer) oneens', 'Q5.01', 1, [1, 2], 10),
  share('L2173', 'Wi2021-asiel: gemeente legde goed uit hoe werk te vinden, (zeer) eens', 'Q5.02', 1, [4, 5], 46),
  share('L2179', 'Wi2021-asiel: gemeente legde goed uit hoe werk te vinden, (zeer) oneens', 'Q5.02', 1, [1, 2], 19),
  share('L2183', 'Wi2021-asiel: gemeente legde goed uit hoe een studie te vinden, (zeer) eens', 'Q5.03', 1, [4, 5], 40),
  share('L2183', 'Wi2021-asiel: gemeente legde goed uit hoe een studie te vinden, (zeer) oneens', 'Q5.03', 1, [1, 2], 21),
  share('L2348', 'Wi2021-asiel: gemeente betaalt de vaste lasten van de uitkering', 'Q5.06', 1, [1], 61),
];

/** The figure computed from a wave's dataset by the statistics engine, unrounded; null without data. */
export function earlierFigureValue(data: AnalysisDataset, figure: EarlierFigure): number | null {
  const within =
    figure.type === null ? null : maskOf({ kind: 'compare', item: 'type_inburgeraar' as ItemId, op: '=', value: figure.type }, data);
  const view = (columns: Parameters<typeof engineDataset>[0]) => {
    const engine = engineDataset(columns);
    return within ? withMask(engine, within) : engine;
  };
  switch (figure.kind) {
    case 'mean': {
      const d = describe(view([numericView(data, figure.item)]), figure.item);
      return d.n === 0 ? null : d.mean;
    }
    case 'share': {
      const levels = figure.base ?? data.info(figure.item).values.map((v) => v.value);
      const [freq] = frequencies(view([categoricalView(data, figure.item, levels)]), figure.item);
      if (!freq || freq.n === 0) return null;
      return freq.categories.filter((c) => figure.codes.includes(c.value as number)).reduce((s, c) => s + c.percent, 0);
    }
    case 'option': {
      const name = `${figure.item}_${figure.codes[0]}`;
      if (!data.has(name)) return null;
      const [freq] = frequencies(view([categoricalView(data, name, [0, 1])]), name);
      return !freq || freq.n === 0 ? null : (freq.categories[1]?.percent ?? null);
    }
  }
}
