import fc from 'fast-check';
import { documentedRules, shapes } from '../../harness/contract/index.ts';
import { siteById } from '../internal/siteById.ts';
import { siteClass } from '../internal/siteClass.ts';
import type { InvalidClass } from '../arbitraries/types.ts';

const { R1 } = documentedRules;

/** Tag classes "reference-type-at-creation/<TYPE>": each ReferenceType value rule R1 refuses at creation. */
export function referenceTypeAtCreation(): readonly InvalidClass[] {
  const allowed: readonly string[] = R1.allowedTypes;
  return shapes.ReferenceType.enum
    .filter((type) => !allowed.includes(type))
    .map((type) =>
      siteClass<string>({
        class: `${R1.rule}/${type}`,
        rule: R1.rule,
        note: `a ${type} reference at creation`,
        sites: [siteById(`${R1.member}{}.Type`)],
        value: () => fc.constant(type),
        describe: (t) => t,
      }),
    );
}
