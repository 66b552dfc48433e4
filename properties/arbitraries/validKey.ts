import type fc from 'fast-check';
import { shapes } from '../../harness/contract/index.ts';
import { attributeKey } from './attributeKey.ts';
import { boundedString } from './boundedString.ts';
import { referenceKey } from './referenceKey.ts';
import { segmentAttributeName } from './segmentAttributeName.ts';

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
