// Started contacts and the concurrent-active-call quota per instance. No HTTP here.
//
// Every call lives `callDurationMs` unless StopContact ends it first. All calls share one duration,
// so each instance's active calls, kept in insertion order, are also in end-time order: expiring
// them is a walk from the front. Ended contacts stay readable up to `maxRetained`, oldest dropped first.

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
  endsAt: number;
  stoppedAt: number | undefined;
}

export class Contacts {
  private readonly all = new Map<string, Entry>();
  private readonly activeByInstance = new Map<string, Map<string, Entry>>();
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

  private active(instanceId: string, now: number): Map<string, Entry> {
    let calls = this.activeByInstance.get(instanceId);
    if (!calls) this.activeByInstance.set(instanceId, (calls = new Map()));
    for (const [id, entry] of calls) {
      if (entry.endsAt > now) break;
      calls.delete(id);
    }
    return calls;
  }

  activeCalls(instanceId: string, now: number): number {
    return this.active(instanceId, now).size;
  }

  /** Starts a call, or returns false when the instance is at its concurrent-call quota. */
  start(contact: StartedContact, now: number): boolean {
    const calls = this.active(contact.instanceId, now);
    if (calls.size >= this.maxConcurrentCalls) return false;
    const entry: Entry = { contact, endsAt: now + this.callDurationMs, stoppedAt: undefined };
    calls.set(contact.contactId, entry);
    this.all.set(contact.contactId, entry);
    if (this.all.size > this.maxRetained) this.dropOldest();
    return true;
  }

  private dropOldest(): void {
    for (const [id, entry] of this.all) {
      this.all.delete(id);
      this.activeByInstance.get(entry.contact.instanceId)?.delete(id);
      if (this.all.size <= this.maxRetained) return;
    }
  }

  get(instanceId: string, contactId: string, now: number): ContactView | undefined {
    const entry = this.all.get(contactId);
    if (!entry || entry.contact.instanceId !== instanceId) return undefined;
    const endedAt = entry.stoppedAt ?? (entry.endsAt <= now ? entry.endsAt : undefined);
    return { ...entry.contact, endedAt, lastUpdatedAt: endedAt ?? entry.contact.createdAt };
  }

  /** Ends an active call; 'not-active' for an unknown or already ended one. */
  stop(instanceId: string, contactId: string, now: number): 'stopped' | 'not-active' {
    const calls = this.active(instanceId, now);
    const entry = calls.get(contactId);
    if (!entry) return 'not-active';
    calls.delete(contactId);
    entry.stoppedAt = now;
    entry.endsAt = now;
    return 'stopped';
  }

  /** Active calls per instance, for metrics. */
  activeSnapshot(now: number): Map<string, number> {
    const out = new Map<string, number>();
    for (const instanceId of this.activeByInstance.keys()) out.set(instanceId, this.active(instanceId, now).size);
    return out;
  }
}
