// The monitor and the data checks over HTTP on the demo wave (issue 16, items 4 and 6), as the research team
// uses them: /onderzoek/monitor prints the sample and population numbers of the report's Tables 2.9-2.12
// (src/demo/published-tables.json, taken from the report's text) and raises the Z-route alert for
// Wi2021-asiel; /onderzoek/controles finds appendix B.1's 229 and 13 permit-type mismatches; an exclusion
// posted there (with its CSRF token and a reason) takes the response out of `report tables` and the monitor,
// and taking it back restores both; bad posts are refused naming what is wrong, storing nothing; only the
// research team comes here.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { reportTables } from '../../src/analysis/report.ts';
import type { PopulationResult } from '../../src/analysis/results.ts';
import { loadDemo } from '../../src/demo/index.ts';
import { createUser } from '../../src/storage/users.ts';
import { DEFAULT_STUDY_DIR } from '../../src/study/load.ts';
import { hashPassword } from '../../src/web/researcher/password.ts';
import { backendName, openTestDatabase, type TestDatabase } from '../support/db.ts';
import { Browser, hiddenValue, testApp } from '../support/http.ts';

const PASSWORD = 'a long test password';

interface PublishedRow {
  readonly label: string;
  readonly group?: string;
  readonly values: readonly (number | string)[];
}
const published = JSON.parse(readFileSync(new URL('../../src/demo/published-tables.json', import.meta.url), 'utf8')) as {
  tables: { id: string; rows: PublishedRow[] }[];
};
const table = (id: string) => published.tables.find((t) => t.id === id)!.rows;

const text = (html: string): string =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();

/** Every table of a page: its caption and its rows of cell texts. */
const tables = (html: string) =>
  [...html.matchAll(/<table>(.*?)<\/table>/gs)].map((m) => ({
    caption: text(/<caption>(.*?)<\/caption>/s.exec(m[1]!)?.[1] ?? ''),
    rows: [...m[1]!.matchAll(/<tr>(.*?)<\/tr>/gs)].map((r) => [...r[1]!.matchAll(/<t[dh][^>]*>(.*?)<\/t[dh]>/gs)].map((c) => text(c[1]!))),
  }));

/** A number as the Dutch page prints it ("34.482", "8,5"). */
const nl = (s: string): number =>
  Number(
    s
      .replace(/\./g, '')
      .replace(',', '.')
      .replace(/[^\d.-]/g, ''),
  );

