import { maxNestingDepth } from '../../harness/contract/index.ts';
import { segmentAttributeChain, type SegmentAttributeChain } from '../arbitraries/segmentAttributeChain.ts';
import { segmentContainers } from '../internal/segmentContainers.ts';
import { siteById } from '../internal/siteById.ts';
import { siteClass } from '../internal/siteClass.ts';
import type { InvalidClass } from '../arbitraries/types.ts';

/**
 * Tag classes "nesting-depth/<container>": a segment attribute value nesting ValueMap / ValueList so
 * that one object or array lies at depth maxNestingDepth + 1 (the first the validator refuses),
 * one class per kind of container that can end up there.
 */
export function nestingTooDeep(): readonly InvalidClass[] {
  const site = siteById('SegmentAttributes{}');
  const at = site.steps.length; // a value's depth is the number of tokens in its pointer
  const deepest = maxNestingDepth + 1;
  const ends = (deepest - at) % 2 === 1 ? segmentContainers().map((c) => c.member) : [undefined];
  return ends.map((end) =>
    siteClass<SegmentAttributeChain>({
      class: `nesting-depth/${end ?? 'SegmentAttributeValue'}`,
      rule: 'nesting-depth',
      note: `an ${end ?? 'value'} at depth ${deepest} (limit ${maxNestingDepth})`,
      sites: [site],
      value: () => segmentAttributeChain(at, deepest, end),
      placed: (chain) => chain.value,
      within: (chain) => chain.tokens,
      describe: (chain) => `${chain.tokens.filter((t) => t.startsWith('Value')).length} nested containers`,
    }),
  );
}
