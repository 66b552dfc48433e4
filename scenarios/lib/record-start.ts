// Turns one classified start into metric samples, all tagged with the same bounded tags.
import type { StartResult } from './classify.ts';
import { outcomeTags, startDuration, startFailed, throttled, type Tags } from './metrics.ts';

/** Errors that count against webrtc_start_failed: everything but success and throttling. */
export function isFailure(result: StartResult): boolean {
  return result.outcome !== 'accepted' && result.outcome !== 'throttled';
}

/**
 * `countFailures: false` where a rejection is the expected answer (negative-mix), so that
 * webrtc_start_failed keeps meaning "the service failed a request it should have served".
 */
export function recordStart(scenario: string, result: StartResult, extra?: Tags, countFailures = true): void {
  const tags = outcomeTags(scenario, result.outcome, result.errorTag, extra);
  startDuration.add(result.durationMs, tags);
  if (countFailures) startFailed.add(isFailure(result), tags);
  throttled.add(result.outcome === 'throttled', tags);
}
