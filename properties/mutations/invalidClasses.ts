import { attributeBudgetExceeded } from './attributeBudgetExceeded.ts';
import { attributeKeyCharset } from '../internal/attributeKeyCharset.ts';
import { brokenPattern } from './brokenPattern.ts';
import { keyLengthPastEdge } from './keyLengthPastEdge.ts';
import { lengthPastEdge } from './lengthPastEdge.ts';
import { loneSurrogate } from './loneSurrogate.ts';
import { missingRequired } from './missingRequired.ts';
import { nestingTooDeep } from './nestingTooDeep.ts';
import { nonEpochDate } from './nonEpochDate.ts';
import { referenceBudgetExceeded } from './referenceBudgetExceeded.ts';
import { referenceTypeAtCreation } from './referenceTypeAtCreation.ts';
import type { InvalidClass } from '../arbitraries/types.ts';
import { wrongEnum } from './wrongEnum.ts';
import { wrongType } from './wrongType.ts';

let cached: readonly InvalidClass[] | undefined;

/** Every tag class, one mutation family after another. */
export function invalidClasses(): readonly InvalidClass[] {
  cached ??= [
    ...missingRequired(),
    ...lengthPastEdge(),
    ...keyLengthPastEdge(),
    ...wrongEnum(),
    ...brokenPattern(),
    ...wrongType(),
    ...loneSurrogate(),
    ...attributeBudgetExceeded(),
    ...attributeKeyCharset(),
    ...referenceTypeAtCreation(),
    ...referenceBudgetExceeded(),
    ...nonEpochDate(),
    ...nestingTooDeep(),
  ];
  return cached;
}
