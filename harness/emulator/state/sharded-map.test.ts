// ShardedMap answers exactly as a Map would, and spreads the keys the emulator actually sees.
import { randomUUID } from 'node:crypto';
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { ShardedMap, SHARDS } from './sharded-map.ts';

type Op = { kind: 'set'; key: string; value: number } | { kind: 'delete'; key: string } | { kind: 'get'; key: string } | { kind: 'clear' };

const key = fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('', 'a', 'ab', 'abc', 'token-1', 'token-2'), fc.uuid());
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('set' as const), key, value: fc.integer() }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('delete' as const), key }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('get' as const), key }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'clear' as const }) },
);

describe('ShardedMap', () => {
  test.prop([fc.array(op, { maxLength: 200 })])('answers every get, has, delete and size as a Map does', (ops) => {
    const sharded = new ShardedMap<number>();
    const plain = new Map<string, number>();
    for (const o of ops) {
      if (o.kind === 'set') {
        sharded.set(o.key, o.value);
        plain.set(o.key, o.value);
      } else if (o.kind === 'delete') expect(sharded.delete(o.key)).toBe(plain.delete(o.key));
      else if (o.kind === 'get') {
        expect(sharded.get(o.key)).toBe(plain.get(o.key));
        expect(sharded.has(o.key)).toBe(plain.has(o.key));
      } else {
        sharded.clear();
        plain.clear();
      }
      expect(sharded.size).toBe(plain.size);
    }
  });

  it.each([
    ['random UUIDs', (i: number) => (i >= 0 ? randomUUID() : '')],
    ['counters at the end', (i: number) => `bench-run-${i}`],
    ['counters at the start', (i: number) => `${i}-same-suffix-for-every-token`],
    ['zero-padded counters', (i: number) => `tok${String(i).padStart(8, '0')}`],
  ])('spreads %s over the shards', (_name, make) => {
    const map = new ShardedMap<number>();
    const n = 64_000;
    for (let i = 0; i < n; i++) map.set(make(i), i);
    // A perfect spread is n / SHARDS a shard; a skewed one would put most keys in a few.
    expect(map.largestShard).toBeLessThan(4 * (n / SHARDS));
  });
});
