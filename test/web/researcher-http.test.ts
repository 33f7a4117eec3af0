// The researcher workspace over HTTP: login with a scrypt-hashed password, CSRF on every post, the
// response overview, a frequency table and the CSV download.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { createResponse, savePage } from '../../src/storage/responses.ts';
import { createUser } from '../../src/storage/users.ts';
import { hashPassword } from '../../src/web/researcher/password.ts';
import { backendName, openTestDatabase, type TestDatabase } from '../support/db.ts';
import { Browser, hiddenValue, testApp } from '../support/http.ts';

describe(`researcher workspace over HTTP on ${backendName()}`, () => {
  let t: TestDatabase;
  let app: ReturnType<typeof testApp>;
  before(async () => {
    t = await openTestDatabase();
    app = testApp(t);
    await createUser(t.db, { username: 'anna', passwordHash: await hashPassword('correct horse'), role: 'researcher' });
    // Two respondents finish the questionnaire; a third stops after the course page (started, not completed).
    for (const [gender, course, goal] of [
      ['1', '1', '5'],
      ['2', '1', '4'],
      ['2', '2', null],
    ] as const) {
      const respondent = new Browser(app);
      let page = await respondent.submit('/nl/start', { questionnaire: 'kort' });
      page = await respondent.submit(page.path, { _page: 'over_u', _action: 'next', 'Q2.01': gender, 'Q2.02': '33' });
      page = await respondent.submit(page.path, { _page: 'taalcursus', _action: 'next', 'Q4.05': course });
      if (goal === null) continue;
      page = await respondent.submit(page.path, { _page: 'doelen', _action: 'next', 'Q3.01': goal });
      page = await respondent.submit(page.path, { _page: 'werk', _action: 'next', 'Q2.14': '1' });
      await respondent.submit(page.path, { _page: 'tot_slot', _action: 'next', 'Q9.01': 'dank' });
    }
  });
  after(async () => t.close());

  const login = async (password = 'correct horse') => {
    const browser = new Browser(app);
    const form = await (await browser.request('/onderzoek/login')).text();
    const res = await browser.request('/onderzoek/login', { form: { _csrf: hiddenValue(form, '_csrf'), username: 'anna', password } });
    return { browser, res };
  };

  it('sends a visitor without a session to the login page', async () => {
    const res = await new Browser(app).request('/onderzoek');
    assert.equal(res.status, 303);
    assert.equal(res.headers.get('location'), '/onderzoek/login');
    assert.equal((await new Browser(app).request('/onderzoek/export.csv')).status, 303);
  });

  it('logs in with the right password and sets an HttpOnly SameSite cookie', async () => {
    const { res } = await login();
    assert.equal(res.status, 303);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('pp_session='))!;
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Strict/);
  });

  it('refuses a wrong password and a login post without the CSRF token', async () => {
    assert.equal((await login('wrong')).res.status, 401);
    const browser = new Browser(app);
    await browser.request('/onderzoek/login');
    assert.equal((await browser.request('/onderzoek/login', { form: { username: 'anna', password: 'correct horse' } })).status, 403);
  });

  it('shows responses per questionnaire, and a frequency table of the completed responses of the wave with its N', async () => {
    const { browser } = await login();
    const html = await (await browser.request('/onderzoek?vraag=kort@1:Q2.01')).text();
    assert.match(html, /<td class="num">1<\/td><td class="num">2<\/td>/, '1 still answering, 2 completed');
    assert.match(html, /N = 2/, 'the unfinished response is not counted');
    assert.match(html, /Meting inburgeraars:2024, vragenlijst kort v1: afgeronde responses/);
    assert.match(html, /<td>Man<\/td><td class="num">1<\/td><td class="num">50%<\/td>/);
    assert.match(html, /<td>Vrouw<\/td><td class="num">1<\/td><td class="num">50%<\/td>/);
    const goals = await (await browser.request('/onderzoek?vraag=kort@1:Q3.01')).text();
    assert.match(goals, /N = 2/);
    assert.match(goals, /<td>Helemaal oneens<\/td><td class="num">1<\/td><td class="num">50%<\/td>/, 'code 5 in this fixture');
    assert.match(html, /Concept: nog niet nagekeken door een moedertaalspreker/);
    assert.doesNotMatch(html, /synthetisch/, 'no demo banner without demo data');
  });

  it('says plainly that the data are synthetic when demo responses are present, on the page and in the download', async () => {
    const { response } = await createResponse(t.db, {
      questionnaireId: 'kort',
      questionnaireVersion: 1,
      waveId: 'inburgeraars:2024',
      language: 'nl',
      channel: 'demo-duo-brief',
    });
    await savePage(t.db, { responseId: response.id, answers: new Map(), remove: [], currentPage: null, completed: true });
    const { browser } = await login();
    const html = await (await browser.request('/onderzoek')).text();
    assert.match(html, /Let op: deze gegevens zijn synthetisch/);
    assert.match(html, /export\.csv[^]*Let op: deze gegevens zijn synthetisch/, 'the notice is next to the download too');
    const res = await browser.request('/onderzoek/export.csv');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-disposition'), 'attachment; filename="SYNTHETISCH-perspectief-antwoorden.csv"');
    assert.equal(res.headers.get('x-perspectief-synthetic'), '1 of 3 completed responses are synthetic demo data');
    assert.ok((await res.text()).includes(',demo-duo-brief,'), 'the channel column marks the synthetic row');
    await t.db.execute(sql`delete from responses where channel like 'demo-%'`);
  });

  it('downloads the CSV and writes the export to the audit log', async () => {
    const exports = async () =>
      (await t.db.execute<{ n: number }>(sql`select count(*)::int as n from audit_log where action = 'export'`)) as {
        rows: { n: number }[];
      };
    const before = (await exports()).rows[0]!.n;
    const { browser } = await login();
    const res = await browser.request('/onderzoek/export.csv');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type')!, /text\/csv/);
    assert.equal(
      res.headers.get('content-disposition'),
      'attachment; filename="perspectief-antwoorden.csv"',
      'no synthetic mark on real data',
    );
    assert.equal(res.headers.get('x-perspectief-synthetic'), null);
    const text = await res.text();
    assert.equal(text.trim().split('\r\n').length, 3, 'header and the two completed responses');
    assert.equal((await exports()).rows[0]!.n, before + 1);
  });

  it('opens a group session with a code and shows only its counts; partners reach sessions but not the data', async () => {
    const { browser } = await login();
    const page = await (await browser.request('/onderzoek/sessies')).text();
    assert.match(page, /Ververs de aantallen/);
    assert.equal((await browser.request('/onderzoek/sessies', { form: { label: 'x' } })).status, 403, 'CSRF');
    const csrf = hiddenValue(page, '_csrf');
    assert.equal((await browser.request('/onderzoek/sessies', { form: { _csrf: csrf, label: 'Groep 2', hours: '40' } })).status, 422);
    const created = await browser.submit('/onderzoek/sessies', { _csrf: csrf, label: 'Taalschool Venlo groep 2', hours: '2' });
    assert.match(
      created.html,
      /Taalschool Venlo groep 2<\/td><td><strong class="code" dir="ltr"[^>]*>[ACDEFHJKMNPRTUVWXY3479]{6}<\/strong><\/td><td class="num">0<\/td><td class="num">0<\/td>/,
    );
    await createUser(t.db, { username: 'partner', passwordHash: await hashPassword('partner pw'), role: 'partner' });
    const partner = new Browser(app);
    const form = await (await partner.request('/onderzoek/login')).text();
    await partner.request('/onderzoek/login', { form: { _csrf: hiddenValue(form, '_csrf'), username: 'partner', password: 'partner pw' } });
    assert.equal((await partner.request('/onderzoek/sessies')).status, 200);
    assert.doesNotMatch(
      await (await partner.request('/onderzoek/sessies')).text(),
      /Taalschool Venlo/,
      'a partner sees only their own sessions',
    );
    assert.equal((await partner.request('/onderzoek')).status, 403);
    assert.equal((await partner.request('/onderzoek/export.csv')).status, 403);
  });

  it('logs out only with the CSRF token', async () => {
    const { browser } = await login();
    assert.equal((await browser.request('/onderzoek/logout', { form: {} })).status, 403);
    const html = await (await browser.request('/onderzoek')).text();
    const out = await browser.request('/onderzoek/logout', { form: { _csrf: hiddenValue(html, '_csrf') } });
    assert.equal(out.status, 303);
    assert.equal((await browser.request('/onderzoek')).status, 303);
  });
});
