// Samples in the layout k6's InfluxDB v1 output writes (`k6 run --out influxdb=http://host:8086/k6
// --tag testid=ID`): one measurement per metric, the sample in field `value`, the sample's tags as
// tags (sorted, empty ones left out), and `url` as a string field. k6's default
// K6_INFLUXDB_TAGS_AS_FIELDS is `vu,iter,url` with no types, so string fields
// (internal/output/influxdb/config.go NewConfig, util.go MakeFieldKinds); `vu` and `iter` are not
// system tags by default, and even when enabled k6 keeps them as sample metadata, which this output
// never writes (metrics/tags.go SetSystemTagOrMeta; output.go batchFromSamples reads tags only).
// So a sample has `value` and, for HTTP metrics, `url="…"`. Counters carry the increment, rates 0 or 1
// (issue 5: webrtc_start_failed, webrtc_throttled and webrtc_idempotency_violations are Rates,
// webrtc_contacts_started a Counter, webrtc_start_duration a Trend), gauges the current value.
import { k6BuiltinMetrics, k6Metrics, tagKeys, type StartOutcome } from '../../harness/contract/metric-names.ts';
import { escapeTag, seriesKey } from '../../harness/emulator/metrics/line-protocol.ts';
import { nanoseconds, UniqueTimestamps } from '../../harness/emulator/metrics/unique-timestamps.ts';
import { k6Field, k6SystemTags } from '../../dashboards/k6-tags.ts';

type Tags = Record<string, string | undefined>;

export function k6Samples(testId: string, scenario = 'load'): string {
  const clock = new UniqueTimestamps({ slot: 999 });
  const lines: string[] = [];
  const sample = (metric: string, value: number, tags: Tags, extraFields = '') => {
    const ms = clock.next();
    const fields = `${k6Field}=${value}${extraFields}`;
    lines.push(`${seriesKey(metric, { [tagKeys.scenario]: scenario, ...tags, [tagKeys.testId]: testId })} ${fields} ${nanoseconds(ms, clock.lastSubMs)}`);
  };
  const http = { [k6SystemTags.method]: 'PUT', [k6SystemTags.name]: 'StartWebRTCContact', proto: 'HTTP/1.1', group: '' };
  const url = `,url="${escapeTag('http://emulator:4599/contact/webrtc').replace(/"/g, '\\"')}"`;
  const outcomes: readonly [StartOutcome, number, string | undefined][] = [
    ['accepted', 200, undefined],
    ['rejected', 400, 'InvalidRequestException'],
    ['throttled', 429, 'LimitExceededException'],
    ['server-error', 500, 'InternalServiceException'],
  ];
  for (let round = 0; round < 5; round++) {
    for (const [outcome, status, error] of outcomes) {
      const duration = 5 + round + status / 100;
      const expected = String(status < 400);
      sample(k6BuiltinMetrics.httpReqDuration, duration, { ...http, [k6SystemTags.status]: String(status), [k6SystemTags.expectedResponse]: expected }, url);
      sample(k6Metrics.startDuration, duration, { [tagKeys.outcome]: outcome });
      sample(k6BuiltinMetrics.iterations, 1, {});
      sample(k6BuiltinMetrics.checks, status === 200 ? 1 : 0, { [k6SystemTags.check]: 'status is 200' });
      sample(k6BuiltinMetrics.checks, 1, { [k6SystemTags.check]: 'answer matches the expected outcome' });
      if (outcome === 'accepted') sample(k6Metrics.contactsStarted, 1, {});
      sample(k6Metrics.startFailed, error === undefined ? 0 : 1, { [tagKeys.errorName]: error });
      sample(k6Metrics.throttled, outcome === 'throttled' ? 1 : 0, {});
      sample(k6Metrics.idempotencyViolations, 0, {});
    }
    sample(k6Metrics.expectationMismatches, round === 2 ? 1 : 0, {});
    sample(k6BuiltinMetrics.vus, 10 + round, {});
    sample(k6BuiltinMetrics.droppedIterations, 1, {});
  }
  // The capacity scenario tags its starts with the step (1..N) they ran in.
  for (const step of ['1', '2', '3']) {
    for (const [outcome, error] of [['accepted', undefined], ['accepted', undefined], ['throttled', 'LimitExceededException'], ['server-error', 'InternalServiceException']] as const) {
      const tags = { [tagKeys.scenario]: 'capacity', [tagKeys.step]: step, [tagKeys.outcome]: outcome };
      sample(k6Metrics.startDuration, 10 * Number(step) + (outcome === 'accepted' ? 0 : 5), tags);
      sample(k6Metrics.startFailed, outcome === 'server-error' ? 1 : 0, { ...tags, [tagKeys.errorName]: error });
      sample(k6Metrics.throttled, outcome === 'throttled' ? 1 : 0, tags);
    }
  }
  return `${lines.join('\n')}\n`;
}
