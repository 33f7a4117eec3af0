// The respondent path over HTTP, in-process: a person without JavaScript completes the short
// questionnaire; routing, validation, back navigation and tampering behave; the CSV export has the answers.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { loadDataset } from '../../src/analysis/load.ts';
import { buildDataExport } from '../../src/report/data-export.ts';
import { loadAnswers, findResponseBySecret } from '../../src/storage/responses.ts';
import { backendName, openTestDatabase, type TestDatabase } from '../support/db.ts';
import { Browser, hiddenValue, testApp } from '../support/http.ts';

describe(`respondent path over HTTP on ${backendName()}`, () => {
  let t: TestDatabase;
  let browser: Browser;
  before(async () => {
    t = await openTestDatabase();
    browser = new Browser(testApp(t));
  });
  after(async () => t.close());

  const begin = async (lang: string, query = '') => {
    const started = await browser.submit(`/${lang}/start${query}`, { questionnaire: 'kort' });
    assert.equal(started.status, 200);
    assert.match(started.path, /^\/s\/[ACDEFHJKMNPRTUVWXY3479]{12}$/);
    return started;
  };

  it('offers the five languages, each in its own script, on the first page', async () => {
    const html = await (await browser.request('/')).text();
    for (const name of ['Nederlands', 'English', 'العربية', 'Türkçe', 'ትግርኛ']) assert.ok(html.includes(name), name);
    for (const lang of ['nl', 'en', 'ar', 'tr', 'ti']) assert.ok(html.includes(`href="/${lang}"`));
  });

  /** Walks the short questionnaire in Arabic from a municipality's link; the pages seen and the response's secret. */
  const completeInArabic = async () => {
    const start = await (await browser.request('/ar?kanaal=gemeente-leeuwarden')).text();
    let page = await browser.submit('/ar/start?kanaal=gemeente-leeuwarden', { questionnaire: 'kort' });
    const first = page;
    page = await browser.submit(page.path, {
      _page: 'over_u',
      _action: 'next',
      'Q2.01': '3',
      'Q2.01_anders': 'لا أريد التصنيف',
      'Q2.02': '29',
    });
    const second = page;
    page = await browser.submit(page.path, { _page: 'taalcursus', _action: 'next', 'Q4.05': '1' });
    const goals = page;
    page = await browser.submit(page.path, { _page: 'doelen', _action: 'next', 'Q3.01': '2' });
    page = await browser.submit(page.path, { _page: 'werk', _action: 'next', 'Q2.14': ['1', '3'], 'Q2.14_anders': 'خياطة' });
    page = await browser.submit(page.path, { _page: 'tot_slot', _action: 'next', 'Q9.01': '<script>alert(1)</script> شكرا' });
    return { start, first, second, goals, last: page, secret: first.path.slice(3) };
  };

  it('completes the questionnaire in Arabic, right to left, and stores every answer', async () => {
    const { start, first, second, goals, last, secret } = await completeInArabic();
    assert.match(start, /<html lang="ar" dir="rtl">/);
    assert.match(first.html, /ما هو جنسك؟/);
    // "next" is the first submit button, so Enter moves forward
    assert.match(first.html, /<button type="submit" name="_action" value="next"/);
    assert.equal(hiddenValue(second.html, '_page'), 'taalcursus');
    assert.equal(hiddenValue(goals.html, '_page'), 'doelen', 'started the course: the goals page follows');
    assert.match(goals.html, /<symbol id="face-4"/, 'the scale page carries the face pictograms');
    assert.match(
      goals.html,
      /value="1"\/><label for="[^"]+"><svg class="face"[^>]*><use href="#face-4">/,
      'helemaal eens: the happiest face',
    );
    assert.match(goals.html, /value="5"\/><label for="[^"]+"><svg class="face"[^>]*><use href="#face-0">/);
    assert.match(last.html, /شكرًا لك!/);
    const response = await findResponseBySecret(t.db, secret);
    assert.equal(response?.status, 'completed');
    assert.equal(response.channel, 'gemeente-leeuwarden');
    assert.deepEqual(Object.fromEntries(await loadAnswers(t.db, response.id)), {
      'Q2.01': 3,
      'Q2.01_anders': 'لا أريد التصنيف',
      'Q2.02': 29,
      'Q4.05': 1,
      'Q3.01': 2,
      'Q2.14': [1, 3],
      'Q2.14_anders': 'خياطة',
      'Q9.01': '<script>alert(1)</script> شكرا',
    });
  });

  it('skips the goals page for someone who has not started the course, and drops answers routing closes', async () => {
    let page = await begin('nl');
    const secret = page.path.slice(3);
    page = await browser.submit(page.path, { _page: 'over_u', _action: 'next', 'Q2.01': '1', 'Q2.02': '40' });
    page = await browser.submit(page.path, { _page: 'taalcursus', _action: 'next', 'Q4.05': '1' });
    page = await browser.submit(page.path, { _page: 'doelen', _action: 'next', 'Q3.01': '5' });
    assert.equal(hiddenValue(page.html, '_page'), 'werk');
    // back twice, change the course answer to "no": the goal answer no longer applies
    page = await browser.submit(page.path, { _page: 'werk', _action: 'back' });
    assert.equal(hiddenValue(page.html, '_page'), 'doelen');
    assert.match(page.html, /value="5" checked=""/, 'back keeps the answer');
    page = await browser.submit(page.path, { _page: 'doelen', _action: 'back' });
    page = await browser.submit(page.path, { _page: 'taalcursus', _action: 'next', 'Q4.05': '2' });
    assert.equal(hiddenValue(page.html, '_page'), 'werk');
    const response = await findResponseBySecret(t.db, secret);
    const answers = await loadAnswers(t.db, response!.id);
    assert.equal(answers.has('Q3.01' as never), false);
    assert.equal(answers.get('Q4.05' as never), 2);
  });

  it('shows errors on the page and stores nothing from an invalid page', async () => {
    const page = await begin('tr');
    const secret = page.path.slice(3);
    const bad = await browser.request(page.path, { form: { _page: 'over_u', _action: 'next', 'Q2.01': '1', 'Q2.02': '17' } });
    assert.equal(bad.status, 422);
    const html = await bad.text();
    assert.match(html, /18 ile 76 arasında bir sayı girin/);
    assert.match(html, /role="alert"/);
    assert.match(html, /aria-invalid="true"/);
    const required = await browser.request(page.path, { form: { _page: 'over_u', _action: 'next', 'Q2.01': '1', 'Q2.02': '30' } });
    assert.equal(required.status, 303);
    const missing = await browser.request(page.path, { form: { _page: 'taalcursus', _action: 'next' } });
    assert.equal(missing.status, 422, 'Q4.05 is required');
    const response = await findResponseBySecret(t.db, secret);
    assert.deepEqual(Object.fromEntries(await loadAnswers(t.db, response!.id)), { 'Q2.01': 1, 'Q2.02': 30 });
  });

  it('refuses tampered posts with a 4xx and leaves stored answers alone', async () => {
    const page = await begin('en');
    const secret = page.path.slice(3);
    await browser.submit(page.path, { _page: 'over_u', _action: 'next', 'Q2.01': '2', 'Q2.02': '50' });
    const response = await findResponseBySecret(t.db, secret);
    const before = Object.fromEntries(await loadAnswers(t.db, response!.id));
    const cases: Record<string, string | string[]>[] = [
      { _page: 'taalcursus', _action: 'next', 'Q4.05': '7' }, // option not offered
      { _page: 'taalcursus', _action: 'next', 'Q4.05': '1', 'Q9.99': 'x' }, // unknown item
      { _page: 'werk', _action: 'next', 'Q2.14': '1' }, // page out of routing order
      { _page: 'nope', _action: 'next' }, // unknown page
      { _page: 'over_u', _action: 'next', 'Q2.01': ['1', '2'], 'Q2.02': '50' }, // two answers to a single choice
      { _page: 'over_u', _action: 'next', 'Q2.01': '1', 'Q2.02': '1e3' }, // not a number
    ];
    for (const form of cases) {
      const res = await browser.request(page.path, { form });
      assert.ok(res.status >= 400 && res.status < 500, `${JSON.stringify(form)} → ${res.status}`);
    }
    const huge = await browser.request(page.path, { body: `_page=tot_slot&Q9.01=${'a'.repeat(1024 * 1024)}` });
    assert.equal(huge.status, 413);
    const resent = await browser.request(page.path, { form: { _page: 'over_u', _action: 'next', 'Q2.01': '2', 'Q2.02': '50' } });
    assert.equal(resent.status, 303, 'a doubled post of an earlier page is accepted and changes nothing');
    assert.deepEqual(Object.fromEntries(await loadAnswers(t.db, response!.id)), before);
    assert.equal((await browser.request('/s/not-a-real-secret-at-all-xyz')).status, 404);
  });

  it('stores every page of respondents who post at the same moment (one statement for many), a doubled post once', async () => {
    const pages = await Promise.all(Array.from({ length: 12 }, () => begin('nl')));
    const form = (i: number) => ({ _page: 'over_u', _action: 'next', 'Q2.01': String(1 + (i % 3)), 'Q2.02': String(20 + i) });
    const posts = pages.map((page, i) => browser.request(page.path, { form: form(i) }));
    posts.push(browser.request(pages[0]!.path, { form: form(0) })); // a double tap
    for (const res of await Promise.all(posts)) assert.equal(res.status, 303);
    for (const [i, page] of pages.entries()) {
      const response = await findResponseBySecret(t.db, page.path.slice(3));
      assert.deepEqual(Object.fromEntries(await loadAnswers(t.db, response!.id)), { 'Q2.01': 1 + (i % 3), 'Q2.02': 20 + i });
      assert.equal(response!.currentPage, 'taalcursus');
      assert.equal(hiddenValue(await (await browser.request(page.path)).text(), '_page'), 'taalcursus');
    }
  });

  it('resumes with the code shown on the page, typed in any case with dashes, from another device', async () => {
    let page = await begin('nl');
    page = await browser.submit(page.path, { _page: 'over_u', _action: 'next', 'Q2.01': '2', 'Q2.02': '61' });
    const shown = /<strong dir="ltr" class="code">([A-Z0-9-]+)<\/strong>/.exec(page.html)![1]!;
    assert.match(shown, /^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    assert.equal(shown.replaceAll('-', ''), page.path.slice(3));
    const other = new Browser(testApp(t));
    const resumed = await other.submit('/nl/hervat', { code: ` ${shown.toLowerCase()} ` });
    assert.equal(resumed.path, page.path);
    assert.equal(hiddenValue(resumed.html, '_page'), 'taalcursus', 'continues where the person left off');
    const wrong = await other.request('/nl/hervat', { form: { code: 'ACDE-FHJK-MNPX' } });
    assert.equal(wrong.status, 404);
    assert.match(await wrong.text(), /Wij vinden deze code niet/);
  });

  it('lets a respondent withdraw: the response and its answers are deleted', async () => {
    let page = await begin('tr');
    page = await browser.submit(page.path, { _page: 'over_u', _action: 'next', 'Q2.01': '1', 'Q2.02': '22' });
    const secret = page.path.slice(3);
    const confirm = await (await browser.request(`${page.path}/intrekken`)).text();
    assert.match(confirm, /Evet, cevaplarımı sil/);
    assert.equal((await browser.request(`${page.path}/intrekken`, { form: {} })).status, 400, 'needs the confirmation');
    const done = await browser.request(`${page.path}/intrekken`, { form: { confirm: 'yes' } });
    assert.equal(done.status, 200);
    assert.equal(await findResponseBySecret(t.db, secret), null);
    assert.equal((await browser.request(page.path)).status, 404);
  });

  it('exports the stored answers as CSV with one column per variable, one dummy per option of a multiple choice', async () => {
    const { secret } = await completeInArabic();
    const { id } = (await findResponseBySecret(t.db, secret))!;
    const { data } = await loadDataset(t.db, t.study, t.study.waves);
    const exported = await buildDataExport(data, {
      format: 'csv',
      values: 'codes',
      missing: 'empty',
      raw: true,
      lang: 'nl',
      rows: null,
      filters: { waves: t.study.waves.map((w) => w.id), questionnaire: null, channel: null, completedOnly: true },
      study: t.study.id,
      dataFile: 'test.csv',
      codebookFile: 'test.codebook.json',
      madeBy: 'test',
      madeAt: new Date(0),
    });
    const csv = exported.data.toString('utf8');
    assert.ok(csv.startsWith('\ufeff'));
    const rows = parse<Record<string, string>>(csv.slice(1), { columns: true });
    const arabic = rows.find((r) => r['response_id'] === id);
    assert.ok(arabic, 'the Arabic response is exported');
    assert.equal(arabic['Q2.01'], '3');
    assert.equal(arabic['Q2.01_anders'], 'لا أريد التصنيف');
    assert.equal(arabic['Q2.14_1'], '1');
    assert.equal(arabic['Q2.14_2'], '0');
    assert.equal(arabic['Q2.14_3'], '1');
    assert.equal(arabic['Q2.14_anders'], 'خياطة');
    assert.equal(arabic['Q9.01'], '<script>alert(1)</script> شكرا');
    assert.equal(arabic['status'], 'completed');
    assert.equal(arabic['channel'], 'gemeente-leeuwarden');
    for (const forbidden of ['ip', 'name', 'naam', 'address', 'access_hash']) assert.ok(!(forbidden in arabic), forbidden);
  });
});
