// /onderzoek/export: the data export of the workspace. A GET form (wave, questionnaire, channel, completed
// only, format, labels, missing codes, raw text, report tables) and /onderzoek/export/bestand, a zip with the
// data file, its codebook JSON and its read-me, made by the same code as `perspectief export`
// (report/data-export.ts) and written to the audit log (who, when, format, filters, rows).
import { Hono, type Context } from 'hono';
import JSZip from 'jszip';
import { z } from 'zod';
import type { DatasetCache } from '../../analysis/cache.ts';
import { computeReport } from '../../analysis/compute.ts';
import type { AnalysisDataset } from '../../analysis/dataset.ts';
import { loadDataset } from '../../analysis/load.ts';
import { findWave } from '../../analysis/waves.ts';
import { countSynthetic } from '../../analysis/synthetic.ts';
import type { Catalog } from '../../i18n/catalog.ts';
import type { Language } from '../../questionnaire/types.ts';
import { buildDataExport } from '../../report/data-export.ts';
import { ExportDataError } from '../../report/export-cells.ts';
import { channelsIn, exportMask } from '../../report/export-filter.ts';
import { tableSheet } from '../../report/table-sheets.ts';
import { printTable } from '../../report/tables-json.ts';
import type { StudyDefinition, WaveDefinition } from '../../study/load.ts';
import { listChannels } from '../../storage/channels.ts';
import { audit } from '../../storage/users.ts';
import type { AppDeps } from '../context.ts';
import { page } from '../layout.tsx';
import { langOf, requireRole, type ResearcherEnv } from './auth.ts';
import { exportProblemText } from './analysis-text.ts';
import { WorkspacePage } from './workspace.tsx';
import { QuestionnaireField, WaveField } from './filter-fields.tsx';

const FORMATS = ['csv', 'xlsx', 'sav'] as const;
const flag = z.enum(['1', '0']).optional();
const querySchema = z.object({
  meting: z.string().max(40).optional(),
  vragenlijst: z.string().max(80).optional(),
  kanaal: z.string().max(80).optional(),
  afgerond: flag,
  formaat: z.enum(FORMATS).optional(),
  labels: flag,
  ontbrekend: flag,
  ruw: flag,
  tabellen: flag,
  verstuurd: flag,
});

interface ExportChoice {
  /** Null: every wave. */
  readonly wave: WaveDefinition | null;
  readonly questionnaire: string | null;
  readonly channel: string | null;
  readonly completedOnly: boolean;
  readonly format: (typeof FORMATS)[number];
  readonly labels: boolean;
  readonly missingCodes: boolean;
  readonly raw: boolean;
  readonly tables: boolean;
}

