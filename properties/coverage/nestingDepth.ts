import { maxNestingDepth } from '../../harness/contract/index.ts';
import { segmentContainers } from '../internal/segmentContainers.ts';
import type { InvalidCase, StartWebRTCContactRequest } from '../arbitraries/index.ts';
import { invalidAt, validAt } from './place.ts';
import { segmentChain, type Container } from './segmentChain.ts';
import type { CoverageCases, CoverageContext } from './types.ts';

const VALUE_SITE = 'SegmentAttributes{}';

/** What can lie deepest when the span from `at` to `deepest` is odd (a container) or even (a value). */
const endsFor = (at: number, deepest: number): readonly (Container | undefined)[] => ((deepest - at) % 2 === 1 ? segmentContainers() : [undefined]);

/**
 * SegmentAttributes nested exactly as deep as maxNestingDepth allows (valid) and one level deeper
 * (class nesting-depth/<what lies deepest>), through ValueMaps only and through ValueLists only.
 * Nothing when the options leave SegmentAttributes out.
 */
export function nestingDepth({ base, sites }: CoverageContext): CoverageCases {
  const site = sites.find((s) => s.id === VALUE_SITE);
  if (!site) return { valid: [], invalid: [] };
  const at = site.steps.length; // a value's depth is the number of tokens in its pointer
  const valid: StartWebRTCContactRequest[] = [];
  const invalid: InvalidCase[] = [];
  for (const link of segmentContainers()) {
    for (const end of endsFor(at, maxNestingDepth)) valid.push(validAt(base, site, segmentChain(at, maxNestingDepth, link, end).value));
    for (const end of endsFor(at, maxNestingDepth + 1)) {
      const chain = segmentChain(at, maxNestingDepth + 1, link, end);
      const deepest = end?.member ?? 'SegmentAttributeValue';
      invalid.push(
        invalidAt(base, site, chain.value, { class: `nesting-depth/${deepest}`, within: chain.tokens, describe: `${deepest} at depth ${maxNestingDepth + 1} through ${link.member}s` }),
      );
    }
  }
  return { valid, invalid };
}
