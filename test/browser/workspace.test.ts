// The researcher's workspace in Chromium with JavaScript off, as an analyst uses it: log in, choose an item,
// a breakdown and weights in the explorer's form, read a cell, download the view as XLSX and SVG, export the
// data as CSV and XLSX from the export page. The cell is checked against `perspectief stats freq` and R on the
// exported CSV; an open answer "=1+1" stays text in the XLSX (ExcelJS). axe-core finds no WCAG 2.1 AA
// violation on the explorer, scales, models and export pages.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { BrowserContext, Page } from 'playwright-core';
import { insertResponsesBulk } from '../../src/storage/bulk.ts';
import { hashSecret, newSecret } from '../../src/storage/tokens.ts';
import { createUser } from '../../src/storage/users.ts';
import { DEFAULT_STUDY_DIR } from '../../src/study/load.ts';
import { hashPassword } from '../../src/web/researcher/password.ts';
import { useBrowserEnv } from '../support/browser-env.ts';
import { requireTool, run } from '../support/reference-tools.ts';
import { storeFixture } from '../support/workspace-fixture.ts';
import { axeViolations } from '../support/axe.ts';
import { questionnaireVersion } from '../support/db.ts';

const PASSWORD = 'correct horse battery staple';
const FORMULA = '=1+1';
const ROOT = join(import.meta.dirname, '..', '..');

/** The text of the explorer table's cell in the row whose header is `row` and the column headed `column`. */
async function cell(page: Page, row: string, column: string): Promise<string> {
  const headers = await page.locator('#explore-table thead th').allTextContents();
  const c = headers.findIndex((h) => h.trim() === column);
  assert.ok(c > 0, `column ${column} in ${headers.join(' | ')}`);
  const tr = page.locator('#explore-table tbody tr', { has: page.locator('th', { hasText: new RegExp(`^\\s*${row}\\s*$`) }) }).first();
  return (
    (await tr
      .locator('td')
      .nth(c - 1)
      .textContent()) ?? ''
  ).trim();
}

async function download(page: Page, click: () => Promise<void>): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = await file.path();
  return readFileSync(path);
}

