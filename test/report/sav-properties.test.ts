// Properties of the .sav writer's pure parts (fast-check): SPSS names are valid and unique whatever the
// dataset calls its variables; very long strings split into segments that join back byte for byte;
// cuts at a byte limit never split a character; missing codes are encoded without covering other values.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import fc from 'fast-check';
import { deriveSpssNames, isValidSpssName, shortNames } from '../../src/report/sav-names.ts';
import { encodeMissing, missingCovers, segmentBytes, segmentWidths } from '../../src/report/sav-layout.ts';
import { truncateUtf8 } from '../../src/report/utf8.ts';

const RESERVED = ['ALL', 'AND', 'BY', 'EQ', 'GE', 'GT', 'LE', 'LT', 'NE', 'NOT', 'OR', 'TO', 'WITH'];
/** Names as datasets have them: ASCII identifiers, reserved words, case variants, any Unicode, very long. */
const datasetName = fc.oneof(
  fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,10}$/),
  fc.constantFrom(...RESERVED, 'by', 'q1', 'Q1', 'q1.', '1q', '_x', '$sys', '#scratch', '@at', 'a b', ''),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.string({ unit: 'grapheme', minLength: 60, maxLength: 90 }),
);
/** The rules, restated independently of the writer: SPSS's own description of a variable name. */
const validByRule = (name: string, maxBytes: number): boolean =>
  Buffer.byteLength(name) <= maxBytes &&
  /^[A-Za-z@][A-Za-z0-9_.@#$]*$/.test(name) &&
  !name.endsWith('.') &&
  !RESERVED.includes(name.toUpperCase());

it('derives a valid SPSS name for every variable, unique without regard to case', () => {
  fc.assert(
    fc.property(fc.array(datasetName, { maxLength: 40 }), (names) => {
      const derived = deriveSpssNames(names).map((d) => d.name);
      assert.equal(derived.length, names.length);
      for (const name of derived) assert.ok(validByRule(name, 64), `invalid: ${JSON.stringify(name)}`);
      assert.equal(new Set(derived.map((n) => n.toUpperCase())).size, derived.length);
    }),
    { numRuns: 500 },
  );
});

it('keeps a name that is already valid and the first of its spelling, and says when it changed one', () => {
  fc.assert(
    fc.property(fc.array(datasetName, { maxLength: 40 }), (names) => {
      const seen = new Set<string>();
      deriveSpssNames(names).forEach((d, i) => {
        const original = names[i]!;
        const keeps = validByRule(original, 64) && !seen.has(original.toUpperCase());
        if (keeps) seen.add(original.toUpperCase());
        assert.equal(d.changed, !keeps);
        if (keeps) assert.equal(d.name, original);
      });
    }),
    { numRuns: 500 },
  );
});

it('gives every segment of every variable a valid short name of at most 8 bytes, all different', () => {
  fc.assert(
    fc.property(fc.array(fc.tuple(datasetName, fc.integer({ min: 1, max: 20 })), { maxLength: 40 }), (vars) => {
      const long = deriveSpssNames(vars.map(([n]) => n)).map((d) => d.name);
      const shorts = shortNames(
        long,
        vars.map(([, s]) => s),
      );
      shorts.forEach((names, i) => assert.equal(names.length, vars[i]![1]));
      const all = shorts.flat();
      for (const s of all) assert.ok(validByRule(s, 8) && isValidSpssName(s, 8), `invalid short name ${s}`);
      assert.equal(new Set(all.map((s) => s.toUpperCase())).size, all.length);
    }),
    { numRuns: 300 },
  );
});

it('splits a string into segments that join back byte for byte, each within its declared width', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 3000 }), fc.integer({ min: 0, max: 600 }), (text, extra) => {
      const bytes = Buffer.from(text, 'utf8');
      const width = Math.max(1, bytes.length + extra);
      const widths = segmentWidths(width);
      const pieces = segmentBytes(bytes, width);
      assert.equal(pieces.length, widths.length);
      // PSPP: a very long string of width w has (w + 251) / 252 segments; all but the last are 255 wide.
      assert.equal(widths.length, width <= 255 ? 1 : Math.floor((width + 251) / 252));
      widths.slice(0, -1).forEach((w) => assert.equal(w, 255));
      pieces.forEach((p, k) => assert.ok(p.length <= Math.min(255, widths[k]!)));
      assert.ok(Buffer.concat(pieces).equals(bytes));
    }),
    { numRuns: 500 },
  );
});

it('cuts text at a byte limit on a character boundary, keeping as much as fits', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 200 }), fc.integer({ min: 0, max: 400 }), (text, limit) => {
      const cut = truncateUtf8(text, limit);
      const size = Buffer.byteLength(cut);
      assert.ok(size <= limit || cut === text);
      assert.ok(text.startsWith(cut));
      if (cut !== text) {
        const next = String.fromCodePoint(text.codePointAt(cut.length)!);
        assert.ok(size + Buffer.byteLength(next) > limit, 'the next character would have fitted');
      }
      assert.equal(Buffer.from(cut).toString('utf8'), cut, 'not valid UTF-8 after the cut');
    }),
    { numRuns: 1000 },
  );
});

it('encodes user-missing codes so that exactly the codes are missing, or refuses', () => {
  fc.assert(
    fc.property(fc.uniqueArray(fc.integer({ min: -10, max: 110 }), { maxLength: 8 }), (codes) => {
      const encoded = encodeMissing(codes);
      if (encoded === undefined) {
        assert.ok(codes.length > 3);
        return;
      }
      if (encoded.kind === 'discrete') assert.ok(encoded.values.length <= 3);
      for (let v = -12; v <= 112; v++) assert.equal(missingCovers(encoded, v), codes.includes(v), `value ${v}`);
    }),
    { numRuns: 1000 },
  );
});
