// Page posts over a real socket (@hono/node-server), where the body is read straight from Node's request
// stream: normal posts, posts over the size limit with and without a Content-Length, and the same page
// posted twice at the same moment, which must be stored once.
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, it } from 'node:test';
import { MAX_BODY_BYTES } from '../../src/web/respondent/common.ts';
import { findResponseBySecret, loadResponseState } from '../../src/storage/responses.ts';
import { backendName, openTestDatabase, type TestDatabase } from '../support/db.ts';
import { startServer } from '../support/server.ts';

interface Reply {
  readonly status: number;
  readonly location: string | undefined;
  readonly body: string;
}

function post(url: string, body: string, chunked = false): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const headers: http.OutgoingHttpHeaders = { 'content-type': 'application/x-www-form-urlencoded' };
    if (!chunked) headers['content-length'] = Buffer.byteLength(body);
    const req = http.request(url, { method: 'POST', headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, location: res.headers.location, body: text }));
    });
    req.on('error', reject);
    // Several writes, so a chunked body arrives in several chunks.
    for (let i = 0; i < body.length; i += 64 * 1024) req.write(body.slice(i, i + 64 * 1024));
    req.end();
  });
}

describe(`page posts over a socket on ${backendName()}`, () => {
  let t: TestDatabase;
  let server: { url: string; close: () => Promise<void> };
  before(async () => {
    t = await openTestDatabase();
    server = await startServer(t);
  });
  after(async () => {
    await server.close();
    await t.close();
  });

  const begin = async (): Promise<string> => {
    const started = await post(`${server.url}/nl/start`, 'questionnaire=kort');
    assert.equal(started.status, 303);
    return started.location!;
  };

  it('stores a page, and refuses posts over the limit with 413 whether or not they give their length', async () => {
    const path = await begin();
    const ok = await post(`${server.url}${path}`, '_page=over_u&_action=next&Q2.01=2&Q2.02=40');
    assert.equal(ok.status, 303);
    const huge = `_page=taalcursus&_action=next&Q4.05=1&x=${'a'.repeat(MAX_BODY_BYTES)}`;
    assert.equal((await post(`${server.url}${path}`, huge)).status, 413);
    const chunked = await post(`${server.url}${path}`, huge, true);
    assert.equal(chunked.status, 413);
    assert.match(chunked.body, /<html/, 'a page, not a bare error');
    const state = await loadResponseState(t.db, { id: (await findResponseBySecret(t.db, path.slice(3)))!.id });
    assert.deepEqual(Object.fromEntries(state!.answers), { 'Q2.01': 2, 'Q2.02': 40 });
    assert.equal(state!.currentPage, 'taalcursus');
  });

  it('stores a page posted twice at the same moment once, and both posts get the next page', async () => {
    const path = await begin();
    await post(`${server.url}${path}`, '_page=over_u&_action=next&Q2.01=1&Q2.02=33');
    const body = '_page=taalcursus&_action=next&Q4.05=1';
    const replies = await Promise.all([post(`${server.url}${path}`, body), post(`${server.url}${path}`, body)]);
    assert.deepEqual(
      replies.map((r) => [r.status, r.location]),
      [
        [303, path],
        [303, path],
      ],
      'both are sent on to the response, which now shows its next page',
    );
    const state = await loadResponseState(t.db, { id: (await findResponseBySecret(t.db, path.slice(3)))!.id });
    assert.deepEqual(Object.fromEntries(state!.answers), { 'Q2.01': 1, 'Q2.02': 33, 'Q4.05': 1 });
    assert.equal(state!.currentPage, 'doelen');
    assert.match(await (await fetch(`${server.url}${path}`)).text(), /name="_page" value="doelen"/);
    assert.ok(state!.revision >= 2 && state!.revision <= 3, `revision ${state!.revision}: one save each, or the second refused`);
  });
});
