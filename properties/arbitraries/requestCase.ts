import fc from 'fast-check';
import { abbreviate } from '../../harness/contract/index.ts';
import { invalidRequest } from './invalidRequest.ts';
import type { InvalidRequestOptions, RequestCase } from './types.ts';
import { validRequest } from './validRequest.ts';

/** Resolution of the invalid ratio: weights are integers. */
const SCALE = 1000;

/** Printed by fast-check as the kind, the tag and the abbreviated request; JSON never sees it. */
function printable(c: RequestCase): RequestCase {
  const tag = c.kind === 'invalid' ? ` ${c.tag.class} ${c.tag.rule} at ${JSON.stringify(c.tag.path)}` : '';
  Object.defineProperty(c, fc.toStringMethod, { value: () => `{${c.kind}${tag}: ${abbreviate(c.request)}}` });
  return c;
}

/**
 * Requests with their expected outcome, `invalidRatio` of them invalid (0..1): what a corpus or a
 * conformance run sends. Invalid ones carry the tag of the rule they break.
 */
export function requestCase(invalidRatio: number, options: InvalidRequestOptions = {}): fc.Arbitrary<RequestCase> {
  if (!(invalidRatio >= 0 && invalidRatio <= 1)) throw new RangeError(`requestCase: invalid ratio ${invalidRatio} is not within 0..1`);
  const invalidWeight = Math.round(invalidRatio * SCALE);
  const arms: fc.WeightedArbitrary<RequestCase>[] = [];
  if (invalidWeight < SCALE) {
    arms.push({ weight: SCALE - invalidWeight, arbitrary: validRequest(options).map((request) => printable({ kind: 'valid', request })) });
  }
  if (invalidWeight > 0) {
    arms.push({ weight: invalidWeight, arbitrary: invalidRequest(options).map(({ request, tag }) => printable({ kind: 'invalid', request, tag })) });
  }
  return arms.length === 1 ? (arms[0] as fc.WeightedArbitrary<RequestCase>).arbitrary : fc.oneof(...arms);
}
