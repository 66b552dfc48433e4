import fc from 'fast-check';
import { shapes } from '../../harness/contract/index.ts';
import { lengthOf } from '../internal/lengthOf.ts';
import { prototypeKeys } from '../internal/prototypeKeys.ts';
import { stringOfCodePoints } from './stringOfCodePoints.ts';

/** Generator tuning: giant keys are a mode of `references`. */
const TYPICAL_MAX = 40;

/** A valid References key: any text, often a prototype name or one that needs JSON Pointer escaping. */
export function referenceKey(): fc.Arbitrary<string> {
  const { min, max } = lengthOf(shapes.ContactReferences.key.shape);
  return fc.oneof(
    { weight: 1, arbitrary: fc.constantFrom(...prototypeKeys, 'a/b', '~', '~1/~0') },
    { weight: 4, arbitrary: stringOfCodePoints(min, Math.min(max, TYPICAL_MAX)) },
  );
}