describe('researcher workspace in Chromium without JavaScript', () => {
  const env = useBrowserEnv(DEFAULT_STUDY_DIR);
  let context: BrowserContext;
  let page: Page;
  let dir: string;

  before(async () => {
    await storeFixture(env.t.db, 'inburgeraars:2024');
    // One more respondent, whose gender is "Anders, namelijk..." typed as a spreadsheet formula.
    const at = new Date(Date.UTC(2024, 9, 16, 9));
    await insertResponsesBulk(env.t.db, [
      {
        id: '00000000-0000-4000-8000-00000000f001',
        accessHash: hashSecret(newSecret()),
        questionnaireId: 'wi2021-asiel',
        questionnaireVersion: questionnaireVersion('inburgeraars:2024', 'wi2021-asiel'),
        waveId: 'inburgeraars:2024',
        language: 'nl',
        channel: 'duo-brief',
        status: 'completed',
        startedAt: at,
        completedAt: at,
        answers: new Map<string, number | string | number[]>([
          ['Q2.01', 3],
          ['Q2.01_anders', FORMULA],
          ['Q3.01', 2],
        ]),
      },
    ]);
    await createUser(env.t.db, { username: 'anna', passwordHash: await hashPassword(PASSWORD), role: 'researcher' });
    dir = mkdtempSync(join(tmpdir(), 'perspectief-ws-browser-'));
    context = await env.browser.newContext({ javaScriptEnabled: false, acceptDownloads: true });
    page = await context.newPage();
    await page.goto(`${env.server.url}/onderzoek/login`);
    await page.fill('#username', 'anna');
    await page.fill('#password', PASSWORD);
    await page.click('form button[type=submit]');
    await page.waitForURL(/\/onderzoek$/);
  });
  after(async () => {
    await context.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** The data of wave 2024 exported from the export page as CSV (codes, missing codes empty). */
  async function exportedCsv(): Promise<string> {
    await page.goto(`${env.server.url}/onderzoek/export`);
    await page.selectOption('#formaat', 'csv');
    await page.selectOption('#meting', '2024');
    const zip = await JSZip.loadAsync(
      await download(page, () => page.click('form[action="/onderzoek/export/bestand"] button[type=submit]')),
    );
    const name = Object.keys(zip.files).find((f) => f.endsWith('.csv'))!;
    const path = join(dir, name);
    writeFileSync(path, await zip.file(name)!.async('nodebuffer'));
    return path;
  }

  it('walks the explorer: item by breakdown, a cell as stats freq and R count it, then weighted', async () => {
    const csv = await exportedCsv();
    // The reference: perspectief stats freq (the CSV path) and R, on the exported rows.
    const freq = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'bin/perspectief.js', 'stats', 'freq', '--data', csv, '--var', 'Q3.01', '--by', 'Q2.01', '--json'],
      {
        cwd: ROOT,
        encoding: 'utf8',
      },
    );
    assert.equal(freq.status, 0, freq.stderr);
    const groups = (JSON.parse(freq.stdout) as { groups: { group: number; n: number; categories: { value: number; percent: number }[] }[] })
      .groups;
    const women = groups.find((g) => g.group === 2)!;
    const womenAgree = women.categories.find((c) => c.value === 4)!.percent;
    requireTool('Rscript', 'r-base-core');
    const r = Number(
      run('Rscript', [
        '-e',
        `d <- read.csv('${csv}', check.names = FALSE); w <- d[which(d[['Q2.01']] == 2), ]; cat(100 * mean(w[['Q3.01']] == 4, na.rm = TRUE))`,
      ]),
    );
    assert.ok(Math.abs(r - womenAgree) < 1e-9, `stats freq ${womenAgree} and R ${r} agree`);

    await page.goto(`${env.server.url}/onderzoek/tabellen`);
    await page.selectOption('#meting', '2024');
    await page.selectOption('#vraag', 'Q3.01');
    await page.selectOption('#uitsplitsing', 'gender');
    await page.click('form.ws-form button[type=submit]');
    await page.waitForURL(/\/onderzoek\/tabellen\?/);
    const address = new URL(page.url());
    assert.equal(address.searchParams.get('vraag'), 'Q3.01');
    assert.equal(address.searchParams.get('uitsplitsing'), 'gender');
    assert.equal(await cell(page, 'Eens', 'Vrouw'), `${Math.round(womenAgree)}%`);
    assert.equal(
      await page.locator('#explore-table tfoot tr', { hasText: 'N' }).last().locator('td').nth(1).textContent(),
      String(women.n),
    );
    assert.match((await page.locator('#explore-test').textContent()) ?? '', /Chi-kwadraattoets \(Pearson\)/);
    assert.equal(await page.locator('figure svg').count(), 1, 'the chart beside the table');

    // The same view weighted: Rao-Scott, the effective N per column, and the address says so.
    await page.check('#gewogen');
    await page.click('form.ws-form button[type=submit]');
    await page.waitForURL(/gewogen=1/);
    assert.match((await page.locator('#explore-test').textContent()) ?? '', /Rao-Scott/);
    assert.equal(await page.locator('#explore-table tfoot th', { hasText: 'Effectieve N' }).count(), 1);
    assert.match((await page.locator('.ws-source').textContent()) ?? '', /gewogen naar de populatie/);
  });

  it('downloads the view as XLSX and SVG with the numbers of the page', async () => {
    await page.goto(`${env.server.url}/onderzoek/tabellen?meting=2024&vraag=Q3.01&uitsplitsing=gender`);
    const shown = await cell(page, 'Eens', 'Vrouw');
    const xlsx = await download(page, () => page.click('a[href^="/onderzoek/tabellen.xlsx"]'));
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    let found: unknown;
    sheet.eachRow((row) => {
      if (row.getCell(1).value === 'Eens') found = row.getCell(3).value;
    });
    assert.equal(`${Math.round(Number(found) * 100)}%`, shown, 'the XLSX cell (a number formatted as a percentage) is the page');
    const svg = (await download(page, () => page.click('a[href^="/onderzoek/tabellen.svg"]'))).toString('utf8');
    assert.match(svg, /^<svg/);
    assert.ok(svg.includes('>Vrouw (N = 32)<'), 'bar caption with its N');
  });

  it('exports the data as XLSX in which an answer "=1+1" stays text', async () => {
    await page.goto(`${env.server.url}/onderzoek/export`);
    await page.selectOption('#formaat', 'xlsx');
    await page.selectOption('#meting', '2024');
    const zip = await JSZip.loadAsync(
      await download(page, () => page.click('form[action="/onderzoek/export/bestand"] button[type=submit]')),
    );
    const name = Object.keys(zip.files).find((f) => f.endsWith('.xlsx'))!;
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await zip.file(name)!.async('nodebuffer')) as unknown as ArrayBuffer);
    const data = book.worksheets[0]!;
    const header = (data.getRow(1).values as unknown[]).map(String);
    const column = header.indexOf('Q2.01_anders');
    assert.ok(column > 0, `a Q2.01_anders column in ${header.slice(0, 12).join(', ')}…`);
    const cells: ExcelJS.Cell[] = [];
    data.eachRow((row, n) => {
      if (n > 1 && row.getCell(column).value !== null) cells.push(row.getCell(column));
    });
    assert.equal(cells.length, 1);
    assert.equal(cells[0]!.value, FORMULA, 'the answer as typed');
    assert.equal(cells[0]!.type, ExcelJS.ValueType.String, 'a text cell, not a formula');
  });

  it('finds no accessibility violations on the explorer, scales, models and export pages', async () => {
    // axe-core runs as a script, so this context has JavaScript; the pages are the same.
    const axeContext = await env.browser.newContext({ bypassCSP: true });
    const axePage = await axeContext.newPage();
    await axePage.goto(`${env.server.url}/onderzoek/login`);
    await axePage.fill('#username', 'anna');
    await axePage.fill('#password', PASSWORD);
    await axePage.click('form button[type=submit]');
    await axePage.waitForURL(/\/onderzoek$/);
    const problems: string[] = [];
    for (const path of [
      '/onderzoek/tabellen',
      '/onderzoek/tabellen?meting=2024&vraag=Q3.01&uitsplitsing=gender&gewogen=1',
      '/onderzoek/tabellen?meting=2024&vraag=Q3.08&uitsplitsing=language',
      '/onderzoek/tabellen?meting=2024&vraag=maatschappelijk_doel&uitsplitsing=type',
      '/onderzoek/tabellen?meting=2024&vraag=Q3.01&uitsplitsing=municipalityType',
      '/onderzoek/tabellen?vraag=bestaat-niet',
      '/onderzoek/schalen?meting=2024&groep=type',
      '/onderzoek/modellen?meting=2024&y=Q3.01&x1=Q2.01&a1=categorie&r1=2&x2=Q2.02&a2=getal',
      '/onderzoek/export',
      '/onderzoek/tabellen?taal=en',
    ]) {
      await axePage.goto(`${env.server.url}${path}`);
      // Closed <details> hide their tables from axe: open them, as a reader would.
      await axePage.evaluate(() => document.querySelectorAll('details').forEach((d) => d.setAttribute('open', '')));
      problems.push(...(await axeViolations(axePage, path)));
    }
    await axeContext.close();
    assert.deepEqual(problems, []);
  });
});
