import fc from 'fast-check';
import { documentedRules, shapes, dateReferenceType } from '../../harness/contract/index.ts';
import { lengthOf } from './lengthOf.ts';
import { referenceArn } from './referenceArn.ts';
import { referenceValue } from './referenceValue.ts';
import { stringOfCodePoints } from './stringOfCodePoints.ts';
import type { Reference } from './types.ts';

// Built once per type and shared (arbitraries are immutable): callers build references inside
// chains, and fc.webUrl() alone takes longer to construct than a whole request takes to send.
const byType = new Map<string, fc.Arbitrary<Reference>>();

/** A valid Reference of `type` (default: any type rule R1 allows at creation), optional members or not. */
export function reference(type?: string): fc.Arbitrary<Reference> {
  const key = type ?? '';
  let arbitrary = byType.get(key);
  if (!arbitrary) byType.set(key, (arbitrary = build(type)));
  return arbitrary;
}

function build(type: string | undefined): fc.Arbitrary<Reference> {
  if (type === undefined) return fc.oneof(...documentedRules.R1.allowedTypes.map((t) => reference(t)));
  const reason = lengthOf(shapes.Reference.members.StatusReason.shape);
  const model = {
    Type: fc.constant(type),
    Value: referenceValue(type),
    Status: fc.constantFrom(...shapes.ReferenceStatus.enum),
    Arn: referenceArn(),
    StatusReason: stringOfCodePoints(reason.min, reason.max),
  };
  // An absent Value reads as "", which is no epoch timestamp: a DATE reference always carries one.
  const requiredKeys: ('Type' | 'Value')[] = type === dateReferenceType ? ['Type', 'Value'] : ['Type'];
  return fc.record(model, { requiredKeys, noNullPrototype: true });
}
