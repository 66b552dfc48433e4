import fc from 'fast-check';
import { int32 } from '../../harness/contract/index.ts';

/** A valid ValueInteger: a 32-bit integer, its edges often. */
export function segmentAttributeInteger(): fc.Arbitrary<number> {
  return fc.oneof(fc.constantFrom(int32.min, int32.max, 0, -1), fc.integer({ min: int32.min, max: int32.max }));
}
