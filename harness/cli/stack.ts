// `npm run stack`: the compose stack without Docker. InfluxDB and Redis (containers or local
// binaries, as availability() finds them) and the emulator writing its metrics to that InfluxDB and
// keeping ClientTokens in that Redis, with compose's quotas, test id and database
// (stack-defaults.ts). Each service takes its usual port when it is free and another free one
// otherwise; the commands printed at the end are right for the ports in use.
import { parseArgs } from 'node:util';
import { usageErrorFromParseArgs } from './argv.ts';
import { UsageError } from './command.ts';
import { port as portValue } from './parse-values.ts';
import { versionLine } from './version.ts';
import { DEFAULT_CREDENTIALS, DEFAULT_PORT } from '../contract/defaults.ts';
import type { QuotaPreset } from '../emulator/quotas.ts';
import { isPortFree, preferredOrFreePort } from '../services/free-port.ts';
import { pingRedis } from '../services/local-redis.ts';
import type { RunningService } from '../services/running-service.ts';
import { stackDefaults } from '../services/stack-defaults.ts';
import { startEmulatorService } from '../services/start-emulator.ts';
import { startInfluxDB } from '../services/start-influxdb.ts';
import { startRedis } from '../services/start-redis.ts';

export const stackUsage = `Usage: npm run stack -- [options]

The compose stack without Docker: InfluxDB (database ${stackDefaults.database}), Redis, and the emulator
with compose's quotas (${stackDefaults.quotas}), its ClientTokens in that Redis and its metrics in that
InfluxDB. InfluxDB and Redis run as containers when a container runtime answers, else from the local
influxd and redis-server (Debian packages influxdb and redis-server). Each takes its usual port
(emulator ${stackDefaults.ports.emulator}, InfluxDB ${stackDefaults.ports.influxdb}, Redis ${stackDefaults.ports.redis}) when free, another free one otherwise; the
k6 and conformance commands printed at the end are right for the ports in use. There is no
Grafana. Ctrl-C (or SIGTERM) stops everything and removes temporary directories.

  --port N            the emulator's port; it must be free (default ${stackDefaults.ports.emulator} when free, else any)
  --quotas PRESET     unlimited (default, as compose) or aws-default (2 starts/s, burst 5, 10 calls per instance)
  --test-id ID        the testid tag on the emulator's metrics (default ${stackDefaults.testId}; give k6 the same TEST_ID)
  --help, -h          this text
  --version, -V       the version of connect-harness
`;

export interface StackOptions {
  /** Given: the emulator must get exactly this port. */
  readonly port?: number;
  readonly quotas: QuotaPreset;
  readonly testId: string;
}

/** What to do with the command line: print help or the version, or start with these options. */
export type StackRequest = { readonly kind: 'help' } | { readonly kind: 'version' } | { readonly kind: 'start'; readonly options: StackOptions };

export function stackRequestFrom(argv: readonly string[]): StackRequest {
  if (argv.includes('--help') || argv.includes('-h')) return { kind: 'help' };
  if (argv.includes('--version') || argv.includes('-V')) return { kind: 'version' };
  let values: { port?: string; quotas?: string; 'test-id'?: string };
  try {
    ({ values } = parseArgs({ args: [...argv], options: { port: { type: 'string' }, quotas: { type: 'string' }, 'test-id': { type: 'string' } } }));
  } catch (error) {
    throw usageErrorFromParseArgs(error, 'npm run stack --');
  }
  const quotas = values.quotas ?? stackDefaults.quotas;
  if (quotas !== 'unlimited' && quotas !== 'aws-default') throw new UsageError(`--quotas must be unlimited or aws-default, got "${quotas}"`);
  const testId = values['test-id'] ?? stackDefaults.testId;
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(testId)) throw new UsageError(`--test-id must be 1 to 64 characters of A-Z a-z 0-9 . _ -, got "${testId}"`);
  const port = portValue('--port', values.port);
  if (port === 0) throw new UsageError('--port must be a port from 1 to 65535 (leave it out to take any free one when the default is busy), got 0');
  return { kind: 'start', options: { ...(port === undefined ? {} : { port }), quotas, testId } };
}

/** Where each service of a running stack answers. */
export interface StackPorts {
  readonly emulator: number;
  readonly influxdb: number;
  readonly redis: number;
}

/**
 * The commands that drive a stack on these ports. k6's scenarios default to the emulator's usual
 * port, so they are told TARGET_URL only when it differs; their samples carry TEST_ID as testid,
 * so it is given when it is not the default.
 */
export function stackCommands(urls: { readonly emulator: string; readonly influxdb: string }, emulatorPort: number, testId: string): string[] {
  const env = [
    ...(emulatorPort === DEFAULT_PORT ? [] : [`-e TARGET_URL=${urls.emulator}`]),
    ...(testId === stackDefaults.testId ? [] : [`-e TEST_ID=${testId}`]),
  ];
  const influx = `${urls.influxdb}/${stackDefaults.database}`;
  return [
    ['k6 run', ...env, `--out influxdb=${influx}`, 'scenarios/load.ts'].join(' '),
    `AWS_ACCESS_KEY_ID=${DEFAULT_CREDENTIALS.accessKeyId} AWS_SECRET_ACCESS_KEY=${DEFAULT_CREDENTIALS.secretAccessKey} npx connect-harness conformance --endpoint ${urls.emulator}`,
    `curl -sG ${urls.influxdb}/query --data-urlencode db=${stackDefaults.database} --data-urlencode "q=SELECT count(*) FROM emulator_requests WHERE testid = '${testId}'"`,
  ];
}

