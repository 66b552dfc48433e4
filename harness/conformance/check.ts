// The vocabulary of a conformance run. A Finding is the target misbehaving; a harness error (see
// targets/harness-error.ts) is us failing to run. They are reported, and exit, differently.
import type { FidelityProfile } from '../contract/index.ts';
import type { Exchange } from '../targets/exchange.ts';
import type { Target } from '../targets/target.ts';

/** How a check judged one case: passed, or failed with a reason a person can act on. */
export type Verdict = { readonly ok: true } | { readonly ok: false; readonly reason: string };

export const pass: Verdict = { ok: true };
export const fail = (reason: string): Verdict => ({ ok: false, reason });

/** The target answered wrongly. Carries everything needed to see and replay it. */
export interface Finding {
  readonly check: string;
  readonly reason: string;
  /** The minimal (shrunk) input that shows it. */
  readonly counterexample: unknown;
  /** The last wire exchange of that input. */
  readonly exchange: Exchange | undefined;
  /** fast-check seed and path that replay exactly this counterexample (property checks). */
  readonly replay: { readonly seed: number; readonly path: string } | undefined;
  /** Shrinking steps taken from the first failure to the counterexample. */
  readonly shrinks: number;
  /** What the tag said the case breaks, when it was a tagged invalid case. */
  readonly tag?: { readonly rule: string; readonly path: string; readonly class: string };
}

export interface CheckContext {
  readonly target: Target;
  readonly profile: FidelityProfile;
  /** Cases per property check. */
  readonly runs: number;
  readonly seed: number;
  /** Replays one counterexample instead of a run: the path printed with a finding. */
  readonly path: string | undefined;
  /** Called after each case, for progress output. */
  readonly progress: (casesDone: number, casesPlanned: number) => void;
}

export interface CheckResult {
  readonly check: string;
  readonly status: 'passed' | 'failed' | 'skipped' | 'error';
  readonly cases: number;
  readonly findings: readonly Finding[];
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
