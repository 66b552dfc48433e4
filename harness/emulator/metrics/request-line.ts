// One emulator_requests point per request, as line protocol: the series key from the SeriesTable,
// field count = 1 (so sums count requests), field duration_ms, and the unique timestamp.
import { requestFields } from '../../contract/metric-names.ts';
import { floatField } from './line-protocol.ts';
import { nanoseconds } from './unique-timestamps.ts';

const fieldsPrefix = ` ${requestFields.count}=1i,${requestFields.durationMs}=`;

export function requestLine(seriesKey: string, durationMs: number, ms: number, subMs: number): string {
  return `${seriesKey}${fieldsPrefix}${floatField(durationMs)} ${nanoseconds(ms, subMs)}\n`;
}
