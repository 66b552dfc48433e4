import fc from 'fast-check';
import { charOfWidth } from './charOfWidth.ts';

export interface StringOfCodePointsOptions {
  /** Pick lengths min, max, min+1 and max-1 often (default true); else uniformly. */
  readonly edgeBias?: boolean;
  /** The code points to build from (one per value); default: 1- to 4-byte characters, evenly. */
  readonly char?: fc.Arbitrary<string>;
  /** Where the first code point comes from (a pattern such as ReferenceArn's constrains only it). */
  readonly first?: fc.Arbitrary<string>;
}

const PATTERN_MAX = 8;

function lengths(min: number, max: number, edgeBias: boolean): fc.Arbitrary<number> {
  const uniform = fc.integer({ min, max });
  if (!edgeBias) return uniform;
  const near = [...new Set([Math.min(min + 1, max), Math.max(max - 1, min)])];
  // Cross-shrinking lets a shrunk counterexample fall back to the first arm: the shortest string.
  return fc.oneof(
    { withCrossShrink: true },
    { weight: 2, arbitrary: fc.constant(min) },
    { weight: 2, arbitrary: fc.constant(max) },
    { weight: 1, arbitrary: fc.constantFrom(...near) },
    { weight: 3, arbitrary: uniform },
  );
}

function build(n: number, pattern: readonly string[], first: string | undefined): string {
  if (n === 0) return '';
  const rest = first === undefined ? n : n - 1;
  const whole = Math.floor(rest / pattern.length);
  return (first ?? '') + pattern.join('').repeat(whole) + pattern.slice(0, rest % pattern.length).join('');
}

/**
 * Strings of min..max Unicode code points (the model's @length unit), mixing ASCII, 2-, 3- and 4-byte
 * characters, never a lone surrogate. A short random pattern is cycled to the chosen length, so a
 * 32 KB string costs one `repeat`, not 32 768 generated characters.
 */
export function stringOfCodePoints(min: number, max: number, options: StringOfCodePointsOptions = {}): fc.Arbitrary<string> {
  if (!Number.isInteger(min) || !Number.isInteger(max) || min < 0 || min > max) {
    throw new RangeError(`stringOfCodePoints: bad bounds ${min}..${max}`);
  }
  const { edgeBias = true, char = charOfWidth(), first } = options;
  if (first !== undefined && min < 1) throw new RangeError('stringOfCodePoints: `first` needs min >= 1');
  return fc
    .tuple(lengths(min, max, edgeBias), fc.array(char, { minLength: 1, maxLength: PATTERN_MAX }), first ?? fc.constant(undefined))
    .map(([n, pattern, head]) => build(n, pattern, head));
}
