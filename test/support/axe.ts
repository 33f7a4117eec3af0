// axe-core in a Chromium page: the WCAG 2.1 A and AA violations, one line each (rule, help, where), so a test
// asserts an empty list and a failure says what to fix.
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

interface AxeViolation {
  id: string;
  help: string;
  nodes: { target: string[] }[];
}

/** The page's WCAG 2.1 A/AA violations found by axe-core, each as "label: rule (help) at selectors". */
export async function axeViolations(page: Page, label: string): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const found = (await page.evaluate(() =>
    (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: unknown[] }> } }).axe
      .run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
      .then((r) => r.violations),
  )) as AxeViolation[];
  return found.map((v) => `${label}: ${v.id} (${v.help}) at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
