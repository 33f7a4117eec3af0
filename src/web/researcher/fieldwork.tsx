// The fieldwork pages of the research team (issue 16): the monitor (/onderzoek/monitor), the data checks with
// their keep/exclude decisions (/onderzoek/controles) and the recoding queue (/onderzoek/hercoderen). Every
// number comes from the serving process's dataset cache through fieldwork/ (never SQL counts); every post
// checks the CSRF token and is audited; bad input comes back on the page (422) naming the problem.
import { Hono, type Context } from 'hono';
import type { DatasetCache } from '../../analysis/cache.ts';
import { countSynthetic } from '../../analysis/synthetic.ts';
import { ChecksFileError, loadChecksConfig, type ChecksConfig } from '../../fieldwork/checks-config.ts';
import { checkIds, computeChecks } from '../../fieldwork/checks.ts';
import { monitorFromStore, monitorVariables } from '../../fieldwork/monitor.ts';
import { recodeQueue } from '../../fieldwork/recode-queue.ts';
import {
  liveRecodes,
  recordRecodes,
  recordReviews,
  responsesInWave,
  revokeRecode,
  revokeReview,
  waveReviews,
} from '../../storage/decisions.ts';
import { audit } from '../../storage/users.ts';
import type { WaveDefinition } from '../../study/load.ts';
import type { AppDeps } from '../context.ts';
import { page } from '../layout.tsx';
import { langOf, requireRole, sameToken, type ResearcherEnv } from './auth.ts';
import { ChecksPage } from './checks-views.tsx';
import { waveOf, type Problem } from './fieldwork-common.tsx';
import { MonitorPage } from './monitor-views.tsx';
import { RecodePage } from './recode-views.tsx';

type Form = Record<string, string | string[]>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Values named in a message: the first few, then how many more. */
const listed = (values: readonly string[], shown = 3): string => {
  const clip = values.slice(0, shown).map((v) => (v.length > 40 ? `${v.slice(0, 40)}…` : v));
  return values.length <= shown ? clip.join(', ') : `${clip.join(', ')} (+${values.length - shown})`;
};

