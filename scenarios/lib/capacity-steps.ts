// The capacity scenario's steps: which step a moment belongs to (a bounded `step` tag, 1..N, from
// the time elapsed since the scenario started), the per-step thresholds (and the abort at the knee
// they carry), the plan in force, and, after the run, the verdict a person can act on: the highest
// step that held, the first that did not and why, per-step latency and outcome mix, and what CI
// should make of k6's exit code. Pure and runtime-neutral: k6 runs it in handleSummary,
// `connect-harness k6-combine` over several pods' summaries. docs/k6-reports.md.
import type { Threshold } from 'k6/options';
import { k6BuiltinMetrics, k6Metrics, tagKeys } from '../../harness/contract/metric-names.ts';
import type { NormalSummary, ThresholdResult } from './summary-normal.ts';
import { evaluateThreshold, parseThreshold } from './threshold-eval.ts';

/** Tag key of the capacity step (1..N), set from the elapsed scenario time. */
export const stepTagKey = tagKeys.step;

/** What one step must hold to count: the run's SLO, measured within the step. */
export const stepLimits = { maxFailedRate: 0.01, maxThrottledRate: 0.05, acceptedP95Ms: 1000 } as const;

/** Seconds of a step's hold a per-step abort waits for, so that one slow start cannot stop the run. */
export const abortEvidenceSeconds = 10;

/** The steps as run: rates (after the cap) and timing. profiles.ts CapacityPlan has this shape. */
export interface StepPlan {
  readonly stepRates: readonly number[];
  /** Ramp plus hold. */
  readonly stepSeconds: number;
  readonly rampSeconds: number;
}

export type PlanSource = 'setup_data' | 'options' | 'init';

/** Step number (1-based) at `elapsedMs` into the scenario; time past the last step stays in it. */
export function stepAt(elapsedMs: number, stepSeconds: number, stepCount: number): number {
  const index = Math.floor(Math.max(0, elapsedMs) / (stepSeconds * 1000));
  return Math.min(stepCount, index + 1);
}

/** The sub-metrics that carry one step's figures. */
export function stepMetricKeys(step: number): { failed: string; throttled: string; latency: string } {
  return {
    failed: `${k6Metrics.startFailed}{${stepTagKey}:${step}}`,
    throttled: `${k6Metrics.throttled}{${stepTagKey}:${step}}`,
    latency: `${k6Metrics.startDuration}{${stepTagKey}:${step},${tagKeys.outcome}:accepted}`,
  };
}

/**
 * Sub-metric thresholds per step: they make k6 keep per-step aggregates (which the verdict reads)
 * and state each step's SLO. Given the plan, each also aborts the run (abortOnFail) once its step
 * has crossed it, but not before the step's ramp and `abortEvidenceSeconds` of its hold are over:
 * k6 evaluates thresholds every 2 s and skips a metric without samples, and delayAbortEval counts
 * from the start of the test run (setup included), so step N can abort no earlier than
 * (N-1)·stepSeconds + ramp + evidence. A step's own rate is not diluted by the steps before it,
 * as a whole-run rate is, so the run stops in the step that failed (docs/k6-reports.md).
 */
export function stepThresholds(planOrStepCount: StepPlan | number): Record<string, Threshold[]> {
  const plan = typeof planOrStepCount === 'number' ? undefined : planOrStepCount;
  const stepCount = plan === undefined ? (planOrStepCount as number) : plan.stepRates.length;
  const out: Record<string, Threshold[]> = {};
  for (let step = 1; step <= stepCount; step++) {
    const keys = stepMetricKeys(step);
    const limits = { failed: `rate<${stepLimits.maxFailedRate}`, throttled: `rate<${stepLimits.maxThrottledRate}`, latency: `p(95)<${stepLimits.acceptedP95Ms}` };
    const hold = plan === undefined ? 0 : plan.stepSeconds - plan.rampSeconds;
    const delay = plan === undefined ? undefined : `${(step - 1) * plan.stepSeconds + plan.rampSeconds + Math.min(abortEvidenceSeconds, hold)}s`;
    for (const which of ['failed', 'throttled', 'latency'] as const) {
      out[keys[which]] = [delay === undefined ? limits[which] : { threshold: limits[which], abortOnFail: true, delayAbortEval: delay }];
    }
  }
  return out;
}

/** A k6 duration (`10s`, `1m0s` as k6 serialises them, `1h30m`, `2d`, or a bare number of ms) in seconds. */
export function k6DurationSeconds(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value / 1000 : undefined;
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text) / 1000;
  if (!/^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h|d))+$/.test(text)) return undefined;
  const unit: Record<string, number> = { ns: 1e-9, us: 1e-6, µs: 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600, d: 86400 };
  let total = 0;
  for (const m of text.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h|d)/g)) total += Number(m[1]) * unit[m[2]!]!;
  return total;
}

