import type { ResolvedOptions } from '../options.ts';
import type { IdempotencyStore } from './idempotency-store.ts';
import { MemoryIdempotencyStore } from './memory-idempotency-store.ts';
import { RedisIdempotencyStore } from './redis-idempotency-store.ts';

/** `--store memory` or `--store redis://HOST:PORT[/DB]`. */
export async function openStore(options: ResolvedOptions): Promise<IdempotencyStore> {
  if (options.store === 'memory') return new MemoryIdempotencyStore(options.maxRememberedTokens);
  if (/^rediss?:\/\//.test(options.store)) {
    // A pending claim lives as long as a request may: a crashed holder blocks its token no longer.
    return RedisIdempotencyStore.connect(options.store, { claimTtlMs: options.requestTimeoutMs, log: options.log });
  }
  throw new Error(`store must be "memory" or a redis:// URL, got "${options.store}"`);
}
