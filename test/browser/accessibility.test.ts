// axe-core in Chromium on every respondent page type, in all five languages, and on the researcher pages:
// WCAG 2.1 A and AA rules, zero violations allowed.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { LANGUAGES } from '../../src/questionnaire/types.ts';
import { createUser } from '../../src/storage/users.ts';
import { hashPassword } from '../../src/web/researcher/password.ts';
import { fileURLToPath } from 'node:url';
import { useBrowserEnv } from '../support/browser-env.ts';
import { axeViolations } from '../support/axe.ts';

describe('accessibility (axe-core, WCAG 2.1 AA)', () => {
  const env = useBrowserEnv();
  before(async () => {
    await createUser(env.t.db, { username: 'anna', passwordHash: await hashPassword('axe test'), role: 'researcher' });
  });

  it('does report a violation where there is one (the check itself works)', async () => {
    const page = await (await env.browser.newContext({ bypassCSP: true })).newPage();
    await page.setContent('<html><head><title>x</title></head><body><main><input type="text"><img src="x.png"></main></body></html>');
    const found = await axeViolations(page, 'broken');
    assert.ok(
      found.some((v) => v.includes('image-alt')),
      found.join('\n'),
    );
    assert.ok(
      found.some((v) => v.includes('label')),
      found.join('\n'),
    );
  });

  it('finds no violations on the language choice page', async () => {
    const page = await (await env.browser.newContext({ bypassCSP: true })).newPage();
    await page.goto(`${env.server.url}/`);
    assert.deepEqual(await axeViolations(page, '/'), []);
  });

  for (const lang of LANGUAGES) {
    it(`finds no violations on any respondent page type in ${lang}`, async () => {
      const context = await env.browser.newContext({ bypassCSP: true, viewport: { width: 360, height: 740 } });
      const page = await context.newPage();
      const problems: string[] = [];
      const check = async (label: string) => problems.push(...(await axeViolations(page, `${lang} ${label}`)));
      const next = () => page.locator('button[value="next"]').click();
      await page.goto(`${env.server.url}/${lang}`);
      await check('start');
      await page.locator('form button[type="submit"]').click();
      await check('single choice + numeric');
      await page.locator('input[name="Q2.02"]').fill('12');
      await next();
      await check('errors shown');
      await page.locator('input[name="Q2.01"][value="3"]').check();
      await page.locator('input[name="Q2.02"]').fill('30');
      await next();
      await page.locator('input[name="Q4.05"][value="1"]').check();
      await next();
      await check('5-point scale');
      await page.locator('input[name="Q3.01"][value="1"]').check();
      await next();
      await check('multiple choice with other');
      await page.locator('input[name="Q2.14"][value="1"]').check();
      await next();
      await check('open text');
      const path = new URL(page.url()).pathname;
      await page.goto(`${env.server.url}${path}/intrekken`);
      await check('withdraw');
      await page.goto(`${env.server.url}/${lang}/hervat`);
      await check('resume');
      await page.locator('#code').fill('AAAA-AAAA-AAAA');
      await page.locator('form button[type="submit"]').click();
      await check('resume error');
      await page.goto(`${env.server.url}${path}`);
      await page.locator('textarea').fill('ok');
      await next();
      await check('thanks');
      await context.close();
      assert.deepEqual(problems, []);
    });
  }

  it('finds no violations on the researcher pages', async () => {
    const page = await (await env.browser.newContext({ bypassCSP: true })).newPage();
    await page.goto(`${env.server.url}/onderzoek/login`);
    const problems = await axeViolations(page, 'login');
    await page.locator('#username').fill('anna');
    await page.locator('#password').fill('axe test');
    await page.locator('form button[type="submit"]').click();
    await page.goto(`${env.server.url}/onderzoek?vraag=kort@1:Q2.01`);
    problems.push(...(await axeViolations(page, 'overview')));
    await page.goto(`${env.server.url}/onderzoek/sessies`);
    await page.locator('#label').fill('Groep 1');
    await page.locator('form button[type="submit"]').first().click();
    problems.push(...(await axeViolations(page, 'group sessions')));
    await page.goto(`${env.server.url}/onderzoek/audio`);
    problems.push(...(await axeViolations(page, 'recordings')));
    assert.deepEqual(problems, []);
  });
});

describe('accessibility of the arrival pages (axe-core, WCAG 2.1 AA)', () => {
  const env = useBrowserEnv(fileURLToPath(new URL('../fixtures/study-landing', import.meta.url)));

  for (const lang of LANGUAGES) {
    it(`finds no violations on the filter questions, their errors and the no-fit page in ${lang}`, async () => {
      const page = await (await env.browser.newContext({ bypassCSP: true, viewport: { width: 360, height: 740 } })).newPage();
      const problems: string[] = [];
      const check = async (label: string) => problems.push(...(await axeViolations(page, `${lang} ${label}`)));
      await page.goto(`${env.server.url}/${lang}`);
      await check('start with filter questions');
      await page.goto(`${env.server.url}/${lang}/vragen`);
      await check('filter page 1');
      await page.locator('button[value="next"]').click();
      await check('filter errors');
      await page.locator('input[name="F1"][value="1"]').check();
      await page.locator('button[value="next"]').click();
      await check('filter page 2');
      await page.goto(`${env.server.url}/${lang}/vragen`);
      await page.locator('input[name="F1"][value="2"]').check();
      await page.locator('button[value="next"]').click();
      await check('no questionnaire fits');
      await page.goto(`${env.server.url}/c/ACDEFHJKMN`);
      await check('letter link: language choice');
      await page.goto(`${env.server.url}/${lang}/c/ACDEFHJKMN`);
      await check('letter link: code filled in');
      assert.deepEqual(problems, []);
    });
  }
});
