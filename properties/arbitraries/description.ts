import type fc from 'fast-check';
import { shapes } from '../../harness/contract/index.ts';
import { boundedString } from './boundedString.ts';

/** A valid Description (sensitive: whoever prints one must redact it). */
export function description(): fc.Arbitrary<string> {
  return boundedString(shapes.StartWebRTCContactRequest.members.Description.shape);
}
