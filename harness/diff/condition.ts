// The condition a case meets: what decides a conforming service's answer to the body that went
// over the wire. It is read from the wire body rather than the generated value (the SDK drops nulls
// and unknown members, so a case generated invalid can arrive valid), and it is the violation that
// decides the error name, as the contract decides it (error-for.ts): a body breaking a pattern and a
// length at once is filed under whichever names the error, so that a profile changing one entry
// shows up under that entry's conditions only. Bounds are the default profile's (limits.ts).
import { errorForViolations, hasOwn, isObject, validate, type Condition, type Violation } from '../contract/index.ts';
import { siteOf } from '../conformance/failure-group.ts';
import { parseBodyText } from '../contract/parse-body.ts';
import type { DiffCase, SideIds } from './cases.ts';

/** Valid cases, and invalid ones the SDK turned valid on the way out. */
export const ACCEPTED = 'accepted';

export interface Reading {
  /** `length at /ParticipantDetails/DisplayName`, `malformed-json`, `accepted` …: what groups are named by. */
  readonly key: string;
  /** The profile condition that names the error (undefined for an accepted case). */
  readonly condition: Condition | undefined;
  /** The violations of that condition's rule. */
  readonly violations: readonly Violation[];
  /** The body as parsed (undefined when it did not parse). */
  readonly request: unknown;
  readonly wireBody: string;
  /** Why the body did not parse, when it did not. */
  readonly reason?: string;
}

/** What one side's wire body meets; `ids` are that side's own. */
export function readBody(wireBody: string | undefined, c: DiffCase, ids: SideIds): Reading {
  if (wireBody === undefined) {
    // Nothing went out: the case's tag is all there is.
    const key = c.kind === 'invalid' ? `${c.tag.rule} at ${siteOf(c.tag.path)}` : ACCEPTED;
    return { key, condition: c.kind === 'invalid' ? c.tag.rule : undefined, violations: [], request: c.request, wireBody: '' };
  }
  const parsed = parseBodyText(wireBody);
  if (!parsed.ok) return { key: parsed.condition, condition: parsed.condition, violations: [], request: undefined, wireBody, reason: parsed.reason };
  const request = parsed.value;
  const violations = validate(request);
  const error = errorForViolations(violations);
  if (error) {
    const deciding = violations.find((v) => v.rule === error.condition) ?? violations[0]!;
    return { key: `${deciding.rule} at ${siteOf(deciding.path)}`, condition: deciding.rule, violations: violations.filter((v) => v.rule === deciding.rule), request, wireBody };
  }
  const members = isObject(request) ? request : {};
  for (const [member, id] of [['InstanceId', ids.instanceId], ['ContactFlowId', ids.contactFlowId]] as const) {
    if (hasOwn(members, member) && members[member] !== id) return { key: `resource-not-found at /${member}`, condition: 'resource-not-found', violations: [], request, wireBody };
  }
  return { key: ACCEPTED, condition: undefined, violations: [], request, wireBody };
}

/** The grouping key alone. */
export function conditionOf(wireBody: string | undefined, c: DiffCase, ids: SideIds): string {
  return readBody(wireBody, c, ids).key;
}
