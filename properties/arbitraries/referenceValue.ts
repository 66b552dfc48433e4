import fc from 'fast-check';
import { shapes } from '../../harness/contract/index.ts';
import { dateReferenceValue } from './dateReferenceValue.ts';
import { dateType } from './dateType.ts';
import { lengthOf } from './lengthOf.ts';
import { stringOfCodePoints } from './stringOfCodePoints.ts';

/** Generator tuning: long values come from the References budget modes. */
const TYPICAL_MAX = 300;

/**
 * A plausible Value for a reference of `type`. Only DATE's is a rule (R3); URL, EMAIL and NUMBER get
 * plausible text because a real service may check them although nothing documents it.
 */
export function referenceValue(type: string): fc.Arbitrary<string> {
  const { min, max } = lengthOf(shapes.Reference.members.Value.shape);
  switch (type) {
    case dateType:
      return dateReferenceValue();
    case 'URL':
      return fc.webUrl().filter((url) => url.length <= max);
    case 'EMAIL':
      return fc.emailAddress().filter((email) => email.length <= max);
    case 'NUMBER':
      return fc.integer().map(String);
    default:
      return stringOfCodePoints(min, Math.min(max, TYPICAL_MAX));
  }
}
