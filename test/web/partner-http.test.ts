// The partner view and the recoding queue over HTTP (issue 16, items 5 and 7), on a wave holding only responses
// whose numbers are written out below: a partner account sees its own channel's completed responses by day
// and group with every count under 10 shown as "<10" (and the one count that would give a small one away
// hidden), never another channel's numbers and never a response, on every researcher route the app has; the
// research team ties partner accounts to channels; a confirmed recode of "Anders, namelijk..." texts changes
// what the analysis path counts for the item, and undoing it restores the count.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { exploreTable } from '../../src/analysis/explore.ts';
import { loadWaveDataset } from '../../src/analysis/load.ts';
import { findWave } from '../../src/analysis/waves.ts';
import type { AnswerValue } from '../../src/questionnaire/types.ts';
import { insertResponsesBulk, type BulkResponse } from '../../src/storage/bulk.ts';
import { insertChannel } from '../../src/storage/channels.ts';
import { hashSecret, newSecret } from '../../src/storage/tokens.ts';
import { createUser } from '../../src/storage/users.ts';
import { DEFAULT_STUDY_DIR } from '../../src/study/load.ts';
import { hashPassword } from '../../src/web/researcher/password.ts';
import { backendName, openTestDatabase, questionnaireVersion, type TestDatabase } from '../support/db.ts';
import { Browser, hiddenValue, testApp } from '../support/http.ts';

const PASSWORD = 'a long test password';
const NO_CHANNELS = { registered: new Set<string>(), letters: new Set<string>() };
const WAVE = 'inburgeraars:2024';
const OWN = 'taalschool-noord';
const OTHER = 'gemeente-zuid';

let serial = 0;
const ids: string[] = [];
/** `count` responses of one questionnaire, channel and day (completed unless said otherwise). */
function responses(
  count: number,
  spec: {
    questionnaire: 'wi2021-asiel' | 'wi2021-gezin';
    channel: string;
    day: string;
    completed?: boolean;
    answers?: Record<string, AnswerValue>;
  },
): BulkResponse[] {
  return Array.from({ length: count }, () => {
    const id = `00000000-0000-4000-8000-${String(++serial).padStart(12, '0')}`;
    ids.push(id);
    const at = new Date(`${spec.day}T10:00:00Z`);
    const completed = spec.completed ?? true;
    return {
      id,
      accessHash: hashSecret(newSecret()),
      questionnaireId: spec.questionnaire,
      questionnaireVersion: questionnaireVersion(WAVE, spec.questionnaire),
      waveId: WAVE,
      language: 'nl',
      channel: spec.channel,
      status: completed ? 'completed' : 'started',
      startedAt: at,
      completedAt: completed ? at : null,
      answers: new Map(Object.entries(spec.answers ?? {})),
    };
  });
}

/** The cells of every row of the page's tables, as text. */
const tableRows = (html: string): string[][] =>
  [...html.matchAll(/<tr>(.*?)<\/tr>/gs)].map((m) =>
    [...m[1]!.matchAll(/<t[dh][^>]*>(.*?)<\/t[dh]>/gs)].map((c) =>
      c[1]!
        .replace(/<[^>]+>/g, '')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&amp;/g, '&')
        .trim(),
    ),
  );

