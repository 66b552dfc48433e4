// Emulators with the exporter on, driven through the real AWS SDK with a mix that reaches every
// outcome the dashboards show: accepted, replayed, rejected (validation), not-found, unauthorized,
// throttled (aws-default quotas), injected faults and requests shed by admission control. A tee observer counts what the emulator saw,
// so tests can compare InfluxDB with the truth point for point.
import { ConnectClient, DescribeContactCommand, StartWebRTCContactCommand, type StartWebRTCContactCommandInput } from '@aws-sdk/client-connect';
import { randomUUID } from 'node:crypto';
import { activeCallsOf } from '../../harness/emulator/metrics/active-calls.ts';
import { InfluxExporter, type InfluxExporterOptions } from '../../harness/emulator/metrics/influx-exporter.ts';
import { UniqueTimestamps } from '../../harness/emulator/metrics/unique-timestamps.ts';
import * as defaults from '../../harness/contract/defaults.ts';
import type { RequestEvent } from '../../harness/emulator/observer.ts';
import type { EmulatorOptions } from '../../harness/emulator/options.ts';
import { startEmulator, type RunningEmulator } from '../../harness/emulator/server.ts';
import { until } from '../support/hang-guard.ts';
import { RawConnection } from '../support/raw-http.ts';
import { signRequest } from '../support/sign-raw.ts';

export interface ObservedEmulator {
  readonly emulator: RunningEmulator;
  readonly exporter: InfluxExporter;
  /** Every request the emulator answered, by outcome, as it told its observer. */
  readonly seen: Map<string, number>;
  /** Every event, for finer comparisons. */
  readonly events: RequestEvent[];
}

/** `slot` fixes the sub-millisecond timestamp part, so two emulators in one test never share timestamps. */
export async function startObservedEmulator(metrics: InfluxExporterOptions & { slot: number }, options: EmulatorOptions = {}): Promise<ObservedEmulator> {
  const exporter = new InfluxExporter({ flushIntervalMs: 200, ...metrics, timestamps: new UniqueTimestamps({ slot: metrics.slot }) });
  const seen = new Map<string, number>();
  const events: RequestEvent[] = [];
  const emulator = await startEmulator({
    port: 0,
    ...options,
    observer: {
      request(event) {
        seen.set(event.outcome, (seen.get(event.outcome) ?? 0) + 1);
        events.push(event);
        exporter.request(event);
      },
      close: () => exporter.close(),
    },
  });
  exporter.watchActiveCalls(activeCallsOf(emulator));
  return { emulator, exporter, seen, events };
}

export function sdkClient(url: string, secret: string = defaults.DEFAULT_CREDENTIALS.secretAccessKey): ConnectClient {
  return new ConnectClient({
    endpoint: url,
    region: defaults.DEFAULT_REGION,
    credentials: { accessKeyId: defaults.DEFAULT_CREDENTIALS.accessKeyId, secretAccessKey: secret },
    maxAttempts: 1,
  });
}

export function startInput(overrides: Partial<StartWebRTCContactCommandInput> = {}): StartWebRTCContactCommandInput {
  return {
    InstanceId: defaults.DEFAULT_INSTANCE_ID,
    ContactFlowId: defaults.DEFAULT_CONTACT_FLOW_ID,
    ParticipantDetails: { DisplayName: 'Metrics Test' },
    ClientToken: randomUUID(),
    ...overrides,
  };
}

/** Sends and reports only whether an answer came back (any status): errors are expected here. */
async function answered(promise: Promise<unknown>): Promise<boolean> {
  try {
    await promise;
    return true;
  } catch (error) {
    return (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode !== undefined;
  }
}

/**
 * Against an emulator with aws-default quotas: an accepted start and its replay, a validation
 * rejection, an unknown contact, a bad signature, then a concurrent burst that the rate quota
 * throttles (many answers in the same millisecond with the same tags: the overwrite hazard).
 * Returns how many requests got an answer, which is all of them.
 */
export async function driveQuotaTraffic(url: string, burst = 40): Promise<{ sent: number; answered: number }> {
  const client = sdkClient(url);
  const wrongKey = sdkClient(url, 'not-the-secret');
  const token = randomUUID();
  const calls: (() => Promise<unknown>)[] = [
    () => client.send(new StartWebRTCContactCommand(startInput({ ClientToken: token }))),
    () => client.send(new StartWebRTCContactCommand(startInput({ ClientToken: token }))),
    () => client.send(new StartWebRTCContactCommand(startInput({ ParticipantDetails: { DisplayName: '' } }))),
    () => client.send(new DescribeContactCommand({ InstanceId: defaults.DEFAULT_INSTANCE_ID, ContactId: randomUUID() })),
    () => wrongKey.send(new StartWebRTCContactCommand(startInput())),
  ];
  let ok = 0;
  for (const call of calls) if (await answered(call())) ok++;
  const results = await Promise.all(Array.from({ length: burst }, () => answered(client.send(new StartWebRTCContactCommand(startInput())))));
  ok += results.filter(Boolean).length;
  client.destroy();
  wrongKey.destroy();
  return { sent: calls.length + burst, answered: ok };
}

/** Concurrent starts against an emulator with injected faults and no quotas. */
export async function driveFaultTraffic(url: string, count = 40): Promise<{ sent: number; answered: number }> {
  const client = sdkClient(url);
  const results = await Promise.all(Array.from({ length: count }, () => answered(client.send(new StartWebRTCContactCommand(startInput())))));
  client.destroy();
  return { sent: count, answered: results.filter(Boolean).length };
}

/**
 * Against an emulator with `admission: { maxInFlight: 1 }`: a signed start whose body has not all
 * arrived holds the one place, so `count` SDK starts are shed (503) at once, whatever the machine's
 * speed; then the held start completes. Returns how many got an answer (all) and how many were shed.
 */
export async function driveShedTraffic(emulator: RunningEmulator, count = 5): Promise<{ sent: number; answered: number; shed: number }> {
  const body = JSON.stringify(startInput());
  const held = (await signRequest({ port: emulator.port, method: 'PUT', path: '/contact/webrtc', body })).bytes();
  const connection = await RawConnection.open(emulator.port);
  const client = sdkClient(emulator.url);
  try {
    connection.write(held.subarray(0, held.length - 1));
    await until('the held start to be in progress', () => emulator.app.inFlight() === 1);
    const statuses = await Promise.all(
      Array.from({ length: count }, () =>
        client.send(new StartWebRTCContactCommand(startInput())).then(
          () => 200,
          (error: { $metadata?: { httpStatusCode?: number } }) => error.$metadata?.httpStatusCode,
        ),
      ),
    );
    connection.write(held.subarray(held.length - 1));
    const last = await connection.read();
    const answered = statuses.filter((s) => s !== undefined).length + (last.kind === 'response' ? 1 : 0);
    return { sent: count + 1, answered, shed: statuses.filter((s) => s === 503).length };
  } finally {
    connection.close();
    client.destroy();
  }
}
