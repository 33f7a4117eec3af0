// The qualitative workspace over HTTP as a browser without JavaScript uses it: the qualitative role reaches
// these pages and nothing of the survey; posts need the CSRF token; transcripts upload as files and a bad
// one is refused whole; coding by pasted words; quotes filtered and exported with an audit entry.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { addCode, addParticipants, addQuotes, addSessions } from '../../src/qual/index.ts';
import { createResponse } from '../../src/storage/responses.ts';
import { createUser } from '../../src/storage/users.ts';
import { hashPassword } from '../../src/web/researcher/password.ts';
import { backendName, openTestDatabase, type TestDatabase } from '../support/db.ts';
import { Browser, hiddenValue, testApp } from '../support/http.ts';

const rows = <T>(result: unknown): T[] => (result as { rows?: T[] }).rows ?? (result as T[]);

describe(`qualitative workspace over HTTP on ${backendName()}`, () => {
  let t: TestDatabase;
  let app: ReturnType<typeof testApp>;
  before(async () => {
    t = await openTestDatabase();
    app = testApp(t);
    for (const [username, role] of [
      ['quinn', 'qualitative'],
      ['anna', 'researcher'],
    ] as const)
      await createUser(t.db, { username, passwordHash: await hashPassword('correct horse'), role });
    await createResponse(t.db, {
      questionnaireId: 'kort',
      questionnaireVersion: 1,
      waveId: 'inburgeraars:2024',
      language: 'nl',
      channel: 'web',
    });
    await addParticipants(t.db, [
      {
        code: 'EP-Z-01',
        kind: 'expert-pool',
        pool: 'z-route',
        migrantType: 'asiel',
        gender: 'man',
        age: 57,
        country: 'Turkije',
        learningRoute: 'z',
      },
      {
        code: 'EP-Z-02',
        kind: 'expert-pool',
        pool: 'z-route',
        migrantType: 'asiel',
        gender: 'vrouw',
        age: 49,
        country: '<script>x</script>',
        learningRoute: 'z',
      },
    ]);
    await addSessions(t.db, [
      { code: 'POOL-Z-1', kind: 'pool-meeting', pool: 'z-route', facilitator: 'Gespreksleider', participantCodes: ['EP-Z-01', 'EP-Z-02'] },
    ]);
    const code = await addCode(t.db, { name: 'Participatie leidt niet naar werk', sections: ['3.4'] });
    await addQuotes(t.db, [
      {
        participantCode: 'EP-Z-01',
        sessionCode: 'POOL-Z-1',
        codeId: code.id,
        language: 'tr',
        text: 'Çalışmak istiyorum.',
        textNl: 'Ik wil werken.',
        reportSection: '3.4',
      },
      {
        participantCode: 'EP-Z-02',
        sessionCode: 'POOL-Z-1',
        codeId: code.id,
        language: 'nl',
        text: 'Ik ben bang om te praten.',
        textNl: 'Ik ben bang om te praten.',
      },
    ]);
  });
  after(async () => t.close());

  const login = async (username: string) => {
    const browser = new Browser(app);
    const form = await (await browser.request('/onderzoek/login')).text();
    const res = await browser.request('/onderzoek/login', {
      form: { _csrf: hiddenValue(form, '_csrf'), username, password: 'correct horse' },
    });
    assert.equal(res.status, 303);
    const home = await (await browser.request('/onderzoek/kwalitatief')).text();
    return {
      browser,
      csrf: hiddenValue(
        home.includes('name="_csrf"') ? home : await (await browser.request('/onderzoek/kwalitatief/deelnemers')).text(),
        '_csrf',
      ),
    };
  };

  it('lets the qualitative role reach the qualitative pages and nothing of the survey responses', async () => {
    const { browser } = await login('quinn');
    const overview = await browser.request('/onderzoek');
    assert.equal(overview.status, 303);
    assert.equal(overview.headers.get('location'), '/onderzoek/kwalitatief');
    const frequency = await browser.request('/onderzoek?vraag=kort@1:Q2.01');
    assert.equal(frequency.status, 303, 'no frequency table of survey answers');
    assert.equal((await browser.request('/onderzoek/export.csv')).status, 403);
    assert.equal((await browser.request('/onderzoek/audio')).status, 403);
    for (const path of ['', '/deelnemers', '/sessies', '/patronen', '/citaten']) {
      const res = await browser.request(`/onderzoek/kwalitatief${path}`);
      assert.equal(res.status, 200, path);
      const html = await res.text();
      assert.doesNotMatch(html, /Respons per vragenlijst|Frequentietabel/);
    }
    // A researcher still sees the survey overview.
    const anna = await login('anna');
    assert.equal((await anna.browser.request('/onderzoek')).status, 200);
  });

  it('shows Tables 2.7 and 2.8 and the register with every value escaped', async () => {
    const { browser } = await login('quinn');
    const overview = await (await browser.request('/onderzoek/kwalitatief')).text();
    assert.match(overview, /Tabel 2\.7 Kenmerken deelnemers expertpools \(N = 2\)/);
    assert.match(overview, /<th>Vrouw<\/th><td class="num">-<\/td><td class="num">1 \(50%\)<\/td>/);
    const register = await (await browser.request('/onderzoek/kwalitatief/deelnemers')).text();
    assert.match(register, /&lt;script&gt;x&lt;\/script&gt;/);
    assert.doesNotMatch(register, /<script>x/);
  });

  it('adds a participant only with the CSRF token, and says which field is wrong', async () => {
    const { browser, csrf } = await login('quinn');
    const form = {
      code: 'EP-Z-03',
      kind: 'expert-pool',
      pool: 'z-route',
      migrantType: 'asiel',
      gender: 'man',
      age: '34',
      learningRoute: 'z',
      country: 'Syrië',
    };
    assert.equal((await browser.request('/onderzoek/kwalitatief/deelnemers', { form })).status, 403);
    const bad = await browser.request('/onderzoek/kwalitatief/deelnemers', { form: { ...form, _csrf: csrf, age: 'oud' } });
    assert.equal(bad.status, 422);
    assert.match(await bad.text(), /field age/);
    const ok = await browser.submit('/onderzoek/kwalitatief/deelnemers', { ...form, _csrf: csrf });
    assert.equal(ok.path, '/onderzoek/kwalitatief/deelnemers');
    assert.match(ok.html, /EP-Z-03/);
  });

  it('imports an uploaded transcript, refuses a broken one whole, and codes a turn by its words', async () => {
    const { browser, csrf } = await login('quinn');
    const upload = (name: string, text: string) => {
      const form = new FormData();
      form.set('_csrf', csrf);
      form.set('session', 'POOL-Z-1');
      form.set('file', new File([text], name));
      form.set('speakers', 'Ayşe=EP-Z-02');
      return browser.request('/onderzoek/kwalitatief/sessies/transcript', { multipart: form });
    };
    const count = async () => rows<{ n: number }>(await t.db.execute(sql`select count(*)::int as n from qual_turns`))[0]!.n;
    const before = await count();
    const broken = await upload('kapot.vtt', 'WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v EP-Z-01>Ja.\n\nAyşe: zonder tijd\n');
    assert.equal(broken.status, 422);
    assert.match(await broken.text(), /kapot\.vtt, line 6: a cue without a time/);
    assert.equal(await count(), before);
    const ok = await upload(
      'pool.txt',
      'Gespreksleider: Wat vindt u?\n\nEP-Z-01: Ik wil werken, maar de participatie bereidt me daar niet op voor.\n\nAyşe: Ik ben bang om te praten.\n',
    );
    assert.equal(ok.status, 303);
    const transcriptPath = ok.headers.get('location')!;
    const page = await (await browser.request(transcriptPath)).text();
    const turn = /name="turn" value="(\d+)"/.exec(page)![1]!;
    const pattern = /<option value="(\d+)">Participatie/.exec(page)![1]!;
    const coded = await browser.submit(`${transcriptPath}/codeer`, {
      _csrf: csrf,
      turn,
      pattern,
      fragment: 'de participatie bereidt me daar niet op voor',
    });
    assert.equal(coded.status, 200);
    assert.match(coded.html, /Gecodeerd: Participatie leidt niet naar werk \(quinn\) “de participatie bereidt me daar niet op voor”/);
    const wrong = await browser.request(`${transcriptPath}/codeer`, { form: { _csrf: csrf, turn, pattern, fragment: 'niet in de tekst' } });
    assert.equal(wrong.status, 422);
  });

  it('filters quotes by route, shows both texts with their status, and audits the export', async () => {
    const { browser } = await login('quinn');
    const page = await (await browser.request('/onderzoek/kwalitatief/citaten?route=Z-route&gender=man')).text();
    assert.match(page, /“Ik wil werken\.” \(man, 57, Turkije, Z-route\)/);
    assert.match(page, /<p lang="tr">Çalışmak istiyorum\.<\/p>/);
    assert.doesNotMatch(page, /bang om te praten/);
    const csv = await browser.request('/onderzoek/kwalitatief/citaten.csv?route=Z-route');
    assert.equal(csv.status, 200);
    assert.match(await csv.text(), /\(man, 57, Turkije, Z-route\)/);
    const qdc = await browser.request('/onderzoek/kwalitatief/codeboek.qdc');
    assert.match(await qdc.text(), /urn:QDA-XML:codebook:1\.0/);
    const audits = rows<{ detail: { what: string; format: string } }>(
      await t.db.execute(sql`select detail from audit_log where action = 'export'`),
    );
    assert.deepEqual(audits.map((a) => `${a.detail.what}:${a.detail.format}`).sort(), ['qual-codebook:qdc', 'qual-quotes:csv']);
  });
});
