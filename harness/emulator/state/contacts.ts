// Speed-tuned: guarded by `npm run bench -- emulator`.
// Started contacts and the concurrent-active-call quota per instance. No HTTP here.
//
// Every call lives `callDurationMs` unless StopContact ends it first. All calls share one duration,
// so each instance's calls, queued in start order, are also in end-time order: expiring them is
// popping from the front. Contacts stay readable (DescribeContact, GetContactAttributes) up to
// `maxRetained`; past it the oldest ended ones are forgotten first (active calls are kept: StopContact
// must find them).
//
// The retention queue holds the entries themselves, not their ids: each start looks at up to two
// of them, and looking an id up again in a map of hundreds of thousands of contacts was two cache
// misses a start. contacts.test.ts checks it against the plain queue of ids.
import { Fifo } from './fifo.ts';
import { ShardedMap } from './sharded-map.ts';

/**
 * How many retention entries one start may look at. Each start adds one entry, so two looks are
 * enough to shrink the list whenever at least half of what is looked at has ended; more only costs
 * time on every start while all retained contacts are active calls (kept anyway).
 */
const RETENTION_STEPS = 2;

export interface StartedContact {
  readonly contactId: string;
  readonly instanceId: string;
  readonly createdAt: number;
  readonly attributes: Readonly<Record<string, string>> | undefined;
  readonly relatedContactId: string | undefined;
  readonly description: string | undefined;
  readonly references: Readonly<Record<string, unknown>> | undefined;
  readonly segmentAttributes: Readonly<Record<string, unknown>> | undefined;
  readonly displayName: string;
}

export interface ContactView extends StartedContact {
  readonly endedAt: number | undefined;
  readonly lastUpdatedAt: number;
}

interface Entry {
  readonly contact: StartedContact;
  readonly endsAt: number;
  stoppedAt: number | undefined;
}

interface InstanceCalls {
  /** Calls not yet ended, in start (= end-time) order; stopped ones are skipped when reached. */
  readonly queue: Fifo<Entry>;
  active: number;
}

export class Contacts {
  private readonly all = new ShardedMap<Entry>();
  private readonly retention = new Fifo<Entry>();
  private readonly byInstance = new Map<string, InstanceCalls>();
  private readonly maxConcurrentCalls: number;
  private readonly callDurationMs: number;
  private readonly maxRetained: number;

  constructor(options: { maxConcurrentCalls: number; callDurationMs: number; maxRetained: number }) {
    this.maxConcurrentCalls = options.maxConcurrentCalls;
    this.callDurationMs = options.callDurationMs;
    this.maxRetained = options.maxRetained;
  }

  get maxCalls(): number {
    return this.maxConcurrentCalls;
  }

  /** The instance's calls, with every call whose time is up ended. */
  private calls(instanceId: string, now: number): InstanceCalls {
    let calls = this.byInstance.get(instanceId);
    if (!calls) this.byInstance.set(instanceId, (calls = { queue: new Fifo(), active: 0 }));
    for (let next = calls.queue.peek(); next && (next.endsAt <= now || next.stoppedAt !== undefined); next = calls.queue.peek()) {
      calls.queue.shift();
      if (next.stoppedAt === undefined) calls.active--; // a stopped call was counted down when stopped
    }
    return calls;
  }

  activeCalls(instanceId: string, now: number): number {
    return this.calls(instanceId, now).active;
  }

  /** Starts a call, or returns false when the instance is at its concurrent-call quota. */
  start(contact: StartedContact, now: number): boolean {
    const calls = this.calls(contact.instanceId, now);
    if (calls.active >= this.maxConcurrentCalls) return false;
    const entry: Entry = { contact, endsAt: now + this.callDurationMs, stoppedAt: undefined };
    calls.queue.push(entry);
    calls.active++;
    this.all.set(contact.contactId, entry);
    this.retention.push(entry);
    this.forgetOldest(now);
    return true;
  }

  /**
   * Past the retention bound the oldest ended contacts are forgotten; active calls never are. A few
   * entries are looked at per start, so a queue full of active calls costs no more than that.
   */
  private forgetOldest(now: number): void {
    for (let looked = 0; this.all.size > this.maxRetained && looked < RETENTION_STEPS; looked++) {
      const entry = this.retention.shift()!;
      if (entry.stoppedAt === undefined && entry.endsAt > now) this.retention.push(entry); // still a call
      // Unless a later start took its id (ids are random UUIDs: only a test reuses one), and then
      // that start's own entry in the queue decides.
      else if (this.all.get(entry.contact.contactId) === entry) this.all.delete(entry.contact.contactId);
    }
  }

  get(instanceId: string, contactId: string, now: number): ContactView | undefined {
    const entry = this.all.get(contactId);
    if (!entry || entry.contact.instanceId !== instanceId) return undefined;
    const endedAt = entry.stoppedAt ?? (entry.endsAt <= now ? entry.endsAt : undefined);
    return { ...entry.contact, endedAt, lastUpdatedAt: endedAt ?? entry.contact.createdAt };
  }

  /** Ends an active call; 'not-active' for an unknown, forgotten or already ended one. */
  stop(instanceId: string, contactId: string, now: number): 'stopped' | 'not-active' {
    const calls = this.calls(instanceId, now);
    const entry = this.all.get(contactId);
    if (!entry || entry.contact.instanceId !== instanceId || entry.stoppedAt !== undefined || entry.endsAt <= now) return 'not-active';
    entry.stoppedAt = now;
    calls.active--;
    return 'stopped';
  }
}
