import { lengthOf } from '../internal/lengthOf.ts';
import { patternFirstChars } from '../internal/patternFirstChars.ts';
import { shapeNamed } from '../internal/shapeNamed.ts';
import type { InvalidCase, StartWebRTCContactRequest } from '../arbitraries/index.ts';
import { invalidAt, validAt } from './place.ts';
import { widthChar } from './widthChars.ts';
import type { CoverageCases, CoverageContext } from './types.ts';

/** Accepted first characters worth a valid case each: the punctuation, and the ends of each ASCII range. */
const RANGE_ENDS = ['0', '9', 'A', 'Z', 'a', 'z'];

/**
 * For each patterned string (ReferenceArn: "^[-:/A-Za-z0-9]+", which only constrains the first
 * character since the model leaves it open-ended): every ASCII first character the pattern refuses
 * and a 2-, 3- and 4-byte one (class pattern/<site>/first-character), each at the shape's minimum
 * length; valid cases for the accepted punctuation and range ends, and one whose later characters
 * are all ones the pattern's class refuses (a target that anchors the pattern at both ends refuses it).
 */
export function patternFirstCharacters({ base, sites }: CoverageContext): CoverageCases {
  const valid: StartWebRTCContactRequest[] = [];
  const invalid: InvalidCase[] = [];
  for (const site of sites) {
    const shape = shapeNamed(site.shape);
    if (shape.type !== 'string' || shape.pattern === undefined) continue;
    const pattern = new RegExp(shape.pattern, 'u');
    const { min, max } = lengthOf(site.shape);
    const tail = 'a'.repeat(Math.max(min - 1, 0));
    const refused = [...patternFirstChars(site.shape, false), ...[widthChar[2], widthChar[3], widthChar[4]].filter((c) => !pattern.test(c))];
    for (const c of refused) {
      invalid.push(invalidAt(base, site, c + tail, { class: `pattern/${site.id}/first-character`, describe: `starts with ${JSON.stringify(c)}` }));
    }
    const accepted = patternFirstChars(site.shape).filter((c) => !/[A-Za-z0-9]/.test(c) || RANGE_ENDS.includes(c));
    for (const c of accepted) valid.push(validAt(base, site, c + tail));
    const first = accepted.includes('a') ? 'a' : accepted[0];
    const rest = patternFirstChars(site.shape, false).filter((c) => c >= ' ' && c < '\x7f').join('');
    const open = `${first ?? ''}${rest}`.padEnd(min, ' ');
    if (first !== undefined && [...open].length <= max) valid.push(validAt(base, site, open));
  }
  return { valid, invalid };
}
