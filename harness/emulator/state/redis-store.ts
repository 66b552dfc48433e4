// The shared store: emulator processes on one Redis act as one service. Contacts, each instance's
// active calls, the rate buckets and the remembered ClientTokens live in Redis, and every request is
// one call to a script (redis-scripts.ts) that decides and changes all it needs atomically: two
// processes can never both start a contact for one token, nor both take an instance's last call
// slot or a bucket's last rate token. A restarted emulator keeps all of it.
//
// While Redis is unreachable nothing waits for it: a command fails at once (no offline queue, no
// retries), the request is answered `store-unavailable` (503, which the SDKs retry), and ioredis
// keeps reconnecting in the background. The outage is logged once and shown by the health route.
import { Redis, type Result } from 'ioredis';
import { DEFAULT_CALL_DURATION_MS } from '../../contract/defaults.ts';
import { idempotency } from '../../contract/index.ts';
import type { RateTicket } from '../quotas.ts';
import type { ContactView, StartedContact } from './contacts.ts';
import { packStart, StoreUnavailableError, unpackStart, type IdempotencyStore, type StoreOutage } from './idempotency-store.ts';
import { READ_LUA, START_LUA, STOP_LUA, TAKE_LUA } from './redis-scripts.ts';
import type { SharedStart, SharedStartResult, SharedState } from './shared-state.ts';
import { OutageTracker } from './store-outage.ts';

/** The longest a command may go unanswered on an open connection (a hung or partitioned Redis) before the request gets its 503. */
const COMMAND_TIMEOUT_MS = 1_000;
/** Reconnect attempts back off to this: a Redis that is back is used again within half a second. */
const RECONNECT_MAX_MS = 500;
/** Errors Redis itself answers while it cannot serve (loading its file, busy script, out of memory, cannot persist…). */
const UNAVAILABLE_REPLY = /^(LOADING|BUSY|MASTERDOWN|TRYAGAIN|READONLY|OOM|MISCONF|CLUSTERDOWN)\b/;
/** While an older emulator version holds a claim on a token (it claimed, then started, then remembered): how often to look again. */
const PENDING_POLL_MIN_MS = 2;
const PENDING_POLL_MAX_MS = 50;
/** A count of active calls older than this is refreshed in the background when read (lastActiveCalls). */
const ACTIVE_CALLS_FRESH_MS = 1_000;
/**
 * How long an ended contact stays readable (DescribeContact, GetContactAttributes). The memory store
 * keeps the last 20,000 ended contacts instead; a count across processes would cost every start a
 * list in Redis, while a time bounds Redis's memory at any rate: 10 minutes at 2,000 starts/s is
 * 1.2 million contacts.
 */
export const ENDED_CONTACT_RETENTION_MS = 10 * 60_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Reply = [string, ...(string | number)[]];
type ScriptArg = string | number;

declare module 'ioredis' {
  interface RedisCommander<Context> {
    emulatorStart(...args: ScriptArg[]): Result<Reply, Context>;
    emulatorRead(...args: ScriptArg[]): Result<Reply, Context>;
    emulatorStop(...args: ScriptArg[]): Result<Reply, Context>;
    emulatorTake(...args: ScriptArg[]): Result<Reply, Context>;
  }
}

export interface RedisStoreOptions {
  /** Every key starts with it (default "connect-emulator:"). */
  readonly prefix?: string;
  readonly windowMs?: number;
  /** How long a call lasts unless stopped (the emulator's --call-duration). */
  readonly callDurationMs?: number;
  /** Active calls per instance (Infinity: no quota). */
  readonly maxConcurrentCalls?: number;
  /**
   * The request timeout: a request waits for Redis no longer than a quarter of it (and at most a
   * second), and no longer than all of it behind a claim an older emulator version left.
   */
  readonly requestTimeoutMs?: number;
  /** Where the outage lines go (default: stderr, prefixed "emulator: "). */
  readonly log?: (line: string) => void;
}

