import fc from 'fast-check';
import { charOfWidth } from '../arbitraries/charOfWidth.ts';
import { lengthOf } from '../internal/lengthOf.ts';
import { patternFirstChars } from '../internal/patternFirstChars.ts';
import { requestSites } from '../internal/requestSites.ts';
import { shapeNamed } from '../internal/shapeNamed.ts';
import { siteClass } from '../internal/siteClass.ts';
import { stringOfCodePoints } from '../arbitraries/stringOfCodePoints.ts';
import type { InvalidClass } from '../arbitraries/types.ts';

/**
 * Tag classes "pattern/<site>/first-character": a string of valid length whose first character the
 * pattern refuses. ReferenceArn's model pattern has no closing "$", so only the first character
 * can break it; the rest may be anything.
 */
export function brokenPattern(): readonly InvalidClass[] {
  return requestSites().flatMap((site) => {
    const shape = shapeNamed(site.shape);
    if (shape.type !== 'string' || shape.pattern === undefined) return [];
    const pattern = new RegExp(shape.pattern, 'u');
    const { min, max } = lengthOf(site.shape);
    const badFirst = fc.oneof(
      fc.constantFrom(...patternFirstChars(site.shape, false)),
      charOfWidth([2, 3, 4]).filter((c) => !pattern.test(c)),
    );
    return [
      siteClass<string>({
        class: `pattern/${site.id}/first-character`,
        rule: 'pattern',
        note: `${site.id} starting with a character ${shape.pattern} refuses`,
        sites: [site],
        value: () => fc.tuple(badFirst, stringOfCodePoints(Math.max(min - 1, 0), max - 1)).map(([first, rest]) => first + rest),
        describe: (v) => `starts with ${JSON.stringify([...v][0])}`,
      }),
    ];
  });
}
