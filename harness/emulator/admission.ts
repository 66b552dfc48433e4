// Speed-tuned: guarded by `npm run bench -- admission-cost`.
// Admission control: a bound on the work the emulator has in progress, beyond which a new request is
// shed at once (503 ServiceUnavailableException with Retry-After: the `overloaded` condition),
// before its body is read or its signature checked. Without it an overloaded emulator queues
// without end, and a capacity test measures the emulator's queue instead of what it stands for.
//
// Two bounds, each 0 for off:
// - requests in progress (answers being worked on, held by injected latency or awaiting Redis). The
//   poll phase hands the server every request that arrived meanwhile and their answers go out at
//   the turn's close (end-soon.ts), so this also bounds the work one event-loop turn admits;
// - event-loop delay: how late the loop runs, measured by a timer of this module that is due every
//   20 ms. A request is shed when that timer is overdue by more than the bound as it arrives: the
//   current turn has run too long. Only the current turn counts, not how late the previous one was:
//   each turn admits work until it has run its bound, so the emulator keeps serving some requests
//   however hard it is pressed, where shedding whole turns after a late one would let clients that
//   ignore Retry-After keep the loop late with shed requests alone and starve everyone. The timer
//   runs only while requests arrive, so an idle or closed emulator keeps no timer, and nothing needs
//   stopping.
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
  /** Requests seen since the timer last fired: it re-arms only while traffic goes on. */
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
        // The first request after a quiet spell: nothing to measure yet.
        this.arm(now);
        return undefined;
      }
      const delay = now - this.due;
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
    this.armed = false;
    if (this.arrivals > 0) this.arm(performance.now());
    this.arrivals = 0;
  };
}
