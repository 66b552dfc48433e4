// Which fidelity-profile condition one StartWebRTCContact case exercises, judged from the body that
// went over the wire as the oracle (expected-outcome.ts) judges it. Only an unambiguous case counts:
// a body that does not parse, an unknown instance or flow with nothing else wrong, or violations of
// exactly one rule. A case breaking two rules (or one rule and naming an unknown resource) says
// nothing certain about either, so it is not observed.
import { hasOwn, isObject, validate, type Condition, type Violation } from '../../contract/index.ts';
import type { AssumedLimits } from '../../contract/limits.ts';
import { parseBodyText } from '../../contract/parse-body.ts';
import type { Target } from '../../targets/target.ts';

export type Exercised =
  | {
      readonly kind: 'condition';
      readonly condition: Condition;
      /** The violations of that one rule (none for a service condition). */
      readonly violations: readonly Violation[];
      /** The request as parsed, or undefined when the body did not parse. */
      readonly request: unknown;
      /** Why the body did not parse, when it did not. */
      readonly reason?: string;
    }
  /** A valid request for a known instance and flow: it exercises no condition. */
  | { readonly kind: 'valid' }
  /** Two or more rules, or rules and an unknown resource: not observed. */
  | { readonly kind: 'ambiguous' };

/** `limits`: the bounds the run's profile judges by (its `limits`), as the oracle does. */
export function exercisedBy(wireBody: string, target: Pick<Target, 'instanceId' | 'contactFlowId'>, limits?: AssumedLimits): Exercised {
  const parsed = parseBodyText(wireBody);
  if (!parsed.ok) return { kind: 'condition', condition: parsed.condition, violations: [], request: undefined, reason: parsed.reason };
  const request = parsed.value;
  const members = isObject(request) ? request : {};
  const unknownResource =
    (hasOwn(members, 'InstanceId') && members.InstanceId !== target.instanceId) ||
    (hasOwn(members, 'ContactFlowId') && members.ContactFlowId !== target.contactFlowId);
  const violations = validate(request, limits);
  if (violations.length === 0) {
    return unknownResource ? { kind: 'condition', condition: 'resource-not-found', violations: [], request } : { kind: 'valid' };
  }
  const rules = new Set(violations.map((v) => v.rule));
  const [rule] = rules;
  if (unknownResource || rules.size !== 1 || rule === undefined) return { kind: 'ambiguous' };
  return { kind: 'condition', condition: rule, violations, request };
}
