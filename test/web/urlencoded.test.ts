import assert from 'node:assert/strict';
import { it } from 'node:test';
import { parseUrlEncoded } from '../../src/web/respondent/urlencoded.ts';

const parse = (s: string | Uint8Array) => parseUrlEncoded(typeof s === 'string' ? new TextEncoder().encode(s) : s);

it('reads what browsers post: +, percent escapes, repeated names, empty values', () => {
  assert.deepEqual(parse('a=1&b=x+y&c=%D8%B9%D8%B1%D8%A8%D9%8A&a=2&d=&e'), { a: ['1', '2'], b: 'x y', c: 'عربي', d: '', e: '' });
  assert.deepEqual(parse('q=%E1%8C%BD%E1%89%A1%E1%89%95'), { q: 'ጽቡቕ' });
  assert.deepEqual(parse(''), {});
});

it('refuses bodies that are not valid UTF-8 instead of repairing them', () => {
  assert.equal(parse('a=%FF'), null);
  assert.equal(parse('a=%C3%28'), null);
  assert.equal(parse('a=%E0%A4%A'), null, 'cut-off escape');
  assert.equal(parse('a=%zz'), null);
  assert.equal(parse(new Uint8Array([0x61, 0x3d, 0xff])), null, 'raw invalid byte');
  assert.equal(parse('a=é'), null, 'raw non-ASCII, which browsers never send');
});
