import fc from 'fast-check';
import { shapes } from '../../harness/contract/index.ts';
import { boundedString } from './boundedString.ts';

/** A valid ClientToken: "" (no deduplication, and the SDK keeps it) often, a UUID, or any bounded text. */
export function clientToken(): fc.Arbitrary<string> {
  return fc.oneof(fc.constant(''), fc.uuid(), boundedString(shapes.StartWebRTCContactRequest.members.ClientToken.shape));
}
