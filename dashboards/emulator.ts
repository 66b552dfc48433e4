// The service side: what the emulator accepted, replayed, refused and failed on purpose, how close
// each instance ran to its concurrent-call quota, and what it shed when overloaded itself. Written by the emulator's exporter
// (`connect-harness emulator --influx URL --test-id ID`).
import { emulatorMeasurements, tagKeys, activeCallFields, exporterFields, requestFields, type EmulatorOutcome as Outcome } from '../harness/contract/metric-names.ts';
import { dashboard } from './builder/dashboard.ts';
import { as, max, percentile, perSecond, sum, tagIn, tagIs } from './builder/influxql.ts';
import type { Dashboard } from './builder/model.ts';
import { limitLine } from './builder/panels.ts';

const replayed: Outcome = 'replayed';
const fault: Outcome = 'fault';
const shed: Outcome = 'shed';
const refusals: readonly Outcome[] = ['rejected', 'not-found', 'throttled', 'unauthorized'];
const requests = emulatorMeasurements.requests;

export function emulatorDashboard(): Dashboard {
  return dashboard({
    uid: 'connect-harness-emulator',
    title: 'StartWebRTCContact emulator',
    description: 'The emulator\'s own view of the same test ids: outcomes, quotas, replays, refusals, injected faults and shed requests.',
    panels: [
      {
        title: 'Requests by outcome',
        description: 'Requests per second the emulator answered, by outcome.',
        unit: 'reqps',
        queries: [{ from: requests, select: [as(perSecond(sum(requestFields.count)), 'requests')], groupBy: [tagKeys.outcome], fill: '0', alias: '$tag_outcome' }],
      },
      {
        title: 'Active calls against the concurrent-call quota',
        description: 'Active calls per instance; the dashed line is the quota (absent under --quotas unlimited).',
        unit: 'short',
        min: 0,
        overrides: [limitLine('/^limit/')],
        queries: [
          {
            from: emulatorMeasurements.activeCalls,
            select: [as(max(activeCallFields.active), 'active'), as(max(activeCallFields.limit), 'limit')],
            groupBy: [tagKeys.instance],
            alias: '$col $tag_instance',
          },
        ],
      },
      {
        title: 'Idempotent replays',
        description: 'Starts answered from the idempotency store (same ClientToken): no new contact.',
        unit: 'short',
        style: 'bars',
        queries: [{ from: requests, select: [as(sum(requestFields.count), 'replayed')], where: [tagIs(tagKeys.outcome, replayed)], groupBy: [tagKeys.operation], fill: '0', alias: '$col $tag_operation' }],
      },
      {
        title: 'Rejections by rule',
        description: 'Refused requests per interval, by the rule or condition that chose the error (validation rule, quota, auth, not found).',
        unit: 'short',
        style: 'bars',
        queries: [{ from: requests, select: [as(sum(requestFields.count), 'refused')], where: [tagIn(tagKeys.outcome, refusals)], groupBy: [tagKeys.rule], fill: '0', alias: '$tag_rule' }],
      },
      {
        title: 'Injected faults',
        description: 'Requests failed on purpose (--fault-rate), by condition and error; an empty rule would be a real internal error.',
        unit: 'short',
        style: 'bars',
        queries: [{ from: requests, select: [as(sum(requestFields.count), 'faults')], where: [tagIs(tagKeys.outcome, fault)], groupBy: [tagKeys.rule, tagKeys.errorName], fill: '0', alias: '$tag_rule $tag_error' }],
      },
      {
        title: 'Emulator latency p50 / p95 / p99 by outcome',
        description: 'Time from request to answer inside the emulator (includes injected latency).',
        unit: 'ms',
        queries: [
          {
            from: requests,
            select: [as(percentile(requestFields.durationMs, 50), 'p50'), as(percentile(requestFields.durationMs, 95), 'p95'), as(percentile(requestFields.durationMs, 99), 'p99')],
            groupBy: [tagKeys.outcome],
            alias: '$col $tag_outcome',
          },
        ],
      },
      {
        title: 'Shed by admission control',
        description:
          'Requests refused unread with 503 ServiceUnavailableException and Retry-After because the emulator was over its own bound ' +
          '(--max-per-turn, --max-in-flight, --max-event-loop-delay-ms). Not the quota it emulates: any here means the emulator, not the system under test, limited the run.',
        unit: 'reqps',
        queries: [{ from: requests, select: [as(perSecond(sum(requestFields.count)), 'shed')], where: [tagIs(tagKeys.outcome, shed)], groupBy: [tagKeys.operation], fill: '0', alias: '$col $tag_operation' }],
      },
      {
        title: 'Metrics exporter health',
        description: 'Points written, dropped (InfluxDB slow or down) and failed writes, cumulative since the emulator started.',
        unit: 'short',
        queries: [
          {
            from: emulatorMeasurements.exporter,
            select: [
              as(max(exporterFields.written), 'written'),
              as(max(exporterFields.dropped), 'dropped'),
              as(max(exporterFields.failedWrites), 'failed writes'),
              as(max(exporterFields.buffered), 'buffered'),
            ],
            alias: '$col',
          },
        ],
      },
    ],
  });
}
