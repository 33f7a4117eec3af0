// A response, page by page. Reached by its resume code (/s/CODE) or by the code from the letter (/i/CODE).
// Every page post is validated against the page the respondent was shown and stored in one transaction
// before the next page is rendered (POST → 303 → GET), so a shown "saved" is always saved.
import { Hono, type Context } from 'hono';
import { pageAfter, pageBefore, resolveRoute } from '../../questionnaire/routing.ts';
import type { Language, QuestionnaireDefinition } from '../../questionnaire/types.ts';
import { recordingIndex } from '../../storage/audio.ts';
import { findInvitation } from '../../storage/invitations.ts';
import { deleteResponse, findResponseById, findResponseBySecret, loadAnswers, savePage, type ResponseRecord } from '../../storage/responses.ts';
import { formatCode, readCode } from '../../storage/tokens.ts';
import { definitionCache, type AppDeps } from '../context.ts';
import { page } from '../layout.tsx';
import { readForm, single } from './common.ts';
import { readPageForm } from './form.ts';
import { MessagePage, messageResponse, QuestionPage, textOf, WithdrawPage, type QuestionPageProps } from './views.tsx';

interface Loaded {
  readonly response: ResponseRecord;
  readonly definition: QuestionnaireDefinition;
  readonly resume: QuestionPageProps['resume'];
}

export function responseRoutes(deps: AppDeps): Hono {
  const app = new Hono();
  const { catalog, db } = deps;
  const definitionOf = definitionCache(db);

  const message = (c: Context, lang: Language, status: 200 | 400 | 404, key: 'error.notFound' | 'error.badRequest' | 'withdraw.done') =>
    messageResponse(c, catalog, lang, key, status);

  const load = async (c: Context): Promise<Loaded | Response> => {
    const read = readCode(c.req.param('code') ?? '');
    let response: ResponseRecord | null = null;
    let resume: Loaded['resume'] | null = null;
    if (read?.kind === 'resume' && c.req.path.startsWith('/s/')) {
      response = await findResponseBySecret(db, read.code);
      resume = { key: 'resume.box', code: formatCode(read.code) };
    } else if (read?.kind === 'invitation' && c.req.path.startsWith('/i/')) {
      const invitation = await findInvitation(db, read.code);
      response = invitation?.responseId ? await findResponseById(db, invitation.responseId) : null;
      resume = { key: 'letter.box', code: formatCode(read.code) };
    }
    const definition = response ? await definitionOf(response.questionnaireId, response.questionnaireVersion) : null;
    if (!response || !definition || !resume) return message(c, 'nl', 404, 'error.notFound');
    return { response, definition, resume };
  };

  const show = async (c: Context, loaded: Loaded, extra: Partial<QuestionPageProps> = {}, status: 200 | 409 | 422 = 200) => {
    const { response, definition } = loaded;
    const lang = response.language;
    if (response.status === 'completed') {
      return c.html(await page(<MessagePage lang={lang} catalog={catalog} title={catalog.t(lang, 'thanks.title')} text={catalog.t(lang, 'thanks.text')} />));
    }
    const answers = await loadAnswers(db, response.id);
    const route = resolveRoute(definition, answers);
    const current = route.pages.find((p) => p.id === (extra.page?.id ?? response.currentPage)) ?? route.pages[0]!;
    const position = route.pages.indexOf(current) + 1;
    const recordings = await recordingIndex(db, definition.id, lang);
    const audio = new Map([...recordings].map(([target, sha]) => [target, `/audio/${encodeURIComponent(definition.id)}/${lang}/${encodeURIComponent(target)}?v=${sha}`]));
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
        resume={loaded.resume}
        withdrawAction={`${c.req.path}/intrekken`}
        audio={audio}
        {...extra}
      />
    );
    return c.html(await page(view), status);
  };

  for (const prefix of ['/s', '/i']) {
    app.get(`${prefix}/:code`, async (c) => {
      const loaded = await load(c);
      return loaded instanceof Response ? loaded : show(c, loaded);
    });

    app.post(`${prefix}/:code`, async (c) => {
      const loaded = await load(c);
      if (loaded instanceof Response) return loaded;
      const { response, definition } = loaded;
      const lang = response.language;
      if (response.status === 'completed') return c.redirect(c.req.path, 303);
      const form = await readForm(c);
      if (!form) return message(c, lang, 400, 'error.badRequest');
      const stored = await loadAnswers(db, response.id);
      const route = resolveRoute(definition, stored);
      const action = form['_action'] === 'back' ? 'back' : 'next';
      const currentIndex = Math.max(0, route.pages.findIndex((p) => p.id === response.currentPage));
      const postedIndex = route.pages.findIndex((p) => p.id === single(form, '_page'));
      if (postedIndex < 0 || postedIndex > currentIndex) {
        // A page the respondent was not shown (tampering, or a stale tab): nothing is stored.
        return show(c, loaded, { notice: catalog.t(lang, 'error.pageOrder') }, 409);
      }
      const posted = route.pages[postedIndex]!;
      const parsed = readPageForm(route.itemsByPage.get(posted.id) ?? [], form);
      if (parsed.unknownFields.length > 0) {
        return show(c, loaded, { page: posted, notice: catalog.t(lang, 'error.unknownField', { field: parsed.unknownFields[0]!.slice(0, 60) }) }, 422);
      }
      if (action === 'next' && parsed.errors.size > 0) return show(c, loaded, { page: posted, errors: parsed.errors, raw: form }, 422);
      // Going back keeps whatever was valid on this page; invalid fields are not stored.
      const given = new Map([...parsed.answers].filter(([id]) => !parsed.errors.has(id)));
      const merged = new Map(stored);
      for (const [id, value] of given) {
        if (value === null) merged.delete(id);
        else merged.set(id, value);
      }
      const after = resolveRoute(definition, merged);
      const remove = [...merged.keys()].filter((id) => !after.visibleItems.has(id));
      const target = action === 'back' ? (pageBefore(after, posted.id) ?? posted) : pageAfter(after, posted.id);
      await savePage(db, { responseId: response.id, answers: given, remove, currentPage: target ? target.id : posted.id, completed: action === 'next' && target === null });
      return c.redirect(c.req.path, 303);
    });

    app.get(`${prefix}/:code/intrekken`, async (c) => {
      const loaded = await load(c);
      if (loaded instanceof Response) return loaded;
      const back = c.req.path.replace(/\/intrekken$/, '');
      return c.html(await page(<WithdrawPage catalog={catalog} lang={loaded.response.language} action={c.req.path} back={back} />));
    });

    app.post(`${prefix}/:code/intrekken`, async (c) => {
      const loaded = await load(c);
      if (loaded instanceof Response) return loaded;
      const form = await readForm(c);
      if (!form || form['confirm'] !== 'yes') return message(c, loaded.response.language, 400, 'error.badRequest');
      await deleteResponse(db, loaded.response.id);
      return message(c, loaded.response.language, 200, 'withdraw.done');
    });
  }

  return app;
}