describe(`partner view and recoding over HTTP on ${backendName()}`, { timeout: 120_000 }, () => {
  let t: TestDatabase;
  let app: ReturnType<typeof testApp>;
  before(async () => {
    t = await openTestDatabase(DEFAULT_STUDY_DIR);
    app = testApp(t);
    for (const [username, role] of [
      ['anna', 'researcher'],
      ['piet', 'partner'],
      ['pia', 'partner'],
      ['quinten', 'qualitative'],
    ] as const)
      await createUser(t.db, { username, passwordHash: await hashPassword(PASSWORD), role });
    await insertChannel(t.db, {
      slug: OWN,
      name: 'Taalschool Noord',
      kind: 'language-school',
      municipality: 'Leeuwarden',
      createdBy: null,
    });
    await insertChannel(t.db, { slug: OTHER, name: 'Gemeente Zuid', kind: 'municipality', municipality: 'Maastricht', createdBy: null });
    const suriye = { 'Q2.03': 10, 'Q2.03_anders': 'Suriye' };
    await insertResponsesBulk(t.db, [
      // Own channel, 15 October: 12 Wi2021-asiel (5 name their country "Suriye" under "Anders, namelijk...",
      // 4 choose Syrië) and 3 Wi2021-gezin.
      ...responses(5, { questionnaire: 'wi2021-asiel', channel: OWN, day: '2024-10-15', answers: suriye }),
      ...responses(4, { questionnaire: 'wi2021-asiel', channel: OWN, day: '2024-10-15', answers: { 'Q2.03': 1 } }),
      ...responses(3, { questionnaire: 'wi2021-asiel', channel: OWN, day: '2024-10-15' }),
      ...responses(3, { questionnaire: 'wi2021-gezin', channel: OWN, day: '2024-10-15' }),
      // 16 October: 15 Wi2021-asiel (2 write "سوريا"), 11 Wi2021-gezin, and 2 started that are not completed.
      ...responses(2, {
        questionnaire: 'wi2021-asiel',
        channel: OWN,
        day: '2024-10-16',
        answers: { 'Q2.03': 10, 'Q2.03_anders': 'سوريا' },
      }),
      ...responses(13, { questionnaire: 'wi2021-asiel', channel: OWN, day: '2024-10-16' }),
      ...responses(11, { questionnaire: 'wi2021-gezin', channel: OWN, day: '2024-10-16' }),
      ...responses(2, { questionnaire: 'wi2021-asiel', channel: OWN, day: '2024-10-16', completed: false }),
      // The other partner's channel: 37 Wi2021-asiel on 15 October.
      ...responses(37, { questionnaire: 'wi2021-asiel', channel: OTHER, day: '2024-10-15' }),
    ]);
    const tie = async (slug: string, username: string) =>
      t.db.execute(sql`insert into channel_partners (channel_id, user_id)
        select c.id, u.id from channels c, users u where c.slug = ${slug} and u.username = ${username}`);
    await tie(OTHER, 'pia');
  });
  after(async () => t.close());

  const login = async (username: string) => {
    const browser = new Browser(app);
    const form = await (await browser.request('/onderzoek/login')).text();
    const res = await browser.request('/onderzoek/login', { form: { _csrf: hiddenValue(form, '_csrf'), username, password: PASSWORD } });
    assert.equal(res.status, 303, `login ${username}`);
    return { browser, location: res.headers.get('location') };
  };

  it('lets the research team tie a partner account to a channel, refusing names that are not partner accounts', async () => {
    const { browser } = await login('anna');
    const path = `/onderzoek/kanalen/${OWN}/partners`;
    const channelPage = await (await browser.request(`/onderzoek/kanalen/${OWN}`)).text();
    assert.match(channelPage, new RegExp(`href="${path}"`));
    const html = await (await browser.request(path)).text();
    const csrf = hiddenValue(html, '_csrf');
    assert.equal((await browser.request(path, { form: { action: 'link', username: 'piet' } })).status, 403, 'no CSRF token');
    const unknown = await browser.request(path, { form: { _csrf: csrf, action: 'link', username: 'nobody' } });
    assert.equal(unknown.status, 422);
    assert.match(await unknown.text(), /Gebruikersnaam: er is geen account &quot;nobody&quot;/);
    const researcher = await browser.request(path, { form: { _csrf: csrf, action: 'link', username: 'anna' } });
    assert.equal(researcher.status, 422);
    assert.match(await researcher.text(), /&quot;anna&quot; heeft de rol Onderzoeker; alleen een partneraccount/);
    const notTied = await browser.request(path, { form: { _csrf: csrf, action: 'unlink', username: 'piet' } });
    assert.equal(notTied.status, 422);
    const count = async () =>
      ((await t.db.execute<{ n: number }>(sql`select count(*)::int as n from channel_partners`)) as { rows: { n: number }[] }).rows[0]!.n;
    assert.equal(await count(), 1, 'nothing stored by the refused posts');
    const tied = await browser.submit(path, { _csrf: csrf, action: 'link', username: 'piet' });
    assert.equal(tied.status, 200);
    assert.match(tied.html, /<li><form[^>]*>.*piet/s);
    assert.equal(await count(), 2);
    const audited = (await t.db.execute<{ detail: { channel: string; partner: string } }>(
      sql`select detail from audit_log where action = 'channel-partner-added'`,
    )) as {
      rows: { detail: { channel: string; partner: string } }[];
    };
    assert.deepEqual(
      audited.rows.map((r) => r.detail),
      [{ channel: OWN, partner: 'piet' }],
    );
    // A partner cannot open this page (nor tie themselves to another channel).
    const { browser: piet } = await login('piet');
    assert.equal((await piet.request(`/onderzoek/kanalen/${OTHER}/partners`)).status, 403);
  });

  it("shows a partner its own channel's completed responses by day and group, every count under 10 as <10", async () => {
    const { browser, location } = await login('piet');
    assert.equal(location, '/onderzoek/partner', 'a partner lands on the partner view');
    const res = await browser.request('/onderzoek/partner');
    assert.equal(res.status, 200);
    const html = await res.text();
    assert.match(html, /Taalschool Noord/);
    // Written out by hand from the fixture: 15 Oct 12 + 3, 16 Oct 15 + 11 (the 2 unfinished do not count).
    // The 3 is under 10; its column's other count (11) is hidden too, or 14 - 11 would give it away.
    assert.deepEqual(tableRows(html), [
      ['Datum', 'Wi2021-asiel', 'Wi2021-gezin', 'Wi2013-asiel', 'Wi2013-gezin', 'Onbekend', 'Totaal'],
      ['2024-10-15', '12', '<10', '<10', '<10', '<10', '15'],
      ['2024-10-16', '15', '·', '<10', '<10', '<10', '26'],
      ['Totaal', '27', '14', '<10', '<10', '<10', '41'],
    ]);
  });

  it("never shows a partner another channel's name or numbers or a response id, on any route of the workspace", async () => {
    const { browser } = await login('piet');
    const csrf = hiddenValue(await (await browser.request('/onderzoek/partner')).text(), '_csrf');
    const routes = [...new Set(app.routes.filter((r) => r.method === 'GET' || r.method === 'POST').map((r) => `${r.method} ${r.path}`))]
      .filter((r) => r.includes(' /onderzoek') && !r.includes('*') && !/\/(login|logout)$/.test(r))
      .map((r) => {
        const [method, path] = r.split(' ') as [string, string];
        // Parameters name the other partner's channel, a response of it, or a number.
        return {
          method,
          path: path
            .replace(/:slug/g, OTHER)
            .replace(/:id(\{[^}]*\})?/g, '1')
            .replace(/:code(\{[^}]*\})?/g, 'ABCDEF'),
        };
      });
    assert.ok(routes.length > 30, `${routes.length} routes`);
    // A partner opens the partner view and its own group sessions; every other route refuses it.
    const allowed = new Set(['GET /onderzoek/partner', 'GET /onderzoek/sessies', 'POST /onderzoek/sessies']);
    const reached: string[] = [];
    for (const { method, path } of routes) {
      const form = {
        _csrf: csrf,
        meting: '2024',
        response: ids[30]!,
        check: 'speeders',
        decision: 'exclude',
        reason: 'x',
        action: 'link',
        username: 'piet',
      };
      const res = method === 'GET' ? await browser.request(`${path}?meting=2024&kanaal=${OTHER}`) : await browser.request(path, { form });
      const body = await res.text();
      if (res.status < 400) reached.push(`${method} ${path}`);
      if (!allowed.has(`${method} ${path}`)) assert.ok(res.status === 403 || res.status === 404, `${method} ${path}: ${res.status}`);
      assert.doesNotMatch(body, /Gemeente Zuid|gemeente-zuid/, `${method} ${path} names the other channel`);
      assert.ok(!tableRows(body).flat().includes('37'), `${method} ${path} shows the other channel's count`);
      assert.doesNotMatch(body, /00000000-0000-4000-8000-/, `${method} ${path} shows a response id`);
    }
    assert.ok(reached.includes('GET /onderzoek/partner') && reached.every((r) => allowed.has(r)), reached.join(', '));
    // Nothing a partner posted was stored as a decision or a tie.
    const stored = (await t.db.execute<{
      reviews: number;
      ties: number;
    }>(sql`select (select count(*)::int from response_reviews) as reviews,
      (select count(*)::int from channel_partners cp join users u on u.id = cp.user_id where u.username = 'piet') as ties`)) as {
      rows: { reviews: number; ties: number }[];
    };
    assert.deepEqual(stored.rows[0], { reviews: 0, ties: 1 });
  });

  it('keeps the partner view from researchers and qualitative researchers, and the research pages from qualitative researchers', async () => {
    const { browser: anna } = await login('anna');
    assert.equal((await anna.request('/onderzoek/partner')).status, 403);
    const { browser: quinten } = await login('quinten');
    for (const path of [
      '/onderzoek/partner',
      '/onderzoek/monitor',
      '/onderzoek/controles',
      '/onderzoek/hercoderen',
      `/onderzoek/kanalen/${OWN}/partners`,
    ])
      assert.equal((await quinten.request(path)).status, 403, path);
    assert.equal((await new Browser(app).request('/onderzoek/partner')).status, 303, 'no session: to the login page');
  });

  it('recodes "Suriye" to Syrië in the analysis of Q2.03 once confirmed, and back once undone, logging both', async () => {
    // Q2.03 by type inburgeraar through the analysis path (the report shows it only as Figure 2.7).
    const syria = async () => {
      const wave = findWave(t.study, '2024');
      const { data } = await loadWaveDataset(t.db, t.study, wave);
      const result = exploreTable([{ wave, data, weights: null, within: null }], { item: 'Q2.03', breakdown: 'type' }, NO_CHANNELS);
      assert.ok(result.kind === 'frequency');
      const table = result.table;
      const column = table.columns.findIndex((c) => c.label.nl?.text === 'Wi2021-asiel');
      const row = (code: number) => table.rows.find((r) => r.code === code)!.count[column];
      return { syria: row(1), other: row(10) };
    };
    // 4 chose Syrië; 5 wrote "Suriye" and 2 "سوريا" under "Anders, namelijk..." (the other channel left Q2.03 open).
    assert.deepEqual(await syria(), { syria: 4, other: 7 });
    const { browser } = await login('anna');
    const page = await (await browser.request('/onderzoek/hercoderen?meting=2024')).text();
    const row = tableRows(page).find((cells) => cells[1] === 'Suriye');
    assert.ok(row, 'the queue lists the text');
    assert.equal(row[2], '5');
    assert.match(row[3]!, /^Syrië \(exact\)/, 'suggested from the Turkish option text');
    const csrf = hiddenValue(page, '_csrf');
    const form = { _csrf: csrf, meting: '2024', field: 'Q2.03_anders', code: '1' };
    const segment = [...page.matchAll(/<tr>.*?<\/tr>/gs)].find((m) => m[0].includes('>Suriye<'))![0];
    assert.match(segment, /<option value="1" selected/, 'the suggestion is preselected');
    const key = hiddenValue(segment, 'key');
    const bad = await browser.request('/onderzoek/hercoderen', { form: { ...form, key, code: '77' } });
    assert.equal(bad.status, 422);
    assert.match(await bad.text(), /Categorie: &quot;77&quot; is geen antwoordcategorie van Q2.03/);
    assert.equal((await browser.request('/onderzoek/hercoderen', { form: { ...form, key, _csrf: 'wrong' } })).status, 403);
    assert.deepEqual(await syria(), { syria: 4, other: 7 }, 'refused posts change nothing');
    const done = await browser.submit('/onderzoek/hercoderen', { ...form, key });
    assert.equal(done.status, 200);
    assert.deepEqual(await syria(), { syria: 9, other: 2 });
    const undone = await browser.submit('/onderzoek/hercoderen/terug', { _csrf: csrf, meting: '2024', field: 'Q2.03_anders', key });
    assert.equal(undone.status, 200);
    assert.deepEqual(await syria(), { syria: 4, other: 7 });
    const log = (await t.db.execute<{ action: string; detail: { responses: number } }>(
      sql`select action, detail from audit_log where action like 'recode%' order by id`,
    )) as {
      rows: { action: string; detail: { responses: number } }[];
    };
    assert.deepEqual(
      log.rows.map((r) => [r.action, r.detail.responses]),
      [
        ['recode', 5],
        ['recode-revoked', 5],
      ],
    );
  });
});
