import { parseArgs } from 'node:util';
import { startEmulator, type RunningEmulator } from '../../emulator/server.ts';
import { activeCallsOf } from '../../emulator/metrics/active-calls.ts';
import { exporterDefaults } from '../../emulator/metrics/influx-exporter.ts';
import { parseInfluxUrl, type InfluxTarget } from '../../emulator/metrics/influx-url.ts';
import { parseLatency } from '../../emulator/latency.ts';
import { startEmulatorWithMetrics } from '../../emulator/metrics/start-exporter.ts';
import type { EmulatorOptions, ResolvedOptions } from '../../emulator/options.ts';
import * as defaults from '../../contract/defaults.ts';
import { UsageError, type Command, type CommandIo } from '../command.ts';
import { firstStop, isEmulatorWorker, leaveCluster, reportListening, runPrimary, workerName } from '../emulator-workers.ts';
import { CREDENTIALS_VARIABLE, emulatorCredentials } from '../emulator-credentials.ts';
import { loadProfile } from '../load-profile.ts';
import { duration, fraction, integer, nonEmpty, port, positiveInteger, positiveNumber, region, wholeNumber } from '../parse-values.ts';

export const usage = `Usage: connect-harness emulator [options]

A local StartWebRTCContact service (and DescribeContact, GetContactAttributes, StopContact) that
the AWS SDKs talk to as to the real one. Prints "emulator listening on http://HOST:PORT" when ready.
On SIGINT or SIGTERM it stops accepting connections, answers every request already received
(refusing new ones on open connections with a retryable 503), then exits 0; a second signal stops
it at once.

  --host HOST                 address to listen on (default ${defaults.DEFAULT_HOST})
  --port N                    port, 0 for any free one (default ${defaults.DEFAULT_PORT})
  --region R                  the region it serves and signs for (default ${defaults.DEFAULT_REGION})
  --instance-id ID            a known instance; repeat for more (default ${defaults.DEFAULT_INSTANCE_ID})
  --contact-flow-id ID        a known flow; repeat for more (default ${defaults.DEFAULT_CONTACT_FLOW_ID})
  --credentials KEY:SECRET[:ACCOUNT]  accepted key pair; repeat for more. Any local user can read it
                              with ps: for throwaway local keys; real ones go in a file or the environment
  --credentials-file PATH     accepted key pairs, one KEY:SECRET[:ACCOUNT] a line (# starts a comment)
  ${CREDENTIALS_VARIABLE}        (environment) accepted key pairs, KEY:SECRET[:ACCOUNT] separated by commas
                              or spaces. The three sources add up; with none, test:test:${defaults.DEFAULT_ACCOUNT_ID}
  --no-auth                   accept requests without checking SigV4 signatures
  --quotas PRESET             aws-default (2 starts/s, burst 5, 10 calls per instance) or unlimited
  --rate-limit N              StartWebRTCContact requests per second per account and region
  --burst N                   token bucket burst for --rate-limit
  --max-concurrent-calls N    active calls per instance (default 10 under aws-default)
  --call-duration DURATION    how long a call stays active unless stopped (default ${defaults.DEFAULT_CALL_DURATION_MS / 1000}; 300, 300s, 5m)
  --store memory|redis://HOST:PORT   where ClientTokens, contacts, active calls and rate quotas live
                              (default memory); processes on one Redis act as one service; while
                              Redis is unreachable, starts and contact operations get a retryable 503
  --strict-tokens             reject a reused ClientToken with different parameters (not verified on AWS)
  --profile FILE              fidelity profile JSON: which error each violation gets
  --fault-rate R              fraction of requests answered InternalServiceException (0..1)
  --throttle-rate R           fraction of requests answered with an injected throttle (0..1)
  --latency SPEC              added service latency: none, fixed:MS, uniform:MIN-MAX, lognormal:P50,P99
  --seed N                    seed for injected faults and latency (default 1)
  --max-per-turn N            shed new requests at once (503 ServiceUnavailableException, Retry-After)
                              once N have been admitted in one event-loop turn, so admitted requests
                              keep their latency; 0 for no bound (default ${defaults.DEFAULT_MAX_PER_TURN})
  --max-in-flight N           shed new requests at once (503 ServiceUnavailableException, Retry-After)
                              while more than N are in progress; 0 for no bound (default ${defaults.DEFAULT_MAX_IN_FLIGHT})
  --max-event-loop-delay-ms N shed new requests while the event loop runs more than N ms late; 0 for
                              no bound (default ${defaults.DEFAULT_MAX_EVENT_LOOP_DELAY_MS})
  --influx URL                write emulator-side metrics to InfluxDB 1.x, database named as k6 names it:
                              http://127.0.0.1:8086/k6 (or http://127.0.0.1:8086?db=k6)
  --test-id ID                the testid tag on those metrics, as k6 runs use --tag testid=ID (default ${exporterDefaults.testId})
  --workers N                 N processes answering on one port, connections handed to them in turn
                              (default 1); more than 1 needs --store redis://..., which they share.
                              A worker that dies stops the others; the command then exits 2
`;

