// The exporter against a real InfluxDB 1.x: every request the emulator answers becomes exactly one
// point (unique nanosecond timestamps: none overwritten, even for a burst answered within one
// millisecond with identical tags), tags are the bounded ones, and active calls and the exporter's
// own health arrive too.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { emulatorMeasurements, tagKeys, activeCallFields, exporterFields } from '../../harness/contract/metric-names.ts';
import * as defaults from '../../harness/contract/defaults.ts';
import { availability } from '../../harness/services/availability.ts';
import { queryInflux } from '../../harness/services/influx-http.ts';
import type { RunningService } from '../../harness/services/running-service.ts';
import { startInfluxDB } from '../../harness/services/start-influxdb.ts';
import { describeWithService } from '../support/service-guard.ts';
import { driveFaultTraffic, driveQuotaTraffic, driveShedTraffic, startObservedEmulator, type ObservedEmulator } from './emulator-traffic.ts';
import { pointsByOutcome, total } from './influx-counts.ts';
import { until } from '../support/hang-guard.ts';

const found = await availability('influxdb');

describeWithService(found, 'emulator metrics exporter → InfluxDB', () => {
  let influx: RunningService;
  // Two test ids: both emulators serve the default instance, and active calls are a series per
  // (instance, testid), as two emulators of one test sharing Redis would write it.
  const testId = `exporter-${randomUUID().slice(0, 8)}`;
  const faultTestId = `${testId}-faults`;
  const shedTestId = `${testId}-shed`;
  let quota: ObservedEmulator;
  let faults: ObservedEmulator;
  let shedding: ObservedEmulator;
  const answered = { quota: 0, faults: 0, shed: 0 };

  beforeAll(async () => {
    influx = await startInfluxDB();
    const target = `${influx.url}/k6`;
    quota = await startObservedEmulator({ target, testId, slot: 1 }, { quotas: { preset: 'aws-default' } });
    faults = await startObservedEmulator({ target, testId: faultTestId, slot: 2 }, { quotas: { preset: 'unlimited' }, faults: { faultRate: 0.3, seed: 11 } });
    shedding = await startObservedEmulator({ target, testId: shedTestId, slot: 3 }, { quotas: { preset: 'unlimited' }, admission: { maxInFlight: 1 } });
    const [q, f, s] = await Promise.all([driveQuotaTraffic(quota.emulator.url), driveFaultTraffic(faults.emulator.url), driveShedTraffic(shedding.emulator)]);
    answered.quota = q.answered;
    answered.faults = f.answered;
    answered.shed = s.answered;
    expect(q.answered).toBe(q.sent);
    expect(f.answered).toBe(f.sent);
    expect(s.answered).toBe(s.sent);
    // A write acknowledged, so that the health sample close() takes reports writes; close() then
    // flushes the rest.
    await until('a write acknowledged by InfluxDB', () => [quota, faults, shedding].every((o) => o.exporter.stats().written > 0));
    await Promise.all([quota.emulator.close(), faults.emulator.close(), shedding.emulator.close()]);
  });
  afterAll(async () => {
    await Promise.allSettled([quota?.emulator.close(), faults?.emulator.close(), shedding?.emulator.close()]);
    await influx?.stop();
  });

  it('the traffic reached every outcome the dashboards show', () => {
    const outcomes = new Set([...quota.seen.keys(), ...faults.seen.keys(), ...shedding.seen.keys()]);
    expect([...outcomes].sort()).toEqual(['accepted', 'fault', 'not-found', 'rejected', 'replayed', 'shed', 'throttled', 'unauthorized']);
  });

  it('writes exactly one point per answered request, per outcome: nothing dropped, nothing overwritten', async () => {
    const expected = new Map<string, number>();
    for (const seen of [quota.seen, faults.seen, shedding.seen]) for (const [k, v] of seen) expected.set(k, (expected.get(k) ?? 0) + v);
    const points = await pointsByOutcome(influx.url, testId);
    for (const id of [faultTestId, shedTestId]) for (const [k, v] of await pointsByOutcome(influx.url, id)) points.set(k, (points.get(k) ?? 0) + v);
    expect(Object.fromEntries(points)).toEqual(Object.fromEntries(expected));
    expect(total(points)).toBe(answered.quota + answered.faults + answered.shed);
    expect(points.get('shed')).toBe(shedding.emulator.app.shed());
    for (const o of [quota, faults, shedding]) expect(o.exporter.stats()).toMatchObject({ dropped: 0, failedWrites: 0 });
  });

  it('tags points with bounded values only: operation, outcome, error, rule, instance, testid', async () => {
    const keys = await queryInflux(influx.url, 'k6', `SHOW TAG KEYS FROM "${emulatorMeasurements.requests}"`);
    const names = keys.series?.[0]?.values.map((v) => v[0]) ?? [];
    expect(names.sort()).toEqual([tagKeys.errorName, tagKeys.instance, tagKeys.operation, tagKeys.outcome, tagKeys.rule, tagKeys.testId].sort());
    const instances = await queryInflux(influx.url, 'k6', `SHOW TAG VALUES FROM "${emulatorMeasurements.requests}" WITH KEY = "${tagKeys.instance}"`);
    // Only configured instances: an unknown id from a request would be unbounded.
    expect(instances.series?.[0]?.values.map((v) => v[1])).toEqual([defaults.DEFAULT_INSTANCE_ID]);
    const rules = await queryInflux(influx.url, 'k6', `SHOW TAG VALUES FROM "${emulatorMeasurements.requests}" WITH KEY = "${tagKeys.rule}"`);
    expect(rules.series?.[0]?.values.map((v) => v[1])).toEqual(expect.arrayContaining(['injected-fault', 'rate-throttle', 'overloaded']));
  });

  it('samples active calls per instance against the concurrent-call quota', async () => {
    const result = await queryInflux(
      influx.url,
      'k6',
      `SELECT last("${activeCallFields.active}"), last("${activeCallFields.limit}") FROM "${emulatorMeasurements.activeCalls}" WHERE "${tagKeys.testId}" = '${testId}' GROUP BY "${tagKeys.instance}"`,
    );
    const row = result.series?.[0]?.values[0];
    expect(row?.[2]).toBe(quota.emulator.options.quotas.maxConcurrentCalls);
    expect(row?.[1]).toBe(quota.seen.get('accepted'));
  });

  it('reports its own health: points written, none dropped, no failed writes', async () => {
    const result = await queryInflux(
      influx.url,
      'k6',
      `SELECT max("${exporterFields.written}"), max("${exporterFields.dropped}"), max("${exporterFields.failedWrites}") FROM "${emulatorMeasurements.exporter}" WHERE "${tagKeys.testId}" = '${testId}'`,
    );
    const [, written, dropped, failed] = result.series?.[0]?.values[0] ?? [];
    expect(written).toBeGreaterThan(0);
    expect([dropped, failed]).toEqual([0, 0]);
  });
});
