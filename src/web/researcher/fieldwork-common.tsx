// Shared parts of the fieldwork pages (monitor, data checks, recoding, partner view): the page frame with its
// way back and the wave choice, number formatting in the reader's language, and the wave a request names.
import type { Child } from 'hono/jsx';
import type { Catalog, MessageKey } from '../../i18n/catalog.ts';
import type { Language } from '../../questionnaire/types.ts';
import type { StudyDefinition, WaveDefinition } from '../../study/load.ts';
import { Layout } from '../layout.tsx';

/** What was wrong with a post, as a message with the values it names (the field, the ids, the code). */
export interface Problem {
  readonly key: MessageKey;
  readonly values?: Record<string, string | number>;
}

/** The wave ?meting= names (its key, e.g. 2024), or the latest; null for an unknown name. */
export function waveOf(study: StudyDefinition, name: string | undefined): WaveDefinition | null {
  const latest = [...study.waves].sort((a, b) => b.number - a.number)[0] ?? null;
  if (name === undefined || name === '') return latest;
  return study.waves.find((w) => w.key === name || w.id === name) ?? null;
}

export const numberFormat = (lang: Language) => new Intl.NumberFormat(lang === 'nl' ? 'nl-NL' : lang, { maximumFractionDigits: 1 });

/** Wide tables scroll within the page instead of widening it. */
export const Scroll = ({ children }: { children?: Child }) => <div style="overflow-x:auto">{children}</div>;

export function FieldworkFrame(props: {
  catalog: Catalog;
  lang: Language;
  title: string;
  path: string;
  study: StudyDefinition;
  wave: WaveDefinition;
  synthetic: boolean;
  /** The way back: the workspace (default) or nothing (the partner view has no workspace). */
  back?: boolean;
  children?: Child;
}) {
  const t = props.catalog.t.bind(props.catalog, props.lang);
  return (
    <Layout lang={props.lang} title={props.title}>
      {props.back === false ? null : (
        <p>
          <a href="/onderzoek">{t('r.title')}</a> · <a href="/onderzoek/monitor">{t('r.monitor.title')}</a> ·{' '}
          <a href="/onderzoek/controles">{t('r.checks.title')}</a> · <a href="/onderzoek/hercoderen">{t('r.recode.title')}</a> ·{' '}
          <a href="/onderzoek/kanalen">{t('r.channels.title')}</a>
        </p>
      )}
      <h1>{props.title}</h1>
      {props.study.waves.length > 1 ? (
        <form method="get" action={props.path}>
          <label for="meting">{t('r.monitor.wave')}</label>{' '}
          <select id="meting" name="meting">
            {props.study.waves.map((w) => (
              <option value={w.key} selected={w.id === props.wave.id}>
                {w.label}
              </option>
            ))}
          </select>{' '}
          <button type="submit" class="secondary" style="display:inline-block">
            {t('r.monitor.show')}
          </button>
        </form>
      ) : null}
      {props.synthetic ? (
        <p class="errors" role="note">
          <strong>{t('r.demo.banner')}</strong>
        </p>
      ) : null}
      {props.children}
    </Layout>
  );
}
