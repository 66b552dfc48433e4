import fc from 'fast-check';
import { childPath, maxNestingDepth, pathTokens } from '../../harness/contract/index.ts';
import { objectFromEntries } from './objectFromEntries.ts';
import { segmentAttributeChain } from './segmentAttributeChain.ts';
import { segmentAttributeName } from './segmentAttributeName.ts';
import { segmentAttributeValue } from './segmentAttributeValue.ts';
import type { SegmentAttributeValue } from './types.ts';

/** Depth of a value in SegmentAttributes: the tokens of "/SegmentAttributes/{name}". */
const VALUE_DEPTH = pathTokens(childPath(childPath('', 'SegmentAttributes'), 'name')).length;
/** The example in docs/contract.md §2, what the newest SDK's users send for a WebRTC contact. */
const SUBTYPE: readonly [string, SegmentAttributeValue] = ['connect:Subtype', { ValueString: 'connect:WebRTC' }];

/**
 * Valid SegmentAttributes: the connect:Subtype example or not, generated names with values nesting
 * ValueMap / ValueList / ValueInteger a few levels, and sometimes one nested exactly as deep as the
 * contract's maxNestingDepth allows.
 */
export function segmentAttributes(): fc.Arbitrary<Record<string, SegmentAttributeValue>> {
  const deepest = fc
    .tuple(segmentAttributeName(), segmentAttributeChain(VALUE_DEPTH, maxNestingDepth))
    .map(([name, chain]): [string, SegmentAttributeValue] => [name, chain.value]);
  return fc
    .tuple(fc.boolean(), fc.array(fc.tuple(segmentAttributeName(), segmentAttributeValue()), { maxLength: 3 }), fc.oneof({ weight: 3, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: deepest }))
    .map(([subtype, generated, deep]) => {
      const entries: (readonly [string, SegmentAttributeValue])[] = [
        ...(subtype ? [[SUBTYPE[0], { ...SUBTYPE[1] }] as const] : []),
        ...generated,
        ...(deep ? [deep] : []),
      ];
      const seen = new Set<string>();
      return objectFromEntries(entries.filter(([k]) => !seen.has(k) && Boolean(seen.add(k))));
    });
}
