// Respondent pages as server-rendered JSX: plain forms that work without JavaScript. "Next" is the form's
// first submit button, so Enter moves forward; "back" comes later in the DOM and is placed before it by CSS.
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Catalog, MessageKey } from '../../i18n/catalog.ts';
import { LANGUAGE_NAMES } from '../../i18n/catalog.ts';
import type { AnswerValue, Item, ItemId, Language, LocalizedText, Page } from '../../questionnaire/types.ts';
import { LANGUAGES } from '../../questionnaire/types.ts';
import { Layout, page } from '../layout.tsx';
import { Face, FaceSymbols, faceOf } from './faces.tsx';
import type { FieldError, FormData } from './form.ts';

export const textOf = (text: LocalizedText | undefined, lang: Language): string => text?.[lang]?.text ?? text?.nl?.text ?? '';

export function LanguageChoice({ catalog, title, suffix = '' }: { catalog: Catalog; title: LocalizedText; suffix?: string }) {
  return (
    <Layout lang="nl" title={textOf(title, 'nl')} languageNames>
      <h1>{textOf(title, 'nl')}</h1>
      <ul class="langs">
        {LANGUAGES.map((lang) => (
          <li>
            <a href={`/${lang}${suffix}`} lang={lang} dir={lang === 'ar' ? 'rtl' : 'ltr'} hreflang={lang}>
              <span>{LANGUAGE_NAMES[lang]}</span>
              <span class="visually-hidden"> ({catalog.t(lang, 'lang.choose')})</span>
            </a>
          </li>
        ))}
      </ul>
    </Layout>
  );
}

export interface StartOption {
  readonly id: string;
  readonly title: string;
}

export function StartPage(props: {
  catalog: Catalog;
  lang: Language;
  action: string;
  title: string;
  contact: string;
  options: readonly StartOption[];
  /** A letter's link: its code (formatted), carried by the start button to the code lookup. */
  code?: string;
}) {
  const { catalog, lang } = props;
  const t = catalog.t.bind(catalog, lang);
  return (
    <Layout lang={lang} title={props.title} footer={<p>{t('landing.contact', { email: props.contact })}</p>}>
      <p>
        <a href="/">
          {t('lang.current')}: {LANGUAGE_NAMES[lang]}
        </a>
      </p>
      <h1>{props.title}</h1>
      <p>{t('landing.intro')}</p>
      <p>{t('landing.privacy')}</p>
      {props.code ? (
        // A letter's link: the introduction, then one button that starts with the letter's code.
        <form method="post" action={`/${lang}/hervat`}>
          <p>
            {t('letter.code')}{' '}
            <strong dir="ltr" class="code">
              {props.code}
            </strong>
          </p>
          <input type="hidden" name="code" value={props.code} />
          <div class="nav">
            <button type="submit" class="primary">
              {t('landing.start')}
            </button>
          </div>
        </form>
      ) : props.options.length > 0 ? (
        <form method="post" action={props.action}>
          <fieldset>
            <legend>{t('landing.choose')}</legend>
            {props.options.map((o, i) => (
              <div class="option">
                <input type="radio" name="questionnaire" id={`q-${o.id}`} value={o.id} checked={i === 0} />
                <label for={`q-${o.id}`}>{o.title}</label>
              </div>
            ))}
          </fieldset>
          <div class="nav">
            <button type="submit" class="primary">
              {t('landing.start')}
            </button>
          </div>
        </form>
      ) : (
        <p>
          <a class="button primary" href={props.action}>
            {t('landing.start')}
          </a>
        </p>
      )}
      <p>
        <a href={`/${lang}/hervat`}>{t('resume.link')}</a>
      </p>
    </Layout>
  );
}

/** A notice about the page and the count of answers to fix, announced to screen readers. */
function Notices({
  catalog,
  lang,
  notice,
  errorCount,
}: {
  catalog: Catalog;
  lang: Language;
  notice: string | undefined;
  errorCount: number;
}) {
  return (
    <>
      {notice ? (
        <p role="status" class="errors">
          {notice}
        </p>
      ) : null}
      {errorCount > 0 ? (
        <div class="errors" role="alert" id="error-summary" tabindex={-1}>
          <p>{catalog.t(lang, 'error.summary', { count: errorCount })}</p>
        </div>
      ) : null}
    </>
  );
}

