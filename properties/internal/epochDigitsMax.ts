import { documentedRules } from '../../harness/contract/index.ts';

/** The most decimal digits rule R3's pattern accepts in a DATE value, read off the pattern itself. */
export function epochDigitsMax(): number {
  const pattern = new RegExp(documentedRules.R3.valuePattern);
  let n = 1;
  while (n < 100 && pattern.test('9'.repeat(n + 1))) n++;
  if (!pattern.test('9'.repeat(n))) throw new Error('properties: R3 accepts no run of digits');
  return n;
}
