// The vocabulary of a conformance run. A Finding is the target misbehaving; a harness error (see
// targets/harness-error.ts) is us failing to run. They are reported, and exit, differently.
import type { FidelityProfile } from '../contract/index.ts';
import type { Exchange } from '../targets/exchange.ts';
import type { Target } from '../targets/target.ts';

/**
 * What a departure from the contract means (docs/contract.md §4): a *finding* departs from what AWS
 * models, documents or was observed to do; a *divergence* departs only from this project's
 * assumption (reported, exit 0 unless --strict); *flaky* is a failure that did not happen again when
 * its minimal case was re-sent.
 */
export type Grade = 'finding' | 'divergence' | 'flaky';

/** How a check judged one case: passed, or failed with a reason a person can act on. */
export type Verdict =
  | { readonly ok: true }
  | {
      readonly ok: false;
      readonly reason: string;
      readonly grade: Exclude<Grade, 'flaky'>;
      /** The kind of answer, for grouping failures: "accepted", "5xx", "InvalidParameterException", … */
      readonly answer: string;
    };

export const pass: Verdict = { ok: true };
/** A departure from evidence. `answer` groups failures: one report per rule, site and kind of answer. */
export const fail = (reason: string, answer = 'failed'): Verdict => ({ ok: false, reason, grade: 'finding', answer });
/** A departure from an assumption only. */
export const diverge = (reason: string, answer = 'diverged'): Verdict => ({ ok: false, reason, grade: 'divergence', answer });
/** `fail` or `diverge`, by whether the expectation rests on evidence. */
export const departs = (evidence: boolean, reason: string, answer: string): Verdict => (evidence ? fail(reason, answer) : diverge(reason, answer));

/** The target answered wrongly (or, for divergences, otherwise than assumed). Carries everything needed to see and replay it. */
export interface Finding {
  readonly check: string;
  readonly grade: Grade;
  readonly reason: string;
  /** What failures of this group share: rule, site and kind of answer. */
  readonly group: string;
  /** How many failing cases fell into this group. */
  readonly occurrences: number;
  /** The minimal (shrunk) input that shows it; for a flaky one, the original input. */
  readonly counterexample: unknown;
  /** The last wire exchange of that input. */
  readonly exchange: Exchange | undefined;
  /**
   * What replays exactly this counterexample: fast-check seed and path (random phase), or
   * `coverage:N` as the path (coverage phase, any seed).
   */
  readonly replay: { readonly seed: number; readonly path: string } | undefined;
  /** Shrinking steps taken from the first failure to the counterexample. */
  readonly shrinks: number;
  /** Why shrinking stopped where it did, when it was cut short. */
  readonly shrinkNote?: string;
  /** What the tag said the case breaks, when it was a tagged invalid case. */
  readonly tag?: { readonly rule: string; readonly path: string; readonly class: string };
}

export type Phase = 'coverage' | 'random';
export const allPhases: readonly Phase[] = ['coverage', 'random'];

export interface ShrinkBudget {
  /** Cases sent while shrinking one group, at most. */
  readonly maxSteps: number;
  /** Time spent shrinking one group, at most. */
  readonly maxMs: number;
}

export interface CheckContext {
  readonly target: Target;
  readonly profile: FidelityProfile;
  /** Cases per property check. */
  readonly runs: number;
  readonly seed: number;
  /** Replays one counterexample instead of a run: the path printed with a finding. */
  readonly path: string | undefined;
  /** Called after each case, for progress output (`failing`: failed cases so far, all grades). */
  readonly progress: (casesDone: number, casesPlanned: number, failing?: number) => void;
  /** Which phases property checks run (default both, coverage first). */
  readonly phases: readonly Phase[];
  /** Distinct groups reported per check, at most; the rest are counted. */
  readonly maxFindings: number;
  readonly shrink: ShrinkBudget;
  /** Times a minimal case is re-sent before it is reported; a failure that does not recur is flaky. */
  readonly reproduceAttempts: number;
  /** Aborted by Ctrl-C, SIGTERM or the run's time limit: stop sending, report what was found. */
  readonly signal: AbortSignal | undefined;
}

export interface CheckResult {
  readonly check: string;
  /** failed: a finding; diverged: divergences only; passed may still list flaky failures. */
  readonly status: 'passed' | 'failed' | 'diverged' | 'skipped' | 'error';
  readonly cases: number;
  /** Findings, divergences and flaky failures, one per distinct group (at most maxFindings). */
  readonly findings: readonly Finding[];
  /** Groups found beyond maxFindings, counted and not shown. */
  readonly moreGroups?: number;
  /** Cases sent by each phase, for property checks. */
  readonly phaseCases?: Readonly<Partial<Record<Phase, number>>>;
  /** Why it was skipped, or what the harness error was. */
  readonly note?: string;
  readonly durationMs: number;
}

export interface Check {
  readonly name: string;
  readonly description: string;
  /** Whether the check draws cases from fast-check (so --seed/--path replay it). */
  readonly property: boolean;
  run(context: CheckContext): Promise<Omit<CheckResult, 'check' | 'durationMs'>>;
}

/** The status a check's findings give it. */
export function statusOf(findings: readonly Finding[]): 'passed' | 'failed' | 'diverged' {
  if (findings.some((f) => f.grade === 'finding')) return 'failed';
  if (findings.some((f) => f.grade === 'divergence')) return 'diverged';
  return 'passed';
}