export interface RunningStack {
  readonly ports: StackPorts;
  readonly urls: { readonly emulator: string; readonly influxdb: string; readonly redis: string };
  /** What a person reads once everything answers: where each service is, and what to type next. */
  readonly summary: string;
  /** Stops the emulator first (its last metrics still reach InfluxDB), then Redis and InfluxDB. */
  stop(): Promise<void>;
}

const portOf = (url: string) => Number(new URL(url).port);

/**
 * Watches Redis for the stack: one line, naming Redis and its address, when it stops answering,
 * and one when it answers again; nothing in between (the emulator counts what failed meanwhile).
 */
export function superviseRedis(url: string, log: (line: string) => void, intervalMs = 1_000): () => void {
  const { hostname, port } = new URL(url);
  let up = true;
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    void pingRedis(Number(port), hostname).then((answers) => {
      busy = false;
      if (answers === up) return;
      up = answers;
      log(up ? `redis: ${url} answers again\n` : `redis: ${url} stopped answering (exited or unreachable); the emulator's ClientToken store is down until it is back\n`);
    });
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

/**
 * Starts the stack. `preferred` replaces the usual ports (tests pass ports of their own); `log`
 * hears what the services say while running.
 */
export async function startStack(options: StackOptions, log: (line: string) => void, preferred: StackPorts = stackDefaults.ports): Promise<RunningStack> {
  if (options.port !== undefined && !(await isPortFree(options.port))) throw new UsageError(`--port ${options.port}: something already listens there; choose another, or leave --port out`);
  const started: RunningService[] = [];
  const stopAll = async () => {
    for (const service of started.splice(0)) await service.stop().catch(() => {});
  };
  try {
    const influx = await startInfluxDB(stackDefaults.database, { port: await preferredOrFreePort(preferred.influxdb) });
    started.push(influx);
    const redis = await startRedis({ port: await preferredOrFreePort(preferred.redis) });
    started.push(redis);
    const emulatorPort = options.port ?? (await preferredOrFreePort(preferred.emulator));
    const emulator = await startEmulatorService(
      { port: emulatorPort, store: redis.url, quotas: { preset: options.quotas } },
      { target: `${influx.url}/${stackDefaults.database}`, testId: options.testId, log: (line) => log(`emulator: ${line}\n`) },
    );
    started.unshift(emulator);
    const unwatch = superviseRedis(redis.url, log);
    const ports = { emulator: portOf(emulator.url), influxdb: portOf(influx.url), redis: portOf(redis.url) };
    const moved = (Object.keys(ports) as (keyof StackPorts)[]).filter((name) => ports[name] !== preferred[name] && !(name === 'emulator' && options.port !== undefined));
    const kind = (s: RunningService, local: string) => (s.kind === 'container' ? 'container' : s.kind === 'local' ? local : 'in this process');
    const summary = [
      `influxdb  ${influx.url} (${kind(influx, 'local influxd')}), database ${stackDefaults.database}`,
      `redis     ${redis.url} (${kind(redis, 'local redis-server')})`,
      `emulator  ${emulator.url} (in this process), quotas ${options.quotas}, ClientTokens in Redis, metrics tagged testid=${options.testId}`,
      ...moved.map((name) => `          ${name}: port ${preferred[name]} was busy, so it is on ${ports[name]}; the commands below use that`),
      '',
      'Drive it:',
      ...stackCommands({ emulator: emulator.url, influxdb: influx.url }, ports.emulator, options.testId).map((c) => `  ${c}`),
      '',
      'Ctrl-C stops everything.',
      '',
    ].join('\n');
    return {
      ports,
      urls: { emulator: emulator.url, influxdb: influx.url, redis: redis.url },
      summary,
      stop: async () => {
        unwatch();
        await stopAll();
      },
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

export interface StackIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

/**
 * The whole program: parse, start, print, wait for `stopped`, stop. Resolves to the exit status:
 * 0, or 2 for a usage error or a service that could not start (one line, never a stack trace).
 */
export async function runStack(argv: readonly string[], io: StackIo, stopped: Promise<unknown>, preferred?: StackPorts): Promise<number> {
  let request: StackRequest;
  try {
    request = stackRequestFrom(argv);
  } catch (error) {
    io.stderr(`npm run stack: ${(error as Error).message.split('\n')[0]}\n`);
    return 2;
  }
  if (request.kind === 'help') {
    io.stdout(stackUsage);
    return 0;
  }
  if (request.kind === 'version') {
    io.stdout(versionLine());
    return 0;
  }
  let stack: RunningStack;
  try {
    stack = await startStack(request.options, io.stderr, preferred);
  } catch (error) {
    io.stderr(`npm run stack: ${(error as Error).message.split('\n')[0]}\n`);
    return 2;
  }
  io.stdout(stack.summary);
  await stopped;
  io.stderr('stack: stopping the emulator, then Redis and InfluxDB\n');
  await stack.stop();
  io.stderr('stack: stopped\n');
  return 0;
}
