import fc from 'fast-check';
import { documentedRules, dateReferenceType } from '../../harness/contract/index.ts';
import { epochDigitsMax } from './epochDigitsMax.ts';
import { siteById } from './siteById.ts';
import { siteClass } from './siteClass.ts';
import type { InvalidClass, Reference } from './types.ts';

const { R3 } = documentedRules;
const SECONDS_2001_TO_2100 = { min: 1_000_000_000, max: 4_102_444_799 };

const epoch = fc.integer(SECONDS_2001_TO_2100);
const date = fc.date({ min: new Date(0), max: new Date(SECONDS_2001_TO_2100.max * 1000), noInvalidDate: true });

/** Non-epoch DATE values by kind; `undefined` leaves Value out (read as ""). */
function kinds(): readonly (readonly [string, fc.Arbitrary<string | undefined>])[] {
  const max = epochDigitsMax();
  return [
    ['absent-or-empty', fc.constantFrom(undefined, '')],
    ['calendar-text', fc.oneof(date.map((d) => d.toISOString()), date.map((d) => d.toUTCString()), date.map((d) => d.toISOString().slice(0, 10)))],
    [
      'not-plain-digits',
      fc.oneof(
        epoch.map((s) => `-${s}`),
        epoch.map((s) => `${s}.5`),
        epoch.map((s) => `${(s / 1e9).toFixed(3)}e9`),
        epoch.map((s) => ` ${s}`),
        epoch.map((s) => `${s}\n`),
        epoch.map((s) => s.toLocaleString('en-US')),
        epoch.map((s) => `0x${s.toString(16)}`),
        // The same digits in other scripts: Arabic-Indic and fullwidth.
        epoch.map((s) => String(s).replace(/[0-9]/g, (d) => String.fromCodePoint(0x660 + Number(d)))),
        epoch.map((s) => String(s).replace(/[0-9]/g, (d) => String.fromCodePoint(0xff10 + Number(d)))),
      ),
    ],
    // Epoch microseconds, nanoseconds: longer than any seconds or milliseconds value R3 allows.
    ['too-many-digits', fc.tuple(fc.integer({ min: 1, max: 6 }), epoch).map(([extra, s]) => String(s).padEnd(max + extra, '0'))],
  ];
}

/** Tag classes "date-reference-value/<kind>": a DATE reference whose Value is no epoch timestamp. */
export function nonEpochDate(): readonly InvalidClass[] {
  return kinds().map(([kind, value]) =>
    siteClass<string | undefined>({
      class: `${R3.rule}/${kind}`,
      rule: R3.rule,
      note: `a DATE reference whose Value is ${kind}`,
      sites: [siteById(`${R3.member}{}`)],
      value: () => value,
      placed: (v): Reference => (v === undefined ? { Type: dateReferenceType } : { Type: dateReferenceType, Value: v }),
      within: () => ['Value'],
      describe: (v) => (v === undefined ? 'Value left out' : `Value ${JSON.stringify(v)}`),
    }),
  );
}
