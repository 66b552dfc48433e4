import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { Contacts, type StartedContact } from './contacts.ts';

const contact = (contactId: string, createdAt = 0): StartedContact => ({
  contactId, instanceId: 'i', createdAt, attributes: undefined, relatedContactId: undefined,
  description: undefined, references: undefined, segmentAttributes: undefined, displayName: 'x',
});

describe('Contacts', () => {
  it('never forgets an active call for retention: StopContact still finds it and frees its slot', () => {
    const contacts = new Contacts({ maxConcurrentCalls: 3, callDurationMs: 1000, maxRetained: 2 });
    for (const id of ['a', 'b', 'c']) expect(contacts.start(contact(id), 0)).toBe(true);
    expect(contacts.stop('i', 'a', 1)).toBe('stopped');
    expect(contacts.activeCalls('i', 1)).toBe(2);
    expect(contacts.start(contact('d'), 1)).toBe(true);
  });

  it('forgets the oldest ended contacts past the retention bound', () => {
    const contacts = new Contacts({ maxConcurrentCalls: 100, callDurationMs: 10, maxRetained: 2 });
    contacts.start(contact('a'), 0);
    contacts.start(contact('b'), 0);
    contacts.start(contact('c'), 20); // a and b ended at 10
    expect(contacts.get('i', 'a', 20)).toBeUndefined();
    expect(contacts.get('i', 'c', 20)?.contactId).toBe('c');
  });

  it('ends calls at their duration and counts the quota', () => {
    const contacts = new Contacts({ maxConcurrentCalls: 1, callDurationMs: 10, maxRetained: 10 });
    expect(contacts.start(contact('a'), 0)).toBe(true);
    expect(contacts.start(contact('b'), 9)).toBe(false);
    expect(contacts.start(contact('c'), 10)).toBe(true);
    expect(contacts.get('i', 'a', 10)?.endedAt).toBe(10);
  });
});

/** The plain form of retention: a queue of ids, each looked up again when its turn comes (as before the speed-up). */
class PlainContacts {
  private readonly all = new Map<string, { contact: StartedContact; endsAt: number; stoppedAt: number | undefined }>();
  private readonly retention: string[] = [];
  private readonly active = new Map<string, number>();
  private readonly o: { maxConcurrentCalls: number; callDurationMs: number; maxRetained: number };
  constructor(o: { maxConcurrentCalls: number; callDurationMs: number; maxRetained: number }) {
    this.o = o;
  }
  private activeOf(instanceId: string, now: number): number {
    let n = 0;
    for (const e of this.all.values()) if (e.contact.instanceId === instanceId && e.stoppedAt === undefined && e.endsAt > now) n++;
    this.active.set(instanceId, n);
    return n;
  }
  start(contact: StartedContact, now: number): boolean {
    // Calls forgotten for retention are never active ones, so counting the retained is counting them all.
    if (this.activeOf(contact.instanceId, now) >= this.o.maxConcurrentCalls) return false;
    this.all.set(contact.contactId, { contact, endsAt: now + this.o.callDurationMs, stoppedAt: undefined });
    this.retention.push(contact.contactId);
    for (let looked = 0; this.all.size > this.o.maxRetained && looked < 2; looked++) {
      const id = this.retention.shift()!;
      const entry = this.all.get(id);
      if (entry && entry.stoppedAt === undefined && entry.endsAt > now) this.retention.push(id);
      else this.all.delete(id);
    }
    return true;
  }
  get(instanceId: string, contactId: string, now: number) {
    const entry = this.all.get(contactId);
    if (!entry || entry.contact.instanceId !== instanceId) return undefined;
    const endedAt = entry.stoppedAt ?? (entry.endsAt <= now ? entry.endsAt : undefined);
    return { ...entry.contact, endedAt, lastUpdatedAt: endedAt ?? entry.contact.createdAt };
  }
  stop(instanceId: string, contactId: string, now: number): 'stopped' | 'not-active' {
    const entry = this.all.get(contactId);
    if (!entry || entry.contact.instanceId !== instanceId || entry.stoppedAt !== undefined || entry.endsAt <= now) return 'not-active';
    entry.stoppedAt = now;
    return 'stopped';
  }
}

describe('Contacts against the plain retention queue', () => {
  type Op = { kind: 'start' | 'stop' | 'get'; instance: number; pick: number; dt: number };
  const op = fc.record({ kind: fc.constantFrom('start', 'start', 'stop', 'get'), instance: fc.nat(1), pick: fc.nat(), dt: fc.nat(6) }) as fc.Arbitrary<Op>;
  test.prop([fc.array(op, { maxLength: 150 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 20 })])(
    'answers every start, stop and look-up as the plain queue of ids does',
    (ops, maxRetained, maxConcurrentCalls, callDurationMs) => {
      const options = { maxConcurrentCalls, callDurationMs, maxRetained };
      const fast = new Contacts(options);
      const plain = new PlainContacts(options);
      const started: { id: string; instance: string }[] = [];
      let now = 0;
      for (const o of ops) {
        now += o.dt;
        const instance = `i${o.instance}`;
        if (o.kind === 'start') {
          const c = { ...contact(`c${started.length}`, now), instanceId: instance };
          const ok = fast.start(c, now);
          expect(ok).toBe(plain.start(c, now));
          if (ok) started.push({ id: c.contactId, instance });
        } else if (started.length > 0) {
          const s = started[o.pick % started.length]!;
          if (o.kind === 'stop') expect(fast.stop(s.instance, s.id, now)).toBe(plain.stop(s.instance, s.id, now));
          else expect(fast.get(s.instance, s.id, now)).toEqual(plain.get(s.instance, s.id, now));
        }
        for (const s of started) expect(fast.get(s.instance, s.id, now)).toEqual(plain.get(s.instance, s.id, now));
      }
    },
  );
});
