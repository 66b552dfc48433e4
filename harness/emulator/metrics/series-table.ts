// Speed-tuned: guarded by `npm run bench -- exporter`.
// Request events → small integer series ids, so that the buffer holds numbers only. Holding the
// event objects until a flush would keep thousands of them alive across young-generation GCs,
// promoting them to the old generation: measured, that cost more throughput than formatting.
//
// The lookup is a walk through nested maps keyed by the event's own strings: no key is built, so a
// known series costs a few hash lookups and no allocation. A new series builds its line-protocol
// key once. Tags are bounded by design; should that ever fail, past `maxSeries` new ones are refused
// (the caller counts a drop) instead of growing without end.
import { emulatorMeasurements, tagKeys } from '../../contract/metric-names.ts';
import type { RequestEvent } from '../observer.ts';
import { seriesKey } from './line-protocol.ts';

type Level = Map<string, Level | number>;

export class SeriesTable {
  private readonly root: Level = new Map();
  private readonly keys: string[] = [];
  private readonly testId: string;
  private readonly maxSeries: number;

  constructor(testId: string, maxSeries = 4096) {
    this.testId = testId;
    this.maxSeries = maxSeries;
  }

  get size(): number {
    return this.keys.length;
  }

  /** The series id of the event's tag set, or -1 when the table is full. */
  idOf(event: RequestEvent): number {
    let level = this.root;
    level = this.child(level, event.operation);
    level = this.child(level, event.outcome);
    level = this.child(level, event.errorName ?? '');
    level = this.child(level, event.condition ?? '');
    const instance = event.instanceId ?? '';
    const id = level.get(instance);
    if (id !== undefined) return id as number;
    if (this.keys.length >= this.maxSeries) return -1;
    const created = this.keys.length;
    this.keys.push(
      seriesKey(emulatorMeasurements.requests, {
        [tagKeys.operation]: event.operation,
        [tagKeys.outcome]: event.outcome,
        [tagKeys.errorName]: event.errorName,
        [tagKeys.rule]: event.condition,
        [tagKeys.instance]: event.instanceId,
        [tagKeys.testId]: this.testId,
      }),
    );
    level.set(instance, created);
    return created;
  }

  /** The line-protocol series key (measurement and tags) of an id from idOf(). */
  keyOf(id: number): string {
    return this.keys[id]!;
  }

  private child(level: Level, key: string): Level {
    let next = level.get(key) as Level | undefined;
    if (next === undefined) level.set(key, (next = new Map()));
    return next;
  }
}
