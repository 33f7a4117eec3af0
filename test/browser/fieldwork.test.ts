// The fieldwork pages in Chromium on the demo wave: with JavaScript off, a researcher reads the monitor
// (the Z-route alert of Wi2021-asiel, Table 2.9's 2,651 Wi2021-asiel respondents), excludes a straight-liner on the
// data checks page with a reason and sees the monitor count one fewer, then takes the exclusion back; a
// partner sees its own channel's counts. axe-core (WCAG 2.1 A and AA) finds no violation on the monitor, the
// data checks (also with an exclusion listed and with a refused post), the recoding queue and the partner view.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { loadDemo } from '../../src/demo/index.ts';
import { insertResponsesBulk } from '../../src/storage/bulk.ts';
import { addChannelPartner, insertChannel } from '../../src/storage/channels.ts';
import { hashSecret, newSecret } from '../../src/storage/tokens.ts';
import { createUser } from '../../src/storage/users.ts';
import { DEFAULT_STUDY_DIR } from '../../src/study/load.ts';
import { hashPassword } from '../../src/web/researcher/password.ts';
import { launchChromium } from '../support/chromium.ts';
import { openTestDatabase, questionnaireVersion, type TestDatabase } from '../support/db.ts';
import { startServer } from '../support/server.ts';
import { ifSet } from '../support/hooks.ts';
import { axeViolations } from '../support/axe.ts';

const PASSWORD = 'a long test password';

