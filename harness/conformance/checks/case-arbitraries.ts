// The generated cases checks draw from, bound to the target's instance and flow.
import { randomUUID } from 'node:crypto';
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
 * Valid cases whose ClientToken is chosen when they are sent (see withFreshToken), not generated:
 * every check runs with the same seed, and shrinking retries near-copies of one case, so generated
 * tokens repeat across checks and across shrink candidates, and a repeated token replays an earlier
 * contact, which checks that read a contact back must not mistake for a bug (nor a replay check
 * for a first start).
 */
export function freshValidCases(context: CheckContext): fc.Arbitrary<StartWebRTCContactRequest> {
  return validCases(context).map(({ ClientToken: _generated, ...request }) => request);
}

/** The request with a ClientToken no other send has used. */
export function withFreshToken<T extends object>(request: T): T & { ClientToken: string } {
  return { ...request, ClientToken: randomUUID() };
}
