// Runs checks against a target, one after another, and gathers their results into a report.
import type { FidelityProfile } from '../contract/index.ts';
import { HarnessError } from '../targets/harness-error.ts';
import type { Target } from '../targets/target.ts';
import type { ProbeResult } from './probes/probe.ts';
import { allPhases, type Check, type CheckResult, type Phase, type ShrinkBudget } from './check.ts';
import { allChecks } from './checks/index.ts';
import { observeCases, type CaseObserver } from './send-case.ts';

export interface RunOptions {
  readonly target: Target;
  readonly profile: FidelityProfile;
  readonly runs: number;
  readonly seed: number;
  /** Only these checks (names); default all. */
  readonly checks?: readonly string[];
  /** Not these checks (names): reported as skipped, nothing sent for them. */
  readonly skipChecks?: readonly string[];
  /** Replay one counterexample of the one named check. */
  readonly path?: string;
  /** Divergences from assumptions fail the run too. */
  readonly strict?: boolean;
  /** Default coverage then random. */
  readonly phases?: readonly Phase[];
  /** Distinct groups reported per check (default 20). */
  readonly maxFindings?: number;
  readonly shrink?: Partial<ShrinkBudget>;
  /** Times a minimal case is re-sent before it is reported (default 2). */
  readonly reproduceAttempts?: number;
  readonly onCheckStart?: (check: string) => void;
  readonly onProgress?: (check: string, done: number, planned: number, failing: number) => void;
  readonly onCheckDone?: (result: CheckResult) => void;
  /** Aborted by Ctrl-C, SIGTERM or a time limit: stop sending, report what was found. */
  readonly signal?: AbortSignal;
  /** Hears every case the run sends (`--observe`): it listens, nothing more is sent. */
  readonly observe?: CaseObserver;
}

/** Shrinking budget per group: a few minutes of real-AWS pacing at most, plenty for an emulator. */
export const defaultShrinkBudget: ShrinkBudget = { maxSteps: 200, maxMs: 30_000 };
export const DEFAULT_MAX_FINDINGS = 20;
export const DEFAULT_REPRODUCE_ATTEMPTS = 2;

export interface RunReport {
  readonly target: { readonly kind: string; readonly description: string; readonly region: string };
  readonly profile: string;
  readonly seed: number;
  readonly runs: number;
  readonly phases: readonly Phase[];
  readonly strict: boolean;
  /** Why the run stopped early, when it did. */
  readonly interrupted?: string;
  readonly startedAt: string;
  readonly durationMs: number;
  readonly results: readonly CheckResult[];
  /** Probes run after the checks (the main job's concurrency and idempotency probes), when any. */
  readonly probes?: readonly ProbeResult[];
  /** The command line that runs this whole run again, when the caller knows one (the main job). */
  readonly rerun?: string;
}

function known(names: readonly string[], flag: string): void {
  const unknown = names.filter((n) => !allChecks.some((c) => c.name === n));
  if (unknown.length) throw new HarnessError(`${flag}: unknown check ${unknown.join(', ')} (known: ${allChecks.map((c) => c.name).join(', ')})`);
}

/** The checks `--check` names (all when none), without those `--skip-check` names; in run order. */
export function selectChecks(names: readonly string[] | undefined, skip: readonly string[] = []): readonly Check[] {
  known(names ?? [], '--check');
  known(skip, '--skip-check');
  const both = (names ?? []).filter((n) => skip.includes(n));
  if (both.length) throw new HarnessError(`${both.join(', ')} is named by both --check and --skip-check`);
  const chosen = !names || names.length === 0 ? allChecks : allChecks.filter((c) => names.includes(c.name));
  const left = chosen.filter((c) => !skip.includes(c.name));
  if (left.length === 0) throw new HarnessError('--skip-check leaves no check to run');
  return left;
}

export async function runConformance(options: RunOptions): Promise<RunReport> {
  const unobserve = options.observe ? observeCases(options.target, options.observe) : undefined;
  try {
    return await runChecks(options);
  } finally {
    unobserve?.();
  }
}

async function runChecks(options: RunOptions): Promise<RunReport> {
  const checks = selectChecks(options.checks, options.skipChecks);
  if (options.path !== undefined && (checks.length !== 1 || !checks[0]!.property)) {
    throw new HarnessError('--path replays one property check: name it with --check');
  }
  const startedAt = new Date();
  const results: CheckResult[] = [];
  const phases = options.phases ?? allPhases;
  // A skipped check stays in the report, so a reader sees what was not run and why.
  const skipped = new Set(options.skipChecks ?? []);
  for (const check of allChecks.filter((c) => checks.includes(c) || skipped.has(c.name))) {
    if (skipped.has(check.name)) {
      results.push({ check: check.name, status: 'skipped', cases: 0, findings: [], note: 'skipped with --skip-check', durationMs: 0 });
      continue;
    }
    if (options.signal?.aborted) {
      results.push({ check: check.name, status: 'skipped', cases: 0, findings: [], note: 'interrupted', durationMs: 0 });
      continue;
    }
    options.onCheckStart?.(check.name);
    const t0 = performance.now();
    let result: CheckResult;
    try {
      const outcome = await check.run({
        target: options.target,
        profile: options.profile,
        runs: options.runs,
        seed: options.seed,
        path: options.path,
        phases,
        maxFindings: options.maxFindings ?? DEFAULT_MAX_FINDINGS,
        shrink: { ...defaultShrinkBudget, ...options.shrink },
        reproduceAttempts: options.reproduceAttempts ?? DEFAULT_REPRODUCE_ATTEMPTS,
        signal: options.signal,
        progress: (done, planned, failing = 0) => options.onProgress?.(check.name, done, planned, failing),
      });
      result = { check: check.name, ...outcome, durationMs: performance.now() - t0 };
    } catch (error) {
      if (!(error instanceof HarnessError)) throw error;
      const status = options.signal?.aborted ? 'skipped' : 'error';
      result = { check: check.name, status, cases: 0, findings: [], note: status === 'skipped' ? 'interrupted' : error.message, durationMs: performance.now() - t0 };
    }
    results.push(result);
    options.onCheckDone?.(result);
  }
  return {
    target: { kind: options.target.kind, description: options.target.description, region: options.target.region },
    profile: options.profile.name,
    seed: options.seed,
    runs: options.runs,
    phases,
    strict: options.strict ?? false,
    ...(options.signal?.aborted ? { interrupted: String(options.signal.reason ?? 'interrupted') } : {}),
    startedAt: startedAt.toISOString(),
    durationMs: Date.now() - startedAt.getTime(),
    results,
  };
}

/**
 * 0 all held (divergences from assumptions and flaky failures are listed, not failed), 1 findings
 * (or divergences under --strict), 2 the harness could not run something, or the run was stopped
 * before it found anything: a run that did not finish is not a pass.
 */
export function exitStatus(report: RunReport): 0 | 1 | 2 {
  if (report.results.some((r) => r.status === 'error')) return 2;
  if (report.results.some((r) => r.status === 'failed')) return 1;
  if (report.strict && report.results.some((r) => r.status === 'diverged')) return 1;
  if (report.interrupted !== undefined) return 2;
  return 0;
}

/** Findings, divergences and flaky failures across the run. */
export function gradeCounts(report: RunReport): { findings: number; divergences: number; flaky: number } {
  const all = report.results.flatMap((r) => r.findings);
  return {
    findings: all.filter((f) => f.grade === 'finding').length,
    divergences: all.filter((f) => f.grade === 'divergence').length,
    flaky: all.filter((f) => f.grade === 'flaky').length,
  };
}
