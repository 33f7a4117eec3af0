import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { formatJson } from '../../src/questionnaire/format-json.ts';

describe('formatJson', () => {
  it('keeps short containers on one line and long ones spread out', () => {
    assert.equal(formatJson({ a: [1, 2], b: { c: 'x' } }), '{ "a": [1, 2], "b": { "c": "x" } }\n');
    assert.equal(
      formatJson({ a: 'x'.repeat(30), b: 'y'.repeat(30) }, 40),
      `{\n  "a": "${'x'.repeat(30)}",\n  "b": "${'y'.repeat(30)}"\n}\n`,
    );
  });

  it('always parses back to the same value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 10, max: 160 }), (value, width) => {
        assert.deepEqual(JSON.parse(formatJson(value, width)), JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 300, seed: 3 },
    );
  });
});
