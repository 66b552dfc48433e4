// One emulator_requests point per request, as line protocol. The series key (measurement and tags)
// depends only on bounded values, so it is built once per combination and cached; a line is then
// the cached key, two fields and the timestamp.
import { emulatorMeasurements, tagKeys } from '../../contract/metric-names.ts';
import type { RequestEvent } from '../observer.ts';
import { requestFields } from './field-names.ts';
import { floatField, seriesKey } from './line-protocol.ts';
import { nanoseconds } from './unique-timestamps.ts';

/** More distinct combinations than this means something unbounded slipped in: start the cache over. */
const MAX_CACHED_SERIES = 4096;

export class RequestLineFormatter {
  private readonly testId: string;
  private readonly series = new Map<string, string>();

  constructor(testId: string) {
    this.testId = testId;
  }

  line(event: RequestEvent, ms: number, subMs: number): string {
    const cacheKey = `${event.operation}\u0000${event.outcome}\u0000${event.errorName ?? ''}\u0000${event.condition ?? ''}\u0000${event.instanceId ?? ''}`;
    let key = this.series.get(cacheKey);
    if (key === undefined) {
      if (this.series.size >= MAX_CACHED_SERIES) this.series.clear();
      key = seriesKey(emulatorMeasurements.requests, {
        [tagKeys.operation]: event.operation,
        [tagKeys.outcome]: event.outcome,
        [tagKeys.errorName]: event.errorName,
        [tagKeys.rule]: event.condition,
        [tagKeys.instance]: event.instanceId,
        [tagKeys.testId]: this.testId,
      });
      this.series.set(cacheKey, key);
    }
    return `${key} ${requestFields.count}=1i,${requestFields.durationMs}=${floatField(event.durationMs)} ${nanoseconds(ms, subMs)}\n`;
  }
}
