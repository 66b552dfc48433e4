// `npm run stack` is the compose stack without Docker: the same quotas, test id, database and
// ports as docker-compose.yml (read here, so the two cannot drift), its own --help and --version,
// usage errors in one line, and printed commands that are right for the ports it got.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { LimitExceededException, StartWebRTCContactCommand } from '@aws-sdk/client-connect';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { UsageError } from '../../harness/cli/command.ts';
import { availability } from '../../harness/services/availability.ts';
import { isPortFree } from '../../harness/services/free-port.ts';
import { queryInflux } from '../../harness/services/influx-http.ts';
import { startLocalRedis } from '../../harness/services/local-redis.ts';
import { runStack, stackCommands, stackRequestFrom, superviseRedis } from '../../harness/cli/stack.ts';
import { stackDefaults } from '../../harness/services/stack-defaults.ts';
import { sdkClient, startInput } from '../metrics/emulator-traffic.ts';
import { runInShim } from '../scenarios/run-in-shim.ts';
import { closedPort } from '../support/closed-port.ts';
import { settlesWithin, until } from '../support/hang-guard.ts';
import { describeWithService } from '../support/service-guard.ts';

const repo = join(import.meta.dirname, '..', '..');
const { version } = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { version: string };

interface Compose {
  services: Record<string, { command?: string[]; ports?: string[]; environment?: Record<string, string> }>;
}
const compose = parse(readFileSync(join(repo, 'docker-compose.yml'), 'utf8')) as Compose;
const emulatorFlag = (name: string) => compose.services.emulator!.command!.find((a) => a.startsWith(`--${name}=`))!.slice(name.length + 3);
/** `${NAME:-default}` → default. */
const composeDefault = (value: string) => /^\$\{\w+:-([^}]*)\}$/.exec(value)?.[1] ?? value;

describe('the stack and docker-compose.yml agree', () => {
  it('quotas: the same default, so the k6 lines both print are not throttled on one of them', () => {
    expect(composeDefault(emulatorFlag('quotas'))).toBe(stackDefaults.quotas);
  });

  it('test id, database and ports', () => {
    expect(composeDefault(emulatorFlag('test-id'))).toBe(stackDefaults.testId);
    expect(Number(emulatorFlag('port'))).toBe(stackDefaults.ports.emulator);
    expect(compose.services.emulator!.ports).toContain(`127.0.0.1:${stackDefaults.ports.emulator}:${stackDefaults.ports.emulator}`);
    const influx = new URL(emulatorFlag('influx'));
    expect(Number(influx.port)).toBe(stackDefaults.ports.influxdb);
    expect(influx.pathname).toBe(`/${stackDefaults.database}`);
    expect(compose.services.influxdb!.environment!.INFLUXDB_DB).toBe(stackDefaults.database);
    expect(compose.services.influxdb!.ports).toContain(`127.0.0.1:${stackDefaults.ports.influxdb}:${stackDefaults.ports.influxdb}`);
    expect(Number(new URL(emulatorFlag('store')).port)).toBe(stackDefaults.ports.redis);
  });
});

describe('docs/compose.md: one table, true for both', () => {
  const page = readFileSync(join(repo, 'docs', 'compose.md'), 'utf8');
  const header = '| | `docker compose up -d` | `npm run stack` |';
  const rows = new Map(
    page
      .slice(page.indexOf(header))
      .split('\n')
      .slice(2)
      .filter((line, i, all) => line.startsWith('|') && all.slice(0, i).every((l) => l.startsWith('|')))
      .map((line) => {
        const [name, composeCell, stackCell] = line.split('|').slice(1, 4).map((c) => c.trim());
        return [name!, { compose: composeCell!, stack: stackCell! }] as const;
      }),
  );

  it('is there, once, and mentions --quotas', () => {
    expect(page.split(header).length).toBe(2);
    expect([...rows.keys()]).toEqual(['emulator', 'quotas', 'test id', 'InfluxDB', 'Redis', 'ClientToken store', 'Grafana', 'k6', 'how to stop', 'data kept']);
    expect(rows.get('quotas')!.stack).toContain('--quotas aws-default');
  });

  it('each side states what its code does', () => {
    const { ports, quotas, testId, database } = stackDefaults;
    const both = (row: string, text: string) => {
      expect(rows.get(row)!.compose, `${row}, compose`).toContain(text);
      expect(rows.get(row)!.stack, `${row}, npm run stack`).toContain(text);
    };
    both('emulator', `http://127.0.0.1:${ports.emulator}`);
    both('quotas', `\`${quotas}\``);
    both('quotas', 'aws-default');
    expect(rows.get('quotas')!.compose).toContain('EMULATOR_QUOTAS');
    both('test id', `\`${testId}\``);
    both('InfluxDB', `http://127.0.0.1:${ports.influxdb}`);
    both('InfluxDB', `database \`${database}\``);
    expect(rows.get('Redis')!.compose).toContain(`redis:${ports.redis}`);
    expect(rows.get('Redis')!.stack).toContain(`redis://127.0.0.1:${ports.redis}`);
    both('ClientToken store', 'Redis');
    expect(rows.get('how to stop')!.compose).toContain('docker compose down');
    expect(rows.get('how to stop')!.stack).toContain('Ctrl-C');
    expect(rows.get('k6')!.stack).toContain('-e TARGET_URL=');
  });
});

