// Reading a shim run's samples: by metric and tag, and the guard that no tag value is an id or a
// token (every distinct tag value is an InfluxDB series, and tags end up in dashboards).
import type { Sample } from './shim/state.ts';

export function samplesOf(samples: readonly Sample[], metric: string, tags: Record<string, string> = {}): Sample[] {
  return samples.filter((s) => s.metric === metric && Object.entries(tags).every(([k, v]) => s.tags[k] === v));
}

export function sum(samples: readonly Sample[]): number {
  return samples.reduce((total, s) => total + s.value, 0);
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
/** SigV4 material, a ClientToken of ours (`<testid>-<random>-<vu>-<n>`), a long opaque string. */
const SECRETISH = /AWS4-HMAC|Signature=|Credential=|^[A-Za-z0-9._-]+-[a-z0-9]{6,}-\d+-[a-z0-9]+$|^[A-Za-z0-9+/=_-]{40,}$/;

/** Tag values that look like an id or a token, as `metric.tag=value` lines. */
export function suspiciousTags(samples: readonly Sample[]): string[] {
  const found = new Set<string>();
  for (const s of samples) {
    for (const [key, value] of Object.entries(s.tags)) {
      if (UUID.test(value) || SECRETISH.test(value)) found.add(`${s.metric}.${key}=${value}`);
    }
  }
  return [...found];
}

/** Distinct values of one tag over the samples of one metric. */
export function tagValues(samples: readonly Sample[], metric: string, tag: string): string[] {
  return [...new Set(samplesOf(samples, metric).map((s) => s.tags[tag] ?? '(none)'))].sort();
}

/** Latency thresholds: whether they hold depends on how busy the machine running the tests is. */
const isLatency = (key: string) => key.startsWith('webrtc_start_duration');

/**
 * A run whose verdict is green but for latency (which a test must not assert on): every other
 * threshold holds, nothing aborted, so k6's exit code is 0 unless a latency threshold was crossed.
 */
export function expectGreenButForLatency(result: { thresholdVerdicts?: { key: string; expression: string; ok: boolean }[]; aborted?: string; exitCode: number }): void {
  const crossed = (result.thresholdVerdicts ?? []).filter((v) => !v.ok);
  if (result.aborted !== undefined) throw new Error(`the run was aborted: ${result.aborted}`);
  const notLatency = crossed.filter((v) => !isLatency(v.key));
  if (notLatency.length > 0) throw new Error(`thresholds crossed: ${notLatency.map((v) => `${v.key} ${v.expression}`).join(', ')}`);
  if (crossed.length === 0 && result.exitCode !== 0) throw new Error(`exit code ${result.exitCode} with every threshold holding`);
}
