import fc from 'fast-check';

/** Bytes one code point takes in UTF-8. */
export type Utf8Width = 1 | 2 | 3 | 4;

const fromCodePoint = (cp: number): string => String.fromCodePoint(cp);
/** U+D800..U+DFFF are surrogates, not scalar values: valid text never holds one on its own. */
const SURROGATE_START = 0xd800;
const SURROGATE_COUNT = 0x800;

const byWidth: Readonly<Record<Utf8Width, fc.Arbitrary<string>>> = {
  1: fc
    .oneof(
      { weight: 8, arbitrary: fc.integer({ min: 0x20, max: 0x7e }) },
      // "/" and "~" must be escaped in JSON Pointers, which map keys end up in.
      { weight: 1, arbitrary: fc.constantFrom(0x2f, 0x7e) },
      { weight: 1, arbitrary: fc.integer({ min: 0x00, max: 0x1f }) },
    )
    .map(fromCodePoint),
  2: fc.integer({ min: 0x80, max: 0x7ff }).map(fromCodePoint),
  3: fc
    .integer({ min: 0x800, max: 0xffff - SURROGATE_COUNT })
    .map((n) => fromCodePoint(n < SURROGATE_START ? n : n + SURROGATE_COUNT)),
  4: fc.integer({ min: 0x10000, max: 0x10ffff }).map(fromCodePoint),
};

/** Shrinks towards ASCII. */
const anyWidth = fc.oneof({ withCrossShrink: true }, byWidth[1], byWidth[2], byWidth[3], byWidth[4]);

/** One code point (never a lone surrogate) of the given UTF-8 width, or of any width, evenly. */
export function charOfWidth(width?: Utf8Width | readonly Utf8Width[]): fc.Arbitrary<string> {
  if (width === undefined) return anyWidth;
  if (typeof width === 'number') return byWidth[width];
  if (width.length === 0) throw new RangeError('charOfWidth: no width given');
  return fc.oneof(...width.map((w) => byWidth[w]));
}
