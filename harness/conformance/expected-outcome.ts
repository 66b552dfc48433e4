// The oracle: what a conforming target must answer to the request that actually went over the wire.
// Judging the wire body rather than the generated value matters: the SDK drops unknown members,
// nulls, and turns some wrong types into others, so a generated "invalid" case can arrive valid.
import { hasOwn, isObject, validate, type FidelityProfile, type Rule } from '../contract/index.ts';
import { parseBody, parseBodyText } from '../emulator/parse-body.ts';
import type { Target } from '../targets/target.ts';

export type Expected =
  | { readonly kind: 'accepted' }
  | { readonly kind: 'rejected'; readonly rules: readonly string[]; readonly allowed: readonly string[] };

/** `wireBody` as bytes when they are at hand: text cannot carry invalid UTF-8, bytes can. */
export function expectedOutcome(wireBody: string | Uint8Array, profile: FidelityProfile, target: Pick<Target, 'instanceId' | 'contactFlowId'>): Expected {
  const parsed = typeof wireBody === 'string' ? parseBodyText(wireBody) : parseBody(wireBody);
  if (!parsed.ok) return { kind: 'rejected', rules: [parsed.condition], allowed: profile.entries[parsed.condition].allowed };
  const violations = validate(parsed.value);
  const request = isObject(parsed.value) ? parsed.value : {};
  // An id the target does not know may be reported before or instead of the constraint violations.
  const unknownResource =
    (hasOwn(request, 'InstanceId') && request.InstanceId !== target.instanceId) ||
    (hasOwn(request, 'ContactFlowId') && request.ContactFlowId !== target.contactFlowId);
  if (violations.length === 0) {
    return unknownResource
      ? { kind: 'rejected', rules: ['resource-not-found'], allowed: profile.entries['resource-not-found'].allowed }
      : { kind: 'accepted' };
  }
  const rules = [...new Set(violations.map((v) => v.rule))] as Rule[];
  const allowed = new Set<string>(profile.entries['validation-summary'].allowed);
  for (const rule of rules) for (const name of profile.entries[rule].allowed) allowed.add(name);
  if (unknownResource) for (const name of profile.entries['resource-not-found'].allowed) allowed.add(name);
  return { kind: 'rejected', rules, allowed: [...allowed] };
}
