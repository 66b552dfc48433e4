// When a store with I/O goes away and comes back: one line when it goes down, naming the store and
// its address, one line when it is back with how many requests were refused meanwhile. Every
// failure in between is counted, not printed: under load a line per request would bury the one that
// says what is wrong.
import type { StoreOutage } from './idempotency-store.ts';

export class OutageTracker {
  private current: { reason: string; since: number; refused: number } | undefined;
  private readonly store: string;
  private readonly log: (line: string) => void;

  /** `store` names it with its address (never credentials): "redis 127.0.0.1:6379". */
  constructor(store: string, log: (line: string) => void) {
    this.store = store;
    this.log = log;
  }

  get down(): boolean {
    return this.current !== undefined;
  }

  /** The store stopped answering; logs only the first call of an outage. */
  wentDown(reason: string): void {
    if (this.current) return;
    this.current = { reason, since: Date.now(), refused: 0 };
    this.log(`store ${this.store} unreachable (${reason}); requests that need it get 503 ServiceUnavailableException until it is back`);
  }

  /** A request was refused because of the outage. */
  refused(): void {
    if (this.current) this.current.refused++;
  }

  /** The store answers again; logs once per outage. */
  cameBack(): void {
    const ended = this.current;
    if (!ended) return;
    this.current = undefined;
    const seconds = ((Date.now() - ended.since) / 1000).toFixed(1);
    this.log(`store ${this.store} reachable again after ${seconds} s; ${ended.refused} request${ended.refused === 1 ? '' : 's'} got 503 meanwhile`);
  }

  outage(): StoreOutage | undefined {
    return this.current && { store: this.store, ...this.current };
  }
}

/** The health route's body while a store is down. */
export function outageHealthBody(outage: StoreOutage): string {
  return JSON.stringify({ status: 'unavailable', store: outage.store, reason: outage.reason, since: new Date(outage.since).toISOString(), refused: outage.refused });
}
