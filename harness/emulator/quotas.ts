// API rate quotas (docs/contract.md §7): one token bucket per account and region for
// StartWebRTCContact, another for the contact reads and StopContact. The concurrent-call quota
// lives with the contacts (state/contacts.ts), because it is about calls, not requests. With a store
// shared by several processes (Redis) the buckets live in the store instead: a request carries a
// RateTicket, spent in the store's own call for it (state/redis-scripts.ts).
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

/**
 * A request's charge against a rate quota kept in a shared store, as GCRA parameters: the store
 * spends it in the same call that does the request's work, so the quota costs no round trip.
 */
export interface RateTicket {
  /** The bucket: quota kind, account and region. */
  readonly key: string;
  /** Milliseconds between admissions at the rate. */
  readonly intervalMs: number;
  /** How far the bucket's theoretical arrival time may run ahead of now: burst - 1 intervals. */
  readonly toleranceMs: number;
  /** Set by the store once a call carries it: a request is charged once. */
  spent: boolean;
}

/**
 * Added to the tolerance: the store sums intervals onto epoch milliseconds (about 1.7e12, where a
 * double resolves 0.25 µs), and a burst at one instant must not lose its last request to rounding.
 */
const TOLERANCE_SLACK_MS = 0.01;

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

  /** The charge a shared store applies instead of `allow`; undefined when the kind has no quota. */
  ticket(kind: 'start' | 'reads', account: string, region: string): RateTicket | undefined {
    const limit = this.limits[kind];
    if (!limit) return undefined;
    const intervalMs = 1000 / limit.ratePerSecond;
    return { key: `${kind}:${account}:${region}`, intervalMs, toleranceMs: (limit.burst - 1) * intervalMs + TOLERANCE_SLACK_MS, spent: false };
  }
}
