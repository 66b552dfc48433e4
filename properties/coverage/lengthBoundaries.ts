import { documentedRules } from '../../harness/contract/index.ts';
import { boundedSites } from '../internal/boundedSites.ts';
import type { Utf8Width } from '../arbitraries/charOfWidth.ts';
import { patternFirstChars } from '../internal/patternFirstChars.ts';
import type { Site } from '../internal/requestSites.ts';
import { shapeNamed } from '../internal/shapeNamed.ts';
import { sitesFor } from '../internal/sitesFor.ts';
import type { InvalidCase, StartWebRTCContactRequest } from '../arbitraries/index.ts';
import { overBudget } from './overBudget.ts';
import { atSite, invalidAt, validAt } from './place.ts';
import { textOf, utf8Widths } from './widthChars.ts';
import type { CoverageCases, CoverageContext } from './types.ts';

const isKey = (site: Site): boolean => site.steps.at(-1)?.kind === 'key';

/** Attribute keys keep to A2's ASCII charset: a wider character would be a second fault. */
function widthsAt(site: Site): readonly Utf8Width[] {
  return site.member === documentedRules.A2.member && isKey(site) ? [1] : utf8Widths;
}

/** A patterned shape (ReferenceArn) gets a first character its pattern accepts: "a" when it can. */
function firstChar(shapeName: string): string | undefined {
  const shape = shapeNamed(shapeName);
  if (shape.type !== 'string' || shape.pattern === undefined) return undefined;
  const accepted = patternFirstChars(shapeName);
  return accepted.includes('a') ? 'a' : accepted[0];
}

/**
 * Every length edge of every bounded string and map key, counted in code points: min-1 (when
 * min > 0) and max+1 invalid (rule length, or key-length for a key), min and max valid, each in
 * 1-, 2-, 3- and 4-byte characters (an empty string once). A valid edge that would break its map's
 * byte budget (a 32 767-character attribute value of é, a 4 096-character reference Value at any
 * width) is left out: it cannot be valid. An invalid one that does too stays, its note saying so.
 */
export function lengthBoundaries({ base, options }: CoverageContext): CoverageCases {
  const valid: StartWebRTCContactRequest[] = [];
  const invalid: InvalidCase[] = [];
  for (const keys of [false, true]) {
    const rule = keys ? 'key-length' : 'length';
    for (const site of sitesFor(boundedSites(keys), options)) {
      const shape = shapeNamed(site.shape);
      if (shape.type !== 'string' || !shape.length) continue;
      const { min = 0, max } = shape.length;
      const edges: [string, number][] = [];
      if (min > 0) edges.push(['min-1', min - 1]);
      edges.push(['min', min]);
      if (max !== undefined) edges.push(['max', max], ['max+1', max + 1]);
      for (const [edge, n] of edges) {
        for (const width of n === 0 ? [1 as const] : widthsAt(site)) {
          const value = textOf(n, width, firstChar(site.shape));
          const what = n === 0 ? 'empty' : `${n} code points of ${width}-byte characters`;
          if (edge === 'min' || edge === 'max') {
            const request = validAt(base, site, value);
            if (overBudget(request, site.member) === undefined) valid.push(request);
            continue;
          }
          // An attribute value or reference Value past its maximum is past its map's budget too: unavoidable, and said.
          const budget = overBudget(atSite(base, site, value).request, site.member);
          const also = budget === undefined ? '' : ` (also over the ${budget}-byte budget)`;
          invalid.push(invalidAt(base, site, value, { class: `${rule}/${site.id}/${edge}`, describe: what + also }));
        }
      }
    }
  }
  return { valid, invalid };
}