describe('fieldwork pages in Chromium on the demo wave', { timeout: 300_000 }, () => {
  let t: TestDatabase;
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  before(async () => {
    t = await openTestDatabase(DEFAULT_STUDY_DIR);
    await loadDemo(t.db, t.study, { stderr: () => {} });
    await createUser(t.db, { username: 'anna', passwordHash: await hashPassword(PASSWORD), role: 'researcher' });
    const piet = await createUser(t.db, { username: 'piet', passwordHash: await hashPassword(PASSWORD), role: 'partner' });
    // A registered channel tied to the partner account, with 12 completed Wi2013 responses that name no permit
    // (so no group: the monitor's and the report's tables stay as published).
    const channel = await insertChannel(t.db, {
      slug: 'taalschool-noord',
      name: 'Taalschool Noord',
      kind: 'language-school',
      municipality: 'Leeuwarden',
      createdBy: null,
    });
    await addChannelPartner(t.db, channel!.id, piet.id);
    const at = new Date('2024-10-20T10:00:00Z');
    await insertResponsesBulk(
      t.db,
      Array.from({ length: 12 }, (_, i) => ({
        id: `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
        accessHash: hashSecret(newSecret()),
        questionnaireId: 'wi2013-gezin',
        questionnaireVersion: questionnaireVersion('inburgeraars:2024', 'wi2013-gezin'),
        waveId: 'inburgeraars:2024',
        language: 'nl' as const,
        channel: 'taalschool-noord',
        status: 'completed' as const,
        startedAt: at,
        completedAt: at,
        answers: new Map(),
      })),
    );
    server = await startServer(t);
    browser = await launchChromium();
  });
  after(async () => {
    await ifSet(browser)?.close();
    await ifSet(server)?.close();
    await ifSet(t)?.close();
  });

  const loggedIn = async (username: string, javaScriptEnabled: boolean): Promise<{ context: BrowserContext; page: Page }> => {
    const context = await browser.newContext({ javaScriptEnabled, bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${server.url}/onderzoek/login`);
    await page.fill('input[name=username]', username);
    await page.fill('input[name=password]', PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForURL(username === 'piet' ? /\/onderzoek\/partner$/ : /\/onderzoek$/);
    return { context, page };
  };

  /** The Wi2021-asiel row of the monitor's table of groups: population, %, sample, %, gap. */
  const asielRow = async (page: Page) => {
    await page.goto(`${server.url}/onderzoek/monitor?meting=2024`);
    return (await page.locator('table').first().locator('tr', { hasText: 'Wi2021-asiel' }).locator('td').allTextContents()).slice(1);
  };

  it('excludes a straight-liner and takes it back with JavaScript off, the monitor following', async () => {
    const { context, page } = await loggedIn('anna', false);
    assert.deepEqual((await asielRow(page)).slice(0, 3), ['34.482', '53,4', '2.651']);
    const alerts = (await page.locator('main ul').first().textContent()) ?? '';
    assert.match(alerts, /Wi2021-asiel · Leerroute: Z-route 8,5% van de steekproef tegenover 29,5% van de populatie/);

    await page.goto(`${server.url}/onderzoek/controles?meting=2024`);
    const form = page.locator('form', { has: page.locator('input[name=check][value=straightlining]') });
    const row = form.locator('tbody tr', { hasText: 'wi2021-asiel' }).first();
    const id = (await row.locator('code').textContent())!;
    await row.locator('input[type=checkbox]').check();
    await page.locator('#straightlining-reason').fill('overal hetzelfde antwoord');
    await form.locator('button[value=exclude]').click();
    await page.waitForURL(/\/onderzoek\/controles\?meting=2024$/);
    const excluded = page.locator('tr', { hasText: 'overal hetzelfde antwoord' });
    assert.equal(await excluded.locator('code').textContent(), id);
    assert.deepEqual((await asielRow(page)).slice(0, 3), ['34.482', '53,4', '2.650']);

    await page.goto(`${server.url}/onderzoek/controles?meting=2024`);
    const revoke = page.locator('tr', { hasText: 'overal hetzelfde antwoord' });
    await revoke.locator('input[name=reason]').fill('antwoorden nagekeken');
    await revoke.locator('button[type=submit]').click();
    await page.waitForURL(/\/onderzoek\/controles\?meting=2024$/);
    assert.match((await page.textContent('main')) ?? '', /Er zijn geen antwoorden uitgesloten/);
    assert.deepEqual((await asielRow(page)).slice(0, 3), ['34.482', '53,4', '2.651']);
    await context.close();
  });

  it('finds no axe-core violations on the monitor, the data checks, the recoding queue and the partner view', async () => {
    const { context, page } = await loggedIn('anna', true);
    const problems: string[] = [];
    await page.goto(`${server.url}/onderzoek/monitor?meting=2024`);
    problems.push(...(await axeViolations(page, 'monitor')));
    await page.goto(`${server.url}/onderzoek/monitor?meting=2024&taal=ar`);
    problems.push(...(await axeViolations(page, 'monitor (Arabic, right to left)')));
    await page.goto(`${server.url}/onderzoek/controles?meting=2024&taal=nl`);
    problems.push(...(await axeViolations(page, 'data checks')));
    // With an exclusion listed (its form to take it back), and with a refused post's message.
    const form = page.locator('form', { has: page.locator('input[name=check][value=straightlining]') });
    await form.locator('tbody input[type=checkbox]').first().check();
    await page.locator('#straightlining-reason').fill('te snel');
    await form.locator('button[value=exclude]').click();
    await page.waitForURL(/\/onderzoek\/controles\?meting=2024$/);
    problems.push(...(await axeViolations(page, 'data checks with an exclusion')));
    await page.locator('#straightlining-reason').fill('x');
    await page
      .locator('form', { has: page.locator('input[name=check][value=straightlining]') })
      .locator('button[value=keep]')
      .click();
    assert.match((await page.textContent('[role=alert]')) ?? '', /Kies eerst een of meer antwoorden/);
    problems.push(...(await axeViolations(page, 'data checks with a refused post')));
    await page.goto(`${server.url}/onderzoek/hercoderen?meting=2024`);
    problems.push(...(await axeViolations(page, 'recoding queue')));
    await context.close();
    const partner = await loggedIn('piet', true);
    assert.match((await partner.page.textContent('main')) ?? '', /Taalschool Noord.*2024-10-20.*12/s);
    problems.push(...(await axeViolations(partner.page, 'partner view')));
    await partner.context.close();
    assert.deepEqual(problems, []);
  });
});
