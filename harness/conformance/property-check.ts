// Turns "for every generated case, send it and judge the answer" into a Check. fast-check
// generates, sends, shrinks a failure to a minimal case, and reports the seed and path that replay
// it. A harness error (target unreachable) stops the run at once instead of being shrunk as if it
// were a finding.
import fc from 'fast-check';
import type { Exchange } from '../targets/exchange.ts';
import { HarnessError } from '../targets/harness-error.ts';
import type { Check, CheckContext, Finding, Verdict } from './check.ts';

export interface Judged {
  readonly verdict: Verdict;
  readonly exchange: Exchange | undefined;
}

export interface PropertyCheckSpec<T> {
  readonly name: string;
  readonly description: string;
  readonly arbitrary: (context: CheckContext) => fc.Arbitrary<T>;
  /** Sends the case and judges what came back. */
  readonly judge: (value: T, context: CheckContext) => Promise<Judged>;
  /** Cases per run relative to --runs (expensive checks run fewer). */
  readonly runsFactor?: number;
  /** The tag of a tagged invalid case, for the report. */
  readonly tagOf?: (value: T) => Finding['tag'];
}

export function propertyCheck<T>(spec: PropertyCheckSpec<T>): Check {
  return {
    name: spec.name,
    description: spec.description,
    property: true,
    async run(context) {
      const numRuns = context.path === undefined ? Math.max(1, Math.round(context.runs * (spec.runsFactor ?? 1))) : 1;
      let harnessError: HarnessError | undefined;
      let last: { value: T; judged: Judged } | undefined;
      let cases = 0;
      const property = fc.asyncProperty(spec.arbitrary(context), async (value) => {
        if (harnessError) return true; // stop doing work; the result is discarded
        // A replay sends the one case its path names. When that case passes, fast-check would go on
        // through every shrink candidate after it (numRuns does not bound a path with ":").
        if (context.path !== undefined && cases >= 1) return true;
        cases++;
        context.progress(cases, numRuns);
        let judged: Judged;
        try {
          judged = await spec.judge(value, context);
          await context.target.releaseStarted();
        } catch (error) {
          if (error instanceof HarnessError) {
            harnessError = error;
            return true;
          }
          throw error;
        }
        if (!judged.verdict.ok) last = { value, judged };
        return judged.verdict.ok;
      });
      const result = await fc.check(property, {
        numRuns,
        seed: context.seed,
        ...(context.path === undefined ? {} : { path: context.path, endOnFailure: true }),
      });
      if (harnessError) return { status: 'error', cases, findings: [], note: harnessError.message };
      if (!result.failed) return { status: 'passed', cases, findings: [] };
      if (result.errorInstance && !last) {
        // The judge itself threw: a bug of ours, not a finding.
        return { status: 'error', cases, findings: [], note: `check crashed: ${String((result.errorInstance as Error).message ?? result.errorInstance)}` };
      }
      // The last failing call is the shrunk counterexample: fast-check keeps the last failure it saw.
      const counterexample = (result.counterexample?.[0] ?? last?.value) as T;
      const finding: Finding = {
        check: spec.name,
        reason: last && !last.judged.verdict.ok ? last.judged.verdict.reason : 'failed',
        counterexample,
        exchange: last?.judged.exchange,
        replay: { seed: result.seed, path: result.counterexamplePath ?? '' },
        shrinks: result.numShrinks,
        ...(spec.tagOf ? { tag: spec.tagOf(counterexample) } : {}),
      };
      return { status: 'failed', cases, findings: [finding] };
    },
  };
}
