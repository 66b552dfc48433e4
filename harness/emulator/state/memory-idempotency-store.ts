// The in-process idempotency store: one Map in insertion (= creation) order, values packed into
// short strings. Bounded: past `maxEntries` the oldest tokens are forgotten first (a replay of one
// of those then starts a new contact) and `evictions` counts them. Expired tokens are dropped lazily.
import { idempotency } from '../../contract/index.ts';
import { packStart, unpackStart, type ClaimResult, type IdempotencyStore, type RememberedStart } from './idempotency-store.ts';

export class MemoryIdempotencyStore implements IdempotencyStore {
  readonly description = 'memory';
  evictions = 0;
  private readonly remembered = new Map<string, string>();
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
          this.insert(key, packStart(start), now);
          finish();
        },
        abandon: async () => finish(),
      },
    };
  }

  private insert(key: string, packed: string, now: number): void {
    this.remembered.delete(key); // re-inserting moves an expired key to the young end
    this.remembered.set(key, packed);
    // The oldest entries sit at the front: drop expired ones and any beyond the bound.
    for (const [oldest, value] of this.remembered) {
      const expired = now - unpackStart(value).createdAt >= this.windowMs;
      if (!expired && this.remembered.size <= this.maxEntries) break;
      this.remembered.delete(oldest);
      if (!expired) this.evictions++;
    }
  }

  async size(): Promise<number> {
    return this.remembered.size;
  }

  async close(): Promise<void> {
    this.remembered.clear();
  }
}
