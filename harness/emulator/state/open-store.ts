import type { ResolvedOptions } from '../options.ts';
import type { IdempotencyStore } from './idempotency-store.ts';
import { MemoryIdempotencyStore } from './memory-idempotency-store.ts';
import { RedisStore } from './redis-store.ts';

/** `--store memory` or `--store redis://HOST:PORT[/DB]`. */
export async function openStore(options: ResolvedOptions): Promise<IdempotencyStore> {
  if (options.store === 'memory') return new MemoryIdempotencyStore(options.maxRememberedTokens);
  if (/^rediss?:\/\//.test(options.store)) {
    return RedisStore.connect(options.store, {
      callDurationMs: options.callDurationMs,
      maxConcurrentCalls: options.quotas.maxConcurrentCalls,
      requestTimeoutMs: options.requestTimeoutMs,
      log: options.log,
    });
  }
  throw new Error(`store must be "memory" or a redis:// URL, got "${options.store}"`);
}
