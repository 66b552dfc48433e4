// The shared idempotency store: two or more emulator processes on one Redis still create exactly
// one contact per token, and a restarted emulator keeps its tokens.
//
// A token's key holds either "p:<owner>" (a request is starting the contact now) or "r:<packed>"
// (the remembered start). `SET key p:owner NX PX ttl GET` claims the key and reads what was there in
// one atomic command (Redis 7); waiters poll until the claim turns into a remembered start or goes.
//
// While Redis is unreachable nothing waits for it: a command fails at once (no offline queue, no
// retries), the request is answered `store-unavailable` (503, which the SDKs retry), and ioredis
// keeps reconnecting in the background. The outage is logged once and shown by the health route.
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { idempotency } from '../../contract/index.ts';
import { packStart, StoreUnavailableError, unpackStart, type ClaimResult, type IdempotencyStore, type RememberedStart, type StoreOutage } from './idempotency-store.ts';
import { OutageTracker } from './store-outage.ts';

const POLL_MIN_MS = 2;
const POLL_MAX_MS = 50;
/**
 * The longest a command may go unanswered on an open connection (a hung or partitioned Redis)
 * before the request gets its 503. Shortened for a short claim lifetime: a claim's holder sends one
 * command between claiming and remembering, and that must fit well inside the claim.
 */
const COMMAND_TIMEOUT_MS = 1_000;
/** Reconnect attempts back off to this: a Redis that is back is used again within half a second. */
const RECONNECT_MAX_MS = 500;
/** Errors Redis itself answers while it cannot serve (loading its file, busy script, out of memory, cannot persist…). */
const UNAVAILABLE_REPLY = /^(LOADING|BUSY|MASTERDOWN|TRYAGAIN|READONLY|OOM|MISCONF|CLUSTERDOWN)\b/;

// Replace or delete the key only while it still holds our claim.
const REMEMBER = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3]) end return false`;
const ABANDON = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface RedisStoreOptions {
  readonly prefix?: string;
  readonly windowMs?: number;
  /**
   * How long a claim may stay pending before others may take it over: a holder that crashed blocks
   * its token no longer than this. The emulator passes its request timeout.
   */
  readonly claimTtlMs?: number;
  /** Where the outage lines go (default: stderr, prefixed "emulator: "). */
  readonly log?: (line: string) => void;
}

/** host:port of a redis:// URL, without user or password. */
export function redisAddress(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || '6379'}`;
}

export class RedisIdempotencyStore implements IdempotencyStore {
  readonly description: string;
  private readonly redis: Redis;
  private readonly prefix: string;
  private readonly windowMs: number;
  private readonly claimTtlMs: number;
  private readonly outages: OutageTracker;
  private lastError = 'connection closed';
  private closing = false;

  private constructor(redis: Redis, url: string, options: Required<RedisStoreOptions>) {
    this.redis = redis;
    this.description = `redis ${url.replace(/\/\/[^@]*@/, '//***@')}`;
    this.prefix = options.prefix;
    this.windowMs = options.windowMs;
    this.claimTtlMs = options.claimTtlMs;
    this.outages = new OutageTracker(`redis ${redisAddress(url)}`, options.log);
    redis.on('error', (error: NodeJS.ErrnoException) => {
      this.lastError = error.code ?? error.message; // a reason for the one outage line, never a stack
    });
    redis.on('close', () => {
      if (!this.closing) this.outages.wentDown(this.lastError);
    });
    redis.on('ready', () => this.outages.cameBack());
  }

  /** Connects and checks the server answers; fails with a one-line reason otherwise. */
  static async connect(url: string, options: RedisStoreOptions = {}): Promise<RedisIdempotencyStore> {
    const claimTtlMs = Math.max(1, Math.ceil(options.claimTtlMs ?? 30_000));
    const redis = new Redis(url, {
      lazyConnect: true,
      enableOfflineQueue: false, // unreachable: fail now, rather than queue behind a reconnect
      maxRetriesPerRequest: 0, // a command in flight when the connection drops fails at once
      // A command whose request was already answered 503 must not run later (a REMEMBER would then
      // remember a start that was undone).
      autoResendUnfulfilledCommands: false,
      commandTimeout: Math.min(COMMAND_TIMEOUT_MS, Math.max(1, Math.floor(claimTtlMs / 4))),
      connectTimeout: 5000,
      retryStrategy: (attempt: number) => Math.min(attempt * 50, RECONNECT_MAX_MS),
    });
    redis.on('error', () => {}); // until the store listens: no unhandled error events
    try {
      await redis.connect();
      await redis.ping();
    } catch (error) {
      redis.disconnect();
      throw new Error(`cannot reach Redis at ${redisAddress(url)}: ${(error as Error).message}`);
    }
    return new RedisIdempotencyStore(redis, url, {
      prefix: options.prefix ?? 'connect-emulator:token:',
      windowMs: options.windowMs ?? idempotency.windowMs,
      claimTtlMs,
      log: options.log ?? ((line) => process.stderr.write(`emulator: ${line}\n`)),
    });
  }

