import type fc from 'fast-check';
import { shapes } from '../../harness/contract/index.ts';
import { attributeKey } from '../arbitraries/attributeKey.ts';
import { boundedString } from '../arbitraries/boundedString.ts';
import { referenceKey } from '../arbitraries/referenceKey.ts';
import { segmentAttributeName } from '../arbitraries/segmentAttributeName.ts';

/** A valid key for a map whose keys are of `keyShape` (attribute keys also keep to rule A2's charset). */
export function validKey(keyShape: string): fc.Arbitrary<string> {
  switch (keyShape) {
    case shapes.Attributes.key.shape:
      return attributeKey();
    case shapes.ContactReferences.key.shape:
      return referenceKey();
    case shapes.SegmentAttributes.key.shape:
      return segmentAttributeName();
    default:
      return boundedString(keyShape);
  }
}
