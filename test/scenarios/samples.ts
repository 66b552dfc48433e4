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
