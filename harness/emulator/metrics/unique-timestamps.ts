// Nanosecond timestamps that never repeat within one exporter. InfluxDB keeps one point per series
// and timestamp: a second point with the same tags and time silently replaces the first, so two
// requests finishing in the same millisecond with the same outcome would count as one.
//
// A timestamp is the millisecond clock * 1e6 + sequence * 1e3 + slot. The sequence counts points
// within a millisecond (past 999 it borrows the next millisecond, so time never runs backwards); the
// slot (0..999, random per exporter) keeps two emulator processes writing the same series apart with
// probability 0.999 per pair. Held as two small numbers and joined as text only when a line is
// written: ms * 1e6 is past Number.MAX_SAFE_INTEGER.

export class UniqueTimestamps {
  private lastMs = 0;
  private sequence = 0;
  private readonly slot: number;
  private readonly now: () => number;

  constructor(options: { slot?: number; now?: () => number } = {}) {
    this.slot = options.slot ?? Math.floor(Math.random() * 1000);
    if (!(Number.isInteger(this.slot) && this.slot >= 0 && this.slot < 1000)) throw new Error(`timestamp slot must be 0..999, got ${this.slot}`);
    this.now = options.now ?? Date.now;
  }

  /** The next timestamp's millisecond; read `lastSubMs` right after for the nanoseconds within it. */
  next(): number {
    const ms = this.now();
    if (ms > this.lastMs) {
      this.lastMs = ms;
      this.sequence = 0;
    } else if (++this.sequence > 999) {
      this.lastMs++;
      this.sequence = 0;
    }
    return this.lastMs;
  }

  /** Nanoseconds within the millisecond `next()` returned: sequence * 1000 + slot. */
  get lastSubMs(): number {
    return this.sequence * 1000 + this.slot;
  }
}

/** The decimal nanosecond timestamp of a millisecond and the nanoseconds within it. */
export function nanoseconds(ms: number, subMs: number): string {
  const sub = String(subMs);
  return `${ms}${'000000'.slice(sub.length)}${sub}`;
}