/** host:port of a redis:// URL, without user or password. */
export function redisAddress(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || '6379'}`;
}

/** What a contact keeps besides its instance and call times, as the JSON of its hash's `j` field. */
interface StoredContact {
  readonly c: number;
  readonly n: string;
  readonly a?: Readonly<Record<string, string>>;
  readonly r?: string;
  readonly d?: string;
  readonly f?: Readonly<Record<string, unknown>>;
  readonly g?: Readonly<Record<string, unknown>>;
}

function contactJson(contact: StartedContact): string {
  const stored: StoredContact = {
    c: contact.createdAt,
    n: contact.displayName,
    a: contact.attributes,
    r: contact.relatedContactId,
    d: contact.description,
    f: contact.references,
    g: contact.segmentAttributes,
  };
  return JSON.stringify(stored); // undefined members are left out
}

export class RedisStore implements IdempotencyStore, SharedState {
  readonly description: string;
  readonly shared: SharedState = this;
  private readonly redis: Redis;
  private readonly prefix: string;
  private readonly windowMs: number;
  private readonly callDurationMs: number;
  private readonly maxCalls: number;
  private readonly requestTimeoutMs: number;
  private readonly outages: OutageTracker;
  private readonly lastCounts = new Map<string, { count: number; at: number; refreshing: boolean }>();
  private lastError = 'connection closed';
  private closing = false;
  /** The connection held corked until the end of the current event-loop turn (corkTurn). */
  private corked: Redis['stream'] | undefined;

  private constructor(redis: Redis, url: string, options: Required<RedisStoreOptions>) {
    this.redis = redis;
    this.description = `redis ${url.replace(/\/\/[^@]*@/, '//***@')}`;
    this.prefix = options.prefix;
    this.windowMs = Math.max(1, Math.ceil(options.windowMs));
    this.callDurationMs = options.callDurationMs;
    this.maxCalls = Number.isFinite(options.maxConcurrentCalls) ? options.maxConcurrentCalls : -1;
    this.requestTimeoutMs = options.requestTimeoutMs;
    this.outages = new OutageTracker(`redis ${redisAddress(url)}`, options.log);
    redis.defineCommand('emulatorStart', { numberOfKeys: 4, lua: START_LUA });
    redis.defineCommand('emulatorRead', { numberOfKeys: 2, lua: READ_LUA });
    redis.defineCommand('emulatorStop', { numberOfKeys: 3, lua: STOP_LUA });
    redis.defineCommand('emulatorTake', { numberOfKeys: 1, lua: TAKE_LUA });
    redis.on('error', (error: NodeJS.ErrnoException) => {
      this.lastError = error.code ?? error.message; // a reason for the one outage line, never a stack
    });
    redis.on('close', () => {
      if (!this.closing) this.outages.wentDown(this.lastError);
    });
    redis.on('ready', () => this.outages.cameBack());
  }

  /** Connects and checks the server answers; fails with a one-line reason otherwise. */
  static async connect(url: string, options: RedisStoreOptions = {}): Promise<RedisStore> {
    const requestTimeoutMs = Math.max(1, Math.ceil(options.requestTimeoutMs ?? 30_000));
    const redis = new Redis(url, {
      lazyConnect: true,
      enableOfflineQueue: false, // unreachable: fail now, rather than queue behind a reconnect
      maxRetriesPerRequest: 0, // a command in flight when the connection drops fails at once
      // A command whose request was already answered 503 must not run later: the client retries,
      // and its retry must find the state it was told (nothing started).
      autoResendUnfulfilledCommands: false,
      commandTimeout: Math.min(COMMAND_TIMEOUT_MS, Math.max(1, Math.floor(requestTimeoutMs / 4))),
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
    return new RedisStore(redis, url, {
      prefix: options.prefix ?? 'connect-emulator:',
      windowMs: options.windowMs ?? idempotency.windowMs,
      callDurationMs: options.callDurationMs ?? DEFAULT_CALL_DURATION_MS,
      maxConcurrentCalls: options.maxConcurrentCalls ?? Number.POSITIVE_INFINITY,
      requestTimeoutMs,
      log: options.log ?? ((line) => process.stderr.write(`emulator: ${line}\n`)),
    });
  }

  outage(): StoreOutage | undefined {
    return this.outages.outage();
  }

  /** What a failed command means: Redis away (→ 503, counted when the request is answered so) or a bug (rethrown as it is). */
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
  private readonly failedUncounted = (error: unknown): never => {
    throw this.failure(error, false);
  };

  /**
   * Sends a command, or refuses at once while Redis is known to be away. `counted`: the request is
   * answered 503 if this fails (a store call for a request already refused otherwise is not).
   */
  private send<T>(command: () => Promise<T>, counted = true): Promise<T> {
    if (this.redis.status !== 'ready') {
      this.outages.wentDown(this.lastError);
      if (counted) this.outages.refused();
      return Promise.reject(new StoreUnavailableError(`redis ${this.redis.status}`));
    }
    this.corkTurn();
    return command().then(this.answered, counted ? this.failed : this.failedUncounted);
  }

  /**
   * The commands of one event-loop turn leave in one write at its close, as the answers do
   * (end-soon.ts): written one by one, each cost a system call and a wake-up of Redis (a loop of
   * starts spent 37 µs of this process's CPU per start so, 23 µs corked). What it costs a request:
   * the rest of its turn.
   */
  private corkTurn(): void {
    if (this.corked) return;
    this.corked = this.redis.stream;
    this.corked.cork();
    setImmediate(this.uncork);
  }
  private readonly uncork = (): void => {
    const stream = this.corked;
    this.corked = undefined;
    stream?.uncork();
  };

  /** KEYS[1] and ARGV[2..3] of every script: the bucket and its GCRA parameters, or no quota. */
  private rate(quota: RateTicket | undefined): [key: string, intervalMs: number, toleranceMs: number] {
    if (!quota || quota.spent) return [`${this.prefix}rate:`, 0, 0];
    quota.spent = true;
    return [`${this.prefix}rate:${quota.key}`, quota.intervalMs, quota.toleranceMs];
  }

  private noteActive(instanceId: string, count: number, now: number): void {
    const last = this.lastCounts.get(instanceId);
    if (last) {
      last.count = count;
      last.at = now;
    } else this.lastCounts.set(instanceId, { count, at: now, refreshing: false });
  }

  async start({ contact, token, quota, now }: SharedStart): Promise<SharedStartResult> {
    const instanceId = contact.instanceId;
    const endsAt = now + this.callDurationMs;
    const keys = [
      '',
      token ? `${this.prefix}token:${token.scope}:${token.token}` : `${this.prefix}token:`,
      `${this.prefix}calls:${instanceId}`,
      `${this.prefix}contact:${contact.contactId}`,
    ];
    const packed = token ? packStart({ contactId: contact.contactId, createdAt: now, fingerprint: token.fingerprint }) : '';
    const json = contactJson(contact);
    const since = Date.now();
    for (let wait = PENDING_POLL_MIN_MS; ; wait = Math.min(PENDING_POLL_MAX_MS, wait * 2)) {
      const [rateKey, interval, tolerance] = this.rate(quota); // charged on the first attempt only
      keys[0] = rateKey;
      const reply = await this.send(() =>
        this.redis.emulatorStart(...keys, now, interval, tolerance, token ? this.windowMs : 0, packed, this.maxCalls, endsAt, Math.ceil(endsAt - now) + ENDED_CONTACT_RETENTION_MS, instanceId, contact.contactId, json),
      );
      switch (reply[0]) {
        case 'started':
          this.noteActive(instanceId, Number(reply[1]), now);
          return 'started';
        case 'remembered':
          return { remembered: unpackStart(String(reply[1])) };
        case 'at-capacity':
          this.noteActive(instanceId, Number(reply[1]), now);
          return 'at-capacity';
        case 'throttled':
          return 'throttled';
        case 'pending':
          // An older emulator version claimed the token and is starting its contact; its claim
          // lapses with its request timeout if it crashed.
          if (Date.now() - since > this.requestTimeoutMs) throw new StoreUnavailableError('a claim on the ClientToken is still pending');
          await sleep(wait);
          continue;
        default:
          throw new Error(`unexpected reply from the start script: ${String(reply[0])}`);
      }
    }
  }

  async contact(instanceId: string, contactId: string, quota: RateTicket | undefined, now: number): Promise<ContactView | undefined | 'throttled'> {
    const [rateKey, interval, tolerance] = this.rate(quota);
    const reply = await this.send(() => this.redis.emulatorRead(rateKey, `${this.prefix}contact:${contactId}`, now, interval, tolerance, instanceId));
    if (reply[0] === 'throttled') return 'throttled';
    if (reply[0] !== 'found') return undefined;
    const endsAt = Number(reply[1]);
    const stoppedAt = reply[2] === '' ? undefined : Number(reply[2]);
    const stored = JSON.parse(String(reply[3])) as StoredContact;
    const endedAt = stoppedAt ?? (endsAt <= now ? endsAt : undefined);
    return {
      contactId,
      instanceId,
      createdAt: stored.c,
      displayName: stored.n,
      attributes: stored.a,
      relatedContactId: stored.r,
      description: stored.d,
      references: stored.f,
      segmentAttributes: stored.g,
      endedAt,
      lastUpdatedAt: endedAt ?? stored.c,
    };
  }

  async stop(instanceId: string, contactId: string, quota: RateTicket | undefined, now: number): Promise<'stopped' | 'not-active' | 'throttled'> {
    const [rateKey, interval, tolerance] = this.rate(quota);
    const reply = await this.send(() =>
      this.redis.emulatorStop(rateKey, `${this.prefix}calls:${instanceId}`, `${this.prefix}contact:${contactId}`, now, interval, tolerance, contactId, ENDED_CONTACT_RETENTION_MS),
    );
    if (reply[0] === 'stopped') {
      this.noteActive(instanceId, Number(reply[1]), now);
      return 'stopped';
    }
    return reply[0] === 'throttled' ? 'throttled' : 'not-active';
  }

  async take(quota: RateTicket, now: number): Promise<boolean> {
    const [rateKey, interval, tolerance] = this.rate(quota);
    if (interval === 0) return true;
    // Not counted as a 503: the request is answered what it was refused for.
    const reply = await this.send(() => this.redis.emulatorTake(rateKey, now, interval, tolerance), false);
    return reply[0] !== 'throttled';
  }

  async activeCalls(instanceId: string, now: number): Promise<number> {
    const count = await this.send(() => this.redis.zcount(`${this.prefix}calls:${instanceId}`, `(${now}`, '+inf'), false);
    this.noteActive(instanceId, count, now);
    return count;
  }

  lastActiveCalls(instanceId: string, now: number): number {
    let last = this.lastCounts.get(instanceId);
    if (!last) this.lastCounts.set(instanceId, (last = { count: 0, at: Number.NEGATIVE_INFINITY, refreshing: false }));
    if (!last.refreshing && !this.closing && now - last.at > ACTIVE_CALLS_FRESH_MS) {
      const entry = last;
      entry.refreshing = true;
      this.activeCalls(instanceId, now)
        .catch(() => {}) // an outage is logged by the store; the count stays as it was
        .finally(() => (entry.refreshing = false));
    }
    return last.count;
  }

  /** Remembered ClientTokens (for stats and tests). */
  async size(): Promise<number> {
    let count = 0;
    let cursor = '0';
    do {
      const [next, keys] = await this.redis.scan(cursor, 'MATCH', `${this.prefix}token:*`, 'COUNT', 1000);
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
