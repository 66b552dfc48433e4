import fc from 'fast-check';
import { shapes, dateReferenceType } from '../../harness/contract/index.ts';
import { dateReferenceValue } from './dateReferenceValue.ts';
import { lengthOf } from './lengthOf.ts';
import { stringOfCodePoints } from './stringOfCodePoints.ts';

const urlChars = [...'abcdefghijklmnopqrstuvwxyz0123456789'];
const pathChars = [...urlChars, ...'ABCDEFGHIJKLMNOPQRSTUVWXYZ-_.~%/'];
const word = (chars: string[], min: number, max: number) => fc.array(fc.constantFrom(...chars), { minLength: min, maxLength: max }).map((c) => c.join(''));
const webUrl = fc
  .tuple(fc.constantFrom('https', 'http'), fc.array(word(urlChars, 1, 12), { minLength: 1, maxLength: 3 }), fc.constantFrom('com', 'net', 'example', 'io'), word(pathChars, 0, 60))
  .map(([scheme, labels, tld, path]) => `${scheme}://${labels.join('.')}.${tld}/${path}`);

/** Generator tuning: long values come from the References budget modes. */
const TYPICAL_MAX = 300;

/**
 * A plausible Value for a reference of `type`. Only DATE's is a rule (R3); URL, EMAIL and NUMBER get
 * plausible text because a real service may check them although nothing documents it.
 */
export function referenceValue(type: string): fc.Arbitrary<string> {
  const { min, max } = lengthOf(shapes.Reference.members.Value.shape);
  switch (type) {
    case dateReferenceType:
      return dateReferenceValue();
    case 'URL':
      // Not fc.webUrl(): its percent-encoding tables are rebuilt on every generated value and made
      // URL cases the slowest thing a conformance run did.
      return webUrl.filter((url) => url.length <= max);
    case 'EMAIL':
      return fc.emailAddress().filter((email) => email.length <= max);
    case 'NUMBER':
      return fc.integer().map(String);
    default:
      return stringOfCodePoints(min, Math.min(max, TYPICAL_MAX));
  }
}
