// Spike: a baseline, a sudden burst to RATE (default 100/s, twenty times the baseline), then the
// baseline again. Every start is tagged with its phase (baseline, burst, recovery; from the stages
// in force). Throttling during the burst is expected of a quota-bound service, but bounded (under
// 90 % of the burst's starts); before and after it, as in load, under 1 %. Faults stay rare, the
// latency SLO holds, and starts must have succeeded during the burst and after it.
import exec from 'k6/execution';
import { acceptedStarts, droppedIterationsBound } from './lib/evidence.ts';
import { settings } from './lib/env.ts';
import { scenarioOptions } from './lib/options.ts';
import { preflight, scenarioRunning } from './lib/preflight.ts';
import { spikeScenario } from './lib/profiles.ts';
import { startSlo } from './lib/slo.ts';
import { phaseAt, phaseTagKey, spikePhaseThresholds, spikePlanFrom, type SpikePlan } from './lib/spike-phases.ts';
import { startOnce } from './lib/start-iteration.ts';
import type { SummaryData } from './lib/summary-data.ts';
import { summaryOutputs } from './lib/summary.ts';

const SCENARIO = 'spike';
const scenarios = { [SCENARIO]: spikeScenario(settings, 'spike') };

export const options = scenarioOptions(scenarios, {
  ...startSlo({ throttling: false }),
  ...spikePhaseThresholds(),
  ...acceptedStarts,
  ...droppedIterationsBound(scenarios),
});

interface SpikeData {
  readonly spike: SpikePlan;
}

export function setup(): SpikeData {
  const scenario = scenarioRunning(preflight({ spike: { requestsPerIteration: 1, paced: false } }), 'spike');
  return { spike: spikePlanFrom(scenario) };
}

export function spike(data: SpikeData): void {
  startOnce(SCENARIO, { [phaseTagKey]: phaseAt(Date.now() - exec.scenario.startTime, data.spike) });
}

export function handleSummary(data: SummaryData): Record<string, string> {
  return summaryOutputs(SCENARIO, data, { options });
}
