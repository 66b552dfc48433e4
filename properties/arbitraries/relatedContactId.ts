import fc from 'fast-check';
import { shapes } from '../../harness/contract/index.ts';
import { boundedString } from './boundedString.ts';

/** A valid RelatedContactId: a UUID or any text within ContactId's bounds. */
export function relatedContactId(): fc.Arbitrary<string> {
  return fc.oneof(fc.uuid(), boundedString(shapes.StartWebRTCContactRequest.members.RelatedContactId.shape));
}
