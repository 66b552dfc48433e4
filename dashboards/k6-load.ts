// The client side of a load test, as k6 reports it: what the scenarios sent and what came back.
// Assumes the scenarios tag webrtc_start_duration with `outcome` and webrtc_start_failed with
// `error` (tag keys from metric-names.ts), as scenarios/lib/metrics.ts does.
import { k6BuiltinMetrics, k6Metrics, tagKeys } from '../harness/contract/metric-names.ts';
import { dashboard } from './builder/dashboard.ts';
import { as, count, ident, max, mean, percentile, perSecond, sum, tagIs } from './builder/influxql.ts';
import type { Dashboard } from './builder/model.ts';
import { k6Field, k6SystemTags } from './k6-tags.ts';

const value = k6Field;

/** Samples of the capacity scenario carry `step` (1..N); every other sample has no such tag. */
const inAStep = `${ident(tagKeys.step)} != ''`;
const accepted = tagIs(tagKeys.outcome, 'accepted');
/** The capacity row: four panels side by side (24 columns). */
const STEP_PANEL_WIDTH = 6;

export function k6LoadDashboard(): Dashboard {
  return dashboard({
    uid: 'connect-harness-k6',
    title: 'StartWebRTCContact load (k6)',
    description: 'What k6 sent and what came back, per test id. Emulator side: the "StartWebRTCContact emulator" dashboard.',
    panels: [
      {
        title: 'Start rate',
        description: 'StartWebRTCContact calls per second by outcome, and contacts actually started per second.',
        unit: 'reqps',
        queries: [
          { from: k6Metrics.startDuration, select: [as(perSecond(count(value)), 'attempts')], groupBy: [tagKeys.outcome], fill: '0', alias: '$col $tag_outcome' },
          { from: k6Metrics.contactsStarted, select: [as(perSecond(sum(value)), 'started')], fill: '0', alias: '$col' },
        ],
      },
      {
        title: 'Start latency p50 / p95 / p99 by outcome',
        description: 'Client-measured StartWebRTCContact duration, per outcome.',
        unit: 'ms',
        queries: [
          {
            from: k6Metrics.startDuration,
            select: [as(percentile(value, 50), 'p50'), as(percentile(value, 95), 'p95'), as(percentile(value, 99), 'p99')],
            groupBy: [tagKeys.outcome],
            alias: '$col $tag_outcome',
          },
        ],
      },
      {
        title: 'Failures by error name',
        description: 'Failed starts per interval, by the AWS error name the response carried.',
        unit: 'short',
        style: 'bars',
        queries: [{ from: k6Metrics.startFailed, select: [as(sum(value), 'failed')], groupBy: [tagKeys.errorName], fill: '0', alias: '$tag_error' }],
      },
      {
        title: 'Throttles',
        description: 'Starts answered with a throttling error, per interval.',
        unit: 'short',
        style: 'bars',
        queries: [{ from: k6Metrics.throttled, select: [as(sum(value), 'throttled')], fill: '0', alias: '$col' }],
      },
      {
        title: 'Idempotency violations',
        description: 'A ClientToken sent again got a different contact, per interval: must stay at zero.',
        unit: 'short',
        style: 'bars',
        queries: [{ from: k6Metrics.idempotencyViolations, select: [as(sum(value), 'violations')], fill: '0', alias: '$col' }],
      },
      {
        title: 'Expectation mismatches',
        description: 'Responses that disagreed with the outcome the corpus expected, per interval.',
        unit: 'short',
        style: 'bars',
        queries: [{ from: k6Metrics.expectationMismatches, select: [as(sum(value), 'mismatches')], fill: '0', alias: '$col' }],
      },
      {
        title: 'Dropped iterations',
        description: 'Iterations k6 could not start on schedule (not enough VUs): the load asked for was not the load sent.',
        unit: 'short',
        style: 'bars',
        queries: [{ from: k6BuiltinMetrics.droppedIterations, select: [as(sum(value), 'dropped')], groupBy: [tagKeys.scenario], fill: '0', alias: '$tag_scenario' }],
      },
      {
        title: 'VUs',
        description: 'Active virtual users.',
        unit: 'short',
        queries: [{ from: k6BuiltinMetrics.vus, select: [as(max(value), 'vus')], alias: '$col' }],
      },
      {
        title: 'Check pass rate',
        description: 'Share of checks that passed, per check.',
        unit: 'percentunit',
        min: 0,
        max: 1,
        queries: [{ from: k6BuiltinMetrics.checks, select: [as(mean(value), 'pass rate')], groupBy: [k6SystemTags.check], alias: '$tag_check' }],
      },
      {
        title: 'HTTP p95 by status',
        description: 'k6 http_req_duration p95 by HTTP status and whether k6 counted the response as expected.',
        unit: 'ms',
        queries: [
          {
            from: k6BuiltinMetrics.httpReqDuration,
            select: [as(percentile(value, 95), 'p95')],
            groupBy: [k6SystemTags.status, k6SystemTags.expectedResponse],
            alias: '$col $tag_status expected=$tag_expected_response',
          },
        ],
      },
      {
        title: 'Capacity steps: throughput',
        description: 'Capacity scenario: StartWebRTCContact calls per second, and accepted ones, per step (tag step, 1..N). Each step shows while it runs; a step whose accepted rate falls behind its calls is past the knee.',
        unit: 'reqps',
        width: STEP_PANEL_WIDTH,
        queries: [
          { from: k6Metrics.startDuration, select: [as(perSecond(count(value)), 'calls')], where: [inAStep], groupBy: [tagKeys.step], fill: 'none', alias: '$col step $tag_step' },
          { from: k6Metrics.startDuration, select: [as(perSecond(count(value)), 'accepted')], where: [inAStep, accepted], groupBy: [tagKeys.step], fill: 'none', alias: '$col step $tag_step' },
        ],
      },
      {
        title: 'Capacity steps: latency p50 / p95 / p99',
        description: 'Capacity scenario: duration of accepted starts per step. A step holds while its p95 stays under 1000 ms (scenarios/lib/capacity-steps.ts stepLimits).',
        unit: 'ms',
        width: STEP_PANEL_WIDTH,
        queries: [
          {
            from: k6Metrics.startDuration,
            select: [as(percentile(value, 50), 'p50'), as(percentile(value, 95), 'p95'), as(percentile(value, 99), 'p99')],
            where: [inAStep, accepted],
            groupBy: [tagKeys.step],
            alias: '$col step $tag_step',
          },
        ],
      },
      {
        title: 'Capacity steps: outcomes',
        description: 'Capacity scenario: starts per interval by step and outcome (accepted, throttled, rejected, server-error, network-error, unexpected): the outcome mix of each step.',
        unit: 'short',
        style: 'bars',
        width: STEP_PANEL_WIDTH,
        queries: [{ from: k6Metrics.startDuration, select: [as(count(value), 'starts')], where: [inAStep], groupBy: [tagKeys.step, tagKeys.outcome], fill: 'none', alias: 'step $tag_step $tag_outcome' }],
      },
      {
        title: 'Capacity steps: failed and throttled share',
        description: 'Capacity scenario: share of starts that failed (limit 1 %) and that were throttled (limit 5 %) per step and interval; the step thresholds judge the same shares over the whole step.',
        unit: 'percentunit',
        min: 0,
        width: STEP_PANEL_WIDTH,
        queries: [
          { from: k6Metrics.startFailed, select: [as(mean(value), 'failed')], where: [inAStep], groupBy: [tagKeys.step], alias: '$col step $tag_step' },
          { from: k6Metrics.throttled, select: [as(mean(value), 'throttled')], where: [inAStep], groupBy: [tagKeys.step], alias: '$col step $tag_step' },
        ],
      },
    ],
  });
}
