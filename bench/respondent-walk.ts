// What a simulated respondent does over HTTP: arrive through the landing page's filter questions (law
// 2022 or later, asylum permit → wi2021-asiel), then post each page with the answers a hurried person
// gives (the first substantive option, the lowest number). The page sequence is computed once from the
// questionnaire's own routing, so the load generator never parses HTML.
import http from 'node:http';
import { pageAfter, resolveRoute } from '../src/questionnaire/routing.ts';
import type { AnswerValue, Item, ItemId, Language, QuestionnaireDefinition } from '../src/questionnaire/types.ts';
import type { StudyDefinition } from '../src/study/load.ts';

export const BENCH_QUESTIONNAIRE = 'wi2021-asiel';
/** Filter answers that lead to wi2021-asiel (see studies/inburgeraars/landing.json). */
const LANDING_POSTS: readonly Record<string, string>[] = [
  { _page: 'wet', _kanaal: 'web', F1_wet: '1' },
  { _page: 'vergunning', _kanaal: 'web', '_prev.F1_wet': '1', F3_vergunning: '1' },
];

export interface PagePost {
  readonly pageId: string;
  /** The url-encoded body of the page's form, with `_action=next`. */
  readonly body: string;
}

export function benchQuestionnaire(study: StudyDefinition): QuestionnaireDefinition {
  const q = study.waves.at(-1)?.questionnaires.find((d) => d.id === BENCH_QUESTIONNAIRE);
  if (!q) throw new Error(`the study has no questionnaire ${BENCH_QUESTIONNAIRE} in its latest wave`);
  return q;
}

function answerOf(item: Item): AnswerValue {
  switch (item.kind) {
    case 'single':
    case 'scale':
      return (item.options.find((o) => !o.missing && !o.other) ?? item.options[0]!).code;
    case 'multi':
      return [(item.options.find((o) => !o.missing && !o.other && !o.exclusive) ?? item.options[0]!).code];
    case 'numeric':
      return item.min;
    case 'text':
      return 'Goed';
  }
}

/** The pages a respondent who gives `answerOf` answers posts, in order, with their form bodies. */
export function pagePosts(definition: QuestionnaireDefinition): PagePost[] {
  const answers = new Map<ItemId, AnswerValue>();
  const posts: PagePost[] = [];
  let route = resolveRoute(definition, answers);
  let page = route.pages[0] ?? null;
  while (page) {
    const form = new URLSearchParams({ _page: page.id, _action: 'next' });
    for (const item of route.itemsByPage.get(page.id) ?? []) {
      const value = answerOf(item);
      answers.set(item.id, value);
      for (const v of Array.isArray(value) ? value : [value]) form.append(item.id, String(v));
    }
    posts.push({ pageId: page.id, body: form.toString() });
    route = resolveRoute(definition, answers);
    page = pageAfter(route, page.id);
  }
  return posts;
}

export interface HttpResult {
  readonly status: number;
  readonly location: string | undefined;
  readonly body: string;
}

/** One request over a keep-alive agent (node:http: cheaper per request than fetch on a 2-core machine). */
export function request(
  agent: http.Agent,
  base: URL,
  method: 'GET' | 'POST',
  path: string,
  body?: string,
  keepBody = false,
  retried = false,
): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        agent,
        host: base.hostname,
        port: base.port,
        method,
        path,
        headers:
          body === undefined ? {} : { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => {
          if (keepBody) chunks.push(chunk);
        });
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            location: res.headers.location,
            body: keepBody ? Buffer.concat(chunks).toString('utf8') : '',
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', (error: NodeJS.ErrnoException) => {
      // A kept-alive connection the server closed for idleness just as it was reused (the open loop's
      // respondents wait about as long as the server's keep-alive timeout): send once more on a new one, as
      // browsers do. Nothing reached the server, so nothing is saved twice.
      if (req.reusedSocket && error.code === 'ECONNRESET' && !retried) resolve(request(agent, base, method, path, body, keepBody, true));
      else reject(error);
    });
    req.end(body);
  });
}

/** Arrives through the landing page in `lang` and returns the path of the response's first page (/s/CODE). */
export async function startResponse(agent: http.Agent, base: URL, lang: Language): Promise<string> {
  const first = await request(agent, base, 'POST', `/${lang}/vragen`, new URLSearchParams(LANDING_POSTS[0]).toString());
  if (first.status !== 200) throw new Error(`landing page 1 answered ${first.status}`);
  const second = await request(agent, base, 'POST', `/${lang}/vragen`, new URLSearchParams(LANDING_POSTS[1]).toString());
  if (second.status !== 303 || !second.location?.startsWith('/s/'))
    throw new Error(`landing page 2 answered ${second.status} ${second.location ?? ''}, not a redirect to /s/CODE`);
  return second.location;
}
