// Spaces calls to at most `ratePerSecond`, however many callers wait at once: the real service is
// someone's production contact centre, and its quota is shared with their real traffic.
export class Pacer {
  private next = 0;
  private readonly intervalMs: number;

  constructor(ratePerSecond: number) {
    if (!(ratePerSecond > 0)) throw new Error(`rate must be positive, got ${ratePerSecond}`);
    this.intervalMs = 1000 / ratePerSecond;
  }

  async wait(): Promise<void> {
    const now = Date.now();
    const at = Math.max(now, this.next);
    this.next = at + this.intervalMs;
    if (at > now) await new Promise((resolve) => setTimeout(resolve, at - now));
  }
}
