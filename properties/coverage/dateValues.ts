import { documentedRules, dateReferenceType } from '../../harness/contract/index.ts';
import { epochDigitsMax } from '../arbitraries/epochDigitsMax.ts';
import { siteById } from '../arbitraries/siteById.ts';
import type { Reference } from '../arbitraries/index.ts';
import { invalidAt, validAt } from './place.ts';
import type { CoverageCases, CoverageContext } from './types.ts';

const { R3 } = documentedRules;
const SECONDS = '1700000000'; // 2023-11-14, ten digits
const toScript = (s: string, zero: number): string => s.replace(/[0-9]/g, (d) => String.fromCodePoint(zero + Number(d)));

/** Near misses of R3's epoch reading (digits only, 1 to 13 of them), by the random generator's kinds; `undefined` leaves Value out. */
function refused(max: number): readonly (readonly [kind: string, values: readonly (string | undefined)[]])[] {
  return [
    ['absent-or-empty', [undefined, '']],
    ['calendar-text', ['2023-11-14', '2023-11-14T22:13:20Z', '2023-11-14T22:13:20.000Z', 'Tue, 14 Nov 2023 22:13:20 GMT']],
    [
      'not-plain-digits',
      [
        `-${SECONDS}`, `+${SECONDS}`, `${SECONDS}.5`, `${SECONDS}.`, '1.7e9', ` ${SECONDS}`, `${SECONDS} `, `${SECONDS}\n`,
        '1,700,000,000', '0x6553F100', '17000000a0', 'abc', '-0',
        toScript(SECONDS, 0x660), // Arabic-Indic digits: Python's and .NET's \d, and \p{Nd}, accept them
        toScript(SECONDS, 0xff10), // fullwidth digits
      ],
    ],
    // One digit past the limit (epoch seconds padded wrongly), microseconds, nanoseconds.
    ['too-many-digits', ['1'.padEnd(max + 1, '0'), `${SECONDS}000000`, `${SECONDS}000000000`]],
  ];
}

/** Valid edges: one digit, zero, seconds, milliseconds, the most digits allowed, leading zeros. */
function accepted(max: number): readonly string[] {
  return ['0', '9', SECONDS, `${SECONDS}000`, '9'.repeat(max), '1'.padStart(max, '0')];
}

/**
 * DATE reference Values around rule R3 (read as 1 to 13 decimal digits): each near miss invalid
 * (class date-reference-value/<kind>, reported at the reference's Value), each edge valid.
 */
export function dateValues({ base }: CoverageContext): CoverageCases {
  const site = siteById(`${R3.member}{}`);
  const max = epochDigitsMax();
  const reference = (value: string | undefined): Reference => (value === undefined ? { Type: dateReferenceType } : { Type: dateReferenceType, Value: value });
  const invalid = refused(max).flatMap(([kind, values]) =>
    values.map((v) =>
      invalidAt(base, site, reference(v), { class: `${R3.rule}/${kind}`, within: ['Value'], describe: v === undefined ? 'Value left out' : `Value ${JSON.stringify(v)}` }),
    ),
  );
  return { valid: accepted(max).map((v) => validAt(base, site, reference(v))), invalid };
}
