// The property runner on its own, with judges that need no target: every distinct failure is found
// in one run, each is shrunk within its budget, a failure that does not recur is flaky, the coverage
// phase runs first and replays by index, and an interruption reports what was found so far.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diverge, fail, pass, type CheckContext, type Verdict } from '../../harness/conformance/check.ts';
import { propertyCheck } from '../../harness/conformance/property-check.ts';
import { defaultProfile } from '../../harness/contract/index.ts';
import type { Target } from '../../harness/targets/target.ts';

const target = { releaseStarted: async () => {} } as unknown as Target;

function context(overrides: Partial<CheckContext> = {}): CheckContext {
  return {
    target,
    profile: defaultProfile,
    runs: 200,
    seed: 42,
    path: undefined,
    progress: () => {},
    phases: ['coverage', 'random'],
    maxFindings: 20,
    shrink: { maxSteps: 1_000, maxMs: 60_000 },
    reproduceAttempts: 2,
    signal: undefined,
    ...overrides,
  };
}

/** Numbers 0..10,000: above 5,000 "accepted" (a finding), multiples of 7 "wrong name" (a divergence). */
function verdictOf(n: number): Verdict {
  if (n > 5_000) return fail(`${n} accepted`, 'accepted');
  if (n % 7 === 0 && n > 0) return diverge(`${n} named otherwise`, 'OtherName');
  return pass;
}

const numbers = (judge: (n: number) => Verdict = verdictOf, coverage?: readonly number[]) =>
  propertyCheck<number>({
    name: 'numbers',
    description: 'test',
    arbitrary: () => fc.integer({ min: 0, max: 10_000 }),
    ...(coverage ? { coverage: () => coverage } : {}),
    judge: async (n) => ({ verdict: judge(n), exchange: undefined }),
  });

describe('property runner', () => {
  it('reports every distinct group once, each shrunk to its minimal case', async () => {
    const result = await numbers().run(context());
    expect(result.status).toBe('failed');
    const byGroup = Object.fromEntries(result.findings.map((f) => [f.group, f]));
    expect(Object.keys(byGroup).sort()).toEqual(['divergence: any case: OtherName', 'finding: any case: accepted']);
    expect(byGroup['finding: any case: accepted']!.counterexample).toBe(5_001);
    // fast-check shrinks integers by bisection, which assumes failures are monotonic: a multiple of 7
    // is a local minimum, not necessarily 7. What matters is that it stayed in its group.
    expect((byGroup['divergence: any case: OtherName']!.counterexample as number) % 7).toBe(0);
    expect(byGroup['divergence: any case: OtherName']!.grade).toBe('divergence');
    expect(result.findings.every((f) => f.occurrences >= 1 && f.replay?.seed === 42)).toBe(true);
  });

  it('divergences alone make the check "diverged", not "failed"', async () => {
    const result = await numbers((n) => (n % 7 === 0 && n > 0 ? diverge('x', 'OtherName') : pass)).run(context());
    expect(result.status).toBe('diverged');
  });

  it('stops shrinking at its step budget and says so', async () => {
    let sent = 0;
    const result = await numbers((n) => {
      sent++;
      return n > 10 ? fail('big', 'accepted') : pass;
    }).run(context({ shrink: { maxSteps: 3, maxMs: 60_000 }, phases: ['random'], runs: 20 }));
    const finding = result.findings[0]!;
    expect(finding.shrinkNote).toMatch(/budget of 3 steps/);
    // 20 cases, at most 3 shrink steps, 2 re-sends.
    expect(sent).toBeLessThanOrEqual(20 + 3 + 2);
    expect(finding.counterexample as number).toBeGreaterThan(10);
  });

  it('a failure that does not happen again is flaky, reported with its original case', async () => {
    let failedOnce = false;
    const result = await numbers((n) => {
      if (!failedOnce && n > 100) {
        failedOnce = true;
        return fail('a transient 500', '5xx');
      }
      return pass;
    }).run(context({ phases: ['random'] }));
    expect(result.status).toBe('passed');
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]!.grade).toBe('flaky');
    expect(result.findings[0]!.counterexample as number).toBeGreaterThan(100);
  });

  it('caps distinct groups at maxFindings and counts the rest', async () => {
    const result = await numbers((n) => (n > 0 ? fail('x', `kind ${n % 5}`) : pass)).run(context({ maxFindings: 2 }));
    expect(result.findings).toHaveLength(2);
    expect(result.moreGroups).toBe(3);
  });

  it('a finding is never hidden behind divergences by the cap', async () => {
    const result = await numbers().run(context({ maxFindings: 1 }));
    expect(result.findings.map((f) => f.grade)).toEqual(['finding']);
    expect(result.status).toBe('failed');
    expect(result.moreGroups).toBe(1);
  });

  it('runs the coverage phase first, and replays a coverage case by its index at any seed', async () => {
    const seen: number[] = [];
    const check = numbers((n) => {
      seen.push(n);
      return n === 9_999 ? fail('edge', 'accepted') : pass;
    }, [0, 9_999, 3]);
    const result = await check.run(context({ runs: 5 }));
    expect(seen.slice(0, 3)).toEqual([0, 9_999, 3]);
    expect(result.phaseCases).toEqual({ coverage: 3, random: 5 });
    const finding = result.findings.find((f) => f.counterexample === 9_999)!;
    expect(finding.replay).toEqual({ seed: 42, path: 'coverage:1' });
    seen.length = 0;
    const replayed = await check.run(context({ seed: 7, path: 'coverage:1' }));
    expect(seen).toEqual([9_999]);
    expect(replayed.status).toBe('failed');
  });

  it('an interruption stops sending and reports the groups found so far', async () => {
    const controller = new AbortController();
    let sent = 0;
    const result = await numbers((n) => {
      if (++sent === 50) controller.abort('interrupted by SIGINT');
      return n > 5_000 ? fail('big', 'accepted') : pass;
    }).run(context({ signal: controller.signal, phases: ['random'], runs: 1_000 }));
    expect(sent).toBe(50);
    expect(result.cases).toBe(50);
    expect(result.status).toBe('failed');
    expect(result.findings[0]!.shrinkNote).toMatch(/stopped/);
  });

  it('a judge that throws is a crash of the harness, not a finding', async () => {
    const result = await numbers(() => {
      throw new TypeError('oops');
    }).run(context());
    expect(result.status).toBe('error');
    expect(result.note).toMatch(/check crashed .*oops/);
  });
});