export interface QuestionPageProps {
  readonly catalog: Catalog;
  readonly lang: Language;
  readonly title: string;
  readonly action: string;
  readonly page: Page;
  readonly items: readonly Item[];
  readonly answers: ReadonlyMap<ItemId, AnswerValue>;
  /** 1 on the route's first page (the back button shows from the second). */
  readonly position: number;
  /**
   * How far into the questionnaire this page is, 0 to 1: its place among all the questionnaire's pages.
   * Routing only skips pages, never reorders them, so this grows page by page however many pages the
   * answers open (a count of the route's pages would grow as the route does: "step 1 of 17" ... "31 of 31").
   */
  readonly progress: number;
  readonly isLast: boolean;
  readonly errors?: ReadonlyMap<ItemId, FieldError>;
  readonly raw?: FormData;
  readonly notice?: string;
  /** How this person continues later: their resume code, or the code from their letter. */
  readonly resume: { readonly key: 'resume.box' | 'letter.box'; readonly code: string };
  readonly withdrawAction: string;
  /** Recordings for this page: item id or `item:code` → URL. */
  readonly audio?: ReadonlyMap<string, string>;
}

const posted = (raw: FormData | undefined, id: string): string[] | undefined => {
  const v = raw?.[id];
  return v === undefined ? undefined : typeof v === 'string' ? [v] : [...v];
};

export function QuestionPage(props: QuestionPageProps) {
  const { catalog, lang, errors } = props;
  const t = catalog.t.bind(catalog, lang);
  const errorCount = errors?.size ?? 0;
  return (
    <Layout lang={lang} title={props.title} script="/static/enhance.js">
      <p class="progress" id="progress-label">
        {t('page.progress', { done: Math.floor(props.progress * 100) / 100 })}
      </p>
      <progress max={100} value={Math.floor(props.progress * 100)} aria-labelledby="progress-label" />
      {props.page.title ? <h1>{textOf(props.page.title, lang)}</h1> : null}
      <Notices catalog={catalog} lang={lang} notice={props.notice} errorCount={errorCount} />
      {props.items.some((i) => i.kind === 'scale') ? <FaceSymbols /> : null}
      <form method="post" action={props.action} novalidate data-page={props.page.id} data-read-label={t('read.aloud')}>
        <input type="hidden" name="_page" value={props.page.id} />
        {props.items.map((item) => (
          <ItemField
            item={item}
            lang={lang}
            catalog={catalog}
            value={props.answers.get(item.id)}
            raw={props.raw}
            errors={errors}
            answers={props.answers}
            audio={props.audio}
          />
        ))}
        <div class="nav">
          <button type="submit" name="_action" value="next" class="primary">
            {props.isLast ? t('page.finish') : t('page.next')}
          </button>
          {props.position > 1 ? (
            <button type="submit" name="_action" value="back" class="secondary" formnovalidate>
              {t('page.back')}
            </button>
          ) : null}
        </div>
      </form>
      <p class="resume" lang={lang}>
        {t(props.resume.key, { code: '' })}
        <strong dir="ltr" class="code">
          {props.resume.code}
        </strong>
      </p>
      <p>
        <a href={props.withdrawAction}>{t('withdraw.link')}</a>
      </p>
    </Layout>
  );
}

export function ResumePage({ catalog, lang, error, code = '' }: { catalog: Catalog; lang: Language; error?: boolean; code?: string }) {
  const t = catalog.t.bind(catalog, lang);
  return (
    <Layout lang={lang} title={t('resume.title')}>
      <h1>{t('resume.title')}</h1>
      {error ? (
        <p class="errors" role="alert">
          {t('resume.notFound')}
        </p>
      ) : null}
      <form method="post" action={`/${lang}/hervat`}>
        <p>
          <label class="question" for="code">
            {t('resume.label')}
          </label>
        </p>
        <p class="help" id="code-help">
          {t('resume.hint')}
        </p>
        <input
          type="text"
          id="code"
          name="code"
          value={code}
          dir="ltr"
          autocomplete="off"
          autocapitalize="characters"
          spellcheck={false}
          aria-describedby="code-help"
          aria-invalid={error ? 'true' : undefined}
        />
        <div class="nav">
          <button type="submit" class="primary">
            {t('resume.submit')}
          </button>
        </div>
      </form>
    </Layout>
  );
}

