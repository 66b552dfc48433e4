import { documentedRules } from '../../harness/contract/index.ts';

const budgets: ReadonlyMap<string, number> = new Map(
  Object.values(documentedRules).flatMap((rule) => ('limitBytes' in rule ? [[rule.member, rule.limitBytes] as const] : [])),
);

/** The byte budget a documented rule (A1, R2) puts on a top-level member's map, if any. */
export function budgetOf(member: string): number | undefined {
  return budgets.get(member);
}
