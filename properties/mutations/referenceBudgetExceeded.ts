import { documentedRules } from '../../harness/contract/index.ts';
import { budgetBytes } from '../internal/budgetBytes.ts';
import { references } from '../arbitraries/references.ts';
import { siteById } from '../internal/siteById.ts';
import { siteClass } from '../internal/siteClass.ts';
import type { InvalidClass, Reference } from '../arbitraries/types.ts';

const { R2 } = documentedRules;

/** Tag class "reference-byte-budget/limit+1": reference keys and Values one UTF-8 byte over R2, multi-byte. */
export function referenceBudgetExceeded(): readonly InvalidClass[] {
  return [
    siteClass<Record<string, Reference>>({
      class: 'reference-byte-budget/limit+1',
      rule: R2.rule,
      note: `reference keys and values of ${R2.limitBytes + 1} bytes`,
      sites: [siteById(R2.member)],
      value: () => references({ exactBytes: R2.limitBytes + 1, fillWidths: [2, 3, 4] }),
      describe: (map) => `${Object.keys(map).length} entries, ${budgetBytes(map)} bytes`,
    }),
  ];
}
