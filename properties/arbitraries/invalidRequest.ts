import fc from 'fast-check';
import type { Rule } from '../../harness/contract/index.ts';
import { invalidClasses } from '../mutations/invalidClasses.ts';
import type { InvalidCase, InvalidRequestOptions } from './types.ts';
import { validRequest } from './validRequest.ts';

/**
 * Invalid StartWebRTCContact requests, each tagged with the rule it breaks and the JSON Pointer
 * where `validate` reports it: a valid request with exactly one mutation. A rule is picked first,
 * evenly, then one of its tag classes, so that 100 runs meet every rule.
 */
export function invalidRequest(options: InvalidRequestOptions = {}): fc.Arbitrary<InvalidCase> {
  const base = validRequest(options);
  const known = new Set(invalidClasses().map((c) => c.class));
  const unknown = (options.classes ?? []).filter((id) => !known.has(id));
  // A misspelt class would silently narrow what a run covers.
  if (unknown.length > 0) throw new RangeError(`invalidRequest: unknown tag classes ${unknown.join(', ')}`);
  const byRule = new Map<Rule, fc.Arbitrary<InvalidCase>[]>();
  for (const c of invalidClasses()) {
    if (options.classes && !options.classes.includes(c.class)) continue;
    if (options.rules && !options.rules.includes(c.rule)) continue;
    const arbitrary = c.build(base, options);
    if (arbitrary) byRule.set(c.rule, [...(byRule.get(c.rule) ?? []), arbitrary]);
  }
  const perRule = [...byRule.values()].map((arbs) => (arbs.length === 1 ? (arbs[0] as fc.Arbitrary<InvalidCase>) : fc.oneof(...arbs)));
  if (perRule.length === 0) throw new Error('invalidRequest: the options leave no tag class');
  return perRule.length === 1 ? (perRule[0] as fc.Arbitrary<InvalidCase>) : fc.oneof(...perRule);
}
