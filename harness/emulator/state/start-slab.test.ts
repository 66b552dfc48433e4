import { ShardedMap } from './sharded-map.ts';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { StartSlab } from './start-slab.ts';
import { MemoryIdempotencyStore } from './memory-idempotency-store.ts';

describe('StartSlab', () => {
  it('keeps ids, times and fingerprints across chunk boundaries and forgets oldest first', () => {
    const slab = new StartSlab();
    const scope = new ShardedMap<number>();
    const ids: string[] = [];
    const total = 70_000; // more than one 65,536-entry chunk
    for (let i = 0; i < total; i++) {
      const id = randomUUID();
      ids.push(id);
      slab.push(`t${i}`, scope, id, 1000 + i, i % 7 === 0 ? `fp${i}` : '');
    }
    for (const i of [0, 1, 65_535, 65_536, total - 1]) {
      expect(slab.contactId(i)).toBe(ids[i]);
      expect(slab.createdAt(i)).toBe(1000 + i);
      expect(slab.fingerprint(i)).toBe(i % 7 === 0 ? `fp${i}` : '');
    }
    for (let i = 0; i < 65_537; i++) expect(slab.shift()?.token).toBe(`t${i}`);
    expect(slab.size).toBe(total - 65_537);
    expect(slab.contactId(65_537)).toBe(ids[65_537]);
  });

  it('accepts UUID ContactIds only', () => {
    expect(StartSlab.accepts(randomUUID())).toBe(true);
    expect(StartSlab.accepts('not-a-uuid')).toBe(false);
  });
});

describe('MemoryIdempotencyStore bound and window', () => {
  const scope = 'a/r/i';
  const remember = (store: MemoryIdempotencyStore, token: string, now: number) => {
    if (store.immediate.recall(scope, token, now)) throw new Error(`${token} was remembered already`);
    const contactId = randomUUID();
    store.immediate.remember(scope, token, { contactId, createdAt: now, fingerprint: '' }, now);
    return contactId;
  };

  it('forgets the oldest token past the bound and counts it', () => {
    const store = new MemoryIdempotencyStore(2);
    remember(store, 'one', 0);
    const two = remember(store, 'two', 1);
    remember(store, 'three', 2);
    expect(store.evictions).toBe(1);
    expect(store.immediate.recall(scope, 'one', 3)).toBeUndefined();
    expect(store.immediate.recall(scope, 'two', 3)).toMatchObject({ contactId: two });
  });

  it('expires tokens at the window, and a token remembered again is not unlinked by its old slot', () => {
    const store = new MemoryIdempotencyStore(10, 100);
    const first = remember(store, 'x', 0);
    expect(store.immediate.recall(scope, 'x', 99)).toMatchObject({ contactId: first });
    const second = remember(store, 'x', 100); // the first one expired at 100
    expect(second).not.toBe(first);
    remember(store, 'y', 150); // pushes the cursor past x's old slot
    expect(store.immediate.recall(scope, 'x', 160)).toMatchObject({ contactId: second });
    expect(store.evictions).toBe(0);
  });
});

describe('MemoryIdempotencyStore with long tokens', () => {
  it('remembers a 500-character token under a digest: the same token replays, a token differing in its last character does not', () => {
    const store = new MemoryIdempotencyStore(10);
    const long = `${'€'.repeat(499)}a`;
    expect(store.immediate.recall('s', long, 0)).toBeUndefined();
    const contactId = randomUUID();
    store.immediate.remember('s', long, { contactId, createdAt: 0, fingerprint: '' }, 0);
    expect(store.immediate.recall('s', long, 1)).toMatchObject({ contactId });
    expect(store.immediate.recall('s', `${'€'.repeat(499)}b`, 1)).toBeUndefined();
  });
});
