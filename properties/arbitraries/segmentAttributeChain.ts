import fc from 'fast-check';
import { objectFromEntries } from './objectFromEntries.ts';
import { segmentAttributeName } from './segmentAttributeName.ts';
import { segmentContainers } from '../internal/segmentContainers.ts';
import { stringOfCodePoints } from './stringOfCodePoints.ts';
import type { SegmentAttributeValue } from './types.ts';

export interface SegmentAttributeChain {
  readonly value: SegmentAttributeValue;
  /** JSON Pointer tokens from the value to its deepest container. */
  readonly tokens: readonly string[];
  /** The member holding the deepest container ("ValueMap", "ValueList"), or "" when it is a value. */
  readonly deepest: string;
}

/**
 * A SegmentAttributeValue that sits at JSON depth `at` (depth = tokens of its JSON Pointer, the
 * validator's measure) and nests ValueMap / ValueList so that its deepest object or array lies at
 * exactly depth `deepest`. Values sit at `at`, `at + 2`, ...; a container between them at odd
 * offsets, so an odd span ends in an empty container (of kind `last` when given).
 */
export function segmentAttributeChain(at: number, deepest: number, last?: string): fc.Arbitrary<SegmentAttributeChain> {
  const span = deepest - at;
  if (span < 0) throw new RangeError(`segmentAttributeChain: ${deepest} is above ${at}`);
  const containers = segmentContainers();
  const kindOf = new Map(containers.map((c) => [c.member, c.kind]));
  const members = containers.map((c) => c.member);
  if (last !== undefined && (span % 2 === 0 || !kindOf.has(last))) throw new RangeError(`segmentAttributeChain: cannot end in ${last}`);
  const tail = span % 2 === 0 ? fc.constant('') : fc.constantFrom(...(last === undefined ? members : [last]));
  const steps = fc.array(fc.tuple(fc.constantFrom(...members), segmentAttributeName()), { minLength: span >> 1, maxLength: span >> 1 });
  return fc.tuple(steps, tail, fc.option(stringOfCodePoints(0, 8))).map(([chain, end, text]) => {
    let value: SegmentAttributeValue;
    if (end !== '') value = objectFromEntries([[end, kindOf.get(end) === 'map' ? {} : []]]);
    else value = text === null ? {} : { ValueString: text };
    for (let i = chain.length - 1; i >= 0; i--) {
      const [member, key] = chain[i] as [string, string];
      value = objectFromEntries([[member, kindOf.get(member) === 'map' ? objectFromEntries([[key, value]]) : [value]]]);
    }
    const tokens = chain.flatMap(([member, key]) => [member, kindOf.get(member) === 'map' ? key : '0']);
    if (end !== '') tokens.push(end);
    return { value, tokens, deepest: end };
  });
}
