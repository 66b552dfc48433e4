// Emulator throughput with the metrics exporter on (writing to a real local influxd) against off,
// in the same run: the exporter's cost on the request path. Both emulators are started through the
// command (`--influx URL --test-id ID` or not) in their own process, with --no-auth and unlimited
// quotas so the emulator's work is validation, idempotency and answering; wrk (1 thread, keep-alive)
// PUTs a valid body with a ClientToken unique per request. Off and on run in adjacent pairs (order
// swapped every round) and the goal is judged on the median of the pairs' ratios: the machine is
// shared, and a pair run back to back sees about the same background load.
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { randomUUID } from 'node:crypto';
import { emulatorMeasurements, tagKeys, exporterFields, requestFields } from '../harness/contract/metric-names.ts';
import * as defaults from '../harness/contract/defaults.ts';
import { findExecutable } from '../harness/services/find-executable.ts';
import { createInfluxDatabase, queryInflux } from '../harness/services/influx-http.ts';
import { startLocalInflux } from '../harness/services/local-influxdb.ts';
import type { BenchSection } from './section.ts';
import { cpuSeconds } from './support/cpu-time.ts';

const SECONDS = 4;
const WARMUP_SECONDS = 1;
const CONNECTIONS = 32;
const ROUNDS = 5;
const run = promisify(execFile);

// wrk's Lua: one valid StartWebRTCContact body per request, its ClientToken unique across runs
// (prefix from the command line) and requests (counter; -t1 keeps one Lua state).
const wrkScript = `
local prefix = "bench"
local counter = 0
init = function(args) prefix = args[1] or prefix end
request = function()
  counter = counter + 1
  local body = '{"InstanceId":"${defaults.DEFAULT_INSTANCE_ID}","ContactFlowId":"${defaults.DEFAULT_CONTACT_FLOW_ID}",' ..
    '"ParticipantDetails":{"DisplayName":"Bench Caller"},"ClientToken":"' .. prefix .. '-' .. counter .. '"}'
  return wrk.format("PUT", "/contact/webrtc", { ["Content-Type"] = "application/json" }, body)
end
`;

interface WrkRun {
  readonly requestsPerSecond: number;
  readonly requests: number;
  readonly non2xx: number;
  /** The emulator process's CPU time per answered request, in microseconds (Linux /proc; NaN elsewhere). */
  readonly cpuMicrosPerRequest?: number;
}

async function wrk(url: string, script: string, seconds: number): Promise<WrkRun> {
  const { stdout } = await run('wrk', ['-t1', `-c${CONNECTIONS}`, `-d${seconds}s`, '-s', script, url, '--', `t${randomUUID().slice(0, 8)}`], { maxBuffer: 1 << 20 });
  return {
    requestsPerSecond: Number(/Requests\/sec:\s+([\d.]+)/.exec(stdout)?.[1] ?? NaN),
    requests: Number(/(\d+) requests in/.exec(stdout)?.[1] ?? NaN),
    non2xx: Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(stdout)?.[1] ?? 0),
  };
}

interface EmulatorProcess {
  readonly url: string;
  readonly pid: number;
  stop(): Promise<void>;
}

