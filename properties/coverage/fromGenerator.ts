import fc from 'fast-check';
import type { InvalidClass } from '../arbitraries/types.ts';
import type { InvalidCase, RequestOptions, StartWebRTCContactRequest } from '../arbitraries/index.ts';

/** Fixed, so the fallback's cases are the same at every build (for one fast-check version). */
const SEED = 20_240_601;
/** Enough draws to reach every site of the widest class (about 20) with near certainty. */
const RUNS = 256;

/**
 * A safety net, not a family: cases for a tag class none of the families here builds (one added to
 * the arbitraries since), drawn from the class's own generator at a fixed seed over the coverage
 * base, one per site it reaches (a note starts with its site id). The coverage tests require that
 * it builds nothing, so a new class gets a deterministic family of its own.
 */
export function fromGenerator(cls: InvalidClass, base: StartWebRTCContactRequest, options: RequestOptions): InvalidCase[] {
  const arbitrary = cls.build(fc.constant(base), options);
  if (!arbitrary) return [];
  const bySite = new Map<string, InvalidCase>();
  for (const c of fc.sample(arbitrary, { seed: SEED, numRuns: RUNS })) {
    const site = c.tag.note.split(': ')[0] ?? '';
    if (!bySite.has(site)) bySite.set(site, c);
  }
  return [...bySite.values()];
}
