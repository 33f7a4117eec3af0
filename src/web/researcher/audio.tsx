// Upload and manage the recordings respondents can play: one per questionnaire, item (or item:option) and
// language. Files are checked by their content, limited to 2 MB, and every change is audited.
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Catalog } from '../../i18n/catalog.ts';
import { LANGUAGE_NAMES } from '../../i18n/catalog.ts';
import { isLanguage, LANGUAGES, type Language, type QuestionnaireDefinition } from '../../questionnaire/types.ts';
import { deleteRecording, listRecordings, saveRecording } from '../../storage/audio.ts';
import { listQuestionnaires } from '../../storage/studies.ts';
import { audit } from '../../storage/users.ts';
import { detectAudio } from '../audio-format.ts';
import type { AppDeps } from '../context.ts';
import { Layout, page } from '../layout.tsx';
import { langOf, sameToken, type ResearcherEnv } from './auth.ts';
import { field, readFormBody } from './form-body.ts';

export const MAX_AUDIO_BYTES = 2 * 1024 * 1024;

/** Every target a questionnaire offers: item ids and item:code for options. */
export function audioTargets(q: QuestionnaireDefinition): Set<string> {
  const out = new Set<string>();
  for (const item of q.pages.flatMap((p) => p.items)) {
    out.add(item.id);
    if (item.kind === 'single' || item.kind === 'multi' || item.kind === 'scale')
      for (const o of item.options) out.add(`${item.id}:${o.code}`);
  }
  return out;
}

interface PageProps {
  readonly catalog: Catalog;
  readonly lang: Language;
  readonly csrf: string;
  readonly questionnaires: readonly QuestionnaireDefinition[];
  readonly recordings: Awaited<ReturnType<typeof listRecordings>>;
  readonly error?: string | undefined;
}

