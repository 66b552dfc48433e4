import type { Site } from '../internal/requestSites.ts';
import { shapeNamed } from '../internal/shapeNamed.ts';
import type { InvalidCase } from '../arbitraries/index.ts';
import { invalidAt } from './place.ts';
import type { CoverageCases, CoverageContext } from './types.ts';

const HIGH = '\uD800';
const LOW = '\uDFFF';
const isKey = (site: Site): boolean => site.steps.at(-1)?.kind === 'key';

/** Enough "a"s that the string, surrogate included, meets its minimum length: the surrogate is the one fault. */
function padding(site: Site): string {
  const shape = shapeNamed(site.shape);
  const min = shape.type === 'string' ? (shape.length?.min ?? 0) : 0;
  return 'a'.repeat(Math.max(min - 1, 1));
}

/**
 * At every string site and map key, a lone high surrogate at the end (what cutting a string at a
 * UTF-16 index leaves) and a lone low one at the start: classes well-formed-unicode/value and /key.
 */
export function loneSurrogates({ base, sites }: CoverageContext): CoverageCases {
  const invalid: InvalidCase[] = [];
  for (const site of sites.filter((s) => shapeNamed(s.shape).type === 'string')) {
    const id = isKey(site) ? 'well-formed-unicode/key' : 'well-formed-unicode/value';
    const pad = padding(site);
    invalid.push(invalidAt(base, site, pad + HIGH, { class: id, describe: 'lone high surrogate U+D800 at the end' }));
    invalid.push(invalidAt(base, site, LOW + pad, { class: id, describe: 'lone low surrogate U+DFFF at the start' }));
  }
  return { valid: [], invalid };
}
