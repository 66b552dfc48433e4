// Whether an answer matches what the corpus expected. Only a verdict can be judged: a throttle, a
// server fault or a network error says nothing about the request itself.
import type { StartResult } from './classify.ts';
import type { Expected } from './corpus.ts';

export type Judgement = { readonly judged: false } | { readonly judged: true; readonly matched: boolean };

export function judge(expected: Expected, result: StartResult): Judgement {
  if (result.outcome === 'throttled' || result.outcome === 'server-error' || result.outcome === 'network-error') return { judged: false };
  if (expected.outcome === 'accepted') return { judged: true, matched: result.outcome === 'accepted' };
  return {
    judged: true,
    matched: result.status === expected.status && result.errorName !== undefined && expected.allowedErrors.includes(result.errorName),
  };
}

/** A bounded tag for the rule a case is about: the first expected rule, or `valid`. */
export function ruleTag(expected: Expected): string {
  return expected.outcome === 'accepted' ? 'valid' : (expected.rules[0] ?? 'unnamed');
}