function AudioPage({ catalog, lang, csrf, questionnaires, recordings, error }: PageProps) {
  const t = catalog.t.bind(catalog, lang);
  return (
    <Layout lang={lang} title={t('r.audio.title')}>
      <p>
        <a href="/onderzoek">{t('r.title')}</a>
      </p>
      <h1>{t('r.audio.title')}</h1>
      <p>{t('r.audio.explain')}</p>
      {error ? (
        <p class="errors" role="alert">
          {t('r.audio.invalid', { reason: error })}
        </p>
      ) : null}
      <form method="post" action="/onderzoek/audio" enctype="multipart/form-data">
        <input type="hidden" name="_csrf" value={csrf} />
        <p>
          <label for="questionnaire">{t('r.audio.questionnaire')}</label>{' '}
          <select id="questionnaire" name="questionnaire">
            {questionnaires.map((q) => (
              <option value={q.id}>{q.id}</option>
            ))}
          </select>
        </p>
        <p>
          <label for="target">{t('r.audio.target')}</label>
          <input type="text" id="target" name="target" placeholder="Q3.01" dir="ltr" required />
        </p>
        <p>
          <label for="language">{t('r.audio.language')}</label>{' '}
          <select id="language" name="language">
            {LANGUAGES.map((l) => (
              <option value={l}>{LANGUAGE_NAMES[l]}</option>
            ))}
          </select>
        </p>
        <p>
          <label for="file">{t('r.audio.file')}</label>
          <input type="file" id="file" name="file" accept="audio/*" required />
        </p>
        <div class="nav">
          <button type="submit" class="primary">
            {t('r.audio.upload')}
          </button>
        </div>
      </form>
      {recordings.length === 0 ? (
        <p>{t('r.audio.none')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>{t('r.audio.questionnaire')}</th>
              <th>{t('r.audio.target')}</th>
              <th>{t('r.audio.language')}</th>
              <th class="num">{t('r.audio.size')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {recordings.map((r) => (
              <tr>
                <td>{r.questionnaireId}</td>
                <td dir="ltr">{r.target}</td>
                <td>{isLanguage(r.language) ? LANGUAGE_NAMES[r.language] : r.language}</td>
                <td class="num">{Math.ceil(r.size / 1024)} KB</td>
                <td>
                  <form method="post" action="/onderzoek/audio/verwijder">
                    <input type="hidden" name="_csrf" value={csrf} />
                    <input type="hidden" name="questionnaire" value={r.questionnaireId} />
                    <input type="hidden" name="target" value={r.target} />
                    <input type="hidden" name="language" value={r.language} />
                    <button
                      type="submit"
                      class="secondary"
                      aria-label={`${t('r.audio.delete')} ${r.questionnaireId} ${r.target} ${r.language}`}
                    >
                      {t('r.audio.delete')}
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}

export function audioAdminRoutes(deps: AppDeps): Hono<ResearcherEnv> {
  const app = new Hono<ResearcherEnv>();
  const { db, catalog } = deps;

  const render = async (c: Context<ResearcherEnv>, error?: string) => {
    const questionnaires = (await listQuestionnaires(db)).map((q) => q.definition);
    const view = (
      <AudioPage
        catalog={catalog}
        lang={langOf(c)}
        csrf={c.get('session').csrfToken}
        questionnaires={questionnaires}
        recordings={await listRecordings(db)}
        error={error}
      />
    );
    return c.html(await page(view), error ? 422 : 200);
  };

  app.get('/', (c) => render(c));

  app.post(
    '/',
    bodyLimit({
      maxSize: MAX_AUDIO_BYTES + 64 * 1024,
      onError: (c) => c.text(catalog.t('nl', 'r.audio.invalid', { reason: 'file over 2 MB' }), 413),
    }),
    async (c) => {
      const body = await readFormBody(c);
      if (!body) return c.text(catalog.t(langOf(c), 'error.badRequest'), 400);
      const session = c.get('session');
      if (!sameToken(body['_csrf'], session.csrfToken)) return c.text(catalog.t(langOf(c), 'r.csrf'), 403);
      const stored = (await listQuestionnaires(db)).map((q) => q.definition);
      const q = stored.find((d) => d.id === body['questionnaire']);
      const target = typeof body['target'] === 'string' ? body['target'].trim() : '';
      const language = body['language'];
      const file = body['file'];
      if (!q) return render(c, 'unknown questionnaire');
      if (!audioTargets(q).has(target)) return render(c, `"${target.slice(0, 40)}" is no item or item:option of ${q.id}`);
      if (!isLanguage(language) || !q.languages.includes(language)) return render(c, 'unknown language');
      if (!(file instanceof File) || file.size === 0) return render(c, 'no file');
      if (file.size > MAX_AUDIO_BYTES) return render(c, 'file over 2 MB');
      const bytes = new Uint8Array(await file.arrayBuffer());
      const mime = detectAudio(bytes);
      if (!mime) return render(c, 'not an MP3, Ogg, WebM, M4A or WAV file');
      await saveRecording(db, { questionnaireId: q.id, target, language }, mime, bytes, session.user.id);
      await audit(db, {
        userId: session.user.id,
        action: 'audio-uploaded',
        detail: { questionnaire: q.id, target, language, bytes: bytes.length },
      });
      return c.redirect('/onderzoek/audio', 303);
    },
  );

  app.post('/verwijder', async (c) => {
    const body = await readFormBody(c);
    if (!body) return c.text(catalog.t(langOf(c), 'error.badRequest'), 400);
    const session = c.get('session');
    if (!sameToken(body['_csrf'], session.csrfToken)) return c.text(catalog.t(langOf(c), 'r.csrf'), 403);
    const key = {
      questionnaireId: field(body, 'questionnaire'),
      target: field(body, 'target'),
      language: field(body, 'language'),
    };
    await deleteRecording(db, key);
    await audit(db, { userId: session.user.id, action: 'audio-deleted', detail: key });
    return c.redirect('/onderzoek/audio', 303);
  });

  return app;
}
