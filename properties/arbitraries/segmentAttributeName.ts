import fc from 'fast-check';
import { shapes } from '../../harness/contract/index.ts';
import { lengthOf } from '../internal/lengthOf.ts';
import { prototypeKeys } from '../internal/prototypeKeys.ts';
import { stringOfCodePoints } from './stringOfCodePoints.ts';

/** A valid segment attribute name (SegmentAttributes and ValueMap keys): any text within SegmentAttributeName's bounds. */
export function segmentAttributeName(): fc.Arbitrary<string> {
  const { min, max } = lengthOf(shapes.SegmentAttributes.key.shape);
  return fc.oneof(
    { weight: 1, arbitrary: fc.constantFrom(...prototypeKeys, 'connect:Subtype', 'a/b~c') },
    { weight: 3, arbitrary: stringOfCodePoints(min, max) },
  );
}
