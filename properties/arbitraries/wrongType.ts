import fc from 'fast-check';
import { int32 } from '../../harness/contract/index.ts';
import { jsonTypeOfShape } from './jsonTypeOfShape.ts';
import { objectFromEntries } from './objectFromEntries.ts';
import { requestSites, type Site } from './requestSites.ts';
import { siteClass } from './siteClass.ts';
import { stringOfCodePoints } from './stringOfCodePoints.ts';
import type { InvalidClass } from './types.ts';

// Every wrong value survives JSON unchanged: no undefined, NaN, Infinity or -0 (which JSON turns into
// null, null, null and 0, the first of them valid for an optional member).
const finite = fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })).map((x) => (x === 0 ? 0 : x));
const given: Readonly<Record<string, fc.Arbitrary<unknown>>> = {
  number: finite,
  boolean: fc.boolean(),
  array: fc.array(fc.string({ maxLength: 4 }), { maxLength: 2 }),
  object: fc.oneof(fc.constant(null).map(() => ({})), fc.tuple(fc.string({ maxLength: 6 }), fc.string({ maxLength: 6 })).map(([k, v]) => objectFromEntries([[k, v]]))),
  string: stringOfCodePoints(0, 16),
  // Integers: a numeric string, a fraction, a whole number outside 32 bits.
  'numeric-string': fc.integer().map(String),
  fraction: fc.tuple(fc.integer({ min: -1_000_000, max: 1_000_000 }), fc.integer({ min: 1, max: 99 })).map(([i, c]) => i + c / 100),
  'out-of-range': fc.oneof(
    fc.integer({ min: 1, max: 1_000_000_000 }).map((d) => int32.max + d),
    fc.integer({ min: 1, max: 1_000_000_000 }).map((d) => int32.min - d),
  ),
  null: fc.constant(null),
};

/** [expected JSON type, what is sent instead]: "string where an object belongs" is ['object', 'string']. */
const classes: readonly (readonly [string, string])[] = [
  ['string', 'number'], ['string', 'boolean'], ['string', 'array'], ['string', 'object'],
  ['object', 'string'], ['object', 'number'], ['object', 'boolean'], ['object', 'array'],
  ['array', 'object'], ['array', 'string'],
  ['integer', 'numeric-string'], ['integer', 'fraction'], ['integer', 'out-of-range'],
];

const isKey = (site: Site): boolean => site.steps.at(-1)?.kind === 'key';
/** A null member of a structure reads as absent; only a null map value or list item is a type error. */
const isEntry = (site: Site): boolean => ['value', 'item'].includes(site.steps.at(-1)?.kind ?? '');

/**
 * Tag classes "type/<expected><-<sent>": a JSON value of the wrong type at any site of that type
 * (one picked per case), and "type/null-entry": null as a map value or list item.
 */
export function wrongType(): readonly InvalidClass[] {
  const sites = requestSites().filter((s) => !isKey(s));
  const out = classes.map(([expected, sent]) =>
    siteClass({
      class: `type/${expected}<-${sent}`,
      rule: 'type',
      note: `${sent} where ${expected === 'array' || expected === 'integer' ? 'an' : 'a'} ${expected} belongs`,
      sites: sites.filter((s) => jsonTypeOfShape(s.shape) === expected),
      value: () => given[sent] as fc.Arbitrary<unknown>,
      describe: (v) => `${sent} ${JSON.stringify(v)?.slice(0, 40)}`,
    }),
  );
  out.push(
    siteClass({
      class: 'type/null-entry',
      rule: 'type',
      note: 'null as a map value or list item',
      sites: sites.filter(isEntry),
      value: () => given.null as fc.Arbitrary<unknown>,
      describe: () => 'null',
    }),
  );
  return out;
}
