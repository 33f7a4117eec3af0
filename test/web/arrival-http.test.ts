// How people arrive: filter questions that choose the questionnaire (the same in every language), the code
// from a letter (start, then resume with the same code), and a group session's code.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { createCatalog } from '../../src/i18n/catalog.ts';
import { createGroupSession, listGroupSessions } from '../../src/storage/group-sessions.ts';
import { countInvitations, createInvitations, findInvitation } from '../../src/storage/invitations.ts';
import { findResponseById } from '../../src/storage/responses.ts';
import { backendName, openTestDatabase, type TestDatabase } from '../support/db.ts';
import { Browser, hiddenValue, testApp } from '../support/http.ts';

const STUDY = fileURLToPath(new URL('../fixtures/study-landing', import.meta.url));

describe(`arrival: filter questions, letters and group sessions on ${backendName()}`, () => {
  let t: TestDatabase;
  let app: ReturnType<typeof testApp>;
  before(async () => {
    t = await openTestDatabase(STUDY);
    app = testApp(t);
  });
  after(async () => t.close());

  const latestResponse = async (): Promise<{ questionnaire: string; channel: string; landing: unknown; group: number | null }> => {
    const rows = await t.db.execute(
      sql`select questionnaire_id, channel, landing, group_session_id from responses order by started_at desc limit 1`,
    );
    const row = (rows as { rows: Record<string, unknown>[] }).rows[0]!;
    return {
      questionnaire: row['questionnaire_id'] as string,
      channel: row['channel'] as string,
      landing: row['landing'],
      group: row['group_session_id'] as number | null,
    };
  };

  it('sends the same filter answers to the same questionnaire in every language', async () => {
    for (const lang of ['nl', 'en', 'ar', 'tr', 'ti']) {
      for (const [permit, expected] of [
        ['1', 'kort'],
        ['2', 'kort-gezin'],
      ] as const) {
        const browser = new Browser(app);
        const first = await (await browser.request(`/${lang}/vragen?kanaal=gemeente-breda`)).text();
        assert.equal(hiddenValue(first, '_page'), 'wet');
        const second = await browser.submit(`/${lang}/vragen`, { _page: 'wet', _kanaal: hiddenValue(first, '_kanaal'), F1: '1' });
        assert.equal(hiddenValue(second.html, '_page'), 'vergunning');
        assert.equal(hiddenValue(second.html, '_prev.F1'), '1');
        const started = await browser.submit(`/${lang}/vragen`, {
          _page: 'vergunning',
          _kanaal: 'gemeente-breda',
          '_prev.F1': '1',
          F2: permit,
        });
        assert.match(started.path, /^\/s\/[A-Z0-9]{12}$/, `${lang} ${permit}`);
        const stored = await latestResponse();
        assert.equal(stored.questionnaire, expected, `${lang} permit ${permit}`);
        assert.equal(stored.channel, 'gemeente-breda');
        assert.deepEqual(stored.landing, { F1: 1, F2: Number(permit) });
      }
    }
  });

  it('does not let a link claim a reserved channel (demo data, group sessions)', async () => {
    for (const claimed of ['demo-duo-brief', 'sessie-acdefh']) {
      const browser = new Browser(app);
      const started = await browser.submit('/nl/vragen', { _page: 'vergunning', _kanaal: claimed, '_prev.F1': '1', F2: '1' });
      assert.match(started.path, /^\/s\//);
      assert.equal((await latestResponse()).channel, 'web', claimed);
    }
  });

  it('says plainly when no questionnaire fits, and asks again for a missing answer', async () => {
    const browser = new Browser(app);
    const none = await browser.submit('/nl/vragen', { _page: 'wet', _kanaal: 'web', F1: '2' });
    assert.match(none.html, /Geen vragenlijst past bij uw antwoorden/);
    assert.match(none.html, /Deze test heeft geen vragenlijst voor u/);
    const missing = await browser.request('/nl/vragen', { form: { _page: 'vergunning', _kanaal: 'web', '_prev.F1': '1' } });
    assert.equal(missing.status, 422);
    assert.match(await missing.text(), /Geef hier een antwoord/);
    const tampered = await browser.request('/nl/vragen', { form: { _page: 'vergunning', _kanaal: 'web', '_prev.F1': '9', F2: '1' } });
    assert.notEqual(tampered.status, 303, 'an invalid carried answer does not start a questionnaire');
    assert.ok(tampered.status >= 400 && tampered.status < 500);
  });

  it('starts with the code from a letter, and the same code resumes the same response', async () => {
    const codes = await createInvitations(t.db, { waveId: 'inburgeraars:2024', count: 3, channel: 'duo-brief' });
    assert.equal(codes.length, 3);
    assert.ok(codes.every((c) => /^[A-Z0-9]{10}$/.test(c)));
    const stored = await t.db.execute(sql`select code_hash from invitations`);
    for (const code of codes) assert.ok(!JSON.stringify(stored).includes(code), 'plain codes are not stored');
    const code = codes[0]!;
    const browser = new Browser(app);
    const filter = await browser.submit('/ar/hervat', { code: `${code.slice(0, 5).toLowerCase()}-${code.slice(5)}` });
    assert.equal(hiddenValue(filter.html, '_code'), code);
    const f2 = await browser.submit('/ar/vragen', { _page: 'wet', _kanaal: hiddenValue(filter.html, '_kanaal'), _code: code, F1: '1' });
    const started = await browser.submit('/ar/vragen', {
      _page: 'vergunning',
      _kanaal: hiddenValue(f2.html, '_kanaal'),
      _code: code,
      '_prev.F1': '1',
      F2: '1',
    });
    assert.equal(started.path, `/i/${code}`);
    // The Arabic box with the letter's code, however a reviewer words it: the catalogue's text around the code.
    const [boxText] = createCatalog().t('ar', 'letter.box', { code: '\u0000' }).split('\u0000');
    assert.ok(started.html.includes(boxText!.trim()), boxText);
    const afterFirst = await browser.submit(started.path, { _page: 'over_u', _action: 'next', 'Q2.01': '1', 'Q2.02': '35' });
    assert.equal(hiddenValue(afterFirst.html, '_page'), 'taalcursus');
    const invitation = await findInvitation(t.db, code);
    const response = await findResponseById(t.db, invitation!.responseId!);
    assert.equal(response?.channel, 'duo-brief');
    assert.deepEqual(await countInvitations(t.db, 'inburgeraars:2024'), { total: 3, used: 1 });
    // another phone, same letter: continues where the person was
    const other = new Browser(app);
    const resumed = await other.submit('/nl/hervat', { code });
    assert.equal(resumed.path, `/i/${code}`);
    assert.equal(hiddenValue(resumed.html, '_page'), 'taalcursus');
    // withdrawing frees the letter's code
    const done = await other.request(`/i/${code}/intrekken`, { form: { confirm: 'yes' } });
    assert.equal(done.status, 200);
    assert.equal(await findResponseById(t.db, response.id), null);
    assert.equal((await findInvitation(t.db, code))?.responseId, null);
  });

  it('joins a group session by its code; the session is the channel and the facilitator sees only counts', async () => {
    const session = await createGroupSession(t.db, {
      waveId: 'inburgeraars:2024',
      label: 'Taalschool Leeuwarden, groep 3',
      createdBy: null,
      hours: 3,
    });
    assert.match(session.code, /^[A-Z0-9]{6}$/);
    for (let i = 0; i < 2; i++) {
      const browser = new Browser(app);
      const filter = await browser.submit('/ti/hervat', { code: session.code.toLowerCase() });
      assert.match(filter.html, /Taalschool Leeuwarden, groep 3/);
      const f2 = await browser.submit('/ti/vragen', {
        _page: 'wet',
        _kanaal: hiddenValue(filter.html, '_kanaal'),
        _code: session.code,
        F1: '1',
      });
      const started = await browser.submit('/ti/vragen', {
        _page: 'vergunning',
        _kanaal: hiddenValue(f2.html, '_kanaal'),
        _code: session.code,
        '_prev.F1': '1',
        F2: '2',
      });
      assert.match(started.path, /^\/s\//);
      const stored = await latestResponse();
      assert.equal(stored.channel, `sessie-${session.code.toLowerCase()}`);
      assert.equal(stored.group, session.id);
    }
    const [listed] = (await listGroupSessions(t.db, null)).filter((s) => s.id === session.id);
    assert.deepEqual({ started: listed?.started, completed: listed?.completed }, { started: 2, completed: 0 });
  });

  it('does not find a closed group session or an unknown code', async () => {
    const closed = await createGroupSession(t.db, { waveId: 'inburgeraars:2024', label: 'gisteren', createdBy: null, hours: -1 });
    const browser = new Browser(app);
    assert.equal((await browser.request('/nl/hervat', { form: { code: closed.code } })).status, 404);
    assert.equal((await browser.request('/nl/hervat', { form: { code: 'ACDEFHJKMN' } })).status, 404);
    assert.equal((await browser.request('/nl/hervat', { form: { code: 'not a code' } })).status, 404);
  });
});
