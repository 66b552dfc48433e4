// The generated cases checks draw from, bound to the target's instance and flow.
import fc from 'fast-check';
import { invalidRequest, validRequest, type InvalidCase, type StartWebRTCContactRequest } from '../../../properties/arbitraries/index.ts';
import type { CheckContext } from '../check.ts';

export function validCases(context: CheckContext): fc.Arbitrary<StartWebRTCContactRequest> {
  return validRequest({ instanceId: context.target.instanceId, contactFlowId: context.target.contactFlowId });
}

export function invalidCases(context: CheckContext): fc.Arbitrary<InvalidCase> {
  return invalidRequest({ instanceId: context.target.instanceId, contactFlowId: context.target.contactFlowId });
}

/**
 * Valid cases with a ClientToken of their own: generated tokens repeat across cases, and a repeated
 * token replays the first contact, which checks that read a contact back must not mistake for a bug.
 */
export function freshValidCases(context: CheckContext): fc.Arbitrary<StartWebRTCContactRequest> {
  return fc.tuple(validCases(context), fc.uuid({ version: 4 })).map(([request, token]) => ({ ...request, ClientToken: token }));
}
