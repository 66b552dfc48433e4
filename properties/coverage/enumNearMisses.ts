import { shapes } from '../../harness/contract/index.ts';
import { shapeNamed } from '../internal/shapeNamed.ts';
import type { InvalidCase, StartWebRTCContactRequest } from '../arbitraries/index.ts';
import { invalidAt, validAt } from './place.ts';
import type { CoverageCases, CoverageContext } from './types.ts';

/** "send", "Send" for "SEND": the spellings a case-insensitive target accepts. */
function otherCases(value: string): string[] {
  const lower = value.toLowerCase();
  const capitalised = lower.charAt(0).toUpperCase() + lower.slice(1);
  return [...new Set([lower, capitalised, value.toUpperCase()])];
}

/**
 * Every enum member of every enum site, and its near misses: the same letters in another case
 * (class wrong-case), a leading or a trailing space, and "" once per site (class wrong-value): what
 * a target that lower-cases or trims before comparing accepts. Members are valid here except
 * Reference.Type's, which rules R1 and R3 govern (see referenceTypes.ts).
 */
export function enumNearMisses({ base, sites }: CoverageContext): CoverageCases {
  const valid: StartWebRTCContactRequest[] = [];
  const invalid: InvalidCase[] = [];
  const referenceType = shapes.Reference.members.Type.shape;
  for (const site of sites) {
    const shape = shapeNamed(site.shape);
    if (shape.type !== 'string' || !shape.enum) continue;
    const members = shape.enum;
    const wrong = (value: string, how: 'wrong-case' | 'wrong-value'): void => {
      if (!members.includes(value)) invalid.push(invalidAt(base, site, value, { class: `enum/${site.id}/${how}`, describe: JSON.stringify(value) }));
    };
    for (const member of members) {
      if (site.shape !== referenceType) valid.push(validAt(base, site, member));
      for (const other of otherCases(member)) wrong(other, 'wrong-case');
      wrong(` ${member}`, 'wrong-value');
      wrong(`${member} `, 'wrong-value');
    }
    wrong('', 'wrong-value');
  }
  return { valid, invalid };
}
