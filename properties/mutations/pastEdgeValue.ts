import fc from 'fast-check';
import { documentedRules } from '../../harness/contract/index.ts';
import { attributeKeyChars } from '../internal/attributeKeyChars.ts';
import { charOfWidth } from '../arbitraries/charOfWidth.ts';
import { patternFirstChars } from '../internal/patternFirstChars.ts';
import type { Site } from '../internal/requestSites.ts';
import { shapeNamed } from '../internal/shapeNamed.ts';
import { stringOfCodePoints } from '../arbitraries/stringOfCodePoints.ts';

/**
 * A string of exactly `n` code points for `site`, wrong only in its length: 1- to 4-byte characters,
 * except that an attribute key keeps to A2's charset and a patterned string starts as its pattern wants.
 */
export function pastEdgeValue(site: Site, n: number): fc.Arbitrary<string> {
  const isAttributeKey = site.member === documentedRules.A2.member && site.steps.at(-1)?.kind === 'key';
  const char = isAttributeKey ? fc.constantFrom(...attributeKeyChars()) : charOfWidth();
  const shape = shapeNamed(site.shape);
  const patterned = shape.type === 'string' && shape.pattern !== undefined && n > 0;
  return stringOfCodePoints(n, n, { char, ...(patterned ? { first: fc.constantFrom(...patternFirstChars(site.shape)) } : {}) });
}
