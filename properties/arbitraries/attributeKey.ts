import fc from 'fast-check';
import { shapes } from '../../harness/contract/index.ts';
import { attributeKeyChars } from '../internal/attributeKeyChars.ts';
import { lengthOf } from '../internal/lengthOf.ts';
import { prototypeKeys } from '../internal/prototypeKeys.ts';
import { stringOfCodePoints } from './stringOfCodePoints.ts';

/** Generator tuning, not a bound: ordinary keys stay short; giant keys are a mode of `attributes`. */
const TYPICAL_MAX = 40;

/** A valid attribute key: A2's charset [A-Za-z0-9_-], often "__proto__", "constructor" and kin. */
export function attributeKey(): fc.Arbitrary<string> {
  const { min, max } = lengthOf(shapes.Attributes.key.shape);
  const allowed = new Set(attributeKeyChars());
  const special = prototypeKeys.filter((k) => [...k].every((c) => allowed.has(c)));
  return fc.oneof(
    { weight: 1, arbitrary: fc.constantFrom(...special) },
    { weight: 3, arbitrary: stringOfCodePoints(min, Math.min(max, TYPICAL_MAX), { char: fc.constantFrom(...attributeKeyChars()) }) },
  );
}
