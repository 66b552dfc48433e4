// Spacing for executors that do not set the request rate themselves (shared-iterations, the
// requests inside one idempotency iteration): against a capped target, a VU waits so that the run
// stays under MAX_RATE (2/s against real AWS).
import { sleep } from 'k6';
import { settings } from './env.ts';

/** After one request of a VU that shares the cap with `vus` VUs: wait out the rest of its slot. */
export function paceRequest(startedAtMs: number, vus = 1): void {
  if (settings.maxRate === undefined) return;
  const slotMs = (1000 * vus) / settings.maxRate;
  const left = startedAtMs + slotMs - Date.now();
  if (left > 0) sleep(left / 1000);
}
