// Speed-tuned: guarded by `npm run bench -- memory`.
// The in-process idempotency store. Tokens are indexed per scope (account/region/instance) so a key
// is just the token string the request carried; what each remembers lives in a StartSlab. Bounded:
// past `maxEntries` the oldest tokens are forgotten first (a replay of one of those then starts a
// new contact) and `evictions` counts them. Expired tokens are dropped from the old end as new ones
// arrive, and on lookup.
import { idempotency } from '../../contract/index.ts';
import type { IdempotencyStore, ImmediateIdempotency, RememberedStart } from './idempotency-store.ts';
import { ShardedMap } from './sharded-map.ts';
import { StartSlab } from './start-slab.ts';
import { createHash } from 'node:crypto';

/** Tokens longer than a UUID are kept as a 16-character digest. */
const MAX_KEPT_AS_IS = 36;

/**
 * The key a token is remembered under. A ClientToken may be 500 code points: kept as it is, the
 * bound of 2,000,000 tokens would no longer bound memory (over 4 GB of 4-byte characters). Long
 * tokens are kept as 128 bits of their SHA-256 instead, a collision as likely as a random UUID's.
 */
function compactKey(token: string): string {
  return token.length <= MAX_KEPT_AS_IS ? token : createHash('sha256').update(token).digest().subarray(0, 16).toString('latin1');
}

export class MemoryIdempotencyStore implements IdempotencyStore {
  readonly description = 'memory';
  evictions = 0;
  private readonly scopes = new Map<string, ShardedMap<number>>();
  private readonly slab = new StartSlab();
  private readonly maxEntries: number;
  private readonly windowMs: number;

  constructor(maxEntries: number, windowMs: number = idempotency.windowMs) {
    if (!(maxEntries >= 1)) throw new Error('the idempotency store needs room for at least one token');
    this.maxEntries = maxEntries;
    this.windowMs = windowMs;
  }

  private tokens(scope: string): ShardedMap<number> {
    let tokens = this.scopes.get(scope);
    if (!tokens) this.scopes.set(scope, (tokens = new ShardedMap()));
    return tokens;
  }

  /** The remembered start within the window; an expired one is unlinked on the way. */
  private lookup(tokens: ShardedMap<number>, token: string, now: number): RememberedStart | undefined {
    const seq = tokens.get(token);
    if (seq === undefined) return undefined;
    const createdAt = this.slab.createdAt(seq);
    if (now - createdAt < this.windowMs) return { contactId: this.slab.contactId(seq), createdAt, fingerprint: this.slab.fingerprint(seq) };
    tokens.delete(token); // expired: the slot is reclaimed when the cursor reaches it
    return undefined;
  }

  readonly immediate: ImmediateIdempotency = {
    recall: (scope, token, now) => this.lookup(this.tokens(scope), compactKey(token), now),
    remember: (scope, token, start, now) => this.insert(this.tokens(scope), compactKey(token), start, now),
  };

  private insert(tokens: ShardedMap<number>, token: string, start: RememberedStart, now: number): void {
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
