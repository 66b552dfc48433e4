// Spaces calls to at most `ratePerSecond`, however many callers wait at once: the real service is
// someone's production contact centre, and its quota is shared with their real traffic.

/** Time as the pacer sees it; injected so that its schedule is tested without a wall clock. */
export interface PacerClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

const systemPacerClock: PacerClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export class Pacer {
  private next = 0;
  private readonly intervalMs: number;
  private readonly clock: PacerClock;

  constructor(ratePerSecond: number, clock: PacerClock = systemPacerClock) {
    if (!(ratePerSecond > 0)) throw new Error(`rate must be positive, got ${ratePerSecond}`);
    this.intervalMs = 1000 / ratePerSecond;
    this.clock = clock;
  }

  async wait(): Promise<void> {
    const now = this.clock.now();
    const at = Math.max(now, this.next);
    this.next = at + this.intervalMs;
    if (at > now) await this.clock.sleep(at - now);
  }
}
