import fc from 'fast-check';
import { shapes } from '../../harness/contract/index.ts';
import { shapeNamed } from '../internal/shapeNamed.ts';
import type { ParticipantCapabilities } from './types.ts';

/** A valid ParticipantCapabilities: each member (Video, ScreenShare) absent or one of its enum values; {} often. */
export function participantCapabilities(): fc.Arbitrary<ParticipantCapabilities> {
  const model: Record<string, fc.Arbitrary<string>> = {};
  for (const [name, member] of Object.entries(shapes.ParticipantCapabilities.members)) {
    const shape = shapeNamed(member.shape);
    if (shape.type !== 'string' || !shape.enum) throw new Error(`properties: ${member.shape} is not an enum`);
    model[name] = fc.constantFrom(...shape.enum);
  }
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant(null).map(() => ({})) },
    { weight: 3, arbitrary: fc.record(model, { requiredKeys: [], noNullPrototype: true }) },
  );
}
