// API rate quotas (docs/contract.md §7): one token bucket per account and region for
// StartWebRTCContact, another for the contact reads and StopContact. The concurrent-call quota
// lives with the contacts (state/contacts.ts), because it is about calls, not requests.
import { quotas as documented } from '../contract/index.ts';
import type { Clock } from './clock.ts';
import { TokenBucket } from './token-bucket.ts';

export type QuotaPreset = 'aws-default' | 'unlimited';

export interface QuotaOptions {
  readonly preset?: QuotaPreset;
  /** StartWebRTCContact requests per second (overrides the preset). */
  readonly rateLimit?: number;
  readonly burst?: number;
  /** Concurrent active calls per instance (overrides the preset). */
  readonly maxConcurrentCalls?: number;
}

export interface ResolvedQuotas {
  readonly start: { readonly ratePerSecond: number; readonly burst: number } | undefined;
  readonly reads: { readonly ratePerSecond: number; readonly burst: number } | undefined;
  readonly maxConcurrentCalls: number;
}

export function resolveQuotas(options: QuotaOptions = {}): ResolvedQuotas {
  const preset = options.preset ?? 'aws-default';
  if (preset !== 'aws-default' && preset !== 'unlimited') throw new Error(`unknown quota preset "${String(preset)}" (aws-default or unlimited)`);
  const unlimited = preset === 'unlimited';
  const rate = options.rateLimit ?? (unlimited ? undefined : documented.startWebRTCContact.ratePerSecond);
  const burst = options.burst ?? (unlimited ? rate : documented.startWebRTCContact.burst);
  for (const [name, v] of [['rate limit', rate], ['burst', burst], ['max concurrent calls', options.maxConcurrentCalls]] as const) {
    if (v !== undefined && !(Number.isFinite(v) && v > 0)) throw new Error(`${name} must be a positive number, got ${v}`);
  }
  // A burst is the size of a rate's bucket: with no rate there is no bucket, and a burst given
  // anyway would be silently ignored.
  if (rate === undefined && options.burst !== undefined) throw new Error('a burst needs a rate limit: the unlimited preset has none (give --rate-limit too)');
  return {
    start: rate === undefined ? undefined : { ratePerSecond: rate, burst: Math.max(1, burst ?? rate) },
    reads: unlimited ? undefined : documented.contactReads,
    maxConcurrentCalls: options.maxConcurrentCalls ?? (unlimited ? Number.POSITIVE_INFINITY : documented.concurrentActiveCallsPerInstance),
  };
}

export class RateLimiter {
  private readonly buckets = new Map<string, TokenBucket>();
  private readonly limits: ResolvedQuotas;
  private readonly clock: Clock;

  constructor(limits: ResolvedQuotas, clock: Clock) {
    this.limits = limits;
    this.clock = clock;
  }

  /** False when the request must be throttled. `kind` picks the quota: the start or the reads. */
  allow(kind: 'start' | 'reads', account: string, region: string): boolean {
    const limit = this.limits[kind];
    if (!limit) return true;
    const key = `${kind}\u0000${account}\u0000${region}`;
    let bucket = this.buckets.get(key);
    if (!bucket) this.buckets.set(key, (bucket = new TokenBucket(limit.ratePerSecond, limit.burst, this.clock)));
    return bucket.take();
  }
}
