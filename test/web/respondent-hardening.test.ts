// What an outside probe and a first-time researcher found on the respondent side (issue 13): pages with
// answers or codes are never cached, codes never reach the log, a letter's link shows the introduction,
// progress only moves forward, an address written otherwise goes to its canonical form, unknown pages
// get a page of the site.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createInvitations } from '../../src/storage/invitations.ts';
import { findResponseBySecret, loadAnswers } from '../../src/storage/responses.ts';
import { maskConsole } from '../../src/cli/serve.ts';
import { maskCodes } from '../../src/web/log-mask.ts';
import { backendName, openTestDatabase, type TestDatabase } from '../support/db.ts';
import { Browser, hiddenValue, testApp } from '../support/http.ts';

describe(`respondent pages, hardened, on ${backendName()}`, () => {
  let t: TestDatabase;
  let app: ReturnType<typeof testApp>;
  before(async () => {
    t = await openTestDatabase();
    app = testApp(t);
  });
  after(async () => t.close());

  const begin = async (browser = new Browser(app)) => (await browser.submit('/nl/start', { questionnaire: 'kort' })).path;

  it('sends Cache-Control: no-store with every page that carries answers, a resume secret or a code', async () => {
    const browser = new Browser(app);
    const path = await begin(browser);
    const [code] = await createInvitations(t.db, { waveId: 'inburgeraars:2024', count: 1, channel: 'duo-brief' });
    const responses = {
      'a page with answers (GET /s/CODE)': await browser.request(path),
      'a page save (POST /s/CODE)': await browser.request(path, { form: { _page: 'over_u', _action: 'next', 'Q2.01': '9' } }),
      'the withdrawal page': await browser.request(`${path}/intrekken`),
      "a letter's introduction (GET /nl/c/CODE)": await browser.request(`/nl/c/${code}`),
      'a code typed in (POST /nl/hervat)': await browser.request('/nl/hervat', { form: { code: code! } }),
      'an unknown code': await browser.request('/nl/hervat', { form: { code: 'AAAA-AAAA-AAAA' } }),
      'the language choice': await browser.request('/'),
    };
    for (const [name, res] of Object.entries(responses)) assert.equal(res.headers.get('cache-control'), 'no-store', name);
    const font = /url\((\/fonts\/[^)]+)\)/.exec(await (await browser.request('/ar')).text())![1]!;
    assert.match((await browser.request(font)).headers.get('cache-control')!, /max-age=31536000/, 'fonts stay cacheable');
    assert.match((await browser.request('/static/enhance.js')).headers.get('cache-control')!, /max-age/, 'the script stays cacheable');
  });

  it("shows a letter's link the introduction, whose one button starts with the letter's code", async () => {
    const [code] = await createInvitations(t.db, { waveId: 'inburgeraars:2024', count: 1, channel: 'duo-brief' });
    const browser = new Browser(app);
    const intro = await (await browser.request(`/nl/c/${code}`)).text();
    assert.match(intro, /Wij willen weten hoe u de inburgering ervaart/, 'the purpose');
    assert.match(intro, /Wij vragen niet naar uw naam of adres\. Niemand kan zien wat u antwoordt\. Meedoen is vrijwillig\./);
    assert.match(intro, /De code uit uw brief: <strong dir="ltr" class="code">[A-Z0-9]{5}-[A-Z0-9]{5}<\/strong>/);
    assert.doesNotMatch(intro, /Verder met een code/, 'no extra step with the code typed in for the person');
    assert.equal(hiddenValue(intro, 'code'), `${code!.slice(0, 5)}-${code!.slice(5)}`);
    const started = await browser.submit('/nl/hervat', { code: hiddenValue(intro, 'code') });
    assert.equal(started.path, `/i/${code}`, 'the button starts the questionnaire');
    assert.equal(hiddenValue(started.html, '_page'), 'over_u');
  });

  it('gives examples of a code as letters, groups and pages print them', async () => {
    const [code] = await createInvitations(t.db, { waveId: 'inburgeraars:2024', count: 1, channel: 'duo-brief' });
    const page = await (await new Browser(app).request(`/nl/c/${code}`)).text();
    const printed = /class="code">([^<]+)</.exec(page)![1]!;
    const hint = await (await new Browser(app).request('/nl/hervat')).text();
    const examples = [...hint.matchAll(/\b([A-Z0-9]{3,5}(?:-[A-Z0-9]{3,5})+)\b/g)].map((m) => m[1]!.replace(/[A-Z0-9]/g, 'X'));
    assert.ok(examples.includes(printed.replace(/[A-Z0-9]/g, 'X')), `the letter's ${printed} among ${examples.join(', ')}`);
    assert.ok(examples.includes('XXXX-XXXX-XXXX'), 'the resume code on every page');
    assert.ok(examples.includes('XXX-XXX'), "a group's code");
  });

  it('shows progress that only moves forward, also when an answer opens more pages', async () => {
    const browser = new Browser(app);
    let page = { path: await begin(browser), html: '' };
    page.html = await (await browser.request(page.path)).text();
    const progress = (html: string) => {
      const m = /<progress max="(\d+)" value="(\d+)"/.exec(html)!;
      return { max: Number(m[1]), value: Number(m[2]), label: /id="progress-label">([^<]*)</.exec(html)![1]! };
    };
    const seen = [progress(page.html)];
    for (const form of [
      { _page: 'over_u', 'Q2.01': '1', 'Q2.02': '40' },
      { _page: 'taalcursus', 'Q4.05': '1' }, // started the course: the goals page opens
      { _page: 'doelen', 'Q3.01': '2' },
      { _page: 'werk', 'Q2.14': '2' },
    ]) {
      page = await browser.submit(page.path, { ...form, _action: 'next' });
      seen.push(progress(page.html));
    }
    assert.deepEqual(
      seen.map((p) => p.label),
      ['0% gedaan', '20% gedaan', '40% gedaan', '60% gedaan', '80% gedaan'],
    );
    assert.ok(
      seen.every((p) => p.max === seen[0]!.max),
      'the bar keeps its length',
    );
    for (let i = 1; i < seen.length; i++) assert.ok(seen[i]!.value > seen[i - 1]!.value, `page ${i + 1} is further than page ${i}`);
  });

  it('stores a page posted to an address with an encoded line break and redirects to the canonical address', async () => {
    const path = await begin();
    const res = await new Browser(app).request(`${path}%0D%0A`, {
      form: { _page: 'over_u', _action: 'next', 'Q2.01': '2', 'Q2.02': '38' },
    });
    assert.equal(res.status, 303);
    assert.equal(res.headers.get('location'), path);
    const response = await findResponseBySecret(t.db, path.slice(3));
    assert.deepEqual(Object.fromEntries(await loadAnswers(t.db, response!.id)), { 'Q2.01': 2, 'Q2.02': 38 });
    const view = await new Browser(app).request(`/s/${path.slice(3).toLowerCase()}%0D%0A`);
    assert.equal(view.status, 301);
    assert.equal(view.headers.get('location'), path);
    const page = await (await new Browser(app).request(path)).text();
    assert.match(page, new RegExp(`<form method="post" action="${path}"`), 'the form posts to the canonical address');
  });

  it('answers an address the site does not have with a page in the language of the path', async () => {
    const res = await new Browser(app).request('/ar/bestaat-niet');
    assert.equal(res.status, 404);
    const html = await res.text();
    assert.match(html, /<html lang="ar" dir="rtl">/);
    assert.match(html, /<h1>/);
  });

  it('writes no code to the log, neither in the path nor in an error message', async () => {
    const [code] = await createInvitations(t.db, { waveId: 'inburgeraars:2024', count: 1, channel: 'duo-brief' });
    const lines: string[] = [];
    // A database that fails every query, with the code in its message as a careless driver might put it.
    const failing = new Proxy(t.db, {
      get: (target, name) =>
        ['select', 'insert', 'update', 'delete', 'execute', 'transaction'].includes(String(name))
          ? () => {
              throw new Error(`query failed for code ${code} (${code!.slice(0, 5)}-${code!.slice(5)})`);
            }
          : (Reflect.get(target, name) as unknown),
    });
    const broken = testApp({ ...t, db: failing }, {}, (line) => lines.push(line));
    for (const path of [`/i/${code}`, `/nl/c/${code}`, `/s/ACDEFHJKMNPR`]) {
      const res = await broken.request(path, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'a=1',
      });
      assert.ok(res.status >= 400, `${path}: ${res.status}`);
    }
    assert.ok(lines.length >= 2, lines.join('\n'));
    const log = lines.join('\n');
    for (const secret of [code!, `${code!.slice(0, 5)}-${code!.slice(5)}`, 'ACDEFHJKMNPR']) assert.ok(!log.includes(secret), log);
    assert.match(log, /POST \/i\/\*\*\*/);
  });

  it('masks codes in what libraries print through console while serving, and puts console back afterwards', () => {
    const err: string[] = [];
    const saved = console.error;
    const unmask = maskConsole({ stdout: () => {}, stderr: (s) => err.push(s), env: {}, cwd: process.cwd() });
    try {
      console.error('could not write the response to POST /i/ACDEFHJKMN:', new Error('for ACDEF-HJKMN'));
      console.warn('resume ACDE-FHJK-MNPR');
    } finally {
      unmask();
    }
    assert.equal(console.error, saved);
    const text = err.join('');
    assert.match(text, /POST \/i\/\*\*\*:/);
    for (const code of ['ACDEFHJKMN', 'ACDEF-HJKMN', 'ACDE-FHJK-MNPR']) assert.ok(!text.includes(code), text);
  });

  it('masks codes in any log text, and leaves ordinary words alone', () => {
    assert.equal(maskCodes('POST /i/ACDEFHJKMN: boom'), 'POST /i/***: boom');
    assert.equal(maskCodes('GET /nl/c/acdef-hjkmn?x=1'), 'GET /nl/c/***?x=1');
    assert.equal(maskCodes('Error: no response for ACDE-FHJK-MNPR at step 3'), 'Error: no response for *** at step 3');
    assert.equal(maskCodes('group ACD-EFH closed; code 3479ACDEFH'), 'group *** closed; code ***');
    assert.equal(maskCodes('cannot update the parent record'), 'cannot update the parent record');
  });
});
