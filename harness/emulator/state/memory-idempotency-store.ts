// The in-process idempotency store: one Map from token to a packed start, plus a queue of keys in
// creation order. Bounded: past `maxEntries` the oldest tokens are forgotten first (a replay of one
// of those then starts a new contact) and `evictions` counts them. Expired tokens are dropped from
// the old end as new ones arrive, and on lookup.
import { idempotency } from '../../contract/index.ts';
import { Fifo } from './fifo.ts';
import { packStart, unpackStart, type ClaimResult, type IdempotencyStore, type RememberedStart } from './idempotency-store.ts';

export class MemoryIdempotencyStore implements IdempotencyStore {
  readonly description = 'memory';
  evictions = 0;
  private readonly remembered = new Map<string, string>();
  /** Keys and their creation times, oldest first; a key appears again if it was remembered anew. */
  private readonly keys = new Fifo<string>();
  private readonly times = new Fifo<number>();
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly scopes = new Map<string, string>();
  private readonly maxEntries: number;
  private readonly windowMs: number;

  constructor(maxEntries: number, windowMs: number = idempotency.windowMs) {
    if (!(maxEntries >= 1)) throw new Error('the idempotency store needs room for at least one token');
    this.maxEntries = maxEntries;
    this.windowMs = windowMs;
  }

  /** Short per-scope prefix, so a million keys do not each repeat account, region and instance. */
  private key(scope: string, token: string): string {
    let prefix = this.scopes.get(scope);
    if (prefix === undefined) this.scopes.set(scope, (prefix = `${this.scopes.size.toString(36)}:`));
    return prefix + token;
  }

  async claim(scope: string, token: string, now: number): Promise<ClaimResult> {
    const key = this.key(scope, token);
    for (;;) {
      const packed = this.remembered.get(key);
      if (packed !== undefined) {
        const start = unpackStart(packed);
        if (now - start.createdAt < this.windowMs) return { kind: 'remembered', start };
        this.remembered.delete(key);
      }
      const pending = this.inFlight.get(key);
      if (!pending) break;
      await pending;
    }
    let done!: () => void;
    this.inFlight.set(key, new Promise<void>((resolve) => (done = resolve)));
    const finish = () => {
      this.inFlight.delete(key);
      done();
    };
    return {
      kind: 'claimed',
      claim: {
        remember: async (start: RememberedStart) => {
          this.insert(key, start, now);
          finish();
        },
        abandon: async () => finish(),
      },
    };
  }

  private insert(key: string, start: RememberedStart, now: number): void {
    this.remembered.set(key, packStart(start));
    this.keys.push(key);
    this.times.push(start.createdAt);
    for (let oldest = this.keys.peek(); oldest !== undefined; oldest = this.keys.peek()) {
      const at = this.times.peek()!;
      const value = this.remembered.get(oldest);
      // Not current: the key was forgotten already, or remembered again later (queued twice).
      const current = value !== undefined && unpackStart(value).createdAt === at;
      const expired = now - at >= this.windowMs;
      if (current && !expired && this.remembered.size <= this.maxEntries) break;
      this.keys.shift();
      this.times.shift();
      if (!current) continue;
      this.remembered.delete(oldest);
      if (!expired) this.evictions++;
    }
  }

  async size(): Promise<number> {
    return this.remembered.size;
  }

  async close(): Promise<void> {
    this.remembered.clear();
    this.keys.clear();
    this.times.clear();
  }
}