/** A posted form with repeated names as lists; null when the body is not a readable form. */
async function readForm(c: Context): Promise<Form | null> {
  try {
    const body = await c.req.parseBody({ all: true });
    const out: Form = {};
    for (const [k, v] of Object.entries(body)) {
      const values = (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string');
      out[k] = values.length === 1 ? (values[0] as string) : values;
    }
    return out;
  } catch {
    return null;
  }
}

const one = (form: Form, name: string): string => {
  const v = form[name];
  return typeof v === 'string' ? v.trim() : '';
};
const many = (form: Form, name: string): string[] => {
  const v = form[name];
  return v === undefined ? [] : typeof v === 'string' ? [v] : v;
};

export function fieldworkRoutes(deps: AppDeps, datasets: DatasetCache): Hono<ResearcherEnv> {
  const app = new Hono<ResearcherEnv>();
  const { db, catalog, study } = deps;
  const research = requireRole('admin', 'researcher');
  for (const path of ['/monitor', '/controles', '/controles/*', '/hercoderen', '/hercoderen/*']) app.use(path, research);

  /** The wave of ?meting= (or of the form), or a 404 page for an unknown one. */
  const waveFor = (c: Context<ResearcherEnv>, form?: Form): WaveDefinition | null =>
    waveOf(study, form ? one(form, 'meting') : c.req.query('meting'));
  const csrfOk = (c: Context<ResearcherEnv>, form: Form) => sameToken(form['_csrf'], c.get('session').csrfToken);
  const back = (path: string, wave: WaveDefinition) => `/onderzoek/${path}?meting=${encodeURIComponent(wave.key)}`;

  app.get('/monitor', async (c) => {
    const wave = waveFor(c);
    if (!wave) return c.notFound();
    const data = await datasets.get(wave, 'all', monitorVariables(study, wave));
    const monitor = await monitorFromStore(db, study, wave, data);
    return c.html(await page(<MonitorPage catalog={catalog} lang={langOf(c)} study={study} wave={wave} monitor={monitor} />));
  });

  /** The study's checks.json, or the 500 page naming what is wrong with it. */
  const checksConfig = (c: Context<ResearcherEnv>): ChecksConfig | Response => {
    try {
      return loadChecksConfig(study.dir);
    } catch (error) {
      if (error instanceof ChecksFileError) return c.text(`${catalog.t(langOf(c), 'r.checks.configBroken')}\n\n${error.message}`, 500);
      throw error;
    }
  };

  const checksPage = async (c: Context<ResearcherEnv>, wave: WaveDefinition, problem?: Problem) => {
    const config = checksConfig(c);
    if (config instanceof Response) return config;
    const data = await datasets.get(wave, 'all');
    const checks = computeChecks({ study, wave, data, config, reviews: await waveReviews(db, wave.id), lang: langOf(c) });
    const view = (
      <ChecksPage
        catalog={catalog}
        lang={langOf(c)}
        csrf={c.get('session').csrfToken}
        study={study}
        wave={wave}
        checks={checks}
        problem={problem}
      />
    );
    return c.html(await page(view), problem ? 422 : 200);
  };

  app.get('/controles', async (c) => {
    const wave = waveFor(c);
    return wave ? checksPage(c, wave) : c.notFound();
  });

  app.post('/controles/besluit', async (c) => {
    const form = await readForm(c);
    if (!form) return c.text(catalog.t(langOf(c), 'error.badRequest'), 400);
    if (!csrfOk(c, form)) return c.text(catalog.t(langOf(c), 'r.csrf'), 403);
    const wave = waveFor(c, form);
    if (!wave) return c.notFound();
    const check = one(form, 'check');
    const decision = one(form, 'decision');
    const reason = one(form, 'reason');
    const responses = [...new Set(many(form, 'response'))];
    if (decision !== 'keep' && decision !== 'exclude') return checksPage(c, wave, { key: 'r.checks.problem.decision' });
    if (responses.length === 0) return checksPage(c, wave, { key: 'r.checks.problem.none' });
    if (reason === '' || reason.length > 500) return checksPage(c, wave, { key: 'r.checks.problem.reason' });
    const config = checksConfig(c);
    if (config instanceof Response) return config;
    if (!checkIds(config).includes(check)) return checksPage(c, wave, { key: 'r.checks.problem.check', values: { check } });
    const inWave = await responsesInWave(
      db,
      wave.id,
      responses.filter((id) => UUID.test(id)),
    );
    const strangers = responses.filter((id) => !inWave.has(id));
    if (strangers.length > 0) return checksPage(c, wave, { key: 'r.checks.problem.unknown', values: { ids: listed(strangers) } });
    const session = c.get('session');
    await recordReviews(db, { responseIds: responses, check, decision, reason, userId: session.user.id });
    await audit(db, { userId: session.user.id, action: `response-${decision}`, detail: { responses, check, reason } });
    return c.redirect(back('controles', wave), 303);
  });

  app.post('/controles/intrekken', async (c) => {
    const form = await readForm(c);
    if (!form) return c.text(catalog.t(langOf(c), 'error.badRequest'), 400);
    if (!csrfOk(c, form)) return c.text(catalog.t(langOf(c), 'r.csrf'), 403);
    const wave = waveFor(c, form);
    if (!wave) return c.notFound();
    const id = one(form, 'id');
    const reason = one(form, 'reason');
    if (reason === '' || reason.length > 500) return checksPage(c, wave, { key: 'r.checks.problem.reason' });
    const inWave = (await waveReviews(db, wave.id)).some((r) => String(r.id) === id && r.revokedAt === null);
    if (!/^\d+$/.test(id) || !inWave) return checksPage(c, wave, { key: 'r.checks.problem.revoke' });
    const session = c.get('session');
    await revokeReview(db, { id: Number(id), userId: session.user.id, reason });
    await audit(db, { userId: session.user.id, action: 'response-review-revoked', detail: { decision: Number(id), reason } });
    return c.redirect(back('controles', wave), 303);
  });

  const recodePage = async (c: Context<ResearcherEnv>, wave: WaveDefinition, problem?: Problem) => {
    const data = await datasets.get(wave, 'all');
    const queue = recodeQueue(data, await liveRecodes(db, wave.id));
    const view = (
      <RecodePage
        catalog={catalog}
        lang={langOf(c)}
        csrf={c.get('session').csrfToken}
        study={study}
        wave={wave}
        synthetic={countSynthetic(data).synthetic > 0}
        queue={queue}
        problem={problem}
      />
    );
    return c.html(await page(view), problem ? 422 : 200);
  };

  app.get('/hercoderen', async (c) => {
    const wave = waveFor(c);
    return wave ? recodePage(c, wave) : c.notFound();
  });

  /** The queue entry a form names, from the data as it is now. */
  const entryOf = async (wave: WaveDefinition, form: Form) => {
    const data = await datasets.get(wave, 'all');
    const live = await liveRecodes(db, wave.id);
    const entry = recodeQueue(data, live).find((e) => e.field.otherItem === one(form, 'field') && e.key === one(form, 'key'));
    return { entry, live };
  };

  app.post('/hercoderen', async (c) => {
    const form = await readForm(c);
    if (!form) return c.text(catalog.t(langOf(c), 'error.badRequest'), 400);
    if (!csrfOk(c, form)) return c.text(catalog.t(langOf(c), 'r.csrf'), 403);
    const wave = waveFor(c, form);
    if (!wave) return c.notFound();
    const { entry } = await entryOf(wave, form);
    if (!entry) return recodePage(c, wave, { key: 'r.recode.problem.entry' });
    const raw = one(form, 'code');
    const code = raw === 'other' ? null : /^-?\d+$/.test(raw) ? Number(raw) : NaN;
    if (code !== null && !entry.field.options.some((o) => o.code === code))
      return recodePage(c, wave, { key: 'r.recode.problem.code', values: { code: raw, item: entry.field.item } });
    const session = c.get('session');
    const { field } = entry;
    await recordRecodes(db, {
      recodes: entry.responses.map((r) => ({
        responseId: r.responseId,
        item: field.item,
        otherItem: field.otherItem,
        otherCode: field.otherCode,
        text: r.text,
      })),
      code,
      userId: session.user.id,
    });
    await audit(db, {
      userId: session.user.id,
      action: 'recode',
      detail: { item: field.otherItem, responses: entry.responses.length, code },
    });
    return c.redirect(back('hercoderen', wave), 303);
  });

  app.post('/hercoderen/terug', async (c) => {
    const form = await readForm(c);
    if (!form) return c.text(catalog.t(langOf(c), 'error.badRequest'), 400);
    if (!csrfOk(c, form)) return c.text(catalog.t(langOf(c), 'r.csrf'), 403);
    const wave = waveFor(c, form);
    if (!wave) return c.notFound();
    const { entry, live } = await entryOf(wave, form);
    if (!entry) return recodePage(c, wave, { key: 'r.recode.problem.entry' });
    const ids = new Set(entry.responses.map((r) => r.responseId));
    const session = c.get('session');
    const undone = live.filter((r) => r.otherItem === entry.field.otherItem && ids.has(r.responseId));
    for (const r of undone) await revokeRecode(db, { id: r.id, userId: session.user.id });
    await audit(db, {
      userId: session.user.id,
      action: 'recode-revoked',
      detail: { item: entry.field.otherItem, responses: undone.length },
    });
    return c.redirect(back('hercoderen', wave), 303);
  });

  return app;
}
