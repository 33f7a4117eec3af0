// A code on a page (the resume code below every question, the letter's code on its introduction) stays on
// one line, left to right, in every language: broken at a dash inside an Arabic line its groups come out
// in the wrong order and the person copies a wrong code.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { useBrowserEnv } from '../support/browser-env.ts';

describe('codes on pages in Chromium', () => {
  const env = useBrowserEnv();

  it('keeps the resume code on one line on Arabic and Tigrinya pages at every phone width', async () => {
    const context = await env.browser.newContext({ isMobile: true, hasTouch: true, viewport: { width: 360, height: 740 } });
    try {
      const page = await context.newPage();
      const broken: string[] = [];
      for (const lang of ['ar', 'ti', 'nl']) {
        const started = await context.request.post(`${env.server.url}/${lang}/start`, { form: { questionnaire: 'kort' }, maxRedirects: 0 });
        const path = started.headers()['location']!;
        await page.goto(`${env.server.url}${path}`);
        const code = path.slice(3).replace(/(.{4})(?=.)/g, '$1-');
        for (let width = 240; width <= 420; width += 4) {
          await page.setViewportSize({ width, height: 740 });
          const { lines, text } = await page.evaluate(() => {
            const el = document.querySelector('.resume .code')!;
            const tops = new Set([...el.getClientRects()].map((r) => Math.round(r.top)));
            return { lines: tops.size, text: (el as HTMLElement).innerText };
          });
          assert.equal(text, code);
          if (lines !== 1) broken.push(`${lang} at ${width} px: ${lines} lines`);
        }
      }
      assert.deepEqual(broken, []);
    } finally {
      await context.close();
    }
  });
});
