// Admission control: a bound on the work the emulator has in progress, beyond which a new request is
// shed at once (503 ServiceUnavailableException with Retry-After: the `overloaded` condition),
// before its body is read or its signature checked. Without it an overloaded emulator queues
// without end, and a capacity test measures the emulator's queue instead of what it stands for.
//
// Two bounds, each 0 for off:
// - requests in progress (answers being worked on, held by injected latency or awaiting Redis). The
//   poll phase hands the server every request that arrived meanwhile and their answers go out at
//   the turn's close (end-soon.ts), so this also bounds the work one event-loop turn admits;
// - event-loop delay: how late the loop runs, measured by a timer of this module. A request is shed
//   when that timer is overdue by more than the bound now (the current turn has run too long), or
//   was when it last fired (the previous turn had). The timer runs only while requests arrive or the
//   loop is late, so an idle or closed emulator keeps no timer, and nothing needs stopping.
import { errorForCondition, type AwsError, type FidelityProfile } from '../contract/index.ts';

export interface AdmissionBounds {
  /** Requests in progress at once, the one being admitted included; 0 for no bound. */
  readonly maxInFlight: number;
  /** How late the event loop may run, in ms; 0 for no bound. */
  readonly maxEventLoopDelayMs: number;
}

/** The Retry-After a shed request gets, in seconds: long enough for a queue to drain, short enough not to idle a test. */
export const RETRY_AFTER_SECONDS = 1;
/** How often the delay timer fires while requests arrive: well under any useful bound, cheap (tens a second). */
const SAMPLE_INTERVAL_MS = 20;

export class Admission {
  private readonly maxInFlight: number;
  private readonly maxDelayMs: number;
  private readonly profile: FidelityProfile;
  /** Made by the first request, re-armed with refresh() (no new timer object per tick). */
  private timer: NodeJS.Timeout | undefined;
  private armed = false;
  /** When the delay timer is due to fire (performance.now() time). */
  private due = 0;
  /** How late the timer fired last time. */
  private lastDelayMs = 0;
  /** Requests seen since the timer last fired: it re-arms while traffic goes on (or the loop is late). */
  private arrivals = 0;
  private shedCount = 0;

  constructor(bounds: AdmissionBounds, profile: FidelityProfile) {
    this.maxInFlight = bounds.maxInFlight;
    this.maxDelayMs = bounds.maxEventLoopDelayMs;
    this.profile = profile;
  }

  /** Requests shed so far. */
  get shed(): number {
    return this.shedCount;
  }

  /**
   * The error to shed a request with, or undefined to admit it. `inFlight` counts it; `now` is its
   * arrival (performance.now()). On every request's path: a few comparisons when admitted.
   */
  check(inFlight: number, now: number): AwsError | undefined {
    if (this.maxInFlight > 0 && inFlight > this.maxInFlight) return this.shedFor(`${inFlight} requests in progress, bound ${this.maxInFlight}`);
    if (this.maxDelayMs > 0) {
      this.arrivals++;
      if (!this.armed) {
        // The first request after a quiet spell (the timer stopped on time): nothing to measure yet.
        this.arm(now);
        return undefined;
      }
      const delay = Math.max(now - this.due, this.lastDelayMs);
      if (delay > this.maxDelayMs) return this.shedFor(`event loop ${Math.round(delay)} ms late, bound ${this.maxDelayMs} ms`);
    }
    return undefined;
  }

  private shedFor(reason: string): AwsError {
    this.shedCount++;
    return errorForCondition('overloaded', { reason, limit: RETRY_AFTER_SECONDS }, this.profile);
  }

  private arm(now: number): void {
    this.armed = true;
    this.due = now + SAMPLE_INTERVAL_MS;
    if (this.timer) this.timer.refresh();
    else {
      this.timer = setTimeout(this.fired, SAMPLE_INTERVAL_MS);
      this.timer.unref(); // never keeps a process alive
    }
  }

  private readonly fired = (): void => {
    const now = performance.now();
    this.lastDelayMs = Math.max(0, now - this.due);
    this.armed = false;
    // Keeps watching while requests arrive, and while the loop is late: the requests a long turn
    // kept waiting are read only after this tick, and must still find it late.
    if (this.arrivals > 0 || this.lastDelayMs > this.maxDelayMs) this.arm(now);
    this.arrivals = 0;
  };
}
