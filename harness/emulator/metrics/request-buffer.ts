// The bounded hand-off between the request path and the writer: a ring of preallocated slots. A
// push stores a reference and two numbers, or counts a drop when the ring is full; it never grows,
// allocates or waits. Formatting lines happens later, off the request path, in drain().
import type { RequestEvent } from '../observer.ts';

export class RequestBuffer {
  readonly capacity: number;
  private readonly events: (RequestEvent | undefined)[];
  private readonly ms: Float64Array;
  private readonly subMs: Uint32Array;
  private head = 0;
  private count = 0;
  private highWater = 0;

  constructor(capacity: number) {
    if (!(Number.isInteger(capacity) && capacity > 0)) throw new Error(`buffer capacity must be a positive integer, got ${capacity}`);
    this.capacity = capacity;
    this.events = new Array<RequestEvent | undefined>(capacity).fill(undefined);
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
  push(event: RequestEvent, ms: number, subMs: number): boolean {
    if (this.count === this.capacity) return false;
    let slot = this.head + this.count;
    if (slot >= this.capacity) slot -= this.capacity;
    this.events[slot] = event;
    this.ms[slot] = ms;
    this.subMs[slot] = subMs;
    if (++this.count > this.highWater) this.highWater = this.count;
    return true;
  }

  /** Hands up to `max` buffered events to `take`, oldest first, and frees their slots. Returns how many. */
  drain(max: number, take: (event: RequestEvent, ms: number, subMs: number) => void): number {
    const n = Math.min(max, this.count);
    for (let i = 0; i < n; i++) {
      const slot = this.head;
      take(this.events[slot]!, this.ms[slot]!, this.subMs[slot]!);
      this.events[slot] = undefined;
      this.head = slot + 1 === this.capacity ? 0 : slot + 1;
    }
    this.count -= n;
    return n;
  }
}
