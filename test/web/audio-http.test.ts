// Recordings: a researcher uploads one for a question in a language, the respondent's page gets a play
// control for it (and only for it), the file is served with a cache-forever URL; bad uploads are refused.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createUser } from '../../src/storage/users.ts';
import { detectAudio } from '../../src/web/audio-format.ts';
import { hashPassword } from '../../src/web/researcher/password.ts';
import { backendName, openTestDatabase, type TestDatabase } from '../support/db.ts';
import { Browser, hiddenValue, testApp } from '../support/http.ts';

const MP3 = new Uint8Array([0x49, 0x44, 0x33, 0x04, 0, 0, 0, 0, 0, 0x10, ...new Array<number>(64).fill(0x55)]);

describe(`audio recordings on ${backendName()}`, () => {
  let t: TestDatabase;
  let app: ReturnType<typeof testApp>;
  let researcher: Browser;
  let csrf: string;
  before(async () => {
    t = await openTestDatabase();
    app = testApp(t);
    await createUser(t.db, { username: 'anna', passwordHash: await hashPassword('audio'), role: 'researcher' });
    researcher = new Browser(app);
    const login = await (await researcher.request('/onderzoek/login')).text();
    await researcher.request('/onderzoek/login', { form: { _csrf: hiddenValue(login, '_csrf'), username: 'anna', password: 'audio' } });
    csrf = hiddenValue(await (await researcher.request('/onderzoek/audio')).text(), '_csrf');
  });
  after(async () => t.close());

  const upload = (fields: Record<string, string>, bytes: Uint8Array<ArrayBuffer> = MP3) => {
    const form = new FormData();
    for (const [k, v] of Object.entries({ _csrf: csrf, ...fields })) form.append(k, v);
    form.append('file', new Blob([bytes]), 'opname.mp3');
    return researcher.request('/onderzoek/audio', { multipart: form });
  };

  it('recognises audio by its first bytes', () => {
    assert.equal(detectAudio(MP3), 'audio/mpeg');
    assert.equal(detectAudio(new TextEncoder().encode('OggS\0\0\0\0\0\0\0\0\0\0')), 'audio/ogg');
    assert.equal(detectAudio(new TextEncoder().encode('RIFF\0\0\0\0WAVEfmt ')), 'audio/wav');
    assert.equal(detectAudio(new TextEncoder().encode('<html><script>x</script></html>')), null);
  });

  it('refuses uploads that are not audio, name no item, or lack the CSRF token', async () => {
    assert.equal(
      (await upload({ questionnaire: 'kort', target: 'Q4.05', language: 'nl' }, new TextEncoder().encode('<html>not audio at all</html>')))
        .status,
      422,
    );
    assert.equal((await upload({ questionnaire: 'kort', target: 'Q77', language: 'nl' })).status, 422);
    assert.equal((await upload({ questionnaire: 'kort', target: 'Q4.05:9', language: 'nl' })).status, 422);
    const noCsrf = new FormData();
    noCsrf.append('questionnaire', 'kort');
    assert.equal((await researcher.request('/onderzoek/audio', { multipart: noCsrf })).status, 403);
  });

  it('shows a play control for the recorded question in that language only, and serves the file', async () => {
    assert.equal((await upload({ questionnaire: 'kort', target: 'Q4.05', language: 'ti' })).status, 303);
    assert.equal((await upload({ questionnaire: 'kort', target: 'Q4.05:1', language: 'ti' })).status, 303);
    const respondent = new Browser(app);
    for (const [lang, expected] of [
      ['ti', 2],
      ['nl', 0],
    ] as const) {
      let page = await respondent.submit(`/${lang}/start`, { questionnaire: 'kort' });
      page = await respondent.submit(page.path, { _page: 'over_u', _action: 'next', 'Q2.01': '1', 'Q2.02': '30' });
      const controls = [...page.html.matchAll(/<audio class="listen" controls="" preload="none" src="([^"]+)"/g)].map((m) => m[1]!);
      assert.equal(controls.length, expected, lang);
      if (lang === 'ti') {
        assert.match(controls[0]!, /^\/audio\/kort\/ti\/Q4\.05\?v=[0-9a-f]{64}$/);
        const file = await respondent.request(controls[0]!.replace(/&amp;/g, '&'));
        assert.equal(file.status, 200);
        assert.equal(file.headers.get('content-type'), 'audio/mpeg');
        assert.match(file.headers.get('cache-control')!, /immutable/);
        assert.deepEqual(new Uint8Array(await file.arrayBuffer()), MP3);
      }
    }
  });

  it('deletes a recording, after which the page has no control for it and its file is gone', async () => {
    assert.equal((await upload({ questionnaire: 'kort', target: 'Q4.05', language: 'ti' })).status, 303);
    const controls = async () => {
      const respondent = new Browser(app);
      let page = await respondent.submit('/ti/start', { questionnaire: 'kort' });
      page = await respondent.submit(page.path, { _page: 'over_u', _action: 'next', 'Q2.01': '1', 'Q2.02': '30' });
      return [...page.html.matchAll(/<audio class="listen" controls="" preload="none" src="\/audio\/kort\/ti\/Q4\.05\?/g)].length;
    };
    assert.equal(await controls(), 1, 'uploaded: the question has its control');
    assert.equal((await researcher.request('/audio/kort/ti/Q4.05')).status, 200);
    const res = await researcher.request('/onderzoek/audio/verwijder', {
      form: { _csrf: csrf, questionnaire: 'kort', target: 'Q4.05', language: 'ti' },
    });
    assert.equal(res.status, 303);
    assert.equal(await controls(), 0, 'deleted: no control for the question');
    assert.equal((await researcher.request('/audio/kort/ti/Q4.05')).status, 404);
  });
});
