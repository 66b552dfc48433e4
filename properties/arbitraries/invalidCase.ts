import fc from 'fast-check';
import { abbreviate } from '../../harness/contract/index.ts';
import type { InvalidCase, InvalidTag, JsonObject } from './types.ts';

/**
 * An invalid case. fast-check prints it through its toStringMethod (tag first, long strings cut),
 * which JSON and the validator never see: the request itself stays plain data.
 */
export function invalidCase(request: JsonObject, tag: InvalidTag): InvalidCase {
  const out: InvalidCase = { request, tag };
  Object.defineProperty(out, fc.toStringMethod, {
    value: () => `{tag: ${tag.class} ${tag.rule} at ${JSON.stringify(tag.path)} (${tag.note}), request: ${abbreviate(request)}}`,
  });
  return out;
}
