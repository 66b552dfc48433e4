import { absent } from '../internal/absent.ts';
import { invalidAt } from './place.ts';
import type { CoverageCases, CoverageContext } from './types.ts';

/** Each required member left out, and sent as JSON null (which AWS deserializers read as absent). */
export function requiredMembers({ base, sites }: CoverageContext): CoverageCases {
  const invalid = sites
    .filter((site) => site.required)
    .flatMap((site) => [
      invalidAt(base, site, absent, { class: `required/${site.id}/missing`, describe: 'left out' }),
      invalidAt(base, site, null, { class: `required/${site.id}/null`, describe: 'null' }),
    ]);
  return { valid: [], invalid };
}
