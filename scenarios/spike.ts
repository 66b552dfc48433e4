// Spike: a baseline, a sudden burst to RATE (default 100/s, twenty times the baseline), then the
// baseline again. Throttling during the burst is expected of a quota-bound service; the thresholds
// ask that faults stay rare and that the run as a whole keeps the latency SLO.
import { settings } from './lib/env.ts';
import { scenarioOptions } from './lib/options.ts';
import { spikeScenario } from './lib/profiles.ts';
import { startSlo } from './lib/slo.ts';
import { startOnce } from './lib/start-iteration.ts';
import type { SummaryData } from './lib/summary-data.ts';
import { summaryOutputs } from './lib/summary.ts';

const SCENARIO = 'spike';

export const options = scenarioOptions({ [SCENARIO]: spikeScenario(settings, 'spike') }, startSlo({ throttling: false }));

export function spike(): void {
  startOnce(SCENARIO);
}

export function handleSummary(data: SummaryData): Record<string, string> {
  return summaryOutputs(SCENARIO, data);
}
