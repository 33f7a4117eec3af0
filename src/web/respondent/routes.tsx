// The respondent's path: language → start → one page at a time → thanks. Every page post is validated
// against the page the respondent was shown and stored before the next page is rendered (POST → 303 → GET).
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Language, QuestionnaireDefinition } from '../../questionnaire/types.ts';
import { pageAfter, pageBefore, resolveRoute } from '../../questionnaire/routing.ts';
import { createResponse, deleteResponse, findResponseBySecret, loadAnswers, savePage, type ResponseRecord } from '../../storage/responses.ts';
import { formatResumeCode, normalizeResumeCode } from '../../storage/tokens.ts';
import { definitionCache, type AppDeps } from '../context.ts';
import { page } from '../layout.tsx';
import { readPageForm, type FormData } from './form.ts';
import { LanguageChoice, MessagePage, QuestionPage, ResumePage, StartPage, textOf, WithdrawPage } from './views.tsx';

const CHANNEL = /^[a-z0-9][a-z0-9-]{0,39}$/;

/** Reads a urlencoded or multipart body as strings; files are refused. */
async function readForm(c: Context): Promise<FormData | null> {
  const body = await c.req.parseBody({ all: true });
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(body)) {
    const values = Array.isArray(value) ? value : [value];
    if (values.some((v) => typeof v !== 'string')) return null;
    out[name] = values.length === 1 ? (values[0] as string) : (values as string[]);
  }
  return out;
}

