// Runs checks against a target, one after another, and gathers their results into a report.
import type { FidelityProfile } from '../contract/index.ts';
import { HarnessError } from '../targets/harness-error.ts';
import type { Target } from '../targets/target.ts';
import type { Check, CheckResult } from './check.ts';
import { allChecks } from './checks/index.ts';

export interface RunOptions {
  readonly target: Target;
  readonly profile: FidelityProfile;
  readonly runs: number;
  readonly seed: number;
  /** Only these checks (names); default all. */
  readonly checks?: readonly string[];
  /** Replay one counterexample of the one named check. */
  readonly path?: string;
  readonly onProgress?: (check: string, done: number, planned: number) => void;
  readonly onCheckDone?: (result: CheckResult) => void;
  /** Set to stop between checks (Ctrl-C). */
  readonly signal?: AbortSignal;
}

export interface RunReport {
  readonly target: { readonly kind: string; readonly description: string; readonly region: string };
  readonly profile: string;
  readonly seed: number;
  readonly runs: number;
  readonly startedAt: string;
  readonly durationMs: number;
  readonly results: readonly CheckResult[];
}

export function selectChecks(names: readonly string[] | undefined): readonly Check[] {
  if (!names || names.length === 0) return allChecks;
  const unknown = names.filter((n) => !allChecks.some((c) => c.name === n));
  if (unknown.length) throw new HarnessError(`unknown check ${unknown.join(', ')} (known: ${allChecks.map((c) => c.name).join(', ')})`);
  return allChecks.filter((c) => names.includes(c.name));
}

export async function runConformance(options: RunOptions): Promise<RunReport> {
  const checks = selectChecks(options.checks);
  if (options.path !== undefined && (checks.length !== 1 || !checks[0]!.property)) {
    throw new HarnessError('--path replays one property check: name it with --check');
  }
  const startedAt = new Date();
  const results: CheckResult[] = [];
  for (const check of checks) {
    if (options.signal?.aborted) {
      results.push({ check: check.name, status: 'skipped', cases: 0, findings: [], note: 'interrupted', durationMs: 0 });
      continue;
    }
    const t0 = performance.now();
    let result: CheckResult;
    try {
      const outcome = await check.run({
        target: options.target,
        profile: options.profile,
        runs: options.runs,
        seed: options.seed,
        path: options.path,
        progress: (done, planned) => options.onProgress?.(check.name, done, planned),
      });
      result = { check: check.name, ...outcome, durationMs: performance.now() - t0 };
    } catch (error) {
      if (!(error instanceof HarnessError)) throw error;
      result = { check: check.name, status: 'error', cases: 0, findings: [], note: error.message, durationMs: performance.now() - t0 };
    }
    results.push(result);
    options.onCheckDone?.(result);
  }
  return {
    target: { kind: options.target.kind, description: options.target.description, region: options.target.region },
    profile: options.profile.name,
    seed: options.seed,
    runs: options.runs,
    startedAt: startedAt.toISOString(),
    durationMs: Date.now() - startedAt.getTime(),
    results,
  };
}

/** 0 all held, 1 findings, 2 the harness could not run something. */
export function exitStatus(report: RunReport): 0 | 1 | 2 {
  if (report.results.some((r) => r.status === 'error')) return 2;
  if (report.results.some((r) => r.status === 'failed')) return 1;
  return 0;
}
