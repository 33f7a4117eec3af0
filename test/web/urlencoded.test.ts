import assert from 'node:assert/strict';
import { it } from 'node:test';
import { MAX_FIELDS, parseUrlEncoded } from '../../src/web/respondent/urlencoded.ts';

const bytes = (s: string | Uint8Array) => (typeof s === 'string' ? new TextEncoder().encode(s) : s);
/** The fields, or the kind of refusal. */
const parse = (s: string | Uint8Array, maxFields?: number) => {
  const r = parseUrlEncoded(bytes(s), maxFields);
  return r.kind === 'form' ? r.form : r.kind;
};

it('reads what browsers post: +, percent escapes, repeated names, empty values', () => {
  assert.deepEqual(parse('a=1&b=x+y&c=%D8%B9%D8%B1%D8%A8%D9%8A&a=2&d=&e'), { a: ['1', '2'], b: 'x y', c: 'عربي', d: '', e: '' });
  assert.deepEqual(parse('q=%E1%8C%BD%E1%89%A1%E1%89%95'), { q: 'ጽቡቕ' });
  assert.deepEqual(parse(''), {});
});

it('refuses bodies that are not valid UTF-8 instead of repairing them', () => {
  assert.equal(parse('a=%FF'), 'invalid');
  assert.equal(parse('a=%C3%28'), 'invalid');
  assert.equal(parse('a=%E0%A4%A'), 'invalid', 'cut-off escape');
  assert.equal(parse('a=%zz'), 'invalid');
  assert.equal(parse(new Uint8Array([0x61, 0x3d, 0xff])), 'invalid', 'raw invalid byte');
  assert.equal(parse('a=é'), 'invalid', 'raw non-ASCII, which browsers never send');
});

it('keeps a field named __proto__ or constructor as a field, not as the object prototype', () => {
  const form = parse('__proto__=1&constructor=2&__proto__=3');
  assert.ok(typeof form === 'object');
  assert.deepEqual(Object.getOwnPropertyDescriptor(form, '__proto__')?.value, ['1', '3']);
  assert.equal(form['constructor'], '2');
  assert.equal(Object.getPrototypeOf(form), Object.prototype);
});

it(`refuses a body of more than ${MAX_FIELDS} fields as too many, whatever the fields hold`, () => {
  assert.equal(parse('a=&'.repeat(40_000)), 'tooManyFields', '40,000 repeats of a= (120 KB)');
  assert.equal(parse('x&'.repeat(MAX_FIELDS)), 'tooManyFields');
  assert.equal(parse('%FF&'.repeat(MAX_FIELDS + 1)), 'tooManyFields', 'counted before anything is decoded');
  const atLimit = parse(Array.from({ length: MAX_FIELDS }, (_, i) => `f${i}=1`).join('&'));
  assert.equal(typeof atLimit === 'object' && Object.keys(atLimit).length, MAX_FIELDS);
});

// Repeats used to copy the list of values for each repeat: 15,000 repeats took 15 s, 100,000 would take
// about 12 minutes. In linear time they take milliseconds; the test's timeout is 100 times that.
it('gathers 100,000 repeats of one name into one list in linear time', { timeout: 10_000 }, () => {
  const form = parse('a=x&'.repeat(100_000), 200_000);
  assert.ok(typeof form === 'object');
  assert.equal((form['a'] as readonly string[]).length, 100_000);
});
