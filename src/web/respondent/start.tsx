// How a person reaches a questionnaire: language → explanation → filter questions (or a code from a letter,
// a group session, or an earlier visit) → a new response. Filter answers travel in hidden fields, so this
// works without cookies and without JavaScript.
import { Hono, type Context } from 'hono';
import { chooseQuestionnaire } from '../../questionnaire/landing.ts';
import { resolveRoute } from '../../questionnaire/routing.ts';
import type { AnswerValue, ItemId, Language, QuestionnaireDefinition } from '../../questionnaire/types.ts';
import { findOpenGroupSession, type GroupSession } from '../../storage/group-sessions.ts';
import { claimInvitation, findInvitation, type Invitation } from '../../storage/invitations.ts';
import { createResponse, deleteResponse, findResponseBySecret } from '../../storage/responses.ts';
import { formatCode, readCode } from '../../storage/tokens.ts';
import type { AppDeps } from '../context.ts';
import { page } from '../layout.tsx';
import { channelOf, readForm, single } from './common.ts';
import { readPageForm, type FormData } from './form.ts';
import type { RespondentEnv } from './guard.ts';
import { FilterPage, LanguageChoice, MessagePage, messageResponse, ResumePage, StartPage, textOf } from './views.tsx';

const LANG = ':lang{(nl|en|ar|tr|ti)}';

interface Origin {
  readonly channel: string;
  /** The letter's invitation and its plain code (the code is the person's key to the response). */
  readonly invitation?: { readonly record: Invitation; readonly code: string };
  readonly session?: GroupSession;
}

/**
 * The arrival routes. `mayStart` counts a new response for the client and says whether it is within its
 * allowance (anonymous starts are limited per address).
 */