describe(`monitor and data checks over HTTP on the demo wave (${backendName()})`, { timeout: 300_000 }, () => {
  let t: TestDatabase;
  let app: ReturnType<typeof testApp>;
  before(async () => {
    t = await openTestDatabase(DEFAULT_STUDY_DIR);
    await loadDemo(t.db, t.study, { stderr: () => {} });
    app = testApp(t);
    for (const [username, role] of [
      ['anna', 'researcher'],
      ['piet', 'partner'],
      ['quinten', 'qualitative'],
    ] as const)
      await createUser(t.db, { username, passwordHash: await hashPassword(PASSWORD), role });
  });
  after(async () => t.close());

  const login = async (username: string) => {
    const browser = new Browser(app);
    const form = await (await browser.request('/onderzoek/login')).text();
    const res = await browser.request('/onderzoek/login', { form: { _csrf: hiddenValue(form, '_csrf'), username, password: PASSWORD } });
    assert.equal(res.status, 303);
    return browser;
  };
  const sampleOf2_9 = async (group: string) => {
    const result = (await reportTables(t.db, t.study, { wave: '2024' })).report.tables.get('2.9') as PopulationResult;
    return result.rows.find((r) => r.group.nl?.text === group)!.sample;
  };
  const monitorGroups = async (browser: Browser) => {
    const html = await (await browser.request('/onderzoek/monitor?meting=2024')).text();
    const groups = tables(html).find((tb) => tb.rows[0]?.[0] === 'Groep' && tb.rows[0][1] === 'Populatie')!;
    return new Map(groups.rows.slice(1).map((r) => [r[0]!, r.slice(1)]));
  };

  it('lets only the research team in', async () => {
    for (const path of ['/onderzoek/monitor', '/onderzoek/controles', '/onderzoek/hercoderen']) {
      const anonymous = await new Browser(app).request(path);
      assert.equal(anonymous.status, 303, path);
      assert.equal(anonymous.headers.get('location'), '/onderzoek/login');
      for (const who of ['piet', 'quinten']) assert.equal((await (await login(who)).request(path)).status, 403, `${who} ${path}`);
    }
    const anna = await login('anna');
    assert.equal((await anna.request('/onderzoek/monitor?meting=1999')).status, 404, 'an unknown wave');
  });

  it("prints Table 2.9's population and sample per group, and Tables 2.10-2.12 per group and level", async () => {
    const anna = await login('anna');
    const html = await (await anna.request('/onderzoek/monitor?meting=2024')).text();
    const page = tables(html);
    const groups = await monitorGroups(anna);
    for (const row of table('2.9').filter((r) => r.label !== 'Totaal')) {
      const cells = groups.get(row.label);
      assert.ok(cells, row.label);
      assert.equal(nl(cells[0]!), row.values[0], `${row.label} population`);
      if (typeof row.values[2] === 'number') {
        assert.equal(nl(cells[2]!), row.values[2], `${row.label} sample`);
        assert.ok(Math.abs(nl(cells[3]!) - (row.values[3] as number)) <= 0.5, `${row.label} sample % ${cells[3]}`);
      } else assert.equal(cells[2], '–', `${row.label} has no sample`);
    }
    for (const [id, heading] of [
      ['2.10', 'Geslacht'],
      ['2.11', 'Leerroute'],
      ['2.12', 'Leeftijd'],
    ] as const) {
      for (const row of table(id)) {
        // Tables 2.10-2.12 print "Wi2021-gezin/overig" where Table 2.9 (and the monitor) print "Wi2021-gezin".
        const group = row.group!.replace('Wi2021-gezin/overig', 'Wi2021-gezin');
        const tb = page.find((x) => x.caption === group && x.rows[0]?.[0] === heading);
        assert.ok(tb, `${id} ${group}`);
        const cells = tb.rows.find((r) => r[0] === row.label);
        assert.ok(cells, `${id} ${group} ${row.label}`);
        assert.equal(nl(cells[1]!), row.values[0], `${id} ${group} ${row.label} population`);
        assert.equal(nl(cells[3]!), row.values[2], `${id} ${group} ${row.label} sample`);
        if (typeof row.values[3] === 'number')
          assert.ok(Math.abs(nl(cells[4]!) - row.values[3]) <= 0.5, `${id} ${group} ${row.label} sample %`);
      }
    }
  });

  it('raises the Z-route alert for Wi2021-asiel (9% of the sample against 30% of the population) with the channels that reached it best', async () => {
    const anna = await login('anna');
    const html = await (await anna.request('/onderzoek/monitor?meting=2024')).text();
    const alerts = [...html.matchAll(/<li>(.*?)<\/li>/gs)].map((m) => text(m[1]!));
    const z = alerts.find((a) => a.startsWith('Wi2021-asiel · Leerroute: Z-route'));
    assert.ok(z, alerts.join('\n'));
    const [, sample, population] = /([\d,]+)% van de steekproef tegenover ([\d,]+)% van de populatie/.exec(z)!;
    assert.ok(Math.abs(nl(sample!) - 9) <= 0.5 && Math.abs(nl(population!) - 30) <= 0.5, z);
    assert.match(z, /Kanalen die deze groep tot nu toe het best bereikten: \S+ \(\d+ antwoorden/);
    // The cell carries a sign and words, not colour alone.
    assert.match(html, /▼ -21(,\d)?<\/strong><span class="visually-hidden"> 5 of meer punten onder/);
  });

  it("finds appendix B.1's permit-type mismatches: 229 of Wi2021-asiel and 13 of Wi2021-gezin", async () => {
    const anna = await login('anna');
    const page = text(await (await anna.request('/onderzoek/controles?meting=2024')).text());
    assert.match(page, /Wi2021-asiel: 229 van \d/);
    assert.match(page, /Wi2021-gezin: 13 van \d/);
  });

  it('excludes a response from `report tables` and the monitor with a reason, and takes it back, refusing bad posts', async () => {
    const anna = await login('anna');
    const html = await (await anna.request('/onderzoek/controles?meting=2024')).text();
    const csrf = hiddenValue(html, '_csrf');
    // A straight-liner of the Wi2021-asiel questionnaire (its group is the questionnaire's, whatever the answers).
    const start = html.indexOf('name="check" value="straightlining"');
    const form = html.slice(start, html.indexOf('</form>', start));
    const id = /name="response" value="([0-9a-f-]{36})"(?:(?!<\/tr>).)*?<td>wi2021-asiel<\/td>/s.exec(form)?.[1];
    assert.ok(id, 'a straight-liner of wi2021-asiel');
    const reviews = async () =>
      ((await t.db.execute<{ n: number }>(sql`select count(*)::int as n from response_reviews`)) as { rows: { n: number }[] }).rows[0]!.n;
    const post = (fields: Record<string, string | string[]>) =>
      anna.request('/onderzoek/controles/besluit', { form: { meting: '2024', ...fields } });
    const good = { _csrf: csrf, check: 'straightlining', decision: 'exclude', response: id, reason: 'overal hetzelfde antwoord' };

    assert.equal((await post({ ...good, _csrf: 'not-the-token' })).status, 403);
    for (const [fields, message] of [
      [{ reason: '' }, /Geef een reden \(hoogstens 500 tekens\)/],
      [{ reason: 'x'.repeat(501) }, /Geef een reden \(hoogstens 500 tekens\)/],
      [{ decision: 'delete' }, /Kies behouden of uitsluiten/],
      [{ response: [] }, /Kies eerst een of meer antwoorden/],
      [{ check: 'nonsense' }, /Controle: &quot;nonsense&quot; bestaat niet/],
      [
        { response: [id, '00000000-0000-4000-8000-000000000000'] },
        /Antwoord-id: 00000000-0000-4000-8000-000000000000 hoort niet bij deze meting/,
      ],
    ] as [Record<string, string | string[]>, RegExp][]) {
      const res = await post({ ...good, ...fields });
      assert.equal(res.status, 422, JSON.stringify(fields));
      assert.match(await res.text(), message);
    }
    assert.equal(await reviews(), 0, 'nothing stored by the refused posts');

    assert.equal(await sampleOf2_9('Wi2021-asiel'), 2651);
    assert.equal(nl((await monitorGroups(anna)).get('Wi2021-asiel')![2]!), 2651);
    const excluded = await anna.request('/onderzoek/controles/besluit', { form: { meting: '2024', ...good } });
    assert.equal(excluded.status, 303);
    assert.equal(excluded.headers.get('location'), '/onderzoek/controles?meting=2024');
    assert.equal(await sampleOf2_9('Wi2021-asiel'), 2650, '`report tables` leaves the excluded response out');
    assert.equal(nl((await monitorGroups(anna)).get('Wi2021-asiel')![2]!), 2650, 'so does the monitor');

    const after = await (await anna.request('/onderzoek/controles?meting=2024')).text();
    const exclusion = tables(after).find((tb) => tb.rows[0]?.[0] === 'Antwoord-id' && tb.rows[0][1] === 'Controle')!;
    assert.deepEqual(exclusion.rows[1]!.slice(0, 3), [id, 'straightlining', 'overal hetzelfde antwoord']);
    const decision = /name="id" value="(\d+)"/.exec(after)![1]!;
    const revoke = (fields: Record<string, string>) =>
      anna.request('/onderzoek/controles/intrekken', { form: { meting: '2024', _csrf: csrf, id: decision, ...fields } });
    assert.equal((await revoke({ reason: '' })).status, 422);
    assert.equal((await revoke({ reason: 'x', id: '999999' })).status, 422);
    assert.equal((await revoke({ reason: 'x', _csrf: 'wrong' })).status, 403);
    assert.equal(await sampleOf2_9('Wi2021-asiel'), 2650, 'refused revocations change nothing');
    assert.equal((await revoke({ reason: 'antwoorden nagekeken: in orde' })).status, 303);
    assert.equal(await sampleOf2_9('Wi2021-asiel'), 2651, 'taken back: counted again');
    assert.equal(nl((await monitorGroups(anna)).get('Wi2021-asiel')![2]!), 2651);
    assert.equal((await revoke({ reason: 'again' })).status, 422, 'a revoked decision cannot be revoked twice');

    // Logged: the decision and its revocation stay (nothing deleted), and both are in the audit log.
    const log = (await t.db.execute<{ decision: string; reason: string; revoke_reason: string }>(
      sql`select decision, reason, revoke_reason from response_reviews`,
    )) as { rows: { decision: string; reason: string; revoke_reason: string }[] };
    assert.deepEqual(log.rows, [
      { decision: 'exclude', reason: 'overal hetzelfde antwoord', revoke_reason: 'antwoorden nagekeken: in orde' },
    ]);
    const audited = (await t.db.execute<{ action: string }>(
      sql`select action from audit_log where action like 'response-%' order by id`,
    )) as { rows: { action: string }[] };
    assert.deepEqual(
      audited.rows.map((r) => r.action),
      ['response-exclude', 'response-review-revoked'],
    );
  });
});