/** The choice of a query string, or the problems with it (named by field). */
function readChoice(study: StudyDefinition, query: Record<string, string>): { choice: ExportChoice; problems: string[] } {
  const parsed = querySchema.safeParse(query);
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}=${String(query[String(i.path[0])] ?? '')}`);
  const q = parsed.success ? parsed.data : {};
  let wave: WaveDefinition | null = null;
  if (q.meting && q.meting !== 'alle') {
    try {
      wave = findWave(study, q.meting);
    } catch {
      problems.push(`meting=${q.meting}`);
    }
  }
  const known = new Set(study.waves.flatMap((w) => w.questionnaires.map((x) => x.id as string)));
  const questionnaire = q.vragenlijst || null;
  if (questionnaire !== null && !known.has(questionnaire)) problems.push(`vragenlijst=${questionnaire}`);
  // A first visit (no form sent yet) starts from: completed only.
  const sent = q.verstuurd === '1';
  return {
    choice: {
      wave,
      questionnaire: questionnaire !== null && known.has(questionnaire) ? questionnaire : null,
      channel: q.kanaal || null,
      completedOnly: sent ? q.afgerond === '1' : true,
      format: q.formaat ?? 'csv',
      labels: q.labels === '1',
      missingCodes: q.ontbrekend === '1',
      raw: q.ruw === '1',
      tables: q.tabellen === '1',
    },
    problems,
  };
}

function ExportForm({
  catalog,
  lang,
  study,
  choice,
  channels,
}: {
  catalog: Catalog;
  lang: Language;
  study: StudyDefinition;
  choice: ExportChoice;
  channels: readonly string[];
}) {
  const t = catalog.t.bind(catalog, lang);
  const questionnaires = [...new Set(study.waves.flatMap((w) => w.questionnaires.map((q) => q.id as string)))];
  const check = (name: string, on: boolean, key: Parameters<typeof t>[0]) => (
    <p class="ws-check">
      <input type="checkbox" id={name} name={name} value="1" checked={on} />
      <label for={name}>{t(key)}</label>
    </p>
  );
  return (
    <form method="get" action="/onderzoek/export/bestand">
      <input type="hidden" name="taal" value={lang} />
      <input type="hidden" name="verstuurd" value="1" />
      <div class="ws-form">
        <p>
          <label for="formaat">{t('ws.export.format')}</label>
          <select id="formaat" name="formaat">
            {FORMATS.map((f) => (
              <option value={f} selected={f === choice.format}>
                {t(`ws.export.format.${f}`)}
              </option>
            ))}
          </select>
        </p>
        <WaveField t={t} study={study} selected={choice.wave} all={t('ws.export.allWaves')} />
        <QuestionnaireField t={t} questionnaires={questionnaires} selected={choice.questionnaire} />
        <p>
          <label for="kanaal">{t('ws.export.channel')}</label>
          <select id="kanaal" name="kanaal">
            <option value="">{t('ws.export.allChannels')}</option>
            {channels.map((ch) => (
              <option value={ch} selected={ch === choice.channel}>
                {ch}
              </option>
            ))}
          </select>
        </p>
      </div>
      <fieldset>
        <legend>{t('ws.export.options')}</legend>
        {check('afgerond', choice.completedOnly, 'ws.export.completed')}
        {check('labels', choice.labels, 'ws.export.labels')}
        {check('ontbrekend', choice.missingCodes, 'ws.export.missing')}
        {check('ruw', choice.raw, 'ws.export.raw')}
        {check('tabellen', choice.tables, 'ws.export.tables')}
      </fieldset>
      <p>
        <button type="submit" class="primary" style="display:inline-block">
          {t('ws.export.submit')}
        </button>
      </p>
    </form>
  );
}

export function exportRoutes(deps: AppDeps, datasets: DatasetCache): Hono<ResearcherEnv> {
  const app = new Hono<ResearcherEnv>();
  const { catalog, study, db } = deps;
  const research = requireRole('admin', 'researcher');

  /** The rows of the choice: one wave from the serving process's cache, every wave loaded together. */
  const datasetOf = async (choice: ExportChoice): Promise<AnalysisDataset> =>
    choice.wave
      ? datasets.get(choice.wave, choice.completedOnly ? 'completed' : 'all')
      : (await loadDataset(db, study, study.waves, { counts: choice.completedOnly ? 'completed' : 'all' })).data;

  /** The channels one can filter on: those of the chosen wave's responses (every wave's), and the register's. */
  const channelsOf = async (choice: ExportChoice): Promise<string[]> => {
    const waves = choice.wave ? [choice.wave] : study.waves;
    const seen = new Set((await listChannels(db)).map((ch) => ch.slug));
    for (const wave of waves) for (const ch of channelsIn(await datasets.get(wave))) seen.add(ch);
    return [...seen].sort();
  };

  /** The page; `problems` are fields at fault, `failure` why the file could not be made (both answered 400). */
  const render = async (c: Context<ResearcherEnv>, choice: ExportChoice, problems: readonly string[], failure: string | null = null) => {
    const lang = langOf(c);
    const t = catalog.t.bind(catalog, lang);
    const session = c.get('session');
    const latest = findWave(study);
    const data = await datasets.get(choice.wave ?? latest);
    return c.html(
      await page(
        <WorkspacePage
          catalog={catalog}
          lang={lang}
          page="export"
          title={t('ws.export.title')}
          username={session.user.username}
          role={session.user.role}
          csrf={session.csrfToken}
          here="/onderzoek/export"
          synthetic={countSynthetic(data).synthetic > 0}
          source={t('ws.export.source')}
        >
          <p>{t('ws.export.explain')}</p>
          {problems.length > 0 ? (
            <p class="errors" role="alert">
              {t('ws.export.invalid', { values: problems.join(', ') })}
            </p>
          ) : null}
          {failure !== null ? (
            <p class="errors" role="alert">
              {t('ws.export.failed', { reason: failure })}
            </p>
          ) : null}
          <ExportForm catalog={catalog} lang={lang} study={study} choice={choice} channels={await channelsOf(choice)} />
          <p>{t('ws.export.zip')}</p>
          <p>{t('ws.export.audit')}</p>
        </WorkspacePage>,
      ),
      problems.length > 0 || failure !== null ? 400 : 200,
    );
  };

  app.get('/export', research, async (c) => {
    const { choice, problems } = readChoice(study, c.req.query());
    return render(c, choice, problems);
  });

  app.get('/export/bestand', research, async (c) => {
    const lang = langOf(c);
    const { choice, problems } = readChoice(study, c.req.query());
    if (choice.tables && choice.format !== 'xlsx') problems.push(catalog.t(lang, 'ws.export.tablesXlsx'));
    if (choice.tables && !choice.wave) problems.push(catalog.t(lang, 'ws.export.tablesWave'));
    if (choice.format === 'sav' && (choice.labels || choice.missingCodes)) problems.push(catalog.t(lang, 'ws.export.savLabels'));
    if (choice.raw && choice.format !== 'csv') problems.push(catalog.t(lang, 'ws.export.rawCsv'));
    if (choice.channel !== null && !(await channelsOf(choice)).includes(choice.channel)) problems.push(`kanaal=${choice.channel}`);
    if (problems.length > 0) return render(c, choice, problems);
    const session = c.get('session');
    const data = await datasetOf(choice);
    const waves = choice.wave ? [choice.wave] : study.waves;
    const filters = {
      waves: waves.map((w) => w.id),
      questionnaire: choice.questionnaire,
      channel: choice.channel,
      completedOnly: choice.completedOnly,
    };
    const l = lang === 'nl' ? 'nl' : 'en';
    const tables =
      choice.tables && choice.wave
        ? [...computeReport(study, choice.wave, await datasets.get(choice.wave)).tables].map(([id, r]) => tableSheet(id, printTable(r, l)))
        : undefined;
    const stamp = new Date();
    const base = `perspectief-${choice.wave?.key ?? 'alle-metingen'}${choice.questionnaire ? `-${choice.questionnaire}` : ''}`;
    const file = `${base}.${choice.format}`;
    let result;
    try {
      result = await buildDataExport(data, {
        format: choice.format,
        values: choice.labels ? 'labels' : 'codes',
        missing: choice.missingCodes ? 'codes' : 'empty',
        raw: choice.raw,
        lang: l,
        rows: exportMask(data, filters),
        filters,
        study: study.id,
        dataFile: file,
        codebookFile: `${base}.codebook.json`,
        madeBy: `${session.user.username} (workspace /onderzoek/export)`,
        madeAt: stamp,
        ...(tables ? { tables } : {}),
      });
    } catch (error) {
      // The writers' reason is data; the page says it in its own language (the CLI keeps the English message).
      if (error instanceof ExportDataError) return render(c, choice, [], exportProblemText(catalog.t.bind(catalog, lang), error.problem));
      throw error;
    }
    const zip = new JSZip();
    zip.file(file, result.data);
    zip.file(`${base}.codebook.json`, result.codebook);
    zip.file(`${base}.README.txt`, result.readme);
    const bytes = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
    await audit(db, {
      userId: session.user.id,
      action: 'export',
      detail: {
        format: choice.format,
        rows: result.rows,
        waves: filters.waves,
        questionnaire: filters.questionnaire,
        channel: filters.channel,
        completedOnly: filters.completedOnly,
        values: choice.labels ? 'labels' : 'codes',
        missingCodes: choice.format === 'sav' || choice.missingCodes,
        raw: choice.raw,
        tables: tables?.length ?? 0,
        synthetic: result.synthetic.synthetic,
        via: 'workspace',
      },
    });
    const synthetic = result.synthetic.synthetic > 0;
    c.header('Content-Type', 'application/zip');
    c.header('Content-Disposition', `attachment; filename="${synthetic ? 'SYNTHETISCH-' : ''}${base}-${choice.format}.zip"`);
    if (synthetic)
      c.header('X-Perspectief-Synthetic', `${result.synthetic.synthetic} of ${result.synthetic.total} rows are synthetic demo data`);
    return c.body(new Uint8Array(bytes));
  });

  return app;
}
