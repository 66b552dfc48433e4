import fc from 'fast-check';
import { lengthOf } from '../internal/lengthOf.ts';
import { stringOfCodePoints } from './stringOfCodePoints.ts';

/** Any text within a string shape's length bounds, edge-biased (min and max often), 1- to 4-byte characters. */
export function boundedString(shapeName: string): fc.Arbitrary<string> {
  const { min, max } = lengthOf(shapeName);
  return stringOfCodePoints(min, max);
}
