// Speed-tuned: guarded by `npm run bench -- admission-cost`.
// Admission control: a bound on the work the emulator has in progress, beyond which a new request is
// shed at once (503 ServiceUnavailableException with Retry-After: the `overloaded` condition),
// before its body is read or its signature checked. Without it an overloaded emulator queues
// without end, and a capacity test measures the emulator's queue instead of what it stands for.
//
// Three bounds, each 0 for off:
// - requests admitted in one event-loop turn. The poll phase hands the server every request that
//   arrived meanwhile and their answers go out at the turn's close (end-soon.ts), so a request
//   admitted late in a long turn waits for all the work admitted before it. Bounding the turn's
//   admitted work is what keeps an admitted request's latency near the latency at saturation
//   (bench/overload.bench.ts: under 2,000 connections honouring Retry-After, on a quiet machine,
//   admitted p99 was 2.2x the saturation p99 at 64 a turn, 8x at 128, 40x with no bound). Against
//   clients that ignore Retry-After every turn holds a request from each of them, and shedding
//   costs nearly what serving does (Node's HTTP parsing and writing), so the turn is as long
//   whatever is admitted: there the bound only decides how many are served (about 550/s at 64,
//   1,200/s at 128 in the same runs). Clients that honour Retry-After (the SDKs) are what 64 is for.
//   The turn ends at the check phase that follows the poll.
// - requests in progress (answers being worked on, held by injected latency or awaiting Redis):
//   a bound on what is held at once, whatever the turns;
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
  /** Requests admitted in one event-loop turn; 0 for no bound. */
  readonly maxPerTurn: number;
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
  private readonly maxPerTurn: number;
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
  /** Requests admitted since the current turn began (reset at the check phase that ends it). */
  private turnAdmitted = 0;

  constructor(bounds: AdmissionBounds, profile: FidelityProfile) {
    this.maxPerTurn = bounds.maxPerTurn;
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
    if (this.maxPerTurn > 0 && this.turnAdmitted >= this.maxPerTurn) return this.shedFor(`${this.turnAdmitted} requests admitted this event-loop turn, bound ${this.maxPerTurn}`);
    if (this.maxInFlight > 0 && inFlight > this.maxInFlight) return this.shedFor(`${inFlight} requests in progress, bound ${this.maxInFlight}`);
    if (this.maxDelayMs > 0) {
      this.arrivals++;
      if (!this.armed) {
        // The first request after a quiet spell: nothing to measure yet.
        this.arm(now);
      } else {
        const delay = now - this.due;
        if (delay > this.maxDelayMs) return this.shedFor(`event loop ${Math.round(delay)} ms late, bound ${this.maxDelayMs} ms`);
      }
    }
    if (this.maxPerTurn > 0 && this.turnAdmitted++ === 0) setImmediate(this.turnEnded);
    return undefined;
  }

  /** One immediate per turn that admitted anything, not one per request. */
  private readonly turnEnded = (): void => {
    this.turnAdmitted = 0;
  };

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