export function WithdrawPage({ catalog, lang, action, back }: { catalog: Catalog; lang: Language; action: string; back: string }) {
  const t = catalog.t.bind(catalog, lang);
  return (
    <Layout lang={lang} title={t('withdraw.title')}>
      <h1>{t('withdraw.title')}</h1>
      <p>{t('withdraw.text')}</p>
      <form method="post" action={action}>
        <input type="hidden" name="confirm" value="yes" />
        <div class="nav">
          <button type="submit" class="primary">
            {t('withdraw.confirm')}
          </button>
        </div>
      </form>
      <p>
        <a href={back}>{t('withdraw.cancel')}</a>
      </p>
    </Layout>
  );
}

export interface ItemFieldProps {
  readonly item: Item;
  readonly lang: Language;
  readonly catalog: Catalog;
  readonly value: AnswerValue | undefined;
  readonly raw: FormData | undefined;
  readonly errors: ReadonlyMap<ItemId, FieldError> | undefined;
  readonly answers: ReadonlyMap<ItemId, AnswerValue>;
  readonly audio?: ReadonlyMap<string, string> | undefined;
}

function Listen({ src, label }: { src: string | undefined; label: string }) {
  return src ? <audio class="listen" controls preload="none" src={src} aria-label={label} /> : null;
}

const fieldId = (id: string) => `f-${id.replace(/[^A-Za-z0-9_-]/g, '-')}`;

function ErrorText({ id, error, catalog, lang }: { id: string; error: FieldError | undefined; catalog: Catalog; lang: Language }) {
  return error ? (
    <p class="error" id={`${fieldId(id)}-error`}>
      {catalog.t(lang, error.key, error.values)}
    </p>
  ) : null;
}