/**
 * Every flag the emulator command takes: the one list the parser reads. Its help (`usage` above),
 * docs/emulator.md, compose and the Kubernetes manifests are held to it by tests
 * (test/cli/emulator-flags.test.ts, test/deploy/); defaults live in harness/contract/defaults.ts.
 */
export const emulatorFlags = {
  host: { type: 'string' },
  port: { type: 'string' },
  region: { type: 'string' },
  'instance-id': { type: 'string', multiple: true },
  'contact-flow-id': { type: 'string', multiple: true },
  credentials: { type: 'string', multiple: true },
  'credentials-file': { type: 'string' },
  'no-auth': { type: 'boolean' },
  quotas: { type: 'string' },
  'rate-limit': { type: 'string' },
  burst: { type: 'string' },
  'max-concurrent-calls': { type: 'string' },
  'call-duration': { type: 'string' },
  store: { type: 'string' },
  'strict-tokens': { type: 'boolean' },
  profile: { type: 'string' },
  'fault-rate': { type: 'string' },
  'throttle-rate': { type: 'string' },
  latency: { type: 'string' },
  seed: { type: 'string' },
  'max-per-turn': { type: 'string' },
  'max-in-flight': { type: 'string' },
  'max-event-loop-delay-ms': { type: 'string' },
  influx: { type: 'string' },
  'test-id': { type: 'string' },
  workers: { type: 'string' },
} as const satisfies Record<string, { type: 'string' | 'boolean'; multiple?: boolean }>;

/**
 * The options the flags (and EMULATOR_CREDENTIALS in `env`) give; `credentialsFrom` says where keys
 * came from; `workers` is how many processes share the port (1 unless `--workers`).
 */
