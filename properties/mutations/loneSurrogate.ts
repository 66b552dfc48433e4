import fc from 'fast-check';
import { requestSites, type Site } from '../internal/requestSites.ts';
import { shapeNamed } from '../internal/shapeNamed.ts';
import { siteClass } from '../internal/siteClass.ts';
import { stringOfCodePoints } from '../arbitraries/stringOfCodePoints.ts';
import type { InvalidClass } from '../arbitraries/types.ts';

/**
 * Text with one surrogate (U+D800..U+DFFF) that has no partner. Neighbours are whole code points,
 * so they can never complete it: a high one is never followed by a low one, nor a low one preceded
 * by a high one.
 */
const broken = fc
  .tuple(stringOfCodePoints(0, 4), fc.integer({ min: 0xd800, max: 0xdfff }), stringOfCodePoints(0, 4))
  .map(([before, unit, after]) => before + String.fromCharCode(unit) + after);

const describe = (v: string): string => {
  const unit = [...v].find((c) => c.length === 1 && c.charCodeAt(0) >= 0xd800 && c.charCodeAt(0) <= 0xdfff) ?? '';
  return `lone ${unit.charCodeAt(0) < 0xdc00 ? 'high' : 'low'} surrogate U+${unit.charCodeAt(0).toString(16).toUpperCase()}`;
};

/** Tag classes "well-formed-unicode/value" and "well-formed-unicode/key": a lone surrogate in a string or a map key. */
export function loneSurrogate(): readonly InvalidClass[] {
  const strings = requestSites().filter((s) => shapeNamed(s.shape).type === 'string');
  const isKey = (s: Site): boolean => s.steps.at(-1)?.kind === 'key';
  return [
    siteClass({
      class: 'well-formed-unicode/value',
      rule: 'well-formed-unicode',
      note: 'a string value holding a lone surrogate',
      sites: strings.filter((s) => !isKey(s)),
      value: () => broken,
      describe,
    }),
    siteClass({
      class: 'well-formed-unicode/key',
      rule: 'well-formed-unicode',
      note: 'a map key holding a lone surrogate',
      sites: strings.filter(isKey),
      value: () => broken,
      describe,
    }),
  ];
}
