// The qualitative workspace in Chromium with JavaScript off, as a qualitative researcher uses it: log in,
// land on the qualitative pages, upload a transcript (a broken one is refused with its line), code a turn by
// pasting its words, and filter quotes by route.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { addCode, addParticipants, addQuotes, addSessions } from '../../src/qual/index.ts';
import { createUser } from '../../src/storage/users.ts';
import { hashPassword } from '../../src/web/researcher/password.ts';
import { launchChromium } from '../support/chromium.ts';
import { openTestDatabase, type TestDatabase } from '../support/db.ts';
import { startServer } from '../support/server.ts';
import { ifSet } from '../support/hooks.ts';

describe('qualitative workspace in Chromium without JavaScript', () => {
  let t: TestDatabase;
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let page: Page;
  before(async () => {
    t = await openTestDatabase();
    await createUser(t.db, { username: 'quinn', passwordHash: await hashPassword('correct horse'), role: 'qualitative' });
    await addParticipants(t.db, [
      {
        code: 'EP-Z-01',
        kind: 'expert-pool',
        pool: 'z-route',
        migrantType: 'asiel',
        gender: 'man',
        age: 57,
        country: 'Turkije',
        learningRoute: 'z',
      },
      {
        code: 'EP-OB-01',
        kind: 'expert-pool',
        pool: 'onderwijs-b1',
        migrantType: 'asiel',
        gender: 'vrouw',
        age: 26,
        country: 'Syrië',
        learningRoute: 'onderwijs',
      },
    ]);
    await addSessions(t.db, [{ code: 'POOL-1', kind: 'pool-meeting', participantCodes: ['EP-Z-01', 'EP-OB-01'] }]);
    const code = await addCode(t.db, { name: 'Werk als doel', sections: ['3.4'] });
    await addQuotes(t.db, [
      {
        participantCode: 'EP-Z-01',
        sessionCode: 'POOL-1',
        codeId: code.id,
        language: 'nl',
        text: 'Ik wil werken.',
        textNl: 'Ik wil werken.',
      },
      {
        participantCode: 'EP-OB-01',
        sessionCode: 'POOL-1',
        codeId: code.id,
        language: 'nl',
        text: 'Ik wil studeren.',
        textNl: 'Ik wil studeren.',
      },
    ]);
    server = await startServer(t);
    browser = await launchChromium();
    page = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  });
  after(async () => {
    await ifSet(browser)?.close();
    await ifSet(server)?.close();
    await ifSet(t)?.close();
  });

  it('logs in and lands on the qualitative overview with Table 2.7', async () => {
    await page.goto(`${server.url}/onderzoek/login`);
    await page.fill('input[name=username]', 'quinn');
    await page.fill('input[name=password]', 'correct horse');
    await page.click('button[type=submit]');
    await page.waitForURL(/\/onderzoek\/kwalitatief$/);
    assert.match((await page.textContent('main')) ?? '', /Tabel 2\.7 Kenmerken deelnemers expertpools \(N = 2\)/);
  });

  it('refuses a broken transcript with its line, then imports a good one and codes a turn', async () => {
    await page.goto(`${server.url}/onderzoek/kwalitatief/sessies`);
    await page.setInputFiles('input[name=file]', {
      name: 'kapot.srt',
      mimeType: 'text/plain',
      buffer: Buffer.from('1\n00:00:01,000 --> 00:00:02,000\nOnbekend: Hallo.\n'),
    });
    await page.click('form[enctype] button[type=submit]');
    assert.match((await page.textContent('[role=alert]')) ?? '', /kapot\.srt, line 3: unknown speaker "Onbekend"/);
    await page.setInputFiles('input[name=file]', {
      name: 'pool.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('Facilitator: Wat wilt u?\n\nEP-Z-01: Ik wil werken, maar eerst de taal leren.\n'),
    });
    await page.click('form[enctype] button[type=submit]');
    await page.waitForURL(/\/transcript\/\d+$/);
    await page.selectOption('select[name=pattern]', { label: 'Werk als doel' });
    await page.fill('input[name=fragment]', 'eerst de taal leren');
    await page.click('section form button[type=submit]');
    assert.match((await page.textContent('main')) ?? '', /Gecodeerd: Werk als doel \(quinn\) “eerst de taal leren”/);
  });

  it('filters quotes by learning route with a plain GET form', async () => {
    await page.goto(`${server.url}/onderzoek/kwalitatief/citaten`);
    await page.selectOption('select[name=route]', 'Z-route');
    await page.click('form[method=get] button[type=submit]');
    const text = (await page.textContent('main')) ?? '';
    assert.match(text, /“Ik wil werken\.” \(man, 57, Turkije, Z-route\)/);
    assert.doesNotMatch(text, /Ik wil studeren/);
  });
});