export function startRoutes(deps: AppDeps, mayStart: (c: Context) => Promise<boolean>): Hono<RespondentEnv> {
  const app = new Hono<RespondentEnv>();
  const { catalog, db, study } = deps;
  const wave = study.waves.at(-1)!;
  const landing = study.landing;
  const langOf = (c: Context) => c.req.param('lang') as Language;

  const badRequest = (c: Context, lang: Language) => messageResponse(c, catalog, lang, 'error.badRequest', 400);

  /** Starts a response and sends the person to its first page. */
  const start = async (
    c: Context,
    lang: Language,
    definition: QuestionnaireDefinition,
    origin: Origin,
    filter: ReadonlyMap<ItemId, AnswerValue>,
  ) => {
    if (!(await mayStart(c))) return messageResponse(c, catalog, lang, 'error.tooManyStarts', 429);
    const { response, secret } = await createResponse(db, {
      questionnaireId: definition.id,
      questionnaireVersion: definition.version,
      waveId: wave.id,
      language: lang,
      channel: origin.session ? `sessie-${origin.session.code.toLowerCase()}` : origin.channel,
      landing: Object.fromEntries(filter),
      groupSessionId: origin.session?.id,
    });
    if (origin.invitation) {
      if (!(await claimInvitation(db, origin.invitation.record.id, response.id))) {
        await deleteResponse(db, response.id); // the same letter was used twice at once: continue the first
      }
      return c.redirect(`/i/${origin.invitation.code}`, 303);
    }
    return c.redirect(`/s/${secret}`, 303);
  };

  const questionnaireById = (id: string) => wave.questionnaires.find((q) => q.id === id);

  /**
   * Resolves the hidden `_code` of a filter form back to where the person came from; 'unknown' when the
   * code is no open group session or unused letter (an answer about a code, counted by the guard).
   */
  const originOf = async (form: FormData, fallbackChannel: string): Promise<Origin | 'unknown'> => {
    const code = single(form, '_code');
    if (code === '') return { channel: fallbackChannel };
    const read = readCode(code);
    if (read?.kind === 'invitation') {
      const invitation = await findInvitation(db, read.code);
      return invitation && invitation.responseId === null
        ? { channel: invitation.channel, invitation: { record: invitation, code: read.code } }
        : 'unknown';
    }
    if (read?.kind === 'groupSession') {
      const session = await findOpenGroupSession(db, read.code);
      return session ? { channel: fallbackChannel, session } : 'unknown';
    }
    return 'unknown';
  };

  const filterPage = async (
    c: Context,
    lang: Language,
    answers: ReadonlyMap<ItemId, AnswerValue>,
    hidden: Record<string, string>,
    extra: { errors?: ReturnType<typeof readPageForm>['errors']; raw?: FormData; notice?: string } = {},
    status: 200 | 409 | 422 = 200,
  ) => {
    const route = resolveRoute(landing!.form, answers);
    const outcome = chooseQuestionnaire(landing!, answers);
    const current = outcome.kind === 'incomplete' ? route.pages.find((p) => p.id === outcome.page)! : route.pages[0]!;
    const carried = new Map([...route.answers].filter(([id]) => !(route.itemsByPage.get(current.id) ?? []).some((i) => i.id === id)));
    const view = (
      <FilterPage
        catalog={catalog}
        lang={lang}
        title={textOf(landing!.title, lang)}
        intro={textOf(landing!.intro, lang)}
        action={`/${lang}/vragen`}
        page={current}
        items={route.itemsByPage.get(current.id) ?? []}
        carried={carried}
        hidden={hidden}
        {...extra}
      />
    );
    return c.html(await page(view), status);
  };

  // A channel's link (`/?kanaal=name`, from a partner's flyer or message) keeps its channel through the language choice.
  app.get('/', async (c) => {
    const channel = c.req.query('kanaal');
    const suffix = channel && channelOf(channel) === channel ? `?kanaal=${channel}` : '';
    return c.html(await page(<LanguageChoice catalog={catalog} title={study.title} suffix={suffix} />));
  });

  app.get(`/${LANG}`, async (c) => {
    const lang = langOf(c);
    const channel = c.req.query('kanaal');
    const query = channel && channelOf(channel) === channel ? `?kanaal=${channel}` : '';
    const options = landing ? [] : wave.questionnaires.map((q) => ({ id: q.id, title: textOf(q.title, lang) }));
    const action = landing ? `/${lang}/vragen${query}` : `/${lang}/start${query}`;
    return c.html(
      await page(
        <StartPage
          catalog={catalog}
          lang={lang}
          action={action}
          title={textOf(study.title, lang)}
          contact={deps.contactEmail}
          options={options}
        />,
      ),
    );
  });

  // Without filter questions (a study without a landing definition): the person picks the questionnaire.
  app.post(`/${LANG}/start`, async (c) => {
    const lang = langOf(c);
    const form = await readForm(c);
    const definition = form ? questionnaireById(single(form, 'questionnaire')) : undefined;
    if (!definition || !definition.languages.includes(lang)) return badRequest(c, lang);
    return start(c, lang, definition, { channel: channelOf(c.req.query('kanaal')) }, new Map());
  });

  app.get(`/${LANG}/vragen`, async (c) => {
    const lang = langOf(c);
    if (!landing) return c.redirect(`/${lang}`, 303);
    return filterPage(c, lang, new Map(), { _kanaal: channelOf(c.req.query('kanaal')) });
  });

  app.post(`/${LANG}/vragen`, async (c) => {
    const lang = langOf(c);
    const form = await readForm(c);
    if (!landing || !form) return badRequest(c, lang);
    // A carried code is looked up, and the answer tells whether it exists: guarded like a code typed in.
    const guard = c.get('codeGuard');
    if (single(form, '_code') !== '' && (await guard.blocked())) return guard.refuse();
    const origin = await originOf(form, channelOf(single(form, '_kanaal')));
    if (origin === 'unknown') return (await guard.miss()) ? guard.refuse() : badRequest(c, lang);
    const hidden: Record<string, string> = {
      _kanaal: channelOf(single(form, '_kanaal')),
      ...(single(form, '_code') ? { _code: single(form, '_code') } : {}),
    };
    // Answers of earlier filter pages come back in _prev.* fields and are validated again like any post.
    const carriedForm: Record<string, string | readonly string[]> = {};
    for (const [name, value] of Object.entries(form)) if (name.startsWith('_prev.')) carriedForm[name.slice(6)] = value;
    const allItems = landing.form.pages.flatMap((p) => p.items);
    const prev = readPageForm(allItems, carriedForm);
    const answers = new Map<ItemId, AnswerValue>();
    for (const [id, v] of prev.answers) if (v !== null && !prev.errors.has(id)) answers.set(id, v);
    const route = resolveRoute(landing.form, answers);
    const pageId = single(form, '_page');
    const posted = route.pages.find((p) => p.id === pageId);
    if (!posted) return filterPage(c, lang, answers, hidden, { notice: catalog.t(lang, 'error.pageOrder') }, 409);
    const ownFields: Record<string, string | readonly string[]> = {};
    for (const [name, value] of Object.entries(form))
      if (!name.startsWith('_prev.') && name !== '_code' && name !== '_kanaal') ownFields[name] = value;
    const parsed = readPageForm(route.itemsByPage.get(posted.id) ?? [], ownFields);
    if (parsed.unknownFields.length > 0 || prev.unknownFields.length > 0) return badRequest(c, lang);
    if (parsed.errors.size > 0) return filterPage(c, lang, answers, hidden, { errors: parsed.errors, raw: form }, 422);
    for (const [id, v] of parsed.answers) {
      if (v === null) answers.delete(id);
      else answers.set(id, v);
    }
    const outcome = chooseQuestionnaire(landing, answers);
    if (outcome.kind === 'incomplete') return filterPage(c, lang, answers, hidden);
    if (outcome.kind !== 'questionnaire') {
      const text = `${textOf(landing.noMatch, lang)} ${catalog.t(lang, 'landing.contact', { email: deps.contactEmail })}`;
      return c.html(await page(<MessagePage lang={lang} catalog={catalog} title={catalog.t(lang, 'landing.noMatch')} text={text} />));
    }
    const definition = questionnaireById(outcome.questionnaire);
    if (!definition) return badRequest(c, lang);
    return start(c, lang, definition, origin, answers);
  });

  app.get(`/${LANG}/hervat`, async (c) => c.html(await page(<ResumePage catalog={catalog} lang={langOf(c)} />)));

  // The link in a letter (and its QR code): choose a language, then the code is filled in for the person.
  app.get('/c/:code', async (c) => {
    const read = readCode(c.req.param('code'));
    return c.html(await page(<LanguageChoice catalog={catalog} title={study.title} suffix={read ? `/c/${read.code}` : ''} />));
  });
  // In the chosen language: the same introduction as /{lang} (purpose, voluntary, no name asked), and its
  // button starts with the letter's code. The code is not looked up here, so this page tells nothing about it.
  app.get(`/${LANG}/c/:code`, async (c) => {
    const lang = langOf(c);
    const read = readCode(c.req.param('code'));
    if (!read) return c.html(await page(<ResumePage catalog={catalog} lang={lang} />));
    return c.html(
      await page(
        <StartPage
          catalog={catalog}
          lang={lang}
          action={`/${lang}/hervat`}
          title={textOf(study.title, lang)}
          contact={deps.contactEmail}
          options={[]}
          code={formatCode(read.code)}
        />,
      ),
    );
  });

  // One field for every code a person may have: a resume code, the code from a letter, a group's code.
  app.post(`/${LANG}/hervat`, async (c) => {
    const lang = langOf(c);
    const form = await readForm(c);
    const read = readCode(form ? single(form, 'code') : '');
    const notFound = async () => c.html(await page(<ResumePage catalog={catalog} lang={lang} error />), 404);
    if (!read) return notFound();
    switch (read.kind) {
      case 'resume':
        return (await findResponseBySecret(db, read.code)) ? c.redirect(`/s/${read.code}`, 303) : notFound();
      case 'invitation': {
        const invitation = await findInvitation(db, read.code);
        if (!invitation) return notFound();
        if (invitation.responseId) return c.redirect(`/i/${read.code}`, 303);
        const known = invitation.questionnaireId ? questionnaireById(invitation.questionnaireId) : undefined;
        if (known || !landing) {
          const definition = known ?? wave.questionnaires[0]!;
          return start(
            c,
            lang,
            definition,
            { channel: invitation.channel, invitation: { record: invitation, code: read.code } },
            new Map(),
          );
        }
        return filterPage(c, lang, new Map(), { _kanaal: invitation.channel, _code: read.code });
      }
      case 'groupSession': {
        const session = await findOpenGroupSession(db, read.code);
        if (!session) return notFound();
        if (!landing) return start(c, lang, wave.questionnaires[0]!, { channel: 'groepssessie', session }, new Map());
        return filterPage(
          c,
          lang,
          new Map(),
          { _kanaal: 'groepssessie', _code: read.code },
          {
            notice: catalog.t(lang, 'session.joined', { label: session.label }),
          },
        );
      }
    }
  });

  return app;
}
