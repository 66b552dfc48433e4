// No green without evidence. k6 passes a Rate threshold on a metric with no samples and reads an
// empty Trend as zeros (k6: metrics/thresholds.go Thresholds.Run, Threshold.runNoTaint), so the
// SLO thresholds alone pass a run in which nothing was measured: against a target that throttles
// or refuses every call, `webrtc_start_duration{outcome:accepted} p(95)<500` holds. Each scenario
// therefore also asks for the samples its verdict rests on with a `count>0` threshold on a Counter
// (an empty Counter has count 0, which fails it), and bounds what an open-model run may drop.
import type { Scenario } from 'k6/options';
import { k6BuiltinMetrics, k6Metrics } from '../../harness/contract/metric-names.ts';
import { plannedIterations, scenariosInForce } from './in-force.ts';
import type { Thresholds } from './slo.ts';

export const evidenceLimits = {
  /**
   * Iterations an arrival-rate executor may drop, as a share of those it schedules. k6 drops one
   * whenever no VU is free at its start time, which also happens while it initialises VUs beyond
   * preAllocatedVUs (lib/executor/constant_arrival_rate.go Run), so zero would fail healthy runs;
   * more than 1 % means the rate the verdict claims was not the rate offered.
   */
  maxDroppedShare: 0.01,
} as const;

/** Accepted starts: every throughput scenario's verdict is about starts that succeeded. */
export const acceptedStarts: Thresholds = { [k6Metrics.contactsStarted]: ['count>0'] };

/**
 * `dropped_iterations` (a Counter k6 emits only from arrival-rate executors, and from
 * shared-iterations when maxDuration cuts the run short) as a count: k6 aggregates a Counter only as
 * `count` and as a per-second `rate` over the whole run, so "at most 1 % of the scheduled
 * iterations" is written as a count computed from the same scenarios the options carry (and an
 * archive keeps both together). With k6-operator each pod checks its own segment against the
 * total, which is looser by the parallelism.
 */
export function droppedIterationsBound(scenarios: Readonly<Record<string, Scenario>>): Thresholds {
  const planned = scenariosInForce({ scenarios }).reduce((sum, s) => sum + plannedIterations(s), 0);
  return { [k6BuiltinMetrics.droppedIterations]: [`count<=${Math.ceil(planned * evidenceLimits.maxDroppedShare)}`] };
}

/** Shared-iterations: any dropped iteration is a corpus entry or a smoke start never sent. */
export const noDroppedIterations: Thresholds = { [k6BuiltinMetrics.droppedIterations]: ['count==0'] };