function isStepPlan(value: unknown): value is StepPlan {
  if (typeof value !== 'object' || value === null) return false;
  const p = value as Partial<Record<keyof StepPlan, unknown>>;
  return (
    Array.isArray(p.stepRates) &&
    p.stepRates.length > 0 &&
    p.stepRates.every((r) => typeof r === 'number' && Number.isFinite(r) && r > 0) &&
    typeof p.stepSeconds === 'number' &&
    typeof p.rampSeconds === 'number' &&
    p.stepSeconds > 0 &&
    p.rampSeconds >= 0 &&
    p.rampSeconds <= p.stepSeconds
  );
}

/** The plan setup() returned, as `{ plan: {...} }` (or the plan itself); undefined when it is not one. */
export function planFromSetupData(setupData: unknown): StepPlan | undefined {
  const candidate = typeof setupData === 'object' && setupData !== null && 'plan' in setupData ? (setupData as { plan: unknown }).plan : setupData;
  return isStepPlan(candidate) ? { stepRates: [...candidate.stepRates], stepSeconds: candidate.stepSeconds, rampSeconds: candidate.rampSeconds } : undefined;
}

/**
 * The plan of the ramping-arrival-rate scenario `name` in `options` (exec.test.options, or the
 * exported options, which k6 overwrites with the options in force): stages in pairs, a ramp to the
 * step's rate then a hold at it, every ramp and every hold as long as the first.
 */
export function planFromOptions(options: unknown, name: string): StepPlan | undefined {
  const scenario = (options as { scenarios?: Record<string, unknown> } | undefined)?.scenarios?.[name] as
    | { executor?: unknown; stages?: readonly { target?: unknown; duration?: unknown }[]; timeUnit?: unknown }
    | undefined;
  if (scenario?.executor !== 'ramping-arrival-rate' || !Array.isArray(scenario.stages) || scenario.stages.length === 0 || scenario.stages.length % 2 !== 0) return undefined;
  const perSecond = scenario.timeUnit === undefined ? 1 : k6DurationSeconds(scenario.timeUnit);
  if (perSecond === undefined || perSecond <= 0) return undefined;
  const stepRates: number[] = [];
  let ramp: number | undefined;
  let hold: number | undefined;
  for (let i = 0; i < scenario.stages.length; i += 2) {
    const [up, stay] = [scenario.stages[i]!, scenario.stages[i + 1]!];
    const r = k6DurationSeconds(up.duration);
    const h = k6DurationSeconds(stay.duration);
    if (r === undefined || h === undefined || up.target !== stay.target || typeof up.target !== 'number') return undefined;
    if ((ramp !== undefined && r !== ramp) || (hold !== undefined && h !== hold)) return undefined;
    ramp = r;
    hold = h;
    stepRates.push(up.target / perSecond);
  }
  const plan = { stepRates, stepSeconds: ramp! + hold!, rampSeconds: ramp! };
  return isStepPlan(plan) ? plan : undefined;
}

/** The share of the test this instance runs (options.executionSegment, e.g. `1/3:2/3`); 1 without one. */
export function segmentFraction(options: unknown): number {
  const segment = (options as { executionSegment?: unknown } | undefined)?.executionSegment;
  if (typeof segment !== 'string' || segment.trim() === '') return 1;
  const point = (text: string): number | undefined => {
    const t = text.trim();
    if (t === '') return 0;
    if (t.endsWith('%')) return Number(t.slice(0, -1)) / 100;
    const [n, d] = t.split('/');
    return d === undefined ? Number(n) : Number(n) / Number(d);
  };
  const parts = segment.includes(':') ? segment.split(':') : ['0', segment];
  const from = point(parts[0]!);
  const to = point(parts[1]!);
  return from !== undefined && to !== undefined && Number.isFinite(from) && Number.isFinite(to) && to > from && to - from <= 1 ? to - from : 1;
}

export type StepStatus = 'held' | 'failed' | 'not-reached' | 'no-verdict';

