import { int32 } from '../../harness/contract/index.ts';
import { shapeNamed } from '../arbitraries/shapeNamed.ts';
import { validAt } from './place.ts';
import type { CoverageCases, CoverageContext } from './types.ts';

/** Valid: each integer member at both ends of a 32-bit integer and at 0 (one past either end is in wrongTypes, class type/integer<-out-of-range). */
export function integerEdges({ base, sites }: CoverageContext): CoverageCases {
  const valid = sites.filter((s) => shapeNamed(s.shape).type === 'integer').flatMap((site) => [int32.min, 0, int32.max].map((n) => validAt(base, site, n)));
  return { valid, invalid: [] };
}
