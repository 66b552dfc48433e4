// Speed-tuned: guarded by `npm run bench -- emulator`.
// A string-keyed Map split into 64 by a cheap hash of the key's ends, for the emulator's large indexes
// (remembered tokens, contacts). A V8 Map rehashes every entry at once when it grows, and again
// when deletions pile up: measured here, 13 ms at 262,144 entries and 30 ms at 524,288, a stall
// of every request in flight, and the token store may hold 2,000,000. Split, each such stall is a
// 64th as long, and the shards reach their sizes at different moments. Lookups cost the same.

/** How many Maps one ShardedMap splits its keys over. */
export const SHARDS = 64;

/**
 * Up to four characters from each end, and the length: tokens and ids vary at the end (counters,
 * random hex) or at the start (prefixed counters), so either spreads them. Any key lands somewhere;
 * a skewed key set only makes some shards larger, never a wrong answer.
 */
function shardOf(key: string): number {
  const n = key.length;
  let h = Math.imul(n, 0x9e3779b1);
  const ends = n < 4 ? n : 4;
  for (let i = 0; i < ends; i++) {
    h = Math.imul(h ^ key.charCodeAt(i), 0x85ebca6b);
    h = Math.imul(h ^ key.charCodeAt(n - 1 - i), 0xc2b2ae35);
    h ^= h >>> 13;
  }
  return (h ^ (h >>> 16)) & (SHARDS - 1);
}

export class ShardedMap<V> {
  private readonly shards: Map<string, V>[] = Array.from({ length: SHARDS }, () => new Map<string, V>());
  private count = 0;

  get size(): number {
    return this.count;
  }

  get(key: string): V | undefined {
    return this.shards[shardOf(key)]!.get(key);
  }

  has(key: string): boolean {
    return this.shards[shardOf(key)]!.has(key);
  }

  set(key: string, value: V): this {
    const shard = this.shards[shardOf(key)]!;
    const before = shard.size;
    shard.set(key, value);
    this.count += shard.size - before;
    return this;
  }

  delete(key: string): boolean {
    const deleted = this.shards[shardOf(key)]!.delete(key);
    if (deleted) this.count--;
    return deleted;
  }

  clear(): void {
    for (const shard of this.shards) shard.clear();
    this.count = 0;
  }

  /** The largest shard's size (tests check that keys spread). */
  get largestShard(): number {
    return Math.max(...this.shards.map((s) => s.size));
  }
}
