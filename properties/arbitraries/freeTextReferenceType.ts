import { documentedRules, dateReferenceType } from '../../harness/contract/index.ts';

/** A creation-time reference type whose Value is free text (no R3): where budget filler can go. */
export function freeTextReferenceType(): string {
  const allowed: readonly string[] = documentedRules.R1.allowedTypes;
  const type = allowed.includes('STRING') ? 'STRING' : allowed.find((t) => t !== dateReferenceType);
  if (type === undefined) throw new Error('properties: rule R1 allows no free-text reference type');
  return type;
}
