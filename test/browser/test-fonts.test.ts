// The browser tests and benches must not depend on the machine's fonts (issue 12, item 7): a machine with
// fonts-noto-core would draw Arabic and Tigrinya with its own Noto (local() comes first in the pages'
// @font-face) and fetch no served font. launchChromium gives Chromium a fontconfig that knows DejaVu and
// Liberation only. Checked here with a font this machine does have outside those folders: Chromium must not
// find it by local(), while it does find DejaVu Sans.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchChromium, TEST_FONT_DIRS } from '../support/chromium.ts';
import { ifSet } from '../support/hooks.ts';

/** Families of TrueType/OpenType fonts the machine has only outside the test's font folders, Noto first. */
function machineOnlyFamilies(): string[] {
  const listed = spawnSync('fc-list', ['--format', '%{family[0]}|%{file}\n'], { encoding: 'utf8' });
  if (listed.error || listed.status !== 0) throw new Error('fc-list is missing: run "apt-get install -y fontconfig" as root');
  const rows = listed.stdout
    .split('\n')
    .filter((l) => l.includes('|'))
    .map((l) => l.split('|') as [string, string]);
  const inside = new Set(rows.filter(([, file]) => TEST_FONT_DIRS.some((d) => file.startsWith(`${d}/`))).map(([f]) => f));
  const outside = rows.filter(([family, file]) => !inside.has(family) && /\.(ttf|otf)$/i.test(file)).map(([family]) => family);
  return [...new Set(outside)].sort((a, b) => Number(b.startsWith('Noto')) - Number(a.startsWith('Noto')) || a.localeCompare(b));
}

/** Whether a page in this Chromium finds `family` on the machine through @font-face local(). */
const FINDS_LOCAL = `(async (family) => {
  const face = new FontFace('Probe ' + Math.random(), "local('" + family.replace(/'/g, "\\\\'") + "')");
  try { await face.load(); return true; } catch { return false; }
})`;

let browser: Browser;
before(async () => {
  browser = await launchChromium();
});
after(async () => ifSet(browser)?.close());

it("lets Chromium find DejaVu Sans but none of the machine's other fonts by local()", async (t) => {
  const page = await browser.newPage();
  try {
    await page.setContent('<!doctype html><title>fonts</title>');
    const finds = async (family: string) => await page.evaluate<boolean>(`${FINDS_LOCAL}(${JSON.stringify(family)})`);
    assert.equal(await finds('DejaVu Sans'), true, 'a test font is found: the probe works');
    const others = machineOnlyFamilies();
    t.diagnostic(`fonts this machine has outside ${TEST_FONT_DIRS.join(', ')}: ${others.length} families`);
    const found = [];
    for (const family of others.slice(0, 20)) if (await finds(family)) found.push(family);
    assert.deepEqual(found, [], 'machine fonts Chromium can see in tests');
  } finally {
    await page.close();
  }
});
