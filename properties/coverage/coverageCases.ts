import { invalidClasses } from '../mutations/invalidClasses.ts';
import type { RequestOptions, StartWebRTCContactRequest } from '../arbitraries/index.ts';
import { coverageContext } from './context.ts';
import { families } from './families.ts';
import { fromGenerator } from './fromGenerator.ts';
import type { CoverageCases, CoverageContext, CoverageFamily } from './types.ts';

/**
 * Each family's cases, in a fixed order, plus a "from-generator" family when a tag class has no
 * builder here (see fromGenerator.ts). Valid cases keep the ids the options fix: a target knows
 * only those, so an id at its length edge would be refused for another reason (unknown instance).
 */
export function coverageFamilies(options: RequestOptions = {}): readonly CoverageFamily[] {
  const context = coverageContext(options);
  const out: CoverageFamily[] = families.map(([name, build]) => {
    const { valid, invalid } = build(context);
    return { name, valid: valid.filter((r) => keepsFixedIds(r, context)), invalid };
  });
  const built = new Set(out.flatMap((f) => f.invalid.map((c) => c.tag.class)));
  const missing = invalidClasses().filter((c) => !built.has(c.class));
  const fallback = missing.flatMap((c) => fromGenerator(c, context.base, options));
  if (fallback.length > 0) out.push({ name: 'from-generator', valid: [], invalid: fallback });
  return out;
}

function keepsFixedIds(request: StartWebRTCContactRequest, { base, options }: CoverageContext): boolean {
  return (options.instanceId === undefined || request.InstanceId === base.InstanceId) && (options.contactFlowId === undefined || request.ContactFlowId === base.ContactFlowId);
}

/**
 * The coverage phase's cases: a deterministic list, the same for the same options, independent of
 * any seed. Invalid cases carry tags exactly like `invalidRequest()`'s (class, rule, path, note);
 * valid ones are distinct requests (families meet at some, such as the base itself).
 */
export function coverageCases(options: RequestOptions = {}): CoverageCases {
  const all = coverageFamilies(options);
  const seen = new Set<string>();
  const valid = all.flatMap((f) => f.valid).filter((r) => {
    const key = JSON.stringify(r);
    return !seen.has(key) && Boolean(seen.add(key));
  });
  return { valid, invalid: all.flatMap((f) => f.invalid) };
}

/** How many requests the coverage phase sends for `options`: valid plus invalid. */
export function coverageCount(options: RequestOptions = {}): number {
  const { valid, invalid } = coverageCases(options);
  return valid.length + invalid.length;
}
