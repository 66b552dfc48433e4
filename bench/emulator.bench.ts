// Emulator throughput for signed StartWebRTCContact requests with distinct tokens (auth, validation
// and idempotency all on, keep-alive), against a bare node:http server answering a fixed 200 on the
// same machine, both driven by wrk with the same pre-signed requests. Then p99 latency at half the
// emulator's saturation rate, from an open-model generator.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { summarise } from '../harness/conformance/probes/latency-summary.ts';
import type { BenchSection } from './section.ts';
import { constantRate } from './support/constant-rate.ts';
import { rawRequests, signedRequests } from './support/signed-requests.ts';
import { spawnServer } from './support/spawn-server.ts';
import { hasWrk, wrk } from './support/wrk.ts';

const SECONDS = 8;
const CONNECTIONS = 32;
const PRESIGNED = 250_000;
const WARM_UP_SECONDS = 2;
const LATENCY_SECONDS = 4;

export async function bench(): Promise<BenchSection> {
  const title = 'Emulator throughput (signed StartWebRTCContact, distinct tokens)';
  const goal = "at least 0.6 of a bare node:http server's requests/s, and p99 latency under 10 ms at half of saturation";
  if (!(await hasWrk())) return { title, goal, met: false, rows: [], notes: ['wrk is not installed (Debian package wrk): not measured'] };
  const dir = await mkdtemp(join(tmpdir(), 'emulator-bench-'));
  const bare = await spawnServer(['bench/support/bare-server.ts']);
  const emulator = await spawnServer(['bin/connect-harness.js', 'emulator', '--port', '0', '--quotas', 'unlimited'], { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' });
  try {
    const host = new URL(emulator.url).host;
    const file = join(dir, 'requests.bin');
    await writeFile(file, rawRequests(signedRequests(PRESIGNED, host)));
    const baseline = await wrk(bare.url, file, { seconds: SECONDS, connections: CONNECTIONS });
    const measured = await wrk(emulator.url, file, { seconds: SECONDS, connections: CONNECTIONS });
    const ratio = measured.requestsPerSecond / baseline.requestsPerSecond;
    // For scale, not judged: the same emulator without SigV4 (the same requests, signatures unread),
    // showing what the signature check costs and how far the rest of the request path is from a
    // server that does nothing.
    await emulator.stop();
    const unsigned = await spawnServer(['bin/connect-harness.js', 'emulator', '--port', String(new URL(emulator.url).port), '--quotas', 'unlimited', '--no-auth'], { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' });
    let withoutAuth: Awaited<ReturnType<typeof wrk>>;
    try {
      withoutAuth = await wrk(unsigned.url, file, { seconds: SECONDS, connections: CONNECTIONS });
    } finally {
      await unsigned.stop();
    }
    // The latency run gets a fresh emulator: the saturation run leaves hundreds of thousands of
    // remembered tokens and retained contacts behind, whose garbage collection is not what
    // "latency at half of saturation" asks about.
    const fresh = await spawnServer(['bin/connect-harness.js', 'emulator', '--port', String(new URL(emulator.url).port), '--quotas', 'unlimited'], { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' });
    const half = measured.requestsPerSecond / 2;
    // Each run starts with two seconds at the same rate, not measured: a cold emulator (and a fresh
    // generator process) runs in the interpreter until the JIT has seen its hot path, and an
    // open-model load queues up behind that. Three measured runs; the median p99 is reported (one
    // run's tail moves with whatever else the shared machine does in those seconds).
    const files: string[] = [];
    for (let i = 1; i <= 3; i++) {
      files.push(join(dir, `latency-${i}.bin`));
      await writeFile(files.at(-1)!, rawRequests(signedRequests(Math.ceil(half * (WARM_UP_SECONDS + LATENCY_SECONDS)), host)));
    }
    const runs: Awaited<ReturnType<typeof constantRate>>[] = [];
    try {
      for (const file of files) runs.push(await constantRate(fresh.url, file, half, LATENCY_SECONDS, WARM_UP_SECONDS));
    } finally {
      await fresh.stop();
    }
    const byP99 = runs.map((run) => ({ run, p99: summarise(run.latenciesMs).p99 })).sort((a, b) => a.p99 - b.p99);
    const latencyRun = byP99[1]!.run;
    const latency = summarise(latencyRun.latenciesMs);
    return {
      title,
      goal,
      met: ratio >= 0.6 && latency.p99 < 10 && measured.non2xx === 0 && latencyRun.ok === latencyRun.sent,
      rows: [
        { name: 'bare node:http, fixed 200 (baseline)', value: baseline.requestsPerSecond, unit: 'req/s', ratio: 1 },
        { name: 'emulator: SigV4 + validation + idempotency', value: measured.requestsPerSecond, unit: 'req/s', ratio },
        { name: 'for scale: the same emulator with --no-auth (not judged)', value: withoutAuth.requestsPerSecond, unit: 'req/s', ratio: withoutAuth.requestsPerSecond / baseline.requestsPerSecond },
        { name: `emulator p50 at ${Math.round(half)} req/s (half of saturation)`, value: latency.p50, unit: 'ms' },
        { name: `emulator p99 at ${Math.round(half)} req/s (half of saturation)`, value: latency.p99, unit: 'ms' },
      ],
      notes: [
        `wrk, 1 thread, ${CONNECTIONS} keep-alive connections, ${SECONDS} s per server, ${PRESIGNED.toLocaleString('en-US')} pre-signed requests with distinct ClientTokens (cycled if exhausted); emulator answered ${measured.requests.toLocaleString('en-US')} requests, ${measured.non2xx} not 2xx`,
        `latency: open model (its own process, 64 keep-alive sockets, pre-rendered requests, latency counted from each request's due time), three runs of ${WARM_UP_SECONDS} s warm-up and ${LATENCY_SECONDS} s measured at the same rate, each generator run in its own process; the run with the median p99 is shown (p99s ${byP99.map((x) => x.p99.toFixed(1)).join(', ')} ms), ${latencyRun.sent} requests, ${latencyRun.ok} accepted`,
        'server and load generator share the 2 cores; each server runs in its own process',
      ],
    };
  } finally {
    await bare.stop();
    await emulator.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
