// Injected failures and service latency, reproducible from a seed: what lets retries, timeouts and
// dashboards be exercised against an emulator that would otherwise never fail.
import { seededRandom } from './random.ts';
import { parseLatency, type LatencySampler } from './latency.ts';

export interface FaultOptions {
  /** Fraction of requests answered with InternalServiceException (0..1). */
  readonly faultRate?: number;
  /** Fraction of requests answered with an injected throttle (0..1). */
  readonly throttleRate?: number;
  /** Latency spec, see latency.ts. */
  readonly latency?: string;
  readonly seed?: number;
}

export type InjectedFault = 'injected-fault' | 'injected-throttle' | undefined;

export class Faults {
  private readonly random: () => number;
  private readonly faultRate: number;
  private readonly throttleRate: number;
  private readonly sampleLatency: LatencySampler;
  readonly enabled: boolean;

  constructor(options: FaultOptions = {}) {
    this.faultRate = rate(options.faultRate, 'fault rate');
    this.throttleRate = rate(options.throttleRate, 'throttle rate');
    this.random = seededRandom(options.seed ?? 1);
    // Latency draws from its own stream so that turning latency on does not move which requests fail.
    this.sampleLatency = parseLatency(options.latency ?? 'none', seededRandom((options.seed ?? 1) ^ 0x5bd1e995));
    this.enabled = this.faultRate > 0 || this.throttleRate > 0;
  }

  /** Decides, for the next request, whether it fails on purpose. */
  next(): InjectedFault {
    if (!this.enabled) return undefined;
    const r = this.random();
    if (r < this.faultRate) return 'injected-fault';
    if (r < this.faultRate + this.throttleRate) return 'injected-throttle';
    return undefined;
  }

  latencyMs(): number {
    return this.sampleLatency();
  }
}

function rate(value: number | undefined, name: string): number {
  const r = value ?? 0;
  if (!(r >= 0 && r <= 1)) throw new Error(`${name} must be between 0 and 1, got ${value}`);
  return r;
}
