import fc from 'fast-check';
import { shapes } from '../../harness/contract/index.ts';
import { boundedString } from './boundedString.ts';

/** A valid InstanceId: a UUID as real ones are, or any text at or between the model's length edges. */
export function instanceId(): fc.Arbitrary<string> {
  return fc.oneof(fc.uuid(), boundedString(shapes.StartWebRTCContactRequest.members.InstanceId.shape));
}
