// The monitor page (/onderzoek/monitor): sample against population per group and by gender, route and age
// band, the alerts with the channels that reached each cell best, and responses per day (an SVG chart with
// the same numbers as a table), channel and language. Plain HTML, no script; a cell under its population
// share by 5 points or more is marked with a sign and words, not colour alone.
import { LANGUAGE_NAMES, type Catalog, type MessageKey } from '../../i18n/catalog.ts';
import type { MonitorCell, MonitorResult } from '../../fieldwork/monitor.ts';
import { ALERT_POINTS } from '../../fieldwork/monitor.ts';
import { isLanguage, type Language } from '../../questionnaire/types.ts';
import type { StudyDefinition, WaveDefinition } from '../../study/load.ts';
import { FieldworkFrame, numberFormat, Scroll } from './fieldwork-common.tsx';

const DIMENSIONS = ['gender', 'route', 'ageBand'] as const;

function DailyChart({ monitor, label }: { monitor: MonitorResult; label: string }) {
  const days = monitor.daily;
  if (days.length === 0) return null;
  const width = 640;
  const height = 180;
  const axis = 18;
  const max = Math.max(1, ...days.map((d) => d.started));
  const step = width / days.length;
  const bar = (n: number) => (n / max) * (height - 20);
  const first = days[0]?.date ?? '';
  const last = days[days.length - 1]?.date ?? '';
  return (
    <svg viewBox={`0 0 ${width} ${height + axis}`} width="100%" role="img" aria-label={label} style="max-width:40rem">
      {days.map((d, k) => (
        <g>
          <rect x={k * step} y={height - bar(d.started)} width={Math.max(1, step * 0.45)} height={bar(d.started)} fill="#9db7d8" />
          <rect
            x={k * step + step * 0.45}
            y={height - bar(d.completed)}
            width={Math.max(1, step * 0.45)}
            height={bar(d.completed)}
            fill="#0b4ea2"
          />
        </g>
      ))}
      <text x="4" y="14" font-size="12">
        {max}
      </text>
      <text x="0" y={height + axis - 4} font-size="12">
        {first}
      </text>
      <text x={width} y={height + axis - 4} font-size="12" text-anchor="end">
        {last}
      </text>
    </svg>
  );
}

function CellRow({
  cell,
  fmt,
  t,
}: {
  cell: MonitorCell;
  fmt: Intl.NumberFormat;
  t: (k: MessageKey, v?: Record<string, string | number>) => string;
}) {
  const low = cell.gap !== null && cell.gap <= -ALERT_POINTS;
  const n = (x: number | null) => (x === null ? '–' : fmt.format(x));
  return (
    <tr>
      <td>{cell.level}</td>
      <td class="num">{n(cell.population)}</td>
      <td class="num">{n(cell.populationPct)}</td>
      <td class="num">{n(cell.sample)}</td>
      <td class="num">{n(cell.samplePct)}</td>
      <td class="num">
        {low ? <strong>▼ {n(cell.gap)}</strong> : n(cell.gap)}
        {low ? <span class="visually-hidden"> {t('r.monitor.under')}</span> : null}
      </td>
    </tr>
  );
}

