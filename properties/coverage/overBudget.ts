import { hasOwn, isObject } from '../../harness/contract/index.ts';
import { budgetBytes } from '../internal/budgetBytes.ts';
import { budgetOf } from '../internal/budgetOf.ts';
import type { JsonObject } from '../arbitraries/index.ts';

/**
 * The byte budget (A1, R2) `request`'s `member` map breaks, if any. Measured with TextEncoder, not
 * the validator, so that a family's choice to skip or flag a case does not lean on what it tests.
 */
export function overBudget(request: JsonObject, member: string): number | undefined {
  const budget = budgetOf(member);
  const map = hasOwn(request, member) ? request[member] : undefined;
  return budget !== undefined && isObject(map) && budgetBytes(map) > budget ? budget : undefined;
}
