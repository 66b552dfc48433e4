// Reading back what the exporter wrote: points per outcome for one test id.
import { emulatorMeasurements, tagKeys, requestFields } from '../../harness/contract/metric-names.ts';
import { queryInflux } from '../../harness/services/influx-http.ts';

/** Points (not summed counts: an overwritten point would vanish from both) per outcome. */
export async function pointsByOutcome(influxUrl: string, testId: string, timeCondition = 'time > now() - 1h'): Promise<Map<string, number>> {
  const result = await queryInflux(
    influxUrl,
    'k6',
    `SELECT count("${requestFields.durationMs}") FROM "${emulatorMeasurements.requests}" WHERE "${tagKeys.testId}" = '${testId}' AND ${timeCondition} GROUP BY "${tagKeys.outcome}"`,
  );
  const out = new Map<string, number>();
  for (const series of result.series ?? []) out.set(series.tags?.[tagKeys.outcome] ?? '', Number(series.values[0]?.[1] ?? 0));
  return out;
}

export function total(counts: Map<string, number>): number {
  let n = 0;
  for (const v of counts.values()) n += v;
  return n;
}

export async function waitFor<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(value instanceof Map ? [...value] : value)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
