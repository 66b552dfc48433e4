import { documentedRules } from '../../harness/contract/index.ts';
import { attributes } from '../arbitraries/attributes.ts';
import { budgetBytes } from '../internal/budgetBytes.ts';
import { siteById } from '../internal/siteById.ts';
import { siteClass } from '../internal/siteClass.ts';
import type { InvalidClass } from '../arbitraries/types.ts';

const { A1 } = documentedRules;

/** Tag class "attribute-byte-budget/limit+1": attributes one UTF-8 byte over A1, made of multi-byte characters. */
export function attributeBudgetExceeded(): readonly InvalidClass[] {
  return [
    siteClass<Record<string, string>>({
      class: 'attribute-byte-budget/limit+1',
      rule: A1.rule,
      note: `attribute keys and values of ${A1.limitBytes + 1} bytes`,
      sites: [siteById(A1.member)],
      value: () => attributes({ exactBytes: A1.limitBytes + 1, fillWidths: [2, 3, 4] }),
      describe: (map) => `${Object.keys(map).length} entries, ${budgetBytes(map)} bytes`,
    }),
  ];
}
