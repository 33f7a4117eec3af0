// A static site that renders our first questionnaire page with SurveyJS (survey-core + survey-js-ui, the
// library's plain-JavaScript UI) the way its documentation shows: the bundles and the stylesheet from our
// own server (no CDN), the survey JSON inline, the same fonts and @font-face rules as our pages.
// For the comparison only: nothing here is part of the app.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import { compress } from 'hono/compress';
import { directionOf, type Catalog } from '../../src/i18n/catalog.ts';
import type { Language, QuestionnaireDefinition } from '../../src/questionnaire/types.ts';
import { fontFaceCss, loadFontFiles } from '../../src/web/fonts.ts';
import { toSurveyJs } from './convert.ts';

/** A file of an installed SurveyJS package (their exports map hides package.json from require.resolve). */
export const surveyJsFile = (pkg: 'survey-core' | 'survey-js-ui', file: string): Buffer =>
  readFileSync(fileURLToPath(new URL(`../../node_modules/${pkg}/${file}`, import.meta.url)));

/** The files SurveyJS needs, with their content types. The "fontless" stylesheet: the default one loads Open Sans from Google. */
const ASSETS: Record<string, { pkg: 'survey-core' | 'survey-js-ui'; file: string; type: string }> = {
  'survey.core.min.js': { pkg: 'survey-core', file: 'survey.core.min.js', type: 'text/javascript; charset=utf-8' },
  'survey-js-ui.min.js': { pkg: 'survey-js-ui', file: 'survey-js-ui.min.js', type: 'text/javascript; charset=utf-8' },
  'survey-core.fontless.min.css': { pkg: 'survey-core', file: 'survey-core.fontless.min.css', type: 'text/css; charset=utf-8' },
};

export const surveyJsVersion = (): string =>
  (JSON.parse(surveyJsFile('survey-core', 'package.json').toString('utf8')) as { version: string }).version;

const FONT_STACK = `system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans Arabic","Noto Sans Ethiopic",sans-serif`;

/** The page as SurveyJS's "Add SurveyJS to a JavaScript application" guide builds it. */
export function surveyJsPage(definition: QuestionnaireDefinition, lang: Language, catalog: Catalog): string {
  const json = toSurveyJs(definition, lang, {
    next: catalog.t(lang, 'page.next'),
    back: catalog.t(lang, 'page.back'),
    finish: catalog.t(lang, 'page.finish'),
  });
  // JSON inside a script element: "<" escaped so no text can close the element.
  const data = JSON.stringify(json).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="${lang}" dir="${directionOf(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${lang}</title>
<link href="/surveyjs/survey-core.fontless.min.css" type="text/css" rel="stylesheet">
<style>${fontFaceCss(lang)}:root{--sjs-font-family:${FONT_STACK}}body{margin:0;font-family:${FONT_STACK}}</style>
<script type="text/javascript" src="/surveyjs/survey.core.min.js"></script>
<script type="text/javascript" src="/surveyjs/survey-js-ui.min.js"></script>
</head>
<body>
<div id="surveyContainer"></div>
<script>
const survey = new Survey.Model(${data});
document.addEventListener("DOMContentLoaded", function () { survey.render(document.getElementById("surveyContainer")); });
</script>
</body>
</html>`;
}

/** Serves /surveyjs/{lang}.html, the bundles and /fonts/*; `gzip` compresses like our wrapper does. */
export function surveyJsSite(definition: QuestionnaireDefinition, catalog: Catalog, gzip: boolean): Hono {
  const app = new Hono();
  if (gzip) app.use(compress({ encoding: 'gzip' }));
  const assets = new Map(Object.entries(ASSETS).map(([name, a]) => [name, { bytes: surveyJsFile(a.pkg, a.file), type: a.type }]));
  const fonts = loadFontFiles();
  app.get('/surveyjs/:file', (c) => {
    const file = c.req.param('file');
    const page = /^(nl|en|ar|tr|ti)\.html$/.exec(file);
    if (page) return c.html(surveyJsPage(definition, page[1] as Language, catalog));
    const asset = assets.get(file);
    if (!asset) return c.notFound();
    c.header('Content-Type', asset.type);
    return c.body(new Uint8Array(asset.bytes));
  });
  app.get('/fonts/:file', (c) => {
    const bytes = fonts.get(c.req.param('file'));
    if (!bytes) return c.notFound();
    c.header('Content-Type', 'font/woff2');
    return c.body(new Uint8Array(bytes));
  });
  return app;
}
