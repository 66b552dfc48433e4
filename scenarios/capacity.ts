// Capacity: rising steps of arrival rate (STEPS, default 10,20,40,80,160,320 per second; each ramps
// for 10 s and holds for STEP_DURATION, default 50s). Each step's own thresholds (failed share,
// throttled share, p95; tag `step`, 1..N, from the elapsed time) abort the run once that step has
// held for a while past its limit: the whole-run rates are cumulative, so a knee would be diluted by
// the healthy steps before it (docs/k6-reports.md). The summary names the highest step that held.
//
// The steps are read in setup() from the stages in force, not from this file's init code: under
// `k6 run archive.tar` the options are the archive's while the init code sees the run-time
// environment, and the tags must describe the traffic actually sent. setup() returns the plan
// ({ plan: { stepRates, stepSeconds, rampSeconds } }); the summary finds it in data.setup_data.
import exec from 'k6/execution';
import { k6Metrics } from '../harness/contract/metric-names.ts';
import { stepAt, stepLimits, stepTagKey, stepThresholds } from './lib/capacity-steps.ts';
import { acceptedStarts, droppedIterationsBound } from './lib/evidence.ts';
import { settings } from './lib/env.ts';
import { scenarioOptions } from './lib/options.ts';
import { abortRun, preflight, scenarioRunning } from './lib/preflight.ts';
import { capacityPlan, capacityPlanInForce, capacityScenario, type CapacityPlan } from './lib/profiles.ts';
import { startOnce } from './lib/start-iteration.ts';
import type { SummaryData } from './lib/summary-data.ts';
import { summaryOutputs } from './lib/summary.ts';

const SCENARIO = 'capacity';
/** The plan this init code computes: what a plain `k6 run` starts with and the thresholds name. */
const plan = capacityPlan(settings);
const scenarios = { [SCENARIO]: capacityScenario(settings, plan, 'capacity') };

export const options = scenarioOptions(scenarios, {
  // Whole-run shares are reported, and abort nothing: each step aborts on its own (stepThresholds).
  [k6Metrics.startFailed]: [`rate<${stepLimits.maxFailedRate}`],
  [k6Metrics.throttled]: [`rate<${stepLimits.maxThrottledRate}`],
  ...stepThresholds(plan),
  ...acceptedStarts,
  ...droppedIterationsBound(scenarios),
});

interface CapacityData {
  /** The steps of the options in force (capacity-steps.ts planFromSetupData reads it back). */
  readonly plan: CapacityPlan;
}

export function setup(): CapacityData {
  const scenario = scenarioRunning(preflight({ capacity: { requestsPerIteration: 1, paced: false } }), 'capacity');
  const inForce = capacityPlanInForce(scenario);
  if (typeof inForce === 'string') abortRun(`capacity: ${inForce}, so the step tags cannot be derived`);
  return { plan: inForce };
}

export function capacity(data: CapacityData): void {
  const step = stepAt(Date.now() - exec.scenario.startTime, data.plan.stepSeconds, data.plan.stepRates.length);
  startOnce(SCENARIO, { [stepTagKey]: String(step) });
}

export function handleSummary(data: SummaryData): Record<string, string> {
  // The steps that ran come from data.setup_data; the init-time plan only when there is none.
  return summaryOutputs(SCENARIO, data, { options, capacity: { scenario: SCENARIO, initPlan: plan } });
}
