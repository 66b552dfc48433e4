import { validAt } from './place.ts';
import type { CoverageCases, CoverageContext } from './types.ts';

/**
 * Valid: each optional structure member sent as JSON null, which AWS JSON deserializers (and the
 * contract) read as absent: the counterpart of the required/<site>/null classes. A target that
 * type-checks null before looking at whether the member is required refuses these.
 */
export function nullOptionals({ base, sites }: CoverageContext): CoverageCases {
  const valid = sites.filter((site) => site.steps.at(-1)?.kind === 'member' && !site.required).map((site) => validAt(base, site, null));
  return { valid, invalid: [] };
}