describe('command line', () => {
  it('--help and --version, before anything starts', () => {
    expect(stackRequestFrom(['--help'])).toEqual({ kind: 'help' });
    expect(stackRequestFrom(['--quotas', 'x', '-h'])).toEqual({ kind: 'help' });
    expect(stackRequestFrom(['--version'])).toEqual({ kind: 'version' });
    expect(stackRequestFrom([])).toEqual({ kind: 'start', options: { quotas: stackDefaults.quotas, testId: stackDefaults.testId } });
    expect(stackRequestFrom(['--port', '5000', '--quotas', 'aws-default', '--test-id', 'mine'])).toEqual({ kind: 'start', options: { port: 5000, quotas: 'aws-default', testId: 'mine' } });
  });

  it.each([
    [['--frob'], 'unknown option --frob; run npm run stack -- --help for its options'],
    [['--quotas', 'lots'], '--quotas must be unlimited or aws-default, got "lots"'],
    [['--port', 'x'], '--port must be a port from 0 (any free one) to 65535, got x'],
    [['--port', '0'], '--port must be a port from 1 to 65535'],
    [['--test-id', 'a b'], '--test-id must be 1 to 64 characters'],
    [['stray'], 'unexpected argument "stray": npm run stack takes options only'],
  ])('%j: a usage error, one line', (argv, message) => {
    expect(() => stackRequestFrom(argv)).toThrow(UsageError);
    expect(() => stackRequestFrom(argv)).toThrow(message);
  });

  it('through npm: --help exits 0 with the usage, a wrong option exits 2 in one line, never a stack trace', async () => {
    const npm = (args: string[]) =>
      promisify(execFile)('npm', ['run', '--silent', 'stack', '--', ...args], { cwd: repo }).then(
        ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
        (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
      );
    const help = await settlesWithin('npm run stack -- --help', npm(['--help']));
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: npm run stack -- \[options\]/);
    expect(help.stdout).toContain('--quotas PRESET');
    const wrong = await settlesWithin('npm run stack -- --frob', npm(['--frob']));
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toBe('npm run stack: unknown option --frob; run npm run stack -- --help for its options\n');
    expect(wrong.stdout + wrong.stderr).not.toMatch(/\n\s+at |ERR_PARSE_ARGS/);
    const versioned = await settlesWithin('npm run stack -- --version', npm(['--version']));
    expect(versioned).toEqual({ code: 0, stdout: `connect-harness ${version}\n`, stderr: '' });
  }, 60_000);
});

describe('the commands it prints', () => {
  const urls = (port: number, influx = 8086) => ({ emulator: `http://127.0.0.1:${port}`, influxdb: `http://127.0.0.1:${influx}` });

  it('on the usual ports: the k6 line needs no TARGET_URL and writes to :8086', () => {
    const [k6, conformance] = stackCommands(urls(4599), 4599, 'local');
    expect(k6).toBe('k6 run --out influxdb=http://127.0.0.1:8086/k6 scenarios/load.ts');
    expect(conformance).toBe('AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test npx connect-harness conformance --endpoint http://127.0.0.1:4599');
  });

  it('on other ports: TARGET_URL and the InfluxDB URL follow them; another test id is passed to k6', () => {
    const [k6, conformance] = stackCommands(urls(4600, 41234), 4600, 'mine');
    expect(k6).toBe('k6 run -e TARGET_URL=http://127.0.0.1:4600 -e TEST_ID=mine --out influxdb=http://127.0.0.1:41234/k6 scenarios/load.ts');
    expect(conformance).toContain('--endpoint http://127.0.0.1:4600');
  });
});

const [influxAny, redisAny, localRedis] = await Promise.all([availability('influxdb'), availability('redis'), availability('redis', { localOnly: true })]);