  outage(): StoreOutage | undefined {
    return this.outages.outage();
  }

  /** A refusal while Redis is known to be away: no command is sent. */
  private refuse(): StoreUnavailableError {
    this.outages.wentDown(this.lastError);
    this.outages.refused();
    return new StoreUnavailableError(`redis ${this.redis.status}`);
  }

  /** What a failed command means: Redis away (→ 503, counted once per request) or a bug (rethrown as it is). */
  private failure(error: unknown, counted: boolean): unknown {
    const e = error as Error;
    if (e?.name === 'ReplyError' && !UNAVAILABLE_REPLY.test(e.message)) return error;
    if (e?.message === 'Command timed out') {
      // A hung or partitioned Redis: drop the connection, so that the next requests fail at once
      // and 'ready' (a Redis answering again) ends the outage.
      this.lastError = `no answer within ${this.redis.options.commandTimeout} ms`;
      if (this.redis.status === 'ready') this.redis.disconnect(true);
    }
    this.outages.wentDown(e?.name === 'ReplyError' ? e.message.split(' ')[0]! : this.lastError);
    if (counted) this.outages.refused();
    return new StoreUnavailableError(e?.message ?? String(error));
  }

  /** Settles a command: an answer ends an outage that no reconnect ends (a LOADING or OOM reply); a failure is sorted by `failure`. */
  private readonly answered = <T>(value: T): T => {
    if (this.outages.down) this.outages.cameBack();
    return value;
  };
  private readonly failed = (error: unknown): never => {
    throw this.failure(error, true);
  };
  /** For abandon: mostly the clean-up after a failure already counted for the same request. */
  private readonly failedUncounted = (error: unknown): never => {
    throw this.failure(error, false);
  };

  async claim(scope: string, token: string, now: number): Promise<ClaimResult> {
    if (this.redis.status !== 'ready') throw this.refuse();
    const key = `${this.prefix}${scope}:${token}`;
    const owner = `p:${randomUUID()}`;
    for (let wait = POLL_MIN_MS; ; wait = Math.min(POLL_MAX_MS, wait * 2)) {
      const previous = await this.redis.set(key, owner, 'PX', this.claimTtlMs, 'NX', 'GET').then(this.answered, this.failed);
      if (previous === null) return { kind: 'claimed', claim: this.claimOn(key, owner) };
      if (previous.startsWith('r:')) {
        const start = unpackStart(previous.slice(2));
        if (now - start.createdAt < this.windowMs) return { kind: 'remembered', start };
        // Outlived its window by the emulator's clock (which tests may move): forget it, claim again.
        await this.redis.eval(ABANDON, 1, key, previous).then(this.answered, this.failed);
        continue;
      }
      await sleep(wait); // another request holds the claim (a crashed holder's lapses after claimTtlMs)
    }
  }

  private claimOn(key: string, owner: string) {
    return {
      remember: async (start: RememberedStart) => {
        const ttl = Math.max(1, Math.ceil(this.windowMs));
        const stored = await this.redis.eval(REMEMBER, 1, key, owner, `r:${packStart(start)}`, String(ttl)).then(this.answered, this.failed);
        // The claim lapsed before this (Redis stalled past claimTtlMs) and may be someone else's now:
        // not remembered, so the start must be undone and the client retry.
        if (stored !== 'OK') throw new StoreUnavailableError('the claim on the ClientToken lapsed before the start was remembered');
      },
      abandon: async () => {
        await this.redis.eval(ABANDON, 1, key, owner).then(this.answered, this.failedUncounted);
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
    this.closing = true;
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
