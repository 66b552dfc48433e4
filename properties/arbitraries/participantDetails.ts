import fc from 'fast-check';
import { shapes } from '../../harness/contract/index.ts';
import { boundedString } from './boundedString.ts';

/** A valid ParticipantDetails: its one required member, DisplayName, edge-biased. */
export function participantDetails(): fc.Arbitrary<{ DisplayName: string }> {
  return fc.record({ DisplayName: boundedString(shapes.ParticipantDetails.members.DisplayName.shape) }, { noNullPrototype: true });
}
