// The shared idempotency store: two or more emulator processes on one Redis still create exactly
// one contact per token, and a restarted emulator keeps its tokens.
//
// A token's key holds either "p:<owner>" (a request is starting the contact now) or "r:<packed>"
// (the remembered start). `SET key p:owner NX PX ttl GET` claims the key and reads what was there in
// one atomic command (Redis 7); waiters poll until the claim turns into a remembered start or goes.
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { idempotency } from '../../contract/index.ts';
import { packStart, unpackStart, type ClaimResult, type IdempotencyStore, type RememberedStart } from './idempotency-store.ts';

/** How long a claim may stay pending before others may take over (a crashed holder). */
const CLAIM_TTL_MS = 60_000;
const POLL_MIN_MS = 2;
const POLL_MAX_MS = 50;

// Replace or delete the key only while it still holds our claim.
const REMEMBER = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3]) end return false`;
const ABANDON = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class RedisIdempotencyStore implements IdempotencyStore {
  readonly description: string;
  private readonly redis: Redis;
  private readonly prefix: string;
  private readonly windowMs: number;

  private constructor(redis: Redis, url: string, prefix: string, windowMs: number) {
    this.redis = redis;
    this.description = `redis ${url.replace(/\/\/[^@]*@/, '//***@')}`;
    this.prefix = prefix;
    this.windowMs = windowMs;
  }

  /** Connects and checks the server answers; fails with a one-line reason otherwise. */
  static async connect(url: string, options: { prefix?: string; windowMs?: number } = {}): Promise<RedisIdempotencyStore> {
    const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 2, enableOfflineQueue: true, connectTimeout: 5000 });
    redis.on('error', () => {}); // connection errors surface as rejected commands; no unhandled events
    try {
      await redis.connect();
      await redis.ping();
    } catch (error) {
      redis.disconnect();
      throw new Error(`cannot reach Redis at ${url}: ${(error as Error).message}`);
    }
    return new RedisIdempotencyStore(redis, url, options.prefix ?? 'connect-emulator:token:', options.windowMs ?? idempotency.windowMs);
  }

  async claim(scope: string, token: string, now: number): Promise<ClaimResult> {
    const key = `${this.prefix}${scope}:${token}`;
    const owner = `p:${randomUUID()}`;
    for (let wait = POLL_MIN_MS; ; wait = Math.min(POLL_MAX_MS, wait * 2)) {
      const previous = await this.redis.set(key, owner, 'PX', CLAIM_TTL_MS, 'NX', 'GET');
      if (previous === null) return { kind: 'claimed', claim: this.claimOn(key, owner) };
      if (previous.startsWith('r:')) {
        const start = unpackStart(previous.slice(2));
        if (now - start.createdAt < this.windowMs) return { kind: 'remembered', start };
        // Outlived its window by the emulator's clock (which tests may move): forget it, claim again.
        await this.redis.eval(ABANDON, 1, key, previous);
        continue;
      }
      await sleep(wait); // another request holds the claim
    }
  }

  private claimOn(key: string, owner: string) {
    return {
      remember: async (start: RememberedStart) => {
        const ttl = Math.max(1, Math.ceil(this.windowMs));
        await this.redis.eval(REMEMBER, 1, key, owner, `r:${packStart(start)}`, String(ttl));
      },
      abandon: async () => {
        await this.redis.eval(ABANDON, 1, key, owner);
      },
    };
  }

  async size(): Promise<number> {
    let count = 0;
    let cursor = '0';
    do {
      const [next, keys] = await this.redis.scan(cursor, 'MATCH', `${this.prefix}*`, 'COUNT', 1000);
      cursor = next;
      count += keys.length;
    } while (cursor !== '0');
    return count;
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