export interface StepReport {
  readonly step: number;
  /** Target StartWebRTCContact requests per second (the whole test's, over every instance). */
  readonly rate: number;
  readonly status: StepStatus;
  /** True only for `held`: never for a step without starts, whatever its thresholds say. */
  readonly held: boolean;
  /** Starts measured within the step, and how they ended. */
  readonly starts: number;
  readonly accepted: number;
  readonly throttled: number;
  readonly failed: number;
  /** Shares of `starts` (0..1); undefined without starts. */
  readonly acceptedShare?: number;
  readonly throttledRate?: number;
  readonly failedRate?: number;
  /** Latency of accepted starts, ms: what the summary carried (no p99 in the machine-readable shape). */
  readonly latencyMs: { readonly p50?: number; readonly p95?: number; readonly p99?: number };
  /** Planned timing within the scenario, seconds. */
  readonly startS: number;
  readonly endS: number;
  /** For a step the run went through: starts the plan asked of this instance, and the share delivered. */
  readonly plannedStarts?: number;
  readonly deliveredShare?: number;
  /** Starts per second over the whole step (ramp included), for a step the run went through. */
  readonly achievedRate?: number;
  /** Why the step did not hold (each crossed limit with its value), what is unknown, or "not reached". */
  readonly reasons: readonly string[];
  /** What else a person should know: fewer starts delivered than planned (dropped iterations). */
  readonly warnings: readonly string[];
}

export type CapacityVerdictKind = 'knee-found' | 'held-all-steps' | 'below-first-step' | 'no-evidence';

export interface ExitAdvice {
  /** What CI should exit with: 0 for a run that found its knee or held every step. */
  readonly code: 0 | 1;
  /** What k6 itself exits with for this run (99 when any threshold crossed); null when unknown. */
  readonly k6ExitCode: 0 | 99 | null;
  readonly reason: string;
}

export interface CapacityVerdict {
  readonly verdict: CapacityVerdictKind;
  /** One line a person can act on. */
  readonly headline: string;
  /** The highest step such that it and every step below it held; undefined when step 1 did not. */
  readonly highestHeldStep: number | undefined;
  readonly highestHeldRate: number | undefined;
  /** The first step that did not hold, and why. */
  readonly firstFailedStep: number | undefined;
  readonly firstFailedRate: number | undefined;
  readonly why: readonly string[];
  readonly steps: readonly StepReport[];
  readonly plan: StepPlan & { readonly source: PlanSource; readonly segment: number };
  readonly limits: typeof stepLimits;
  /** k6's dropped_iterations over the whole run (not per step: k6 tags them with the scenario only). */
  readonly droppedIterations: number;
  readonly exitAdvice: ExitAdvice;
}

const pct = (share: number) => `${(share * 100).toFixed(share < 0.001 && share > 0 ? 2 : 1)}%`;
const ms = (value: number) => `${Math.round(value)} ms`;

/** A crossed (or unknown) step threshold as a person reads it. */
function describe(t: ThresholdResult, normal: NormalSummary, keys: ReturnType<typeof stepMetricKeys>): string {
  const actual = t.actual ?? evaluateThreshold(t.expression, normal.metrics[t.metric], undefined, 'legacy').actual;
  const parsed = parseThreshold(t.expression);
  const limit = 'error' in parsed ? t.expression : `${parsed.operator} ${t.metric === keys.latency ? ms(parsed.limit) : pct(parsed.limit)}`;
  const what = t.metric === keys.failed ? 'failed' : t.metric === keys.throttled ? 'throttled' : t.metric === keys.latency ? `accepted ${'error' in parsed ? 'latency' : parsed.key}` : `${t.metric} ${t.expression}`;
  if (t.status === 'unavailable') return `${what}: no verdict (${t.note ?? 'unknown'})`;
  const value = actual === undefined ? '' : t.metric === keys.latency ? ` ${ms(actual)}` : ` ${pct(actual)}`;
  return `${what}${value} (limit ${limit})`;
}

const DELIVERY_WARNING = 0.95;

