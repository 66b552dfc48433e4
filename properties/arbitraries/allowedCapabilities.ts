import fc from 'fast-check';
import { shapes } from '../../harness/contract/index.ts';
import { participantCapabilities } from './participantCapabilities.ts';
import type { StartWebRTCContactRequest } from './types.ts';

type AllowedCapabilities = NonNullable<StartWebRTCContactRequest['AllowedCapabilities']>;

/** A valid AllowedCapabilities: {} at the top, {} per participant, or any mix of SEND values. */
export function allowedCapabilities(): fc.Arbitrary<AllowedCapabilities> {
  const model: Record<string, ReturnType<typeof participantCapabilities>> = {};
  for (const name of Object.keys(shapes.AllowedCapabilities.members)) model[name] = participantCapabilities();
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant(null).map(() => ({})) },
    { weight: 3, arbitrary: fc.record(model, { requiredKeys: [], noNullPrototype: true }) },
  );
}
