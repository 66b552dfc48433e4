import type { Utf8Width } from '../arbitraries/charOfWidth.ts';

export const utf8Widths: readonly Utf8Width[] = [1, 2, 3, 4];

/**
 * One character per UTF-8 width: a, é (U+00E9), € (U+20AC), 😀 (U+1F600, two UTF-16 units). A
 * target that counts bytes or UTF-16 units instead of code points miscounts all but the first.
 */
export const widthChar: Readonly<Record<Utf8Width, string>> = { 1: 'a', 2: 'é', 3: '€', 4: '😀' };

/** `n` code points of `width`-byte characters, the first one `first` when a pattern constrains it. */
export function textOf(n: number, width: Utf8Width, first?: string): string {
  if (n === 0) return '';
  return first === undefined ? widthChar[width].repeat(n) : first + widthChar[width].repeat(n - 1);
}
