// The oracle: what a conforming target must answer to the request that actually went over the wire.
// Judging the wire body rather than the generated value matters: the SDK drops unknown members,
// nulls, and turns some wrong types into others, so a generated "invalid" case can arrive valid.
import { bodyConditionSources, hasOwn, isEvidence, isObject, refusalSource, validate, type Condition, type FidelityProfile, type Rule, type Source } from '../contract/index.ts';
import { parseBody, parseBodyText } from '../contract/parse-body.ts';
import type { Target } from '../targets/target.ts';

export type Expected =
  | { readonly kind: 'accepted' }
  | {
      readonly kind: 'rejected';
      readonly rules: readonly string[];
      readonly allowed: readonly string[];
      /** How we know the request must be refused at all (docs/contract.md §4). */
      readonly refusal: Source;
      /** How we know which error names are right: assumed unless a profile entry involved is evidence. */
      readonly naming: Source;
    };

/** The strongest source among the profile entries that name the allowed errors. */
function namingSource(profile: FidelityProfile, conditions: readonly Condition[]): Source {
  for (const condition of conditions) {
    const { source } = profile.entries[condition];
    if (isEvidence(source)) return source;
  }
  return 'assumed';
}

/** `wireBody` as bytes when they are at hand: text cannot carry invalid UTF-8, bytes can. */
export function expectedOutcome(wireBody: string | Uint8Array, profile: FidelityProfile, target: Pick<Target, 'instanceId' | 'contactFlowId'>): Expected {
  const parsed = typeof wireBody === 'string' ? parseBodyText(wireBody) : parseBody(wireBody);
  if (!parsed.ok) {
    const { condition } = parsed;
    // Duplicate keys are valid JSON to most readers (the last one wins): refusing them is our choice.
    const refusal = parsed.reason.startsWith('duplicate key') ? 'assumed' : bodyConditionSources[condition];
    return { kind: 'rejected', rules: [condition], allowed: profile.entries[condition].allowed, refusal, naming: namingSource(profile, [condition]) };
  }
  const violations = validate(parsed.value, profile.limits);
  const request = isObject(parsed.value) ? parsed.value : {};
  // An id the target does not know may be reported before or instead of the constraint violations.
  const unknownResource =
    (hasOwn(request, 'InstanceId') && request.InstanceId !== target.instanceId) ||
    (hasOwn(request, 'ContactFlowId') && request.ContactFlowId !== target.contactFlowId);
  if (violations.length === 0) {
    return unknownResource
      ? { kind: 'rejected', rules: ['resource-not-found'], allowed: profile.entries['resource-not-found'].allowed, refusal: 'modeled', naming: namingSource(profile, ['resource-not-found']) }
      : { kind: 'accepted' };
  }
  const rules = [...new Set(violations.map((v) => v.rule))] as Rule[];
  const allowed = new Set<string>(profile.entries['validation-summary'].allowed);
  for (const rule of rules) for (const name of profile.entries[rule].allowed) allowed.add(name);
  if (unknownResource) for (const name of profile.entries['resource-not-found'].allowed) allowed.add(name);
  const conditions: Condition[] = ['validation-summary', ...rules, ...(unknownResource ? (['resource-not-found'] as const) : [])];
  return {
    kind: 'rejected',
    rules,
    allowed: [...allowed],
    refusal: unknownResource ? 'modeled' : refusalSource(violations, parsed.value),
    naming: namingSource(profile, conditions),
  };
}
