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
