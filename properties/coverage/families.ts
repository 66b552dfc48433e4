import { attributeKeyCharacters } from './attributeKeyCharacters.ts';
import { byteBudgets } from './byteBudgets.ts';
import { dateValues } from './dateValues.ts';
import { emptyContainers } from './emptyContainers.ts';
import { enumNearMisses } from './enumNearMisses.ts';
import { integerEdges } from './integerEdges.ts';
import { lengthBoundaries } from './lengthBoundaries.ts';
import { loneSurrogates } from './loneSurrogates.ts';
import { nestingDepth } from './nestingDepth.ts';
import { nullOptionals } from './nullOptionals.ts';
import { patternFirstCharacters } from './patternFirstCharacters.ts';
import { referenceTypes } from './referenceTypes.ts';
import { requiredMembers } from './requiredMembers.ts';
import type { FamilyBuilder } from './types.ts';
import { wrongTypes } from './wrongTypes.ts';

/**
 * The families, in the order their cases are listed. Together their invalid cases put every tag
 * class of the random generator at every site it can use; the valid ones sit on the other side of
 * each edge.
 */
export const families: readonly (readonly [name: string, build: FamilyBuilder])[] = [
  ['required-members', requiredMembers],
  ['length-boundaries', lengthBoundaries],
  ['enum-near-misses', enumNearMisses],
  ['pattern-first-characters', patternFirstCharacters],
  ['wrong-types', wrongTypes],
  ['lone-surrogates', loneSurrogates],
  ['byte-budgets', byteBudgets],
  ['attribute-key-characters', attributeKeyCharacters],
  ['reference-types', referenceTypes],
  ['date-values', dateValues],
  ['nesting-depth', nestingDepth],
  ['empty-containers', emptyContainers],
  ['null-optionals', nullOptionals],
  ['integer-edges', integerEdges],
];