describeWithService(influxAny, 'npm run stack, running', () => {
  it.skipIf(redisAny.skip !== undefined || redisAny.mustFail)(
    'takes the preferred ports where free, another where busy, runs unlimited, and its printed k6 line works',
    async () => {
      // The emulator's preferred port is busy; InfluxDB's and Redis's are free.
      const busy: Server = createServer();
      await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
      const busyPort = (busy.address() as { port: number }).port;
      const preferred = { emulator: busyPort, influxdb: await closedPort(), redis: await closedPort() };
      let stop!: () => void;
      const stopped = new Promise<void>((resolve) => (stop = resolve));
      let out = '';
      let err = '';
      const running = runStack([], { stdout: (t) => void (out += t), stderr: (t) => void (err += t) }, stopped, preferred);
      try {
        await until('the stack to print its commands', () => out.includes('Ctrl-C stops everything.') || err.includes('npm run stack:'), 60_000);
        expect(err).not.toContain('npm run stack:');
        const emulatorUrl = /^emulator {2}(http:\/\/127\.0\.0\.1:(\d+))/m.exec(out)!;
        expect(Number(emulatorUrl[2])).not.toBe(busyPort);
        expect(out).toContain(`emulator: port ${busyPort} was busy, so it is on ${emulatorUrl[2]}; the commands below use that`);
        expect(out).toMatch(new RegExp(`^influxdb  http://127\\.0\\.0\\.1:${preferred.influxdb} `, 'm'));
        expect(out).toMatch(new RegExp(`^redis {5}redis://127\\.0\\.0\\.1:${preferred.redis} `, 'm'));
        expect(out).toContain('quotas unlimited');

        // Unlimited, as compose: a burst well past aws-default's 5 is not throttled.
        const client = sdkClient(emulatorUrl[1]!);
        const answers = await Promise.allSettled(Array.from({ length: 12 }, () => client.send(new StartWebRTCContactCommand(startInput()))));
        client.destroy();
        expect(answers.filter((a) => a.status === 'rejected' && a.reason instanceof LimitExceededException)).toEqual([]);
        expect(answers.every((a) => a.status === 'fulfilled')).toBe(true);

        // The printed k6 line, as k6 would read it: its TARGET_URL reaches this emulator.
        const k6Line = out.split('\n').find((l) => l.trim().startsWith('k6 run'))!.trim();
        expect(k6Line).toContain(`-e TARGET_URL=${emulatorUrl[1]}`);
        expect(k6Line).toContain(`--out influxdb=http://127.0.0.1:${preferred.influxdb}/k6`);
        const targetUrl = /-e TARGET_URL=(\S+)/.exec(k6Line)![1]!;
        const shim = await runInShim('load', { env: { TARGET_URL: targetUrl }, iterations: { load: 3 } });
        expect(shim.iterationErrors).toEqual([]);

        // And the emulator's own metrics reach the stack's InfluxDB, tagged as printed.
        await until('the emulator metrics in InfluxDB', async () => {
          const result = await queryInflux(`http://127.0.0.1:${preferred.influxdb}`, 'k6', `SELECT count("count") FROM "emulator_requests" WHERE "testid" = 'local'`).catch(() => undefined);
          return Number(result?.series?.[0]?.values[0]?.[1] ?? 0) >= 12;
        }, 30_000);
      } finally {
        stop();
        expect(await settlesWithin('the stack to stop', running, 60_000)).toBe(0);
        busy.close();
      }
      expect(err).toContain('stack: stopped');
      for (const port of [preferred.influxdb, preferred.redis, Number(/127\.0\.0\.1:(\d+)/.exec(out.split('\n').find((l) => l.startsWith('emulator'))!)![1])]) {
        expect(await isPortFree(port), `port ${port} after stop`).toBe(true);
      }
    },
    180_000,
  );
});

describeWithService(localRedis, 'the stack\'s watch on Redis', () => {
  it('says once, naming Redis and its address, that it stopped answering, and once that it is back', async () => {
    const port = await closedPort();
    const lines: string[] = [];
    let redis = await startLocalRedis({ port });
    const url = `redis://127.0.0.1:${port}`;
    const unwatch = superviseRedis(url, (line) => lines.push(line), 50);
    try {
      await redis.stop();
      await until('the line about Redis going away', () => lines.length === 1);
      expect(lines[0]).toBe(`redis: ${url} stopped answering (exited or unreachable); the emulator's ClientToken store is down until it is back\n`);
      await new Promise((r) => setTimeout(r, 300)); // several more polls: still one line
      expect(lines).toHaveLength(1);
      redis = await startLocalRedis({ port });
      await until('the line about Redis being back', () => lines.length === 2);
      expect(lines[1]).toBe(`redis: ${url} answers again\n`);
    } finally {
      unwatch();
      await redis.stop();
    }
  });
});
