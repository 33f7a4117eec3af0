// The data checks page (/onderzoek/controles): each check of appendix B.1 with its figures and the responses
// it flags, a form to keep them or exclude them from analysis with a reason, and the exclusions in force with
// a form to take each back. Response ids are shown (the research team looks them up), never answers.
import type { Catalog, MessageKey } from '../../i18n/catalog.ts';
import type { CheckResult, ChecksResult, Finding } from '../../fieldwork/checks.ts';
import type { Language } from '../../questionnaire/types.ts';
import type { StudyDefinition, WaveDefinition } from '../../study/load.ts';
import { FieldworkFrame, type Problem, numberFormat, Scroll } from './fieldwork-common.tsx';

/** At most this many findings of a check are listed on the page; the CLI's JSON has them all. */
export const FINDINGS_SHOWN = 200;

type T = (key: MessageKey, values?: Record<string, string | number>) => string;

function Figures({ check, t, n }: { check: CheckResult; t: T; n: (x: number | null) => string }) {
  switch (check.kind) {
    case 'missing': {
      const worst = [...check.items].sort((a, b) => (b.missingPct ?? 0) - (a.missingPct ?? 0));
      return (
        <details>
          <summary>{t('r.checks.missingItems', { items: check.items.length })}</summary>
          <Scroll>
            <table>
              <thead>
                <tr>
                  <th>{t('r.checks.item')}</th>
                  <th class="num">{t('r.checks.shown')}</th>
                  <th class="num">{t('r.checks.answered')}</th>
                  <th class="num">{t('r.checks.missingCode')}</th>
                  <th class="num">{t('r.checks.noAnswer')}</th>
                  <th class="num">%</th>
                </tr>
              </thead>
              <tbody>
                {worst.map((i) => (
                  <tr>
                    <td title={i.label}>{i.item}</td>
                    <td class="num">{n(i.shown)}</td>
                    <td class="num">{n(i.answered)}</td>
                    <td class="num">{n(i.missingCode)}</td>
                    <td class="num">{n(i.noAnswer + i.requiredAbsent)}</td>
                    <td class="num">{n(i.missingPct)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Scroll>
        </details>
      );
    }
    case 'routing':
      return check.items.length === 0 ? null : (
        <ul>
          {check.items.map((i) => (
            <li>{t('r.checks.routingItem', { item: i.item, required: i.requiredAbsent, offRoute: i.offRoute })}</li>
          ))}
        </ul>
      );
    case 'control':
      return (
        <>
          <p>{check.label}</p>
          <ul>
            {check.groups.map((g) => (
              <li>{t('r.checks.controlGroup', { group: g.group, flagged: g.flagged, n: g.n, pct: n(g.pct) })}</li>
            ))}
          </ul>
        </>
      );
    case 'duplicates':
      return <p>{t('r.checks.duplicatesRule', { compared: check.minCompared, share: n(check.maxDifferentShare * 100) })}</p>;
    case 'speeders':
      return (
        <ul>
          {check.perQuestionnaire.map((q) => (
            <li>
              {t('r.checks.speederRule', { questionnaire: q.questionnaire, median: n(q.medianMinutes), threshold: n(q.thresholdMinutes) })}
            </li>
          ))}
        </ul>
      );
    case 'straightlining':
      return (
        <ul>
          {check.batteries.map((b) => (
            <li>{t('r.checks.battery', { battery: b.battery, items: b.items.length, straight: b.straight, n: b.n })}</li>
          ))}
        </ul>
      );
  }
}

function DecisionForm(props: { check: CheckResult; findings: readonly Finding[]; csrf: string; wave: string; t: T; more: number }) {
  const { t } = props;
  if (props.findings.length === 0) return <p>{t('r.checks.nothing')}</p>;
  return (
    <form method="post" action="/onderzoek/controles/besluit">
      <input type="hidden" name="_csrf" value={props.csrf} />
      <input type="hidden" name="meting" value={props.wave} />
      <input type="hidden" name="check" value={props.check.id} />
      <Scroll>
        <table>
          <thead>
            <tr>
              <th>{t('r.checks.choose')}</th>
              <th>{t('r.checks.response')}</th>
              <th>{t('r.col.questionnaire')}</th>
              <th>{t('r.checks.detail')}</th>
              <th>{t('r.checks.decision')}</th>
            </tr>
          </thead>
          <tbody>
            {props.findings.map((f) => (
              <tr>
                <td>
                  <input type="checkbox" name="response" value={f.responseId} id={`${props.check.id}-${f.responseId}`} />
                </td>
                <td dir="ltr">
                  <label for={`${props.check.id}-${f.responseId}`}>
                    <code>{f.responseId}</code>
                  </label>
                </td>
                <td>{f.questionnaire}</td>
                <td>{f.detail}</td>
                <td>
                  {f.decision
                    ? t(f.decision.decision === 'keep' ? 'r.checks.kept' : 'r.checks.excluded', { reason: f.decision.reason })
                    : '–'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Scroll>
      {props.more > 0 ? <p>{t('r.checks.more', { count: props.more })}</p> : null}
      <p>
        <label for={`${props.check.id}-reason`}>{t('r.checks.reason')}</label>
        <input type="text" id={`${props.check.id}-reason`} name="reason" maxlength={500} required />
      </p>
      <div class="nav">
        <button type="submit" name="decision" value="exclude" class="primary">
          {t('r.checks.exclude')}
        </button>
        <button type="submit" name="decision" value="keep" class="secondary">
          {t('r.checks.keep')}
        </button>
      </div>
    </form>
  );
}

export function ChecksPage(props: {
  catalog: Catalog;
  lang: Language;
  csrf: string;
  study: StudyDefinition;
  wave: WaveDefinition;
  checks: ChecksResult;
  problem?: Problem | undefined;
}) {
  const { catalog, lang, checks } = props;
  const t = catalog.t.bind(catalog, lang);
  const fmt = numberFormat(lang);
  const n = (x: number | null) => (x === null ? '–' : fmt.format(x));
  return (
    <FieldworkFrame
      catalog={catalog}
      lang={lang}
      title={t('r.checks.title')}
      path="/onderzoek/controles"
      study={props.study}
      wave={props.wave}
      synthetic={checks.synthetic}
    >
      {props.problem ? (
        <p class="errors" role="alert">
          {t(props.problem.key, props.problem.values)}
        </p>
      ) : null}
      <p>{t('r.checks.summary', { completed: checks.completed, excluded: checks.exclusions.length })}</p>
      <p>{t('r.checks.explain')}</p>
      {checks.checks.map((check) => {
        const open = [...check.findings].sort((a, b) => Number(a.decision !== null) - Number(b.decision !== null));
        return (
          <section>
            <h2>{t(`r.checks.kind.${check.kind}` as MessageKey)}</h2>
            <p>{t(`r.checks.about.${check.kind}` as MessageKey)}</p>
            <Figures check={check} t={t} n={n} />
            <p>{t('r.checks.flagged', { count: check.findings.length, open: check.findings.filter((f) => f.decision === null).length })}</p>
            <DecisionForm
              check={check}
              findings={open.slice(0, FINDINGS_SHOWN)}
              more={Math.max(0, open.length - FINDINGS_SHOWN)}
              csrf={props.csrf}
              wave={props.wave.key}
              t={t}
            />
          </section>
        );
      })}
      <h2>{t('r.checks.exclusions')}</h2>
      {checks.exclusions.length === 0 ? (
        <p>{t('r.checks.noExclusions')}</p>
      ) : (
        <Scroll>
          <table>
            <thead>
              <tr>
                <th>{t('r.checks.response')}</th>
                <th>{t('r.checks.check')}</th>
                <th>{t('r.checks.reason')}</th>
                <th>{t('r.checks.by')}</th>
                <th>{t('r.checks.revoke')}</th>
              </tr>
            </thead>
            <tbody>
              {checks.exclusions.map((e) => (
                <tr>
                  <td dir="ltr">
                    <code>{e.responseId}</code>
                  </td>
                  <td>{e.check}</td>
                  <td>{e.reason}</td>
                  <td>
                    {e.by ?? '–'} <span dir="ltr">{e.at.slice(0, 16).replace('T', ' ')}</span>
                  </td>
                  <td>
                    <form method="post" action="/onderzoek/controles/intrekken">
                      <input type="hidden" name="_csrf" value={props.csrf} />
                      <input type="hidden" name="meting" value={props.wave.key} />
                      <input type="hidden" name="id" value={String(e.id)} />
                      <label for={`revoke-${e.id}`} class="visually-hidden">
                        {t('r.checks.revokeReason')}
                      </label>
                      <input
                        type="text"
                        id={`revoke-${e.id}`}
                        name="reason"
                        maxlength={500}
                        required
                        placeholder={t('r.checks.revokeReason')}
                      />
                      <button type="submit" class="secondary">
                        {t('r.checks.revoke')}
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Scroll>
      )}
    </FieldworkFrame>
  );
}
