import fc from 'fast-check';
import { shapes } from '../../harness/contract/index.ts';
import { boundedString } from './boundedString.ts';

/** A valid ContactFlowId: a UUID, or any text within the model's bounds ("" included: the model allows it). */
export function contactFlowId(): fc.Arbitrary<string> {
  return fc.oneof(fc.uuid(), boundedString(shapes.StartWebRTCContactRequest.members.ContactFlowId.shape));
}