export function MonitorPage(props: {
  catalog: Catalog;
  lang: Language;
  study: StudyDefinition;
  wave: WaveDefinition;
  monitor: MonitorResult;
}) {
  const { catalog, lang, monitor } = props;
  const t = catalog.t.bind(catalog, lang);
  const fmt = numberFormat(lang);
  const n = (x: number | null | undefined) => (x === null || x === undefined ? '–' : fmt.format(x));
  const head = (first: string) => (
    <tr>
      <th>{first}</th>
      <th class="num">{t('r.monitor.population')}</th>
      <th class="num">%</th>
      <th class="num">{t('r.monitor.sample')}</th>
      <th class="num">%</th>
      <th class="num">{t('r.monitor.gap')}</th>
    </tr>
  );
  return (
    <FieldworkFrame
      catalog={catalog}
      lang={lang}
      title={t('r.monitor.title')}
      path="/onderzoek/monitor"
      study={props.study}
      wave={props.wave}
      synthetic={monitor.synthetic}
    >
      <p>{t('r.monitor.summary', { started: monitor.started, completed: monitor.completed })}</p>
      <p>{t('r.monitor.explain', { points: ALERT_POINTS })}</p>
      <h2>{t('r.monitor.alerts')}</h2>
      {monitor.alerts.length === 0 ? (
        <p>{t('r.monitor.noAlerts')}</p>
      ) : (
        <ul>
          {monitor.alerts.map((a) => (
            <li>
              <strong>
                {a.group} · {a.variable === 'group' ? t('r.monitor.dim.group') : t(`r.monitor.dim.${a.variable}` as MessageKey)}: {a.level}
              </strong>{' '}
              {t('r.monitor.alert', { sample: n(a.samplePct), population: n(a.populationPct), gap: n(a.gap) })}{' '}
              {a.bestChannels.length === 0
                ? t('r.monitor.noBest')
                : t('r.monitor.best', {
                    channels: a.bestChannels
                      .map((c) => t('r.monitor.bestChannel', { name: c.name ?? c.channel, count: c.count, share: n(c.share) }))
                      .join('; '),
                  })}
            </li>
          ))}
        </ul>
      )}
      <h2>{t('r.monitor.groups')}</h2>
      {monitor.populationSource ? (
        <p>{t('r.monitor.source', { source: monitor.populationSource })}</p>
      ) : (
        <p class="errors">{t('r.monitor.noPopulation')}</p>
      )}
      <Scroll>
        <table>
          <thead>{head(t('r.monitor.dim.group'))}</thead>
          <tbody>
            {monitor.groups.map((g) => (
              <CellRow cell={{ ...g, level: g.group }} fmt={fmt} t={t} />
            ))}
          </tbody>
        </table>
      </Scroll>
      <h3>{t('r.monitor.rate')}</h3>
      <Scroll>
        <table>
          <thead>
            <tr>
              <th>{t('r.monitor.dim.group')}</th>
              <th class="num">{t('r.monitor.rateCompleted')}</th>
              <th class="num">{t('r.monitor.letters')}</th>
              <th class="num">%</th>
            </tr>
          </thead>
          <tbody>
            {monitor.groups
              .filter((g) => g.responseRate !== null)
              .map((g) => (
                <tr>
                  <td>{g.group}</td>
                  <td class="num">{n(g.responseRate?.completed)}</td>
                  <td class="num">
                    {n(g.responseRate?.letters)}
                    {g.responseRate?.lettersFrom === 'population' ? ' *' : ''}
                  </td>
                  <td class="num">{n(g.responseRate?.rate)}</td>
                </tr>
              ))}
          </tbody>
        </table>
      </Scroll>
      <p>{t('r.monitor.lettersNote')}</p>
      {DIMENSIONS.map((dimension) => (
        <section>
          <h3>{t(`r.monitor.dim.${dimension}` as MessageKey)}</h3>
          {monitor.groups
            .filter((g) => g.by[dimension])
            .map((g) => (
              <Scroll>
                <table>
                  <caption>{g.group}</caption>
                  <thead>{head(t(`r.monitor.dim.${dimension}` as MessageKey))}</thead>
                  <tbody>
                    {(g.by[dimension] ?? []).map((cell) => (
                      <CellRow cell={cell} fmt={fmt} t={t} />
                    ))}
                  </tbody>
                </table>
              </Scroll>
            ))}
        </section>
      ))}
      <h2>{t('r.monitor.daily')}</h2>
      <p>{t('r.monitor.chartLegend')}</p>
      <DailyChart
        monitor={monitor}
        label={t('r.monitor.chartLabel', { days: monitor.daily.length, started: monitor.started, completed: monitor.completed })}
      />
      <details>
        <summary>{t('r.monitor.dailyTable')}</summary>
        <table>
          <thead>
            <tr>
              <th>{t('r.monitor.date')}</th>
              <th class="num">{t('r.col.started')}</th>
              <th class="num">{t('r.col.completed')}</th>
            </tr>
          </thead>
          <tbody>
            {monitor.daily.map((d) => (
              <tr>
                <td dir="ltr">{d.date}</td>
                <td class="num">{n(d.started)}</td>
                <td class="num">{n(d.completed)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
      <h2>{t('r.monitor.channels')}</h2>
      <Scroll>
        <table>
          <thead>
            <tr>
              <th>{t('r.monitor.channel')}</th>
              <th>{t('r.channels.kind')}</th>
              <th>{t('r.channels.municipality')}</th>
              <th class="num">{t('r.col.started')}</th>
              <th class="num">{t('r.col.completed')}</th>
            </tr>
          </thead>
          <tbody>
            {monitor.channels.map((c) => (
              <tr>
                <td>{c.name ?? <code>{c.channel}</code>}</td>
                <td>{c.kind ? t(`channel.kind.${c.kind}` as MessageKey) : '–'}</td>
                <td>{c.municipality ?? '–'}</td>
                <td class="num">{n(c.started)}</td>
                <td class="num">{n(c.completed)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Scroll>
      <h2>{t('r.monitor.languages')}</h2>
      <table>
        <thead>
          <tr>
            <th>{t('r.audio.language')}</th>
            <th class="num">{t('r.col.started')}</th>
            <th class="num">{t('r.col.completed')}</th>
          </tr>
        </thead>
        <tbody>
          {monitor.languages.map((l) => (
            <tr>
              <td>{isLanguage(l.language) ? LANGUAGE_NAMES[l.language] : l.language}</td>
              <td class="num">{n(l.started)}</td>
              <td class="num">{n(l.completed)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </FieldworkFrame>
  );
}