function stepReport(normal: NormalSummary, plan: StepPlan, segment: number, index: number, wentThrough: boolean): StepReport {
  const step = index + 1;
  const rate = plan.stepRates[index]!;
  const keys = stepMetricKeys(step);
  const failedM = normal.metrics[keys.failed]?.values;
  const throttledM = normal.metrics[keys.throttled]?.values;
  const latencyM = normal.metrics[keys.latency]?.values;
  const total = (v: Readonly<Record<string, number>> | undefined) => (v?.passes ?? 0) + (v?.fails ?? 0);
  const starts = Math.max(total(throttledM), total(failedM));
  const throttled = throttledM?.passes ?? 0;
  const failed = failedM?.passes ?? 0;
  const accepted = Math.max(0, starts - throttled - failed);
  const own = normal.thresholds.filter((t) => t.metric === keys.failed || t.metric === keys.throttled || t.metric === keys.latency || t.metric.endsWith(`{${stepTagKey}:${step}}`));
  const startS = index * plan.stepSeconds;
  const endS = startS + plan.stepSeconds;
  const previous = index === 0 ? rate : plan.stepRates[index - 1]!;
  const plannedStarts = ((previous + rate) / 2) * plan.rampSeconds * segment + rate * (plan.stepSeconds - plan.rampSeconds) * segment;
  const delivery = wentThrough && starts > 0 && plannedStarts > 0 ? { plannedStarts: Math.round(plannedStarts), deliveredShare: starts / plannedStarts, achievedRate: starts / plan.stepSeconds } : {};
  // Without accepted starts the trend is empty and k6 reports zeros: no latency to show.
  const latencyMs =
    accepted === 0
      ? {}
      : {
          ...(latencyM?.med === undefined ? {} : { p50: latencyM.med }),
          ...(latencyM?.['p(95)'] === undefined ? {} : { p95: latencyM['p(95)'] }),
          ...(latencyM?.['p(99)'] === undefined ? {} : { p99: latencyM['p(99)'] }),
        };
  const shares = starts > 0 ? { acceptedShare: accepted / starts, throttledRate: throttled / starts, failedRate: failed / starts } : {};
  let status: StepStatus;
  const reasons: string[] = [];
  if (starts === 0) {
    status = 'not-reached';
    reasons.push(wentThrough ? 'no starts were measured in this step, although the run went past it' : 'not reached: the run ended before this step started');
  } else if (own.some((t) => t.status === 'crossed')) {
    status = 'failed';
    for (const t of own.filter((x) => x.status === 'crossed')) reasons.push(describe(t, normal, keys));
  } else if (own.length === 0 || own.some((t) => t.status === 'unavailable')) {
    status = 'no-verdict';
    reasons.push(own.length === 0 ? 'no per-step threshold names this step, so k6 kept no verdict for it' : own.filter((t) => t.status === 'unavailable').map((t) => describe(t, normal, keys)).join('; '));
  } else status = 'held';
  const warnings: string[] = [];
  if ('deliveredShare' in delivery && delivery.deliveredShare! < DELIVERY_WARNING) {
    warnings.push(`delivered ${pct(delivery.deliveredShare!)} of the ${delivery.plannedStarts} starts planned for ${segment === 1 ? 'this run' : 'this instance'} (iterations dropped: the VU budget ran out, or the step was cut short)`);
  }
  return { step, rate, status, held: status === 'held', starts, accepted, throttled, failed, ...shares, latencyMs, startS, endS, ...delivery, reasons, warnings };
}

function verdictOf(steps: readonly StepReport[]): { verdict: CapacityVerdictKind; held: number } {
  let held = 0;
  while (held < steps.length && steps[held]!.status === 'held') held++;
  if (held === steps.length) return { verdict: 'held-all-steps', held };
  const next = steps[held]!;
  if (next.status === 'failed') return { verdict: held === 0 ? 'below-first-step' : 'knee-found', held };
  return { verdict: 'no-evidence', held };
}

/**
 * The verdict from a normalised summary (one instance's, or several pods' combined) and the plan in
 * force. Only the thresholds on a step's sub-metrics judge a step; the whole run's do not change the
 * verdict (a capacity run that finds its knee crosses them too), only `exitAdvice.k6ExitCode`.
 */
