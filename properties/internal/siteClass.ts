import fc from 'fast-check';
import { childPath, type Rule } from '../../harness/contract/index.ts';
import { invalidCase } from '../arbitraries/invalidCase.ts';
import { placeAt } from './placeAt.ts';
import type { Site } from './requestSites.ts';
import { sitesFor } from './sitesFor.ts';
import type { InvalidClass } from '../arbitraries/types.ts';
import { validKey } from './validKey.ts';

export interface SiteClassSpec<V> {
  readonly class: string;
  readonly rule: Rule;
  readonly note: string;
  /** Where the mutation may go; one is picked per case. */
  readonly sites: readonly Site[];
  /** The broken value for a site. */
  readonly value: (site: Site) => fc.Arbitrary<V>;
  /** This case in a few words (never the value itself when it is sensitive or big). */
  readonly describe: (value: V, site: Site) => string;
  /** What is placed, when the generated value carries more (default: the value). */
  readonly placed?: (value: V) => unknown;
  /** Pointer tokens from the site down to the violation (default: none: the site itself). */
  readonly within?: (value: V) => readonly string[];
}

function keysFor(site: Site): fc.Arbitrary<string[]> {
  const keys = site.steps.flatMap((s) => (s.kind === 'value' ? [validKey(s.keyShape)] : []));
  return keys.length === 0 ? fc.constant([]) : fc.tuple(...keys);
}

/**
 * A tag class whose cases put one broken value at one site of a valid base request. The mutation
 * is applied in `map`, after the base and the value are generated: shrinking shrinks the base and
 * the value, never the mutation away, and the tag is recomputed for every shrunk case.
 */
export function siteClass<V>(spec: SiteClassSpec<V>): InvalidClass {
  const { class: id, rule, note, sites } = spec;
  if (sites.length === 0) throw new Error(`properties: tag class ${id} has no site`);
  return {
    class: id,
    rule,
    note,
    members: [...new Set(sites.map((s) => s.member))],
    build(base, options) {
      const usable = sitesFor(sites, options);
      if (usable.length === 0) return undefined;
      const cases = usable.map((site) =>
        fc.tuple(base, keysFor(site), spec.value(site)).map(([request, keys, value]) => {
          const placed = placeAt(request, site, keys, spec.placed ? spec.placed(value) : value);
          const path = (spec.within?.(value) ?? []).reduce(childPath, placed.path);
          return invalidCase(placed.request, { class: id, rule, path, note: `${site.id}: ${spec.describe(value, site)}` });
        }),
      );
      return cases.length === 1 ? (cases[0] as fc.Arbitrary<ReturnType<typeof invalidCase>>) : fc.oneof(...cases);
    },
  };
}
