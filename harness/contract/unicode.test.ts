// The three counts of one string (UTF-16 units, code points, UTF-8 bytes), checked against Node's own
// answers. unicode.ts avoids Buffer and TextEncoder for k6; the tests are free to use them as oracles.
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { codePointLength, hasLoneSurrogate, isWellFormed, portableUtf8ByteLength, truncateCodePoints, utf8ByteLength } from './unicode.ts';

/** Property tests with plain fast-check (seed printed on failure): @fast-check/vitest would load
 * vitest's whole runtime again in every worker, about 2 s per file. */
function prop<Ts extends unknown[]>(arbitraries: { [K in keyof Ts]: fc.Arbitrary<Ts[K]> }) {
  return (name: string, predicate: (...args: Ts) => void): void => {
    test(name, () => {
      fc.assert(fc.property(fc.tuple<Ts>(...arbitraries), (args) => predicate(...args)));
    });
  };
}

const nodeCodePoints = (s: string): number => [...s].length;
const nodeBytes = (s: string): number => Buffer.byteLength(s, 'utf8');
// Two independent oracles: a string is well-formed when it survives a UTF-8 round trip, and a lone
// surrogate is the only thing a `u` regex sees as a Cs (surrogate) code point.
const nodeWellFormed = (s: string): boolean => Buffer.from(s, 'utf8').toString('utf8') === s;
const hasCs = (s: string): boolean => /\p{Cs}/u.test(s);

const fromUnit = (c: number): string => String.fromCharCode(c);
/** Strings of UTF-16 units with lone surrogates made likely, and whole pairs and multi-byte characters. */
const withLoneSurrogates = fc.string({
  unit: fc.oneof(
    fc.integer({ min: 0xd800, max: 0xdfff }).map(fromUnit),
    fc.integer({ min: 0, max: 0xffff }).map(fromUnit),
    fc.constantFrom('a', 'é', '€', '😀', '\ud83d', '\ude00'),
  ),
});

const families = {
  binary: fc.string({ unit: 'binary' }),
  grapheme: fc.string({ unit: 'grapheme' }),
  'lone surrogates': withLoneSurrogates,
};

for (const [family, strings] of Object.entries(families)) {
  describe(`unicode measures over ${family} strings`, () => {
    prop([strings])('codePointLength equals [...s].length', (s) => {
      expect(codePointLength(s)).toBe(nodeCodePoints(s));
    });

    prop([strings])('utf8ByteLength equals Buffer.byteLength', (s) => {
      expect(utf8ByteLength(s)).toBe(nodeBytes(s));
    });

    // Long strings take the native path where there is one; the portable loop must agree with it.
    prop([fc.array(strings, { minLength: 20, maxLength: 60 }).map((parts) => parts.join(''))])(
      'long strings: the native and the portable byte counts both equal Buffer.byteLength',
      (s) => {
        expect(utf8ByteLength(s)).toBe(nodeBytes(s));
        expect(portableUtf8ByteLength(s)).toBe(nodeBytes(s));
      },
    );

    prop([strings])('hasLoneSurrogate is the negation of well-formedness', (s) => {
      expect(hasLoneSurrogate(s)).toBe(!nodeWellFormed(s));
      expect(hasLoneSurrogate(s)).toBe(hasCs(s));
    });

    prop([strings])('isWellFormed (native where the runtime has it) agrees with hasLoneSurrogate', (s) => {
      expect(isWellFormed(s)).toBe(nodeWellFormed(s));
      expect(isWellFormed(s)).toBe(!hasLoneSurrogate(s));
    });

    prop([strings, fc.nat({ max: 24 })])('truncateCodePoints keeps the first max code points', (s, max) => {
      const points = [...s];
      const expected = points.length <= max ? s : `${points.slice(0, max).join('')}…`;
      expect(truncateCodePoints(s, max)).toBe(expected);
    });
  });
}

describe('unicode measures by hand', () => {
  // [character, UTF-16 units, code points, UTF-8 bytes]
  const table = [
    ['a', 1, 1, 1],
    ['é', 1, 1, 2],
    ['€', 1, 1, 3],
    ['😀', 2, 1, 4],
  ] as const;

  for (const [c, units, points, bytes] of table) {
    test(`${c}: ${units} unit(s), ${points} code point, ${bytes} byte(s)`, () => {
      expect(c.length).toBe(units); // the table itself, against the engine
      expect(codePointLength(c)).toBe(points);
      expect(utf8ByteLength(c)).toBe(bytes);
      expect(hasLoneSurrogate(c)).toBe(false);
      const many = c.repeat(7);
      expect(codePointLength(many)).toBe(7 * points);
      expect(utf8ByteLength(many)).toBe(7 * bytes);
      expect(truncateCodePoints(many, 3)).toBe(`${c.repeat(3)}…`);
      expect(truncateCodePoints(many, 7)).toBe(many);
    });
  }

  test('the empty string', () => {
    expect(codePointLength('')).toBe(0);
    expect(utf8ByteLength('')).toBe(0);
    expect(hasLoneSurrogate('')).toBe(false);
    expect(truncateCodePoints('', 0)).toBe('');
  });

  test('lone surrogates: one code point and the 3 bytes of U+FFFD each', () => {
    const cases = [
      ['\ud800', 1, 3],
      ['a\udc00', 2, 4],
      ['\udc00\ud800', 2, 6], // a low before a high is not a pair
      ['😀\ud83d', 2, 7],
      ['\ud83d😀', 2, 7],
    ] as const;
    for (const [s, points, bytes] of cases) {
      expect(hasLoneSurrogate(s), JSON.stringify(s)).toBe(true);
      expect(codePointLength(s), JSON.stringify(s)).toBe(points);
      expect(utf8ByteLength(s), JSON.stringify(s)).toBe(bytes);
    }
  });

  test('truncation never splits a surrogate pair', () => {
    expect(truncateCodePoints('😀😀', 1)).toBe('😀…');
    expect(truncateCodePoints('a😀b', 2)).toBe('a😀…');
  });
});
