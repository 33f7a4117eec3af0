// A response, page by page. Reached by its resume code (/s/CODE) or by the code from the letter (/i/CODE).
// Every page post is validated against the page the respondent was shown and stored in one transaction
// before the next page is rendered (POST → 303 → GET), so a shown "saved" is always saved.
import { Hono, type Context } from 'hono';
import { pageAfter, pageBefore, resolveRoute, type ResolvedRoute } from '../../questionnaire/routing.ts';
import type { Language, QuestionnaireDefinition } from '../../questionnaire/types.ts';
import { findInvitation } from '../../storage/invitations.ts';
import { pageSaver } from '../../storage/page-saver.ts';
import { deleteResponse, loadResponseState, savePages, type ResponseState } from '../../storage/responses.ts';
import { formatCode, hashSecret, readCode } from '../../storage/tokens.ts';
import { definitionCache, type AppDeps } from '../context.ts';
import { page } from '../layout.tsx';
import { readForm, single } from './common.ts';
import { readPageForm, type FormData } from './form.ts';
import type { RespondentEnv } from './guard.ts';
import { stateCache } from './state-cache.ts';
import { MessagePage, messageResponse, QuestionPage, textOf, WithdrawPage, type QuestionPageProps } from './views.tsx';

interface Loaded {
  readonly state: ResponseState;
  readonly definition: QuestionnaireDefinition;
  /** The code box on the page: its message key and the code as typed (formatted only when a page is shown). */
  readonly resume: { readonly key: 'resume.box' | 'letter.box'; readonly code: string };
  /** Key of this address in the state cache. */
  readonly key: string;
  /** The response's address as the app writes it (/s/CODE or /i/CODE), whatever form the request's had. */
  readonly path: string;
  /** The state came from the cache and may be stale: judge a refused post again on a fresh read. */
  readonly cached: boolean;
}

/** How often a save is recomputed when the response moved on under it before giving up. */
const SAVE_ATTEMPTS = 3;

/**
 * The canonical address of a response for a code as it came in the path (any case, dashes, spaces, an
 * encoded line break), or null when the path holds no code of the prefix's kind. Links and redirects use
 * it, so nothing of the request's own path is echoed into a header or a form.
 */
function canonicalPath(prefix: '/s' | '/i', param: string): string | null {
  const read = readCode(param);
  if (!read || read.kind !== (prefix === '/s' ? 'resume' : 'invitation')) return null;
  return `${prefix}/${read.code}`;
}

