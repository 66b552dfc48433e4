// What admission control costs a request that it admits: the command-line emulator with its
// default bounds against the same emulator with both bounds off (`--max-per-turn 0
// --max-in-flight 0 --max-event-loop-delay-ms 0`: the request path as it was before admission control, but for one
// call that returns at once), signed starts under wrk at 32 connections, where no bound is reached.
// Alternating pairs, a fresh emulator per run; CPU per request moves less with the machine's other
// load than requests/s, but on a shared machine still by more than the few nanoseconds at stake. So
// the decision itself is timed in this process too, and the goal compares it with a request's CPU.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultProfile } from '../harness/contract/index.ts';
import { Admission } from '../harness/emulator/admission.ts';
import { DEFAULT_MAX_EVENT_LOOP_DELAY_MS, DEFAULT_MAX_IN_FLIGHT, DEFAULT_MAX_PER_TURN } from '../harness/contract/defaults.ts';
import { opsPerSecond, type BenchSection } from './section.ts';
import { rawRequests, signedRequests } from './support/signed-requests.ts';
import { cpuSeconds } from './support/cpu-time.ts';
import { hasWrk, wrk } from './support/wrk.ts';

const ROUNDS = 5;
const WARM_UP_SECONDS = 1;
const SECONDS = 4;
const CONNECTIONS = 32;
const PRESIGNED = 150_000;
const OFF = ['--max-per-turn', '0', '--max-in-flight', '0', '--max-event-loop-delay-ms', '0'];

interface Run {
  readonly requestsPerSecond: number;
  readonly cpuMicrosPerRequest: number;
  readonly non2xx: number;
}

async function measure(extra: readonly string[], file: string): Promise<Run> {
  const child = spawn(process.execPath, ['bin/connect-harness.js', 'emulator', '--port', '0', '--quotas', 'unlimited', ...extra], {
    stdio: ['ignore', 'pipe', 'ignore'],
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let seen = '';
      child.stdout.on('data', (chunk: Buffer) => {
        seen += chunk.toString();
        const match = /emulator listening on (http:\/\/\S+)/.exec(seen);
        if (match) resolve(match[1]!);
      });
      child.once('exit', (code) => reject(new Error(`emulator exited with ${code} before listening`)));
    });
    await wrk(url, file, { seconds: WARM_UP_SECONDS, connections: CONNECTIONS });
    const before = cpuSeconds(child.pid!);
    const measured = await wrk(url, file, { seconds: SECONDS, connections: CONNECTIONS });
    return { requestsPerSecond: measured.requestsPerSecond, cpuMicrosPerRequest: ((cpuSeconds(child.pid!) - before) * 1e6) / measured.requests, non2xx: measured.non2xx };
  } finally {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  }
}

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function bench(): Promise<BenchSection> {
  const title = 'Admission control on the request path (default bounds vs off)';
  const goal = "the admission decision for an admitted request under 0.1 % of the emulator's CPU per request, and no request shed at saturation";
  if (!(await hasWrk())) return { title, goal, met: false, rows: [], notes: ['wrk is not installed (Debian package wrk): not measured'] };
  const dir = await mkdtemp(join(tmpdir(), 'admission-bench-'));
  try {
    const file = join(dir, 'requests.bin');
    await writeFile(file, rawRequests(signedRequests(PRESIGNED, '127.0.0.1')));
    const off: Run[] = [];
    const on: Run[] = [];
    const configs = [[off, OFF], [on, []]] as const;
    for (let round = 0; round < ROUNDS; round++) {
      for (const [runs, extra] of round % 2 === 0 ? configs : [...configs].reverse()) runs.push(await measure(extra, file));
    }
    const cpuRatios = on.map((r, i) => r.cpuMicrosPerRequest / off[i]!.cpuMicrosPerRequest);
    const rpsRatios = on.map((r, i) => r.requestsPerSecond / off[i]!.requestsPerSecond);
    const offCpu = median(off.map((r) => r.cpuMicrosPerRequest));
    const onCpu = median(on.map((r) => r.cpuMicrosPerRequest));
    // The decision alone: an admitted request under both bounds (the delay timer armed and on time).
    const admission = new Admission({ maxPerTurn: DEFAULT_MAX_PER_TURN, maxInFlight: DEFAULT_MAX_IN_FLIGHT, maxEventLoopDelayMs: DEFAULT_MAX_EVENT_LOOP_DELAY_MS }, defaultProfile);
    let i = 0;
    const checkNs = 1e9 / opsPerSecond(() => admission.check((i++ & 127) + 1, 0), 1000);
    const shedding = new Admission({ maxPerTurn: 0, maxInFlight: 1, maxEventLoopDelayMs: 0 }, defaultProfile);
    const shedNs = 1e9 / opsPerSecond(() => shedding.check(2, 0), 1000);
    const non2xx = [...off, ...on].reduce((n, r) => n + r.non2xx, 0);
    return {
      title,
      goal,
      met: checkNs / 1000 < 0.001 * offCpu && non2xx === 0,
      rows: [
        { name: 'emulator CPU per request, bounds off (baseline)', value: offCpu, unit: 'µs', ratio: 1 },
        { name: `emulator CPU per request, default bounds (${DEFAULT_MAX_PER_TURN} a turn, ${DEFAULT_MAX_IN_FLIGHT} in flight, ${DEFAULT_MAX_EVENT_LOOP_DELAY_MS} ms) (ratio: median of pairs)`, value: onCpu, unit: 'µs', ratio: median(cpuRatios) },
        { name: 'emulator, bounds off', value: median(off.map((r) => r.requestsPerSecond)), unit: 'req/s', ratio: 1 },
        { name: 'emulator, default bounds (ratio: median of pairs)', value: median(on.map((r) => r.requestsPerSecond)), unit: 'req/s', ratio: median(rpsRatios) },
        { name: 'the admission decision for an admitted request', value: checkNs, unit: 'ns' },
        { name: "the same, as a share of the emulator's CPU per request (bounds off)", value: (100 * checkNs) / (1000 * offCpu), unit: '%' },
        { name: 'the admission decision for a shed request (its error built)', value: shedNs, unit: 'ns' },
      ],
      notes: [
        `wrk, 1 thread, ${CONNECTIONS} keep-alive connections, signed starts with distinct ClientTokens, ${WARM_UP_SECONDS} s warm-up then ${SECONDS} s measured, ${ROUNDS} off/on pairs (order swapped each round), a fresh emulator (--quotas unlimited) per run; ${non2xx} answers not 2xx`,
        `CPU per request pair ratios ${cpuRatios.map((r) => r.toFixed(2)).join(', ')}; req/s pair ratios ${rpsRatios.map((r) => r.toFixed(2)).join(', ')}`,
        'CPU per request is the emulator process\'s user + system time over the measured run; emulator and wrk share the 2 cores',
      ],
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
