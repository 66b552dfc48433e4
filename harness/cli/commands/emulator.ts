import { parseArgs } from 'node:util';
import { startEmulator, type RunningEmulator } from '../../emulator/server.ts';
import { exporterDefaults } from '../../emulator/metrics/influx-exporter.ts';
import { parseInfluxUrl } from '../../emulator/metrics/influx-url.ts';
import { parseLatency } from '../../emulator/latency.ts';
import { startEmulatorWithMetrics } from '../../emulator/metrics/start-exporter.ts';
import type { Credential, EmulatorOptions } from '../../emulator/options.ts';
import * as defaults from '../../emulator/defaults.ts';
import { UsageError, type Command } from '../command.ts';
import { loadProfile } from '../load-profile.ts';
import { duration, fraction, integer, nonEmpty, port, positiveInteger, positiveNumber, region } from '../parse-values.ts';

const usage = `Usage: connect-harness emulator [options]

A local StartWebRTCContact service (and DescribeContact, GetContactAttributes, StopContact) that
the AWS SDKs talk to as to the real one. Prints "emulator listening on http://HOST:PORT" when ready;
stops cleanly on SIGINT and SIGTERM.

  --host HOST                 address to listen on (default ${defaults.DEFAULT_HOST})
  --port N                    port, 0 for any free one (default ${defaults.DEFAULT_PORT})
  --region R                  the region it serves and signs for (default ${defaults.DEFAULT_REGION})
  --instance-id ID            a known instance; repeat for more (default ${defaults.DEFAULT_INSTANCE_ID})
  --contact-flow-id ID        a known flow; repeat for more (default ${defaults.DEFAULT_CONTACT_FLOW_ID})
  --credentials KEY:SECRET[:ACCOUNT]  accepted key pair; repeat for more (default test:test:${defaults.DEFAULT_ACCOUNT_ID})
  --no-auth                   accept requests without checking SigV4 signatures
  --quotas PRESET             aws-default (2 starts/s, burst 5, 10 calls per instance) or unlimited
  --rate-limit N              StartWebRTCContact requests per second per account and region
  --burst N                   token bucket burst for --rate-limit
  --max-concurrent-calls N    active calls per instance (default 10 under aws-default)
  --call-duration DURATION    how long a call stays active unless stopped (default ${defaults.DEFAULT_CALL_DURATION_MS / 1000}; 300, 300s, 5m)
  --store memory|redis://HOST:PORT   where ClientTokens are remembered (default memory); while Redis
                              is unreachable, starts with a ClientToken get a retryable 503
  --strict-tokens             reject a reused ClientToken with different parameters (not verified on AWS)
  --profile FILE              fidelity profile JSON: which error each violation gets
  --fault-rate R              fraction of requests answered InternalServiceException (0..1)
  --throttle-rate R           fraction of requests answered with an injected throttle (0..1)
  --latency SPEC              added service latency: none, fixed:MS, uniform:MIN-MAX, lognormal:P50,P99
  --seed N                    seed for injected faults and latency (default 1)
  --influx URL                write emulator-side metrics to InfluxDB 1.x, database named as k6 names it:
                              http://127.0.0.1:8086/k6 (or http://127.0.0.1:8086?db=k6)
  --test-id ID                the testid tag on those metrics, as k6 runs use --tag testid=ID (default ${exporterDefaults.testId})
`;

function credential(text: string): Credential {
  const [accessKeyId, secretAccessKey, accountId] = text.split(':');
  if (!accessKeyId || !secretAccessKey) throw new UsageError(`--credentials "${text.split(':')[0]}:…": expected KEY:SECRET[:ACCOUNT]`);
  if (accountId !== undefined && !/^\d{12}$/.test(accountId)) throw new UsageError('--credentials: ACCOUNT must be 12 digits');
  return accountId === undefined ? { accessKeyId, secretAccessKey } : { accessKeyId, secretAccessKey, accountId };
}

export async function emulatorOptionsFromArgs(args: readonly string[]): Promise<EmulatorOptions & { influx?: string; testId?: string }> {
  const { values } = parseArgs({
    args: [...args],
    options: {
      host: { type: 'string' },
      port: { type: 'string' },
      region: { type: 'string' },
      'instance-id': { type: 'string', multiple: true },
      'contact-flow-id': { type: 'string', multiple: true },
      credentials: { type: 'string', multiple: true },
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
      influx: { type: 'string' },
      'test-id': { type: 'string' },
    },
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
  const credentials = (values.credentials ?? []).map(credential);
  return {
    host: values.host,
    port: port('--port', values.port),
    region: region('--region', values.region),
    instanceIds: values['instance-id'],
    contactFlowIds: values['contact-flow-id'],
    credentials: credentials.length > 0 ? credentials : undefined,
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
    influx: values.influx,
    testId: values['test-id'],
  };
}

export const emulatorCommand: Command = {
  name: 'emulator',
  usage,
  async run(args, io) {
    const { influx, testId, ...parsed } = await emulatorOptionsFromArgs(args);
    const options = { ...parsed, log: (line: string) => io.stderr(`emulator: ${line}\n`) };
    if (testId !== undefined && influx === undefined) throw new UsageError('--test-id tags the metrics of --influx: give --influx too');
    if (testId === '') throw new UsageError('--test-id must not be empty');
    let emulator: RunningEmulator;
    let metrics = 'off';
    if (influx === undefined) emulator = await startEmulator(options);
    else {
      let target;
      try {
        target = parseInfluxUrl(influx);
      } catch (error) {
        throw new UsageError(`--influx: ${(error as Error).message}`);
      }
      ({ emulator } = await startEmulatorWithMetrics(options, { target, testId, log: (line) => io.stderr(`emulator: ${line}\n`) }));
      metrics = `InfluxDB ${target.display}, testid ${testId ?? exporterDefaults.testId}`;
    }
    io.stdout(`emulator listening on ${emulator.url}\n`);
    const o = emulator.options;
    io.stderr(
      `  region ${o.region}; instances ${[...o.instanceIds].join(', ')}; flows ${[...o.contactFlowIds].join(', ')}\n` +
        `  auth ${o.noAuth ? 'off' : `SigV4 (${o.credentials.size} key${o.credentials.size === 1 ? '' : 's'})`}; store ${emulator.app.service.store.description}; ` +
        `starts ${o.quotas.start ? `${o.quotas.start.ratePerSecond}/s (burst ${o.quotas.start.burst})` : 'unlimited'}; calls per instance ${Number.isFinite(o.quotas.maxConcurrentCalls) ? `at most ${o.quotas.maxConcurrentCalls}` : 'unlimited'}\n` +
        `  metrics ${metrics}\n`,
    );
    await new Promise<void>((resolve) => {
      const stop = (signal: string) => {
        io.stderr(`emulator: ${signal}, finishing requests in flight\n`);
        resolve();
      };
      process.once('SIGINT', () => stop('SIGINT'));
      process.once('SIGTERM', () => stop('SIGTERM'));
    });
    await emulator.close();
    io.stderr('emulator: stopped\n');
    return 0;
  },
};
