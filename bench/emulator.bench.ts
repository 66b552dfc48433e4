// The emulator's cost per request against a bare node:http server answering a fixed 200 on the same
// machine: signed StartWebRTCContact requests with distinct tokens (auth, validation and idempotency
// all on, keep-alive), both driven by wrk with the same pre-signed requests. Judged on CPU time per
// request (each server process's user + system time from /proc over a measured run, divided by the
// requests wrk counted): on a machine shared with other work it moves far less than requests/s,
// which is kept beside it. Rounds alternate which server goes first, a fresh emulator each round;
// the ratio judged is the median of the rounds' ratios. Then p99 latency at half the emulator's
// saturation rate, from an open-model generator.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { summarise } from '../harness/conformance/probes/latency-summary.ts';
import type { BenchSection } from './section.ts';
import { constantRate } from './support/constant-rate.ts';
import { withCpuPerRequest } from './support/cpu-time.ts';
import { rawRequests, signedRequests } from './support/signed-requests.ts';
import { spawnServer, type ChildServer } from './support/spawn-server.ts';
import { hasWrk, wrk } from './support/wrk.ts';

const ROUNDS = 3;
const WARM_UP_SECONDS = 1;
const SECONDS = 5;
const CONNECTIONS = 32;
/** Enough for a measured run without reusing a token (and for a warm-up, in a file of its own). */
const PRESIGNED = 300_000;
const WARM_UP_PRESIGNED = 60_000;
const LATENCY_WARM_UP_SECONDS = 2;
const LATENCY_SECONDS = 4;
const EMULATOR = ['bin/connect-harness.js', 'emulator', '--quotas', 'unlimited'];
const ENV = { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };

interface Run {
  readonly requestsPerSecond: number;
  readonly requests: number;
  readonly non2xx: number;
  readonly cpuMicrosPerRequest: number;
}

/** Where the requests are: a warm-up's own, so that every start measured carries a token never sent before. */
interface RequestFiles {
  readonly warmUp: string;
  readonly measured: string;
}

/** A warm-up (the JIT sees the hot path), then a measured run with the server's CPU time. */
async function measure(server: ChildServer, files: RequestFiles): Promise<Run> {
  await wrk(server.url, files.warmUp, { seconds: WARM_UP_SECONDS, connections: CONNECTIONS });
  return withCpuPerRequest(server.child.pid!, () => wrk(server.url, files.measured, { seconds: SECONDS, connections: CONNECTIONS }));
}

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** A fresh emulator on `port`, measured, stopped. */
async function measureEmulator(port: string, files: RequestFiles, extra: readonly string[] = []): Promise<Run> {
  const emulator = await spawnServer([...EMULATOR, '--port', port, ...extra], ENV);
  try {
    return await measure(emulator, files);
  } finally {
    await emulator.stop();
  }
}

