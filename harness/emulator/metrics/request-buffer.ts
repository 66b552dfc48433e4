// Speed-tuned: guarded by `npm run bench -- exporter`.
// The bounded hand-off between the request path and the writer: a ring of preallocated typed
// arrays (series id, duration, timestamp). A push stores four numbers, or reports the ring full;
// it never grows, allocates, or keeps a request's objects alive. Lines are formatted later, off the
// request path, in drain(). Memory: 24 bytes a slot, whatever the traffic.

export type DrainedPoint = (seriesId: number, durationMs: number, ms: number, subMs: number) => void;

export class RequestBuffer {
  readonly capacity: number;
  private readonly series: Int32Array;
  private readonly durations: Float64Array;
  private readonly ms: Float64Array;
  private readonly subMs: Uint32Array;
  private head = 0;
  private count = 0;
  private highWater = 0;

  constructor(capacity: number) {
    if (!(Number.isInteger(capacity) && capacity > 0)) throw new Error(`buffer capacity must be a positive integer, got ${capacity}`);
    this.capacity = capacity;
    this.series = new Int32Array(capacity);
    this.durations = new Float64Array(capacity);
    this.ms = new Float64Array(capacity);
    this.subMs = new Uint32Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  /** The most the buffer ever held (tests assert it never passes the capacity). */
  get maxSize(): number {
    return this.highWater;
  }

  /** False when full: the caller counts the drop. */
  push(seriesId: number, durationMs: number, ms: number, subMs: number): boolean {
    if (this.count === this.capacity) return false;
    let slot = this.head + this.count;
    if (slot >= this.capacity) slot -= this.capacity;
    this.series[slot] = seriesId;
    this.durations[slot] = durationMs;
    this.ms[slot] = ms;
    this.subMs[slot] = subMs;
    if (++this.count > this.highWater) this.highWater = this.count;
    return true;
  }

  /** Hands up to `max` buffered points to `take`, oldest first, and frees their slots. Returns how many. */
  drain(max: number, take: DrainedPoint): number {
    const n = Math.min(max, this.count);
    for (let i = 0; i < n; i++) {
      const slot = this.head;
      take(this.series[slot]!, this.durations[slot]!, this.ms[slot]!, this.subMs[slot]!);
      this.head = slot + 1 === this.capacity ? 0 : slot + 1;
    }
    this.count -= n;
    return n;
  }
}