export function capacityVerdict(normal: NormalSummary, plan: StepPlan, source: PlanSource, segment = 1): CapacityVerdict {
  const durationS = normal.durationMs === undefined ? undefined : normal.durationMs / 1000;
  const reachedUpTo = (() => {
    let last = -1;
    plan.stepRates.forEach((_, i) => {
      const keys = stepMetricKeys(i + 1);
      const n = ['failed', 'throttled'].reduce((most, k) => {
        const v = normal.metrics[keys[k as 'failed' | 'throttled']]?.values;
        return Math.max(most, (v?.passes ?? 0) + (v?.fails ?? 0));
      }, 0);
      if (n > 0) last = i;
    });
    return last;
  })();
  const scenarioEndS = plan.stepRates.length * plan.stepSeconds;
  const steps = plan.stepRates.map((_, i) => stepReport(normal, plan, segment, i, i < reachedUpTo || (i === plan.stepRates.length - 1 && durationS !== undefined && durationS >= scenarioEndS)));
  const { verdict, held } = verdictOf(steps);
  const first = steps[held];
  const dropped = normal.metrics[k6BuiltinMetrics.droppedIterations]?.values.count ?? 0;
  const why = first === undefined ? [] : [...first.reasons, ...first.warnings];
  if (first !== undefined && dropped > 0 && first.status === 'failed') why.push(`k6 dropped ${dropped} iteration${dropped === 1 ? '' : 's'} over the run (no VU free: latency outgrew the VU budget)`);
  const anyCrossed = normal.thresholds.some((t) => t.status === 'crossed');
  const anyUnknown = normal.thresholds.some((t) => t.status === 'unavailable');
  const k6ExitCode: 0 | 99 | null = anyCrossed ? 99 : anyUnknown ? null : 0;
  const heldRate = held === 0 ? undefined : steps[held - 1]!.rate;
  const at = (s: StepReport) => `step ${s.step} (${s.rate}/s)`;
  let headline: string;
  let exitAdvice: ExitAdvice;
  switch (verdict) {
    case 'knee-found':
      headline = `knee found: ${at(steps[held - 1]!)} held; ${at(first!)} did not: ${first!.reasons.join('; ')}`;
      exitAdvice = { code: 0, k6ExitCode, reason: 'the knee was found, which is what a capacity run is for; k6 exits 99 because the failing step crossed its thresholds (with abortOnFail, stopping the run there)' };
      break;
    case 'held-all-steps':
      headline = `held all ${steps.length} steps, up to ${at(steps[steps.length - 1]!)}: the capacity is above the plan; add higher STEPS to find the knee`;
      exitAdvice = { code: 0, k6ExitCode, reason: 'every step held; the knee lies above the highest step' };
      break;
    case 'below-first-step':
      headline = `the first step (${first!.rate}/s) did not hold: ${first!.reasons.join('; ')}; the capacity is below it, or the target is broken`;
      exitAdvice = { code: 1, k6ExitCode, reason: 'no step held: either the target fails at the lowest rate (a fault, not a capacity) or STEPS start too high; rerun with lower STEPS' };
      break;
    default:
      headline =
        first === undefined || first.status === 'not-reached'
          ? held === 0
            ? 'no evidence: no starts were measured in any step'
            : `no evidence beyond ${at(steps[held - 1]!)}: the run ended before ${first === undefined ? 'the next step' : at(first)} with no step failing (interrupted, or aborted by another threshold)`
          : `no verdict for ${at(first)}: ${first.reasons.join('; ')}`;
      exitAdvice = { code: 1, k6ExitCode, reason: 'the run did not show where the capacity lies' };
  }
  return {
    verdict,
    headline,
    highestHeldStep: held === 0 ? undefined : held,
    highestHeldRate: heldRate,
    firstFailedStep: verdict === 'knee-found' || verdict === 'below-first-step' ? first!.step : undefined,
    firstFailedRate: verdict === 'knee-found' || verdict === 'below-first-step' ? first!.rate : undefined,
    why,
    steps,
    plan: { stepRates: [...plan.stepRates], stepSeconds: plan.stepSeconds, rampSeconds: plan.rampSeconds, source, segment },
    limits: stepLimits,
    droppedIterations: dropped,
    exitAdvice,
  };
}

/** The plan in force: setup()'s (legacy shape), else the options in force, else the init-time one. */
export function planInForce(normal: NormalSummary, options: unknown, scenario: string, initPlan: StepPlan): { plan: StepPlan; source: PlanSource } {
  const fromSetup = planFromSetupData(normal.setupData);
  if (fromSetup) return { plan: fromSetup, source: 'setup_data' };
  const fromOptions = planFromOptions(options, scenario);
  if (fromOptions) return { plan: fromOptions, source: 'options' };
  return { plan: initPlan, source: 'init' };
}

/** The step table as text: one line per step. */
export function stepTable(verdict: CapacityVerdict): string[] {
  const cell = (v: number | undefined, f: (n: number) => string) => (v === undefined ? '-' : f(v));
  const rows = verdict.steps.map((s) => [
    String(s.step),
    String(s.rate),
    cell(s.achievedRate, (n) => n.toFixed(1)),
    String(s.starts),
    cell(s.acceptedShare, pct),
    cell(s.throttledRate, pct),
    cell(s.failedRate, pct),
    cell(s.latencyMs.p50, ms),
    cell(s.latencyMs.p95, ms),
    cell(s.latencyMs.p99, ms),
    s.status === 'not-reached' ? 'not reached' : s.status === 'failed' ? 'FAILED' : s.status === 'no-verdict' ? 'no verdict' : 'held',
  ]);
  const header = ['step', 'target/s', 'achieved/s', 'starts', 'accepted', 'throttled', 'failed', 'p50', 'p95', 'p99', 'status'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (i === r.length - 1 ? c : c.padStart(widths[i]!))).join('  ');
  return [line(header), ...rows.map(line)];
}
