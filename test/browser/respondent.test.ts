// A person in Chromium: picks Tigrinya on the first page, answers the short questionnaire with the keyboard
// and mouse, then a researcher logs in and downloads the CSV, which holds those answers.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { createUser } from '../../src/storage/users.ts';
import { hashPassword } from '../../src/web/researcher/password.ts';
import { backendName } from '../support/db.ts';
import { useBrowserEnv } from '../support/browser-env.ts';

describe(`respondent in Chromium on ${backendName()}`, () => {
  const env = useBrowserEnv();
  before(async () => {
    await createUser(env.t.db, { username: 'anna', passwordHash: await hashPassword('browser test'), role: 'researcher' });
  });

  it('completes the questionnaire in Tigrinya and finds the answers in the CSV export', async () => {
    const context = await env.browser.newContext({
      viewport: { width: 360, height: 740 },
      isMobile: true,
      hasTouch: true,
      acceptDownloads: true,
    });
    const page = await context.newPage();
    const fonts: string[] = [];
    const foreign: string[] = [];
    page.on('requestfinished', (request) => {
      const url = new URL(request.url());
      if (url.pathname.startsWith('/fonts/')) fonts.push(url.pathname);
      if (url.hostname !== '127.0.0.1' && url.protocol !== 'data:') foreign.push(url.href);
    });
    await page.goto(`${env.server.url}/`);
    await page.getByRole('link', { name: /ትግርኛ/ }).click();
    assert.equal(await page.getAttribute('html', 'lang'), 'ti');
    await page.getByRole('button', { name: 'ጀምሩ' }).click();
    assert.equal(
      await page.evaluate(async () => (await document.fonts.ready, document.fonts.check("16px 'Noto Sans Ethiopic'", 'ሰላም'))),
      true,
    );
    // The Ethiopic font comes from the phone itself (local()) or from the app, never from another host.
    const status = await page.evaluate(() =>
      [...document.fonts].filter((f) => f.family.includes('Noto Sans Ethiopic')).map((f) => f.status),
    );
    // Two faces, the first and the rest slice (src/web/fonts.ts); this page's text needs the first one.
    assert.equal(status[0], 'loaded', `the declared Ethiopic face is in use (fetched: ${fonts.join(', ') || 'none, found on the device'})`);
    assert.ok(!status.includes('error'), `no Ethiopic face failed to load: ${status.join(', ')}`);
    assert.deepEqual(foreign, []);

    await page.getByLabel('ኣንስታይ').check();
    await page.getByLabel('ዕድመኹም ክንደይ እዩ?').fill('31');
    await page.keyboard.press('Enter'); // Enter submits "next", the form's first button
    await page.getByLabel('እወ').check();
    await page.getByRole('button', { name: 'ዝቕጽል' }).click();
    await page.getByLabel('እሰማማዕ', { exact: true }).check();
    await page.getByRole('button', { name: 'ዝቕጽል' }).click();
    await page.getByLabel('እወ፣ ወለንታዊ ስራሕ').check();
    await page.getByRole('button', { name: 'ዝቕጽል' }).click();
    await page.getByLabel('ብዛዕባ ምውህሃድኩም ካልእ ክትብሉዎ እትደልዩ ኣሎ ዶ?').fill('ጽቡቕ እዩ');
    await page.getByRole('button', { name: 'ወዲአ' }).click();
    await page.getByRole('heading', { name: 'የቐንየልና!' }).waitFor();

    const researcher = await context.newPage();
    await researcher.goto(`${env.server.url}/onderzoek`);
    await researcher.getByLabel('Gebruikersnaam').fill('anna');
    await researcher.getByLabel('Wachtwoord').fill('browser test');
    await researcher.getByRole('button', { name: 'Inloggen' }).click();
    await researcher.getByRole('heading', { name: 'Respons per vragenlijst' }).waitFor();
    const [download] = await Promise.all([
      researcher.waitForEvent('download'),
      researcher.getByRole('link', { name: 'Alle antwoorden als CSV' }).click(),
    ]);
    const csv = readFileSync(await download.path(), 'utf8');
    const rows = parse<Record<string, string>>(csv.replace(/^\ufeff/, ''), { columns: true });
    const row = rows.find((r) => r['language'] === 'ti');
    assert.ok(row, 'the Tigrinya response is in the export');
    assert.equal(row['status'], 'completed');
    assert.equal(row['Q2.01'], '2');
    assert.equal(row['Q2.02'], '31');
    assert.equal(row['Q4.05'], '1');
    assert.equal(row['Q3.01'], '2');
    assert.equal(row['Q2.14_2'], '1');
    assert.equal(row['Q2.14_1'], '0');
    assert.equal(row['Q9.01'], 'ጽቡቕ እዩ');
    await context.close();
  });

  it('works without JavaScript in Arabic, right to left', async () => {
    const context = await env.browser.newContext({ javaScriptEnabled: false, locale: 'ar' });
    const page = await context.newPage();
    await page.goto(`${env.server.url}/ar`);
    assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
    await page.getByRole('button', { name: 'ابدأ' }).click();
    await page.getByLabel('رجل').check();
    await page.getByLabel('كم عمرك؟').fill('45');
    await page.getByRole('button', { name: 'التالي' }).click();
    await page.getByLabel('لا', { exact: true }).check();
    await page.getByRole('button', { name: 'التالي' }).click();
    // not started the course: the goals page is skipped
    await page.getByText('هل عملت خلال السنة الماضية؟').waitFor();
    await page.getByRole('button', { name: 'السابق' }).click();
    assert.equal(await page.getByLabel('لا', { exact: true }).isChecked(), true, 'back keeps the answer');
    await context.close();
  });

  it('reads questions aloud where the browser has a voice, and keeps typed text across a failed post', async () => {
    const context = await env.browser.newContext({ locale: 'ar' });
    // A fake speech engine with an Arabic voice (headless Chromium has none): records what it is asked to say.
    // (a string, not a function: tsx would add helpers the page does not have)
    await context.addInitScript(`
      window.spoken = [];
      Object.defineProperty(window, 'speechSynthesis', {
        value: { getVoices: () => [{ lang: 'ar-SA', name: 'fake' }], speak: (u) => window.spoken.push(u.text), cancel: () => {}, addEventListener: () => {} },
      });
      window.SpeechSynthesisUtterance = function (text) { this.text = text; };
    `);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${env.server.url}/ar`);
    await page.getByRole('button', { name: 'ابدأ' }).click();
    await page
      .getByRole('button', { name: /اقرأ بصوت عالٍ/ })
      .first()
      .click();
    const spoken = await page.evaluate(() => (window as unknown as { spoken: string[] }).spoken);
    assert.equal(spoken.length, 1);
    assert.match(spoken[0]!, /^ما هو جنسك؟\. رجل\. امرأة/);

    await page.getByLabel('امرأة').check();
    await page.getByLabel('كم عمرك؟').fill('52');
    await page.getByLabel('كم عمرك؟').dispatchEvent('input');
    const url = page.url();
    await context.setOffline(true);
    // Waits for the post itself to fail (not for a fixed time): the draft is in sessionStorage from the input event.
    const failed = page.waitForEvent('requestfailed', (r) => r.method() === 'POST');
    await page
      .getByRole('button', { name: 'التالي' })
      .click()
      .catch(() => {});
    assert.match((await failed).failure()?.errorText ?? '', /ERR_INTERNET_DISCONNECTED/);
    await context.setOffline(false);
    await page.goto(url);
    assert.equal(await page.getByLabel('كم عمرك؟').inputValue(), '52', 'the typed age is put back');
    assert.equal(await page.getByLabel('امرأة').isChecked(), true);
    assert.deepEqual(errors, []);
    await context.close();
  });
});
