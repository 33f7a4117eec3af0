// REFI-QDA codebook exchange: a hierarchy with descriptions, colours, report sections and survey items
// survives export → import → export unchanged (text with XML's special characters included); a file that is
// not a codebook is refused with its line, and nothing is stored.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addCode, exportQdc, importQdc, listCodes, parseQdc, QdcError } from '../../src/qual/index.ts';
import { backendName, openTestDatabase, type TestDatabase } from '../support/db.ts';

describe(`REFI-QDA .qdc on ${backendName()}`, () => {
  let source: TestDatabase;
  let target: TestDatabase;
  before(async () => {
    [source, target] = await Promise.all([openTestDatabase(), openTestDatabase()]);
    const top = await addCode(source.db, { name: '4.4 Dualiteit', color: '#1f77b4', sections: ['4.4'], position: 0 });
    const mid = await addCode(source.db, {
      parentId: top.id,
      name: 'Oefenen van de taal',
      sections: ['4.4.2'],
      surveyItems: ['Q4.19', 'Q4.20'],
      position: 1,
    });
    await addCode(source.db, {
      parentId: mid.id,
      name: 'Buren & "taalcontact" <kort>',
      description: 'Regel één\nRegel twee met \ttab & <tekens>',
      sections: ['4.4.2'],
      position: 2,
    });
    await addCode(source.db, { name: 'Losse code zonder iets', position: 3 });
  });
  after(async () => Promise.all([source.close(), target.close()]));

  it('exports the hierarchy and imports it back unchanged into another database', async () => {
    const xml = await exportQdc(source.db);
    assert.match(xml, /<Set guid="[0-9a-f-]{36}" name="Vragenlijst Q4.19">/);
    assert.deepEqual(await importQdc(target.db, 'codeboek.qdc', xml), { added: 4, updated: 0 });
    assert.equal(await exportQdc(target.db), xml);
    const strip = (codes: Awaited<ReturnType<typeof listCodes>>) =>
      codes.map((c) => [c.guid, c.name, c.description, c.color, c.sections, c.surveyItems, c.depth]);
    assert.deepEqual(
      strip(await listCodes(target.db)),
      strip(await listCodes(source.db)).map((c) => [...c.slice(0, 3), (c[3] as string | null)?.toUpperCase() ?? null, ...c.slice(4)]),
    );
    assert.deepEqual(await importQdc(target.db, 'codeboek.qdc', xml), { added: 0, updated: 4 }, 'a second import matches by GUID');
  });

  it('refuses what is not a REFI-QDA codebook, naming the line, and stores nothing', async () => {
    const before = (await listCodes(target.db)).length;
    const bad = (xml: string, pattern: RegExp) =>
      assert.rejects(importQdc(target.db, 'x.qdc', xml), (e: unknown) => e instanceof QdcError && pattern.test(e.message));
    await bad('<Project xmlns="urn:QDA-XML:project:1.0"/>', /^x\.qdc, line 1: not a REFI-QDA codebook/);
    await bad(
      '<CodeBook xmlns="urn:QDA-XML:codebook:1.0">\n<Codes>\n<Code name="zonder guid" isCodable="true"/>\n</Codes></CodeBook>',
      /^x\.qdc, line 3: a Code needs a guid/,
    );
    const g = '0b5e3c4a-1111-4222-8333-444455556666';
    await bad(
      `<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="${g}" name="a" isCodable="true"/>\n<Code guid="${g}" name="b" isCodable="true"/></Codes></CodeBook>`,
      /line 2: the guid .* is used twice/,
    );
    await bad('<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>\n<Code', /^x\.qdc, line 2: not well-formed XML/);
    assert.equal((await listCodes(target.db)).length, before);
    assert.throws(() => parseQdc('y.qdc', ''), QdcError);
  });
});
