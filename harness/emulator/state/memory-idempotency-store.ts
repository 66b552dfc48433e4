// The in-process idempotency store. Tokens are indexed per scope (account/region/instance) so a key
// is just the token string the request carried; what each remembers lives in a StartSlab. Bounded:
// past `maxEntries` the oldest tokens are forgotten first (a replay of one of those then starts a
// new contact) and `evictions` counts them. Expired tokens are dropped from the old end as new ones
// arrive, and on lookup.
import { idempotency } from '../../contract/index.ts';
import type { ClaimResult, IdempotencyStore, RememberedStart } from './idempotency-store.ts';
import { StartSlab } from './start-slab.ts';

export class MemoryIdempotencyStore implements IdempotencyStore {
  readonly description = 'memory';
  evictions = 0;
  private readonly scopes = new Map<string, Map<string, number>>();
  private readonly slab = new StartSlab();
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly maxEntries: number;
  private readonly windowMs: number;

  constructor(maxEntries: number, windowMs: number = idempotency.windowMs) {
    if (!(maxEntries >= 1)) throw new Error('the idempotency store needs room for at least one token');
    this.maxEntries = maxEntries;
    this.windowMs = windowMs;
  }

  private tokens(scope: string): Map<string, number> {
    let tokens = this.scopes.get(scope);
    if (!tokens) this.scopes.set(scope, (tokens = new Map()));
    return tokens;
  }

  async claim(scope: string, token: string, now: number): Promise<ClaimResult> {
    const tokens = this.tokens(scope);
    const flightKey = `${scope}\u0000${token}`;
    for (;;) {
      const seq = tokens.get(token);
      if (seq !== undefined) {
        const createdAt = this.slab.createdAt(seq);
        if (now - createdAt < this.windowMs) {
          return { kind: 'remembered', start: { contactId: this.slab.contactId(seq), createdAt, fingerprint: this.slab.fingerprint(seq) } };
        }
        tokens.delete(token); // expired: the slot is reclaimed when the cursor reaches it
      }
      const pending = this.inFlight.get(flightKey);
      if (!pending) break;
      await pending;
    }
    let done!: () => void;
    this.inFlight.set(flightKey, new Promise<void>((resolve) => (done = resolve)));
    const finish = () => {
      this.inFlight.delete(flightKey);
      done();
    };
    return {
      kind: 'claimed',
      claim: {
        remember: async (start: RememberedStart) => {
          this.insert(tokens, token, start, now);
          finish();
        },
        abandon: async () => finish(),
      },
    };
  }

  private insert(tokens: Map<string, number>, token: string, start: RememberedStart, now: number): void {
    if (!StartSlab.accepts(start.contactId)) throw new Error('the memory store remembers UUID ContactIds only');
    tokens.set(token, this.slab.push(token, tokens, start.contactId, start.createdAt, start.fingerprint));
    while (this.slab.size > 0) {
      const oldest = this.slab.head;
      const overBound = this.slab.size > this.maxEntries;
      const expired = now - this.slab.createdAt(oldest) >= this.windowMs;
      if (!overBound && !expired) break;
      const { token: key, scope } = this.slab.shift()!;
      // The token may have been remembered again since (a newer slot): only unlink this slot.
      if (scope.get(key) === oldest) {
        scope.delete(key);
        if (!expired) this.evictions++;
      }
    }
  }

  async size(): Promise<number> {
    let n = 0;
    for (const tokens of this.scopes.values()) n += tokens.size;
    return n;
  }

  async close(): Promise<void> {
    this.scopes.clear();
    this.slab.clear();
  }
}