async function startEmulatorProcess(extra: readonly string[]): Promise<EmulatorProcess> {
  const args = ['bin/connect-harness.js', 'emulator', '--port', '0', '--no-auth', '--quotas', 'unlimited', ...extra];
  const child: ChildProcess = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' } });
  const url = await new Promise<string>((resolve, reject) => {
    let seen = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /emulator listening on (http:\/\/\S+)/.exec(seen);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`emulator exited with ${code} before listening`)));
  });
  return {
    url,
    pid: child.pid!,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function bench(): Promise<BenchSection> {
  const title = 'Emulator metrics exporter (InfluxDB line protocol) on vs off';
  const goal = 'emulator requests/s with the exporter on at least 0.9 of the same emulator with it off';
  if (!findExecutable('wrk')) return { title, goal, met: false, rows: [], notes: ['wrk is not installed (Debian package wrk): not measured'] };
  if (!findExecutable('influxd')) return { title, goal, met: false, rows: [], notes: ['influxd is not installed (Debian package influxdb): not measured'] };

  const dir = await mkdtemp(join(tmpdir(), 'exporter-bench-'));
  const script = join(dir, 'start.lua');
  await writeFile(script, wrkScript);
  const influx = await startLocalInflux();
  const testId = `bench-${randomUUID().slice(0, 8)}`;
  const off: WrkRun[] = [];
  const on: WrkRun[] = [];
  try {
    await createInfluxDatabase(influx.url, 'k6');
    const configs = [
      [off, []],
      [on, ['--influx', `${influx.url}/k6`, '--test-id', testId]],
    ] as const;
    for (let round = 0; round < ROUNDS; round++) {
      for (const [runs, extra] of round % 2 === 0 ? configs : [...configs].reverse()) {
        // A fresh emulator per run: remembered tokens and retained contacts from an earlier run
        // would make later runs slower for reasons that are not the exporter.
        const emulator = await startEmulatorProcess(extra);
        try {
          await wrk(emulator.url, script, WARMUP_SECONDS);
          const cpuBefore = cpuSeconds(emulator.pid);
          const measured = await wrk(emulator.url, script, SECONDS);
          runs.push({ ...measured, cpuMicrosPerRequest: ((cpuSeconds(emulator.pid) - cpuBefore) * 1e6) / measured.requests });
        } finally {
          await emulator.stop(); // flushes the exporter
        }
      }
    }
    const offRps = median(off.map((r) => r.requestsPerSecond));
    const onRps = median(on.map((r) => r.requestsPerSecond));
    const pairRatios = on.map((r, i) => r.requestsPerSecond / off[i]!.requestsPerSecond);
    const ratio = median(pairRatios);
    const points = await queryInflux(influx.url, 'k6', `SELECT count("${requestFields.durationMs}") FROM "${emulatorMeasurements.requests}" WHERE "${tagKeys.testId}" = '${testId}'`);
    const health = await queryInflux(influx.url, 'k6', `SELECT max("${exporterFields.dropped}"), max("${exporterFields.failedWrites}") FROM "${emulatorMeasurements.exporter}" WHERE "${tagKeys.testId}" = '${testId}'`);
    const written = Number(points.series?.[0]?.values[0]?.[1] ?? 0);
    const [, dropped, failed] = health.series?.[0]?.values[0] ?? [];
    const answered = on.reduce((n, r) => n + r.requests, 0);
    const non2xx = [...off, ...on].reduce((n, r) => n + r.non2xx, 0);
    const offCpu = median(off.map((r) => r.cpuMicrosPerRequest ?? Number.NaN));
    const onCpu = median(on.map((r) => r.cpuMicrosPerRequest ?? Number.NaN));
    return {
      title,
      goal,
      met: ratio >= 0.9 && non2xx === 0,
      rows: [
        { name: 'emulator, exporter off (baseline)', value: offRps, unit: 'req/s', ratio: 1 },
        { name: 'emulator, exporter on → local influxd (ratio: median of pairs)', value: onRps, unit: 'req/s', ratio },
        { name: 'emulator CPU per request, exporter off (baseline)', value: offCpu, unit: 'µs', ratio: 1 },
        { name: 'emulator CPU per request, exporter on', value: onCpu, unit: 'µs', ratio: onCpu / offCpu },
      ],
      notes: [
        `wrk, 1 thread, ${CONNECTIONS} keep-alive connections, ${WARMUP_SECONDS} s warm-up then ${SECONDS} s measured, ${ROUNDS} off/on pairs (order swapped each round); rows are medians, the ratio is the median of the pairs' ratios; --no-auth, --quotas unlimited, a ClientToken unique per request; ${non2xx} answers not 2xx`,
        `off runs: ${off.map((r) => Math.round(r.requestsPerSecond)).join(', ')} req/s; on runs: ${on.map((r) => Math.round(r.requestsPerSecond)).join(', ')} req/s; pair ratios ${pairRatios.map((r) => r.toFixed(2)).join(', ')}`,
        `exporter on: ${written.toLocaleString('en-US')} request points in InfluxDB for ${answered.toLocaleString('en-US')} answers wrk counted in the measured runs (warm-ups write points too); exporter health: ${dropped ?? '?'} dropped, ${failed ?? '?'} failed writes`,
        'emulator, influxd and wrk share the 2 cores: influxd\'s own work is part of the cost measured; CPU per request (the emulator process\'s user + system time over the measured run) is the exporter\'s own cost, and moves less with background load than requests/s',
      ],
    };
  } finally {
    await influx.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