export function responseRoutes(deps: AppDeps): Hono<RespondentEnv> {
  const app = new Hono<RespondentEnv>();
  const { catalog, db } = deps;
  const definitionOf = definitionCache(db);
  const states = stateCache();
  // Saves of this process that arrive together are stored together, one statement (one commit) for many.
  const saver = pageSaver((saves) => savePages(db, saves));
  // The route a cached state's answers give, kept from the save that produced the state: a save then
  // resolves the route once (after merging the page), not twice. Keyed by the state object itself.
  const routes = new WeakMap<ResponseState, ResolvedRoute>();
  const routeOf = (definition: QuestionnaireDefinition, state: ResponseState): ResolvedRoute =>
    routes.get(state) ?? resolveRoute(definition, state.answers);

  const message = (c: Context, lang: Language, status: 200 | 400 | 404, key: 'error.notFound' | 'error.badRequest' | 'withdraw.done') =>
    messageResponse(c, catalog, lang, key, status);

  /** The response behind the address; from the state cache only when `cached` (page saves, which check the revision). */
  const load = async (c: Context, cached: boolean): Promise<Loaded | Response> => {
    const read = readCode(c.req.param('code') ?? '');
    let state: ResponseState | null | undefined;
    let fromCache = false;
    let resume: Loaded['resume'] | null = null;
    let key = '';
    if (read?.kind === 'resume' && c.req.path.startsWith('/s/')) {
      const accessHash = hashSecret(read.code);
      key = `s:${accessHash}`;
      state = cached ? states.get(key) : undefined;
      fromCache = state !== undefined;
      state ??= await loadResponseState(db, { accessHash });
      resume = { key: 'resume.box', code: read.code };
    } else if (read?.kind === 'invitation' && c.req.path.startsWith('/i/')) {
      key = `i:${hashSecret(read.code)}`;
      state = cached ? states.get(key) : undefined;
      fromCache = state !== undefined;
      if (!state) {
        const invitation = await findInvitation(db, read.code);
        state = invitation?.responseId ? await loadResponseState(db, { id: invitation.responseId }) : null;
      }
      resume = { key: 'letter.box', code: read.code };
    }
    if (state) states.set(key, state);
    else states.delete(key);
    const definition = state ? await definitionOf(state.questionnaireId, state.questionnaireVersion) : null;
    if (!state || !definition || !resume || !read) return message(c, 'nl', 404, 'error.notFound');
    const path = `${c.req.path.startsWith('/s/') ? '/s' : '/i'}/${read.code}`;
    return { state, definition, resume, key, cached: fromCache, path };
  };

  const show = async (c: Context, loaded: Loaded, extra: Partial<QuestionPageProps> = {}, status: 200 | 409 | 422 = 200) => {
    const { state, definition } = loaded;
    const lang = state.language;
    if (state.status === 'completed') {
      return c.html(
        await page(
          <MessagePage lang={lang} catalog={catalog} title={catalog.t(lang, 'thanks.title')} text={catalog.t(lang, 'thanks.text')} />,
        ),
      );
    }
    const route = routeOf(definition, state);
    const current = route.pages.find((p) => p.id === (extra.page?.id ?? state.currentPage)) ?? route.pages[0]!;
    const position = route.pages.indexOf(current) + 1;
    const audio = new Map(
      [...state.recordings].map(([target, sha]) => [
        target,
        `/audio/${encodeURIComponent(definition.id)}/${lang}/${encodeURIComponent(target)}?v=${sha}`,
      ]),
    );
    const view = (
      <QuestionPage
        catalog={catalog}
        lang={lang}
        title={textOf(definition.title, lang)}
        action={loaded.path}
        page={current}
        items={route.itemsByPage.get(current.id) ?? []}
        answers={route.answers}
        position={position}
        progress={definition.pages.indexOf(current) / definition.pages.length}
        isLast={position === route.pages.length}
        resume={{ key: loaded.resume.key, code: formatCode(loaded.resume.code) }}
        withdrawAction={`${loaded.path}/intrekken`}
        audio={audio}
        {...extra}
      />
    );
    return c.html(await page(view), status);
  };

  /**
   * Validates a posted page against the response's state and stores it. 'moved' when the response changed
   * meanwhile, or when a cached state refuses the post (it may be stale; the caller reads afresh).
   */
  const savePosted = async (c: Context, loaded: Loaded, form: FormData): Promise<Response | 'moved'> => {
    const { state, definition } = loaded;
    const lang = state.language;
    const refuse = (extra: Partial<QuestionPageProps>, status: 409 | 422): Promise<Response> | 'moved' =>
      loaded.cached ? 'moved' : show(c, loaded, extra, status);
    if (state.status === 'completed') return c.redirect(loaded.path, 303);
    const route = routeOf(definition, state);
    const action = form['_action'] === 'back' ? 'back' : 'next';
    const currentIndex = Math.max(
      0,
      route.pages.findIndex((p) => p.id === state.currentPage),
    );
    const postedIndex = route.pages.findIndex((p) => p.id === single(form, '_page'));
    if (postedIndex < 0 || postedIndex > currentIndex) {
      // A page the respondent was not shown (tampering, or a stale tab): nothing is stored.
      return refuse({ notice: catalog.t(lang, 'error.pageOrder') }, 409);
    }
    const posted = route.pages[postedIndex]!;
    const parsed = readPageForm(route.itemsByPage.get(posted.id) ?? [], form);
    if (parsed.unknownFields.length > 0) {
      return refuse({ page: posted, notice: catalog.t(lang, 'error.unknownField', { field: parsed.unknownFields[0]!.slice(0, 60) }) }, 422);
    }
    if (action === 'next' && parsed.errors.size > 0) return refuse({ page: posted, errors: parsed.errors, raw: form }, 422);
    // Going back keeps whatever was valid on this page; invalid fields are not stored.
    const given = new Map([...parsed.answers].filter(([id]) => !parsed.errors.has(id)));
    const merged = new Map(state.answers);
    for (const [id, value] of given) {
      if (value === null) merged.delete(id);
      else merged.set(id, value);
    }
    const after = resolveRoute(definition, merged);
    const remove = [...merged.keys()].filter((id) => !after.visibleItems.has(id));
    for (const id of remove) merged.delete(id);
    const target = action === 'back' ? (pageBefore(after, posted.id) ?? posted) : pageAfter(after, posted.id);
    const currentPage = target ? target.id : posted.id;
    const completed = action === 'next' && target === null;
    const revision = await saver.save({
      responseId: state.id,
      answers: given,
      remove,
      currentPage,
      completed,
      expectedRevision: state.revision,
    });
    if (revision === null) return 'moved';
    const saved: ResponseState = {
      ...state,
      revision,
      currentPage,
      answers: merged,
      ...(completed ? { status: 'completed' as const, completedAt: new Date() } : {}),
    };
    // The answers closed off by routing are gone from `merged`; they counted for nothing in `after` either.
    routes.set(saved, after);
    states.set(loaded.key, saved);
    return c.redirect(loaded.path, 303);
  };

  for (const prefix of ['/s', '/i'] as const) {
    app.get(`${prefix}/:code`, async (c) => {
      // A code written otherwise (lower case, dashes, a stray line break) goes to its canonical address,
      // decided from the path alone (no lookup, so it tells nothing about the code).
      const canonical = canonicalPath(prefix, c.req.param('code'));
      if (canonical && canonical !== c.req.path) return c.redirect(canonical, 301);
      const loaded = await load(c, false);
      return loaded instanceof Response ? loaded : show(c, loaded);
    });

    app.post(`${prefix}/:code`, async (c) => {
      let loaded = await load(c, true);
      if (loaded instanceof Response) return loaded;
      const form = await readForm(c);
      if (!form) return message(c, loaded.state.language, 400, 'error.badRequest');
      for (let attempt = 1; ; attempt++) {
        const result = await savePosted(c, loaded, form);
        if (result !== 'moved') return result;
        // The response changed since it was read (another device or tab, a doubled post), or a cached state
        // refused the post: read it afresh and judge the post again; if it keeps moving, show the page as it now stands.
        loaded = await load(c, false);
        if (loaded instanceof Response) return loaded;
        if (attempt === SAVE_ATTEMPTS) return show(c, loaded, { notice: catalog.t(loaded.state.language, 'error.pageOrder') }, 409);
      }
    });

    app.get(`${prefix}/:code/intrekken`, async (c) => {
      const loaded = await load(c, false);
      if (loaded instanceof Response) return loaded;
      return c.html(
        await page(<WithdrawPage catalog={catalog} lang={loaded.state.language} action={`${loaded.path}/intrekken`} back={loaded.path} />),
      );
    });

    app.post(`${prefix}/:code/intrekken`, async (c) => {
      const loaded = await load(c, false);
      if (loaded instanceof Response) return loaded;
      const form = await readForm(c);
      if (!form || form['confirm'] !== 'yes') return message(c, loaded.state.language, 400, 'error.badRequest');
      await deleteResponse(db, loaded.state.id);
      states.delete(loaded.key);
      return message(c, loaded.state.language, 200, 'withdraw.done');
    });
  }

  return app;
}
