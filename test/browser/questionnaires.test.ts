// Issue 3's acceptance walk: from the landing page, in each of the five languages, the filter questions send
// a person to each of the four questionnaires; the person answers every page to the end in Chromium, and
// the answers are stored under the right questionnaire in the right language. 20 runs.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { LANGUAGES } from '../../src/questionnaire/types.ts';
import { DEFAULT_STUDY_DIR } from '../../src/study/load.ts';
import { answerVisiblePage } from '../support/answer-page.ts';
import { backendName } from '../support/db.ts';
import { useBrowserEnv } from '../support/browser-env.ts';

const ROUTES = [
  { questionnaire: 'wi2021-asiel', law: '1', permit: '1' },
  { questionnaire: 'wi2021-gezin', law: '1', permit: '2' },
  { questionnaire: 'wi2013-asiel', law: '2', permit: '1' },
  { questionnaire: 'wi2013-gezin', law: '2', permit: '2' },
] as const;

const OPEN_TEXT = { nl: 'Goed', en: 'Fine', ar: 'جيد', tr: 'İyi', ti: 'ጽቡቕ' } as const;

describe(`the four questionnaires in five languages in Chromium on ${backendName()}`, () => {
  const env = useBrowserEnv(DEFAULT_STUDY_DIR);

  // The 20 walks run as four parallel people per language: most of the time is waiting for pages.
  for (const lang of LANGUAGES) {
    it(`completes each questionnaire in ${lang} from the landing page`, async () => {
      const context = await env.browser.newContext({ viewport: { width: 360, height: 740 } });
      await Promise.all(
        ROUTES.map(async (route) => {
          const page = await context.newPage();
          await page.goto(`${env.server.url}/`);
          await page.locator(`a[href="/${lang}"]`).click();
          await page.locator('a.button.primary').click();
          await page.locator(`input[name="F1_wet"][value="${route.law}"]`).check();
          await page.locator('button[value="next"]').click();
          await page.locator(`input[name="F3_vergunning"][value="${route.permit}"]`).check();
          await page.locator('button[value="next"]').click();
          await page.waitForURL(/\/s\/[A-Z0-9]{12}$/);
          const code = new URL(page.url()).pathname.slice(3);
          let pages = 0;
          while ((await page.locator('button[value="next"]').count()) > 0) {
            assert.ok(++pages < 80, `${route.questionnaire} ${lang}: the questionnaire ends`);
            const before = await page.locator('input[name="_page"]').inputValue();
            await answerVisiblePage(page, OPEN_TEXT[lang]);
            await page.locator('button[value="next"]').click();
            await page.waitForLoadState('domcontentloaded');
            if ((await page.locator('button[value="next"]').count()) > 0) {
              const after = await page.locator('input[name="_page"]').inputValue();
              assert.notEqual(
                after,
                before,
                `${route.questionnaire} ${lang}: page ${before} was accepted (${(await page.locator('.error').allTextContents()).join(' | ')})`,
              );
            }
          }
          assert.equal(await page.getAttribute('html', 'lang'), lang);
          const rows = await env.t.db.execute(sql`
          select r.questionnaire_id, r.language, r.status, count(a.item_id)::int as answers
          from responses r join answers a on a.response_id = r.id
          where r.access_hash = encode(sha256(convert_to(${code}, 'UTF8')), 'hex')
          group by r.id`);
          const row = (rows as { rows: Record<string, unknown>[] }).rows[0]!;
          assert.equal(row['questionnaire_id'], route.questionnaire);
          assert.equal(row['language'], lang);
          assert.equal(row['status'], 'completed');
          assert.ok(
            (row['answers'] as number) >= pages,
            `${route.questionnaire} ${lang}: ${String(row['answers'])} answers over ${pages} pages`,
          );
          await page.close();
        }),
      );
      await context.close();
    });
  }
});
