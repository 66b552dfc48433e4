// A seeded generator for fault and latency decisions, so an injected-fault run can be replayed
// exactly (same seed, same request order, same decisions). Not for ids or tokens.

/** mulberry32: tiny, fast and good enough to pick which requests fail. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