export async function emulatorOptionsFromArgs(
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<EmulatorOptions & { influx?: string; testId?: string; credentialsFrom: readonly string[]; workers: number }> {
  const { values } = parseArgs({
    args: [...args],
    options: emulatorFlags,
  });
  const preset = values.quotas;
  if (preset !== undefined && preset !== 'aws-default' && preset !== 'unlimited') throw new UsageError(`--quotas must be aws-default or unlimited, got "${preset}"`);
  if (values.store !== undefined && values.store !== 'memory' && !/^rediss?:\/\/[^/\s]+/.test(values.store)) throw new UsageError(`--store must be memory or a redis://HOST:PORT URL, got "${values.store}"`);
  nonEmpty('--host', values.host);
  for (const id of values['instance-id'] ?? []) nonEmpty('--instance-id', id);
  for (const id of values['contact-flow-id'] ?? []) nonEmpty('--contact-flow-id', id);
  if (values.latency !== undefined) {
    try {
      parseLatency(values.latency, Math.random);
    } catch {
      throw new UsageError(`--latency must be none, fixed:MS, uniform:MIN-MAX or lognormal:P50,P99 (milliseconds, MIN <= MAX), got "${values.latency}"`);
    }
  }
  const workers = positiveInteger('--workers', values.workers) ?? 1;
  // Each worker is a whole emulator: with the memory store each would remember its own ClientTokens,
  // and a retry handed to another worker would start a second contact.
  if (workers > 1 && (values.store ?? 'memory') === 'memory') throw new UsageError(`--workers ${workers} needs --store redis://HOST:PORT: with the memory store each worker would keep its own ClientTokens, contacts and quotas, shared with no other`);
  const { credentials, from } = await emulatorCredentials({ flags: values.credentials ?? [], file: values['credentials-file'], env });
  return {
    host: values.host,
    port: port('--port', values.port),
    region: region('--region', values.region),
    instanceIds: values['instance-id'],
    contactFlowIds: values['contact-flow-id'],
    credentials,
    credentialsFrom: from,
    noAuth: values['no-auth'],
    quotas: {
      preset,
      rateLimit: positiveNumber('--rate-limit', values['rate-limit']),
      burst: positiveInteger('--burst', values.burst),
      maxConcurrentCalls: positiveInteger('--max-concurrent-calls', values['max-concurrent-calls']),
    },
    callDurationMs: duration('--call-duration', values['call-duration']),
    store: values.store,
    strictTokens: values['strict-tokens'],
    profile: await loadProfile(values.profile),
    faults: {
      faultRate: fraction('--fault-rate', values['fault-rate']),
      throttleRate: fraction('--throttle-rate', values['throttle-rate']),
      latency: values.latency,
      seed: integer('--seed', values.seed),
    },
    admission: {
      maxPerTurn: wholeNumber('--max-per-turn', values['max-per-turn']),
      maxInFlight: wholeNumber('--max-in-flight', values['max-in-flight']),
      maxEventLoopDelayMs: wholeNumber('--max-event-loop-delay-ms', values['max-event-loop-delay-ms']),
    },
    influx: values.influx,
    testId: values['test-id'],
    workers,
  };
}

/**
 * Admission bounds are on by default on the command line and not in the embedded API: this process
 * is the emulator's alone, its load comes from outside, and a late loop is its own overload.
 */
export function withCommandLineDefaults(options: EmulatorOptions): EmulatorOptions {
  return {
    ...options,
    admission: {
      maxPerTurn: options.admission?.maxPerTurn ?? defaults.DEFAULT_MAX_PER_TURN,
      maxInFlight: options.admission?.maxInFlight ?? defaults.DEFAULT_MAX_IN_FLIGHT,
      maxEventLoopDelayMs: options.admission?.maxEventLoopDelayMs ?? defaults.DEFAULT_MAX_EVENT_LOOP_DELAY_MS,
    },
  };
}

function admissionText(bounds: ResolvedOptions['admission']): string {
  const parts = [
    bounds.maxPerTurn > 0 ? `more than ${bounds.maxPerTurn} requests admitted in one event-loop turn` : '',
    bounds.maxInFlight > 0 ? `more than ${bounds.maxInFlight} requests in progress` : '',
    bounds.maxEventLoopDelayMs > 0 ? `the event loop more than ${bounds.maxEventLoopDelayMs} ms late` : '',
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(' or ') : 'never (no admission bound)';
}

/** `--influx`, checked before anything starts (with --workers, before any worker is forked). */
function influxTarget(influx: string | undefined): InfluxTarget | undefined {
  if (influx === undefined) return undefined;
  try {
    return parseInfluxUrl(influx);
  } catch (error) {
    throw new UsageError(`--influx: ${(error as Error).message}`);
  }
}

/** Starts the emulator the options describe, with its metrics exporter when `--influx` is given. */
async function serve(options: EmulatorOptions, target: InfluxTarget | undefined, testId: string | undefined, io: CommandIo): Promise<{ emulator: RunningEmulator; metrics: string }> {
  if (target === undefined) return { emulator: await startEmulator(options), metrics: 'off' };
  const { emulator } = await startEmulatorWithMetrics(options, { target, testId, log: options.log ?? ((line) => io.stderr(`emulator: ${line}\n`)) });
  return { emulator, metrics: `InfluxDB ${target.display}, testid ${testId ?? exporterDefaults.testId}` };
}

/** The lines after "emulator listening on": what it serves, how it checks, when it sheds, where metrics go. */
function summaryOf(emulator: RunningEmulator, credentialsFrom: readonly string[], metrics: string): string {
  const o = emulator.options;
  return (
    `  region ${o.region}; instances ${[...o.instanceIds].join(', ')}; flows ${[...o.contactFlowIds].join(', ')}\n` +
    `  auth ${o.noAuth ? 'off' : `SigV4 (${o.credentials.size} key${o.credentials.size === 1 ? '' : 's'} from ${credentialsFrom.length > 0 ? credentialsFrom.join(', ') : 'the default'})`}; store ${emulator.app.service.store.description}; ` +
    `starts ${o.quotas.start ? `${o.quotas.start.ratePerSecond}/s (burst ${o.quotas.start.burst})` : 'unlimited'}; calls per instance ${Number.isFinite(o.quotas.maxConcurrentCalls) ? `at most ${o.quotas.maxConcurrentCalls}` : 'unlimited'}\n` +
    `  shed when ${admissionText(o.admission)}\n` +
    `  metrics ${metrics}\n`
  );
}

/** Calls active at the end: a test that counts the starts it was answered can compare. */
function activeCalls(emulator: RunningEmulator): string {
  let active = 0;
  for (const [, calls] of activeCallsOf(emulator)().perInstance) active += calls;
  return `${active} calls active`;
}

/** After the first stop: a second signal stops at once; otherwise every request received is answered. */
async function drainUnlessSignalledAgain(emulator: RunningEmulator, io: CommandIo, announce: boolean): Promise<void> {
  const now = (again: NodeJS.Signals) => {
    if (announce) io.stderr(`emulator: ${again} again: stopping without waiting\n`);
    process.exit(again === 'SIGINT' ? 130 : 143);
  };
  process.on('SIGINT', now);
  process.on('SIGTERM', now);
  try {
    await emulator.close();
  } finally {
    process.off('SIGINT', now);
    process.off('SIGTERM', now);
  }
}

/** One of the processes of `--workers N` (emulator-workers.ts): serves, reports to the primary, drains on its word. */
async function runWorker(options: EmulatorOptions, influx: InfluxTarget | undefined, testId: string | undefined, credentialsFrom: readonly string[], io: CommandIo): Promise<number> {
  const stop = firstStop();
  const name = workerName();
  try {
    const log = (line: string) => io.stderr(`emulator: ${name}: ${line}\n`);
    const { emulator, metrics } = await serve({ ...options, log, worker: String(process.pid) }, influx, testId, io);
    reportListening(emulator.url, summaryOf(emulator, credentialsFrom, metrics));
    await stop;
    await drainUnlessSignalledAgain(emulator, io, false);
    io.stderr(`emulator: ${name}: stopped (${activeCalls(emulator)})\n`);
    return 0;
  } finally {
    leaveCluster();
  }
}

export const emulatorCommand: Command = {
  name: 'emulator',
  usage,
  async run(args, io) {
    const { influx, testId, credentialsFrom, workers, ...given } = await emulatorOptionsFromArgs(args);
    const options = { ...withCommandLineDefaults(given), log: (line: string) => io.stderr(`emulator: ${line}\n`) };
    if (testId !== undefined && influx === undefined) throw new UsageError('--test-id tags the metrics of --influx: give --influx too');
    if (testId === '') throw new UsageError('--test-id must not be empty');
    const target = influxTarget(influx);
    if (isEmulatorWorker()) return runWorker(options, target, testId, credentialsFrom, io);
    if (workers > 1) return runPrimary(workers, io);
    const { emulator, metrics } = await serve(options, target, testId, io);
    io.stdout(`emulator listening on ${emulator.url}\n`);
    io.stderr(summaryOf(emulator, credentialsFrom, metrics));
    const signal = await new Promise<NodeJS.Signals>((resolve) => {
      const first = (received: NodeJS.Signals) => {
        process.off('SIGINT', first);
        process.off('SIGTERM', first);
        resolve(received);
      };
      process.on('SIGINT', first);
      process.on('SIGTERM', first);
    });
    io.stderr(`emulator: ${signal}: answering the requests received, refusing new ones with 503 (${signal} again to stop at once)\n`);
    await drainUnlessSignalledAgain(emulator, io, true);
    io.stderr(`emulator: stopped (${activeCalls(emulator)})\n`);
    return 0;
  },
};