export function ItemField({ item, lang, catalog, value, raw, errors, answers, audio }: ItemFieldProps) {
  const listen = <Listen src={audio?.get(item.id)} label={catalog.t(lang, 'audio.listen')} />;
  const id = fieldId(item.id);
  const error = errors?.get(item.id);
  const describedBy = [item.help ? `${id}-help` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const help = item.help ? (
    <p class="help" id={`${id}-help`}>
      {textOf(item.help, lang)}
    </p>
  ) : null;
  switch (item.kind) {
    case 'single':
    case 'scale':
    case 'multi': {
      const type = item.kind === 'multi' ? 'checkbox' : 'radio';
      const chosen = posted(raw, item.id)?.map(Number) ?? (value === undefined ? [] : Array.isArray(value) ? value : [value as number]);
      return (
        <fieldset
          role={item.kind === 'multi' ? undefined : 'radiogroup'}
          aria-describedby={describedBy}
          aria-invalid={error && item.kind !== 'multi' ? 'true' : undefined}
          aria-required={item.required && item.kind !== 'multi' ? 'true' : undefined}
        >
          <legend>{textOf(item.text, lang)}</legend>
          {listen}
          {help}
          {item.kind === 'multi' && !item.help ? <p class="help">{catalog.t(lang, 'page.multiHint')}</p> : null}
          <ErrorText id={item.id} error={error} catalog={catalog} lang={lang} />
          {item.options.map((option) => {
            const optionId = `${id}-${option.code}`;
            const otherValue = option.other
              ? (posted(raw, option.other)?.join('') ?? (answers.get(option.other) as string | undefined) ?? '')
              : '';
            return (
              <>
                <div class="option">
                  <input type={type} name={item.id} id={optionId} value={String(option.code)} checked={chosen.includes(option.code)} />
                  <label for={optionId}>
                    {item.kind === 'scale' && faceOf(item, option) !== null ? <Face index={faceOf(item, option)!} /> : null}
                    {textOf(option.text, lang)}
                  </label>
                  <Listen src={audio?.get(`${item.id}:${option.code}`)} label={catalog.t(lang, 'audio.listenOption')} />
                </div>
                {option.other ? (
                  <div class="other">
                    <label for={fieldId(option.other)}>{catalog.t(lang, 'page.otherLabel')}</label>
                    <input type="text" name={option.other} id={fieldId(option.other)} value={otherValue} maxlength={2000} dir="auto" />
                    <ErrorText id={option.other} error={errors?.get(option.other)} catalog={catalog} lang={lang} />
                  </div>
                ) : null}
              </>
            );
          })}
        </fieldset>
      );
    }
    case 'numeric': {
      const shown = posted(raw, item.id)?.join('') ?? (value === undefined ? '' : String(value));
      return (
        <div class="field">
          <label class="question" for={id}>
            {textOf(item.text, lang)}
          </label>
          {listen}
          {help}
          <ErrorText id={item.id} error={error} catalog={catalog} lang={lang} />
          <p>
            <input
              type="text"
              inputmode={item.integer ? 'numeric' : 'decimal'}
              class="number"
              name={item.id}
              id={id}
              value={shown}
              data-min={String(item.min)}
              data-max={String(item.max)}
              aria-describedby={describedBy}
              aria-invalid={error ? 'true' : undefined}
              aria-required={item.required ? 'true' : undefined}
              autocomplete="off"
            />{' '}
            {item.unit ? textOf(item.unit, lang) : null}
          </p>
        </div>
      );
    }
    case 'text': {
      const shown = posted(raw, item.id)?.join('\n') ?? (typeof value === 'string' ? value : '');
      return (
        <div class="field">
          <label class="question" for={id}>
            {textOf(item.text, lang)}
          </label>
          {listen}
          {help}
          <ErrorText id={item.id} error={error} catalog={catalog} lang={lang} />
          <textarea
            name={item.id}
            id={id}
            rows={5}
            maxlength={item.maxLength}
            dir="auto"
            aria-describedby={describedBy}
            aria-invalid={error ? 'true' : undefined}
          >
            {shown}
          </textarea>
        </div>
      );
    }
  }
}

export interface FilterPageProps {
  readonly catalog: Catalog;
  readonly lang: Language;
  readonly title: string;
  readonly intro: string;
  readonly action: string;
  readonly page: Page;
  readonly items: readonly Item[];
  /** Answers of earlier filter pages, carried in hidden fields (the page works without cookies or JavaScript). */
  readonly carried: ReadonlyMap<ItemId, AnswerValue>;
  readonly hidden: Readonly<Record<string, string>>;
  readonly errors?: ReadonlyMap<ItemId, FieldError>;
  readonly raw?: FormData;
  readonly notice?: string;
}

export function FilterPage(props: FilterPageProps) {
  const { catalog, lang, errors } = props;
  const t = catalog.t.bind(catalog, lang);
  const errorCount = errors?.size ?? 0;
  return (
    <Layout lang={lang} title={props.title}>
      <h1>{t('landing.filterTitle')}</h1>
      <p>{props.intro}</p>
      <Notices catalog={catalog} lang={lang} notice={props.notice} errorCount={errorCount} />
      <form method="post" action={props.action} novalidate>
        <input type="hidden" name="_page" value={props.page.id} />
        {Object.entries(props.hidden).map(([name, value]) => (
          <input type="hidden" name={name} value={value} />
        ))}
        {[...props.carried].flatMap(([id, value]) =>
          (Array.isArray(value) ? value : [value]).map((v) => <input type="hidden" name={`_prev.${id}`} value={String(v)} />),
        )}
        {props.items.map((item) => (
          <ItemField item={item} lang={lang} catalog={catalog} value={undefined} raw={props.raw} errors={errors} answers={new Map()} />
        ))}
        <div class="nav">
          <button type="submit" name="_action" value="next" class="primary">
            {t('page.next')}
          </button>
        </div>
      </form>
    </Layout>
  );
}

export function MessagePage({ lang, title, text, catalog }: { lang: Language; title: string; text: string; catalog: Catalog }) {
  return (
    <Layout lang={lang} title={title}>
      <h1>{title}</h1>
      <p>{text}</p>
      <p>
        <a href={`/${lang}`}>{catalog.t(lang, 'home.link')}</a>
      </p>
    </Layout>
  );
}

/** A page that says one thing (a catalogue message as title and text), with the given HTTP status. */
export async function messageResponse(
  c: Pick<Context, 'html'>,
  catalog: Catalog,
  lang: Language,
  key: MessageKey,
  status: ContentfulStatusCode = 200,
): Promise<Response> {
  return c.html(await page(<MessagePage lang={lang} catalog={catalog} title={catalog.t(lang, key)} text={catalog.t(lang, key)} />), status);
}