export function respondentRoutes(deps: AppDeps): Hono {
  const app = new Hono();
  const { catalog } = deps;
  const definitionOf = definitionCache(deps.db);
  const currentWave = deps.study.waves.at(-1)!;

  const message = async (c: Context, lang: Language, status: 400 | 404 | 409 | 413 | 500, key: 'error.notFound' | 'error.badRequest') =>
    c.html(await page(<MessagePage lang={lang} catalog={catalog} title={catalog.t(lang, key)} text={catalog.t(lang, key)} />), status);

  app.use(
    '*',
    bodyLimit({
      maxSize: 256 * 1024,
      onError: async (c) => message(c, 'nl', 413, 'error.badRequest'),
    }),
  );

  app.get('/', async (c) => c.html(await page(<LanguageChoice catalog={catalog} title={deps.study.title} />)));

  app.get('/:lang{(nl|en|ar|tr|ti)}', async (c) => {
    const lang = c.req.param('lang') as Language;
    const channel = c.req.query('kanaal');
    const action = `/${lang}/start${channel && CHANNEL.test(channel) ? `?kanaal=${channel}` : ''}`;
    const options = currentWave.questionnaires.map((q) => ({ id: q.id, title: textOf(q.title, lang) }));
    const view = (
      <StartPage catalog={catalog} lang={lang} action={action} title={textOf(deps.study.title, lang)} contact={deps.contactEmail} options={options} />
    );
    return c.html(await page(view));
  });

  app.post('/:lang{(nl|en|ar|tr|ti)}/start', async (c) => {
    const lang = c.req.param('lang') as Language;
    const form = await readForm(c);
    const chosen = form?.['questionnaire'];
    const definition = currentWave.questionnaires.find((q) => q.id === chosen);
    if (!definition || !definition.languages.includes(lang)) return message(c, lang, 400, 'error.badRequest');
    const channelValue = c.req.query('kanaal');
    const channel = channelValue && CHANNEL.test(channelValue) ? channelValue : 'web';
    const { secret } = await createResponse(deps.db, {
      questionnaireId: definition.id,
      questionnaireVersion: definition.version,
      waveId: currentWave.id,
      language: lang,
      channel,
    });
    return c.redirect(`/s/${secret}`, 303);
  });

  app.get('/:lang{(nl|en|ar|tr|ti)}/hervat', async (c) => c.html(await page(<ResumePage catalog={catalog} lang={c.req.param('lang') as Language} />)));

  app.post('/:lang{(nl|en|ar|tr|ti)}/hervat', async (c) => {
    const lang = c.req.param('lang') as Language;
    const form = await readForm(c);
    const code = normalizeResumeCode(typeof form?.['code'] === 'string' ? form['code'] : '');
    const response = code ? await findResponseBySecret(deps.db, code) : null;
    if (!code || !response) return c.html(await page(<ResumePage catalog={catalog} lang={lang} error />), 404);
    return c.redirect(`/s/${code}`, 303);
  });

  app.get('/s/:secret/intrekken', async (c) => {
    const loaded = await load(c);
    if (loaded instanceof Response) return loaded;
    const back = c.req.path.replace(/\/intrekken$/, '');
    return c.html(await page(<WithdrawPage catalog={catalog} lang={loaded.response.language} action={c.req.path} back={back} />));
  });

  app.post('/s/:secret/intrekken', async (c) => {
    const loaded = await load(c);
    if (loaded instanceof Response) return loaded;
    const lang = loaded.response.language;
    const form = await readForm(c);
    if (form?.['confirm'] !== 'yes') return message(c, lang, 400, 'error.badRequest');
    await deleteResponse(deps.db, loaded.response.id);
    return c.html(await page(<MessagePage lang={lang} catalog={catalog} title={catalog.t(lang, 'withdraw.done')} text={catalog.t(lang, 'withdraw.done')} />));
  });

  const load = async (c: Context): Promise<{ response: ResponseRecord; definition: QuestionnaireDefinition } | Response> => {
    const secret = normalizeResumeCode(c.req.param('secret') ?? '');
    const response = secret ? await findResponseBySecret(deps.db, secret) : null;
    const definition = response ? await definitionOf(response.questionnaireId, response.questionnaireVersion) : null;
    if (!response || !definition) return message(c, 'nl', 404, 'error.notFound');
    return { response, definition };
  };

  const show = async (c: Context, response: ResponseRecord, definition: QuestionnaireDefinition, extra: Partial<Parameters<typeof QuestionPage>[0]> = {}, status: 200 | 409 | 422 = 200) => {
    const lang = response.language;
    if (response.status === 'completed') {
      return c.html(await page(<MessagePage lang={lang} catalog={catalog} title={catalog.t(lang, 'thanks.title')} text={catalog.t(lang, 'thanks.text')} />));
    }
    const answers = await loadAnswers(deps.db, response.id);
    const route = resolveRoute(definition, answers);
    const current = route.pages.find((p) => p.id === (extra.page?.id ?? response.currentPage)) ?? route.pages[0]!;
    const position = route.pages.indexOf(current) + 1;
    const view = (
      <QuestionPage
        catalog={catalog}
        lang={lang}
        title={textOf(definition.title, lang)}
        action={c.req.path}
        page={current}
        items={route.itemsByPage.get(current.id) ?? []}
        answers={route.answers}
        position={position}
        total={route.pages.length}
        isLast={position === route.pages.length}
        resumeCode={formatResumeCode(normalizeResumeCode(c.req.param('secret') ?? '') ?? '')}
        withdrawAction={`${c.req.path}/intrekken`}
        {...extra}
      />
    );
    return c.html(await page(view), status);
  };

  app.get('/s/:secret', async (c) => {
    const loaded = await load(c);
    if (loaded instanceof Response) return loaded;
    return show(c, loaded.response, loaded.definition);
  });

  app.post('/s/:secret', async (c) => {
    const loaded = await load(c);
    if (loaded instanceof Response) return loaded;
    const { response, definition } = loaded;
    const lang = response.language;
    if (response.status === 'completed') return c.redirect(c.req.path, 303);
    const form = await readForm(c);
    if (!form) return message(c, lang, 400, 'error.badRequest');
    const stored = await loadAnswers(deps.db, response.id);
    const route = resolveRoute(definition, stored);
    const pageId = typeof form['_page'] === 'string' ? form['_page'] : '';
    const action = form['_action'] === 'back' ? 'back' : 'next';
    const currentIndex = Math.max(0, route.pages.findIndex((p) => p.id === response.currentPage));
    const postedIndex = route.pages.findIndex((p) => p.id === pageId);
    if (postedIndex < 0 || postedIndex > currentIndex) {
      // A page the respondent was not shown (tampering, or a stale tab): nothing is stored.
      return show(c, response, definition, { notice: catalog.t(lang, 'error.pageOrder') }, 409);
    }
    const posted = route.pages[postedIndex]!;
    const parsed = readPageForm(route.itemsByPage.get(posted.id) ?? [], form);
    if (parsed.unknownFields.length > 0) {
      return show(c, response, definition, { page: posted, notice: catalog.t(lang, 'error.unknownField', { field: parsed.unknownFields[0]!.slice(0, 60) }) }, 422);
    }
    if (action === 'next' && parsed.errors.size > 0) {
      return show(c, response, definition, { page: posted, errors: parsed.errors, raw: form }, 422);
    }
    // Going back keeps whatever was valid on this page; invalid fields are not stored.
    const given = new Map([...parsed.answers].filter(([id]) => !parsed.errors.has(id)));
    const merged = new Map(stored);
    for (const [id, value] of given) {
      if (value === null) merged.delete(id);
      else merged.set(id, value);
    }
    const after = resolveRoute(definition, merged);
    const remove = [...merged.keys()].filter((id) => !after.visibleItems.has(id));
    const target = action === 'back' ? pageBefore(after, posted.id) ?? posted : pageAfter(after, posted.id);
    await savePage(deps.db, {
      responseId: response.id,
      answers: given,
      remove,
      currentPage: target ? target.id : posted.id,
      completed: action === 'next' && target === null,
    });
    return c.redirect(c.req.path, 303);
  });

  return app;
}
