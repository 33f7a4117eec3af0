// Issue 5's acceptance walk: Wi2021-asiel in Arabic and in Tigrinya from the landing page; halfway, the person
// continues on another phone (a second browser context) with the resume code shown on the page, finishes
// there, and every answer given on either phone is stored.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { DEFAULT_STUDY_DIR } from '../../src/study/load.ts';
import { answerVisiblePage } from '../support/answer-page.ts';
import { useBrowserEnv } from '../support/browser-env.ts';
import { backendName } from '../support/db.ts';

describe(`resume on another phone in Chromium on ${backendName()}`, () => {
  const env = useBrowserEnv(DEFAULT_STUDY_DIR);

  for (const [lang, text] of [
    ['ar', 'لا شيء آخر'],
    ['ti', 'ካልእ የብለይን'],
  ] as const) {
    it(`completes Wi2021-asiel in ${lang} across two browser contexts`, async () => {
      const first = await env.browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true });
      const phone = await first.newPage();
      await phone.goto(`${env.server.url}/`);
      await phone.locator(`a[href="/${lang}"]`).click();
      await phone.locator('a.button.primary').click();
      await phone.locator('input[name="F1_wet"][value="1"]').check();
      await phone.locator('button[value="next"]').click();
      await phone.locator('input[name="F3_vergunning"][value="1"]').check();
      await phone.locator('button[value="next"]').click();
      await phone.waitForURL(/\/s\/[A-Z0-9]{12}$/);

      const given = new Map<string, string[]>();
      const answerAndNext = async (page: typeof phone) => {
        await answerVisiblePage(page, text);
        const fields = await page.evaluate(() => {
          const out: [string, string][] = [];
          const form = document.querySelector('form[data-page]') as HTMLFormElement;
          for (const [k, v] of new FormData(form)) if (!k.startsWith('_')) out.push([k, typeof v === 'string' ? v : v.name]);
          return out;
        });
        const grouped = new Map<string, string[]>();
        for (const [k, v] of fields) if (v !== '') grouped.set(k, [...(grouped.get(k) ?? []), v]);
        for (const [k, v] of grouped) given.set(k, v);
        await page.locator('button[value="next"]').click();
        await page.waitForLoadState('domcontentloaded');
      };
      for (let i = 0; i < 6; i++) await answerAndNext(phone);
      const code = (await phone.locator('strong.code').textContent())!.trim();
      assert.match(code, /^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
      const pageOnFirst = await phone.locator('input[name="_page"]').inputValue();
      await first.close();

      const second = await env.browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true });
      const other = await second.newPage();
      await other.goto(`${env.server.url}/${lang}/hervat`);
      await other.locator('#code').fill(code.toLowerCase());
      await other.locator('form button[type="submit"]').click();
      await other.waitForURL(/\/s\/[A-Z0-9]{12}$/);
      assert.equal(await other.locator('input[name="_page"]').inputValue(), pageOnFirst, 'continues where the first phone stopped');
      let pages = 0;
      while ((await other.locator('button[value="next"]').count()) > 0) {
        assert.ok(++pages < 80, 'the questionnaire ends');
        await answerAndNext(other);
      }
      assert.equal(await other.getAttribute('html', 'lang'), lang);

      const rows = await env.t.db.execute(sql`
        select r.questionnaire_id, r.language, r.status, a.item_id, a.value
        from responses r join answers a on a.response_id = r.id
        where r.access_hash = encode(sha256(convert_to(${code.replaceAll('-', '')}, 'UTF8')), 'hex')`);
      const stored = (rows as { rows: { questionnaire_id: string; language: string; status: string; item_id: string; value: unknown }[] })
        .rows;
      assert.ok(stored.length > 0);
      assert.ok(stored.every((r) => r.questionnaire_id === 'wi2021-asiel' && r.language === lang && r.status === 'completed'));
      const byItem = new Map(stored.map((r) => [r.item_id, r.value]));
      for (const [item, values] of given) {
        const value = byItem.get(item);
        assert.ok(value !== undefined, `${item} stored`);
        const expected = values.map((v) => (/^-?\d+$/.test(v) ? Number(v) : v));
        const actual = Array.isArray(value) ? value : [value];
        assert.deepEqual(actual, expected, item);
      }
      await second.close();
    });
  }
});
