// Load: a constant arrival rate (RATE per second, default 20, for DURATION, default 5m). An open
// model: when the target slows down, k6 keeps starting iterations on time, so slowness shows as
// latency and dropped_iterations rather than as a quietly lower rate (and more than 1 % dropped
// fails the run: evidence.ts).
import { acceptedStarts, droppedIterationsBound } from './lib/evidence.ts';
import { settings } from './lib/env.ts';
import { scenarioOptions } from './lib/options.ts';
import { preflight } from './lib/preflight.ts';
import { loadScenario } from './lib/profiles.ts';
import { startSlo } from './lib/slo.ts';
import { startOnce } from './lib/start-iteration.ts';
import type { SummaryData } from './lib/summary-data.ts';
import { summaryOutputs } from './lib/summary.ts';

const SCENARIO = 'load';
const scenarios = { [SCENARIO]: loadScenario(settings, 'load') };

export const options = scenarioOptions(scenarios, { ...startSlo(), ...acceptedStarts, ...droppedIterationsBound(scenarios) });

export function setup(): void {
  preflight({ load: { requestsPerIteration: 1, paced: false } });
}

export function load(): void {
  startOnce(SCENARIO);
}

export function handleSummary(data: SummaryData): Record<string, string> {
  return summaryOutputs(SCENARIO, data, { options });
}