export async function bench(): Promise<BenchSection> {
  const title = 'Emulator throughput (signed StartWebRTCContact, distinct tokens)';
  const goal = "the emulator's CPU per request within 1/0.6 of a bare node:http server's (bare µs / emulator µs at least 0.6), and p99 latency under 10 ms at half of saturation";
  if (!(await hasWrk())) return { title, goal, met: false, rows: [], notes: ['wrk is not installed (Debian package wrk): not measured'] };
  const dir = await mkdtemp(join(tmpdir(), 'emulator-bench-'));
  const bare = await spawnServer(['bench/support/bare-server.ts']);
  // The requests are signed for one host: every emulator of this run listens on the first one's port.
  const first = await spawnServer([...EMULATOR, '--port', '0'], ENV);
  const host = new URL(first.url).host;
  const port = new URL(first.url).port;
  await first.stop();
  try {
    const files: RequestFiles = { warmUp: join(dir, 'warm-up.bin'), measured: join(dir, 'requests.bin') };
    await writeFile(files.warmUp, rawRequests(signedRequests(WARM_UP_PRESIGNED, host)));
    await writeFile(files.measured, rawRequests(signedRequests(PRESIGNED, host)));
    const bareRuns: Run[] = [];
    const emulatorRuns: Run[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const steps = [async () => bareRuns.push(await measure(bare, files)), async () => emulatorRuns.push(await measureEmulator(port, files))];
      for (const step of round % 2 === 0 ? steps : steps.reverse()) await step();
    }
    const efficiency = bareRuns.map((b, i) => b.cpuMicrosPerRequest / emulatorRuns[i]!.cpuMicrosPerRequest);
    const rpsRatios = emulatorRuns.map((e, i) => e.requestsPerSecond / bareRuns[i]!.requestsPerSecond);
    const ratio = median(efficiency);
    const bareCpu = median(bareRuns.map((r) => r.cpuMicrosPerRequest));
    const bareRps = median(bareRuns.map((r) => r.requestsPerSecond));
    const emulatorRps = median(emulatorRuns.map((r) => r.requestsPerSecond));
    // For scale, not judged: the same emulator without SigV4 (the same requests, signatures unread),
    // showing what the signature check costs and how far the rest of the request path is from a
    // server that does nothing.
    const withoutAuth = await measureEmulator(port, files, ['--no-auth']);
    // The latency run gets a fresh emulator: a saturation run leaves hundreds of thousands of
    // remembered tokens and retained contacts behind, whose garbage collection is not what
    // "latency at half of saturation" asks about.
    const fresh = await spawnServer([...EMULATOR, '--port', port], ENV);
    const half = emulatorRps / 2;
    // Each run starts with two seconds at the same rate, not measured: a cold emulator (and a fresh
    // generator process) runs in the interpreter until the JIT has seen its hot path, and an
    // open-model load queues up behind that. Three measured runs; the median p99 is reported (one
    // run's tail moves with whatever else the shared machine does in those seconds).
    const latencyFiles: string[] = [];
    for (let i = 1; i <= 3; i++) {
      latencyFiles.push(join(dir, `latency-${i}.bin`));
      await writeFile(latencyFiles.at(-1)!, rawRequests(signedRequests(Math.ceil(half * (LATENCY_WARM_UP_SECONDS + LATENCY_SECONDS)), host)));
    }
    const runs: Awaited<ReturnType<typeof constantRate>>[] = [];
    try {
      for (const file of latencyFiles) runs.push(await constantRate(fresh.url, file, half, LATENCY_SECONDS, LATENCY_WARM_UP_SECONDS));
    } finally {
      await fresh.stop();
    }
    const byP99 = runs.map((run) => ({ run, p99: summarise(run.latenciesMs).p99 })).sort((a, b) => a.p99 - b.p99);
    const latencyRun = byP99[1]!.run;
    const latency = summarise(latencyRun.latenciesMs);
    const non2xx = emulatorRuns.reduce((n, r) => n + r.non2xx, 0);
    const answered = emulatorRuns.reduce((n, r) => n + r.requests, 0);
    const list = (xs: readonly number[], digits: number) => xs.map((x) => x.toFixed(digits)).join(', ');
    return {
      title,
      goal,
      met: ratio >= 0.6 && latency.p99 < 10 && non2xx === 0 && latencyRun.ok === latencyRun.sent,
      rows: [
        { name: 'bare node:http, fixed 200: CPU per request (baseline)', value: bareCpu, unit: 'µs', ratio: 1 },
        { name: 'emulator, SigV4 + validation + idempotency: CPU per request', value: median(emulatorRuns.map((r) => r.cpuMicrosPerRequest)), unit: 'µs', ratio: 1 / ratio },
        { name: "the emulator's efficiency: bare µs / emulator µs (judged; median of rounds)", value: ratio, unit: '' },
        { name: 'bare node:http, fixed 200 (baseline)', value: bareRps, unit: 'req/s', ratio: 1 },
        { name: 'emulator: SigV4 + validation + idempotency (ratio: median of rounds)', value: emulatorRps, unit: 'req/s', ratio: median(rpsRatios) },
        { name: 'for scale: the same emulator with --no-auth, CPU per request (not judged)', value: withoutAuth.cpuMicrosPerRequest, unit: 'µs', ratio: withoutAuth.cpuMicrosPerRequest / bareCpu },
        { name: 'for scale: the same emulator with --no-auth (not judged)', value: withoutAuth.requestsPerSecond, unit: 'req/s', ratio: withoutAuth.requestsPerSecond / bareRps },
        { name: `emulator p50 at ${Math.round(half)} req/s (half of saturation)`, value: latency.p50, unit: 'ms' },
        { name: `emulator p99 at ${Math.round(half)} req/s (half of saturation)`, value: latency.p99, unit: 'ms' },
      ],
      notes: [
        `wrk, 1 thread, ${CONNECTIONS} keep-alive connections, the same pre-signed requests with distinct ClientTokens for both servers (${WARM_UP_PRESIGNED.toLocaleString('en-US')} for warm-ups, ${PRESIGNED.toLocaleString('en-US')} others measured: every measured start is a new contact); ${ROUNDS} rounds of bare and emulator (order swapped each round, a fresh emulator with --quotas unlimited each round), each ${WARM_UP_SECONDS} s warm-up then ${SECONDS} s measured; the emulators answered ${answered.toLocaleString('en-US')} measured requests, ${non2xx} not 2xx`,
        `CPU per request: the server process's user + system time (/proc) over the measured run, over the requests wrk counted; bare ${list(bareRuns.map((r) => r.cpuMicrosPerRequest), 1)} µs, emulator ${list(emulatorRuns.map((r) => r.cpuMicrosPerRequest), 1)} µs; efficiency by round ${list(efficiency, 2)}; req/s ratio by round ${list(rpsRatios, 2)}`,
        `latency: open model (its own process, 64 keep-alive sockets, pre-rendered requests, latency counted from each request's due time), three runs of ${LATENCY_WARM_UP_SECONDS} s warm-up and ${LATENCY_SECONDS} s measured at the same rate, each generator run in its own process; the run with the median p99 is shown (p99s ${byP99.map((x) => x.p99.toFixed(1)).join(', ')} ms), ${latencyRun.sent} requests, ${latencyRun.ok} accepted`,
        'server and load generator share the 2 cores; each server runs in its own process',
      ],
    };
  } finally {
    await bare.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
