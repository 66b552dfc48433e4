// The Redis store against the memory store, and the rate quota across replicas. Throughput: the
// command-line emulator with --store memory and with --store redis://… (a local redis-server with
// the project's append-only file), driven by wrk with the same pre-signed starts (distinct
// ClientTokens), in the order memory, Redis, Redis, memory so that a drift of the shared machine
// weighs on both alike; the baseline is the memory store's mean. Quota accuracy: two emulator
// processes on one Redis, each with the same --rate-limit, flooded at once by one wrk each; the
// starts admitted in total against rate × duration + burst.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { findRedisServer, startLocalRedis, type LocalRedis } from '../harness/services/local-redis.ts';
import type { BenchSection } from './section.ts';
import { rawRequests, signedRequests } from './support/signed-requests.ts';
import { spawnServer, type ChildServer } from './support/spawn-server.ts';
import { cpuSeconds } from './support/process-cpu.ts';
import { hasWrk, wrk, type WrkResult } from './support/wrk.ts';

const SECONDS = 6;
const CONNECTIONS = 32;
const PRESIGNED = 200_000;
const QUOTA_RATE = 500;
const QUOTA_BURST = 50;
const QUOTA_SECONDS = 6;
const QUOTA_CONNECTIONS = 16;
const env = { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };

function emulator(flags: readonly string[]): Promise<ChildServer> {
  return spawnServer(['bin/connect-harness.js', 'emulator', '--port', '0', ...flags], env);
}

interface Run extends WrkResult {
  /** CPU the emulator process spent per request answered, µs. */
  readonly emulatorCpuUs: number;
  /** CPU redis-server spent per request answered, µs (0 for the memory store). */
  readonly redisCpuUs: number;
}

/** A fresh emulator (and an empty Redis) for each run: what one run leaves behind is not the next one's load. */
async function throughput(flags: readonly string[], file: string, redis: LocalRedis | undefined): Promise<Run> {
  if (redis) await flush(redis);
  const server = await emulator(['--quotas', 'unlimited', ...flags]);
  try {
    const cpu = () => [cpuSeconds(server.child.pid!) ?? Number.NaN, redis ? (cpuSeconds(redis.pid) ?? Number.NaN) : 0];
    const before = cpu();
    const result = await wrk(server.url, file, { seconds: SECONDS, connections: CONNECTIONS });
    const after = cpu();
    const perRequest = (i: number) => ((after[i]! - before[i]!) * 1e6) / result.requests;
    return { ...result, emulatorCpuUs: perRequest(0), redisCpuUs: perRequest(1) };
  } finally {
    await server.stop();
  }
}

async function flush(redis: LocalRedis): Promise<void> {
  const client = new Redis(redis.url);
  await client.flushall();
  client.disconnect();
}

export async function bench(): Promise<BenchSection> {
  const title = 'Redis store: throughput against the memory store, and the rate quota across two replicas';
  const goal = "the Redis store at least 0.8 of the memory store's requests/s; two replicas on one Redis admit within 10 % of the configured rate";
  if (!(await hasWrk())) return { title, goal, met: false, rows: [], notes: ['wrk is not installed (Debian package wrk): not measured'] };
  if (!findRedisServer()) return { title, goal, met: false, rows: [], notes: ['redis-server is not installed (Debian package redis-server): not measured'] };
  const dir = await mkdtemp(join(tmpdir(), 'redis-bench-'));
  const redis = await startLocalRedis();
  try {
    const probe = await emulator(['--quotas', 'unlimited']);
    const host = new URL(probe.url).host;
    await probe.stop();
    const file = join(dir, 'requests.bin');
    // One host header for every run: each emulator gets a port of its own, and the emulator does not compare Host with its port.
    await writeFile(file, rawRequests(signedRequests(PRESIGNED, host)));
    const store = ['--store', redis.url];
    const memory1 = await throughput([], file, undefined);
    const redis1 = await throughput(store, file, redis);
    const redis2 = await throughput(store, file, redis);
    const memory2 = await throughput([], file, undefined);
    const memoryRps = (memory1.requestsPerSecond + memory2.requestsPerSecond) / 2;
    const redisRps = (redis1.requestsPerSecond + redis2.requestsPerSecond) / 2;
    const ratio = redisRps / memoryRps;
    const mean = (a: number, b: number) => (a + b) / 2;
    const memoryCpu = mean(memory1.emulatorCpuUs, memory2.emulatorCpuUs);
    const redisEmulatorCpu = mean(redis1.emulatorCpuUs, redis2.emulatorCpuUs);
    const redisServerCpu = mean(redis1.redisCpuUs, redis2.redisCpuUs);
    const errors = memory1.non2xx + memory2.non2xx + redis1.non2xx + redis2.non2xx;

    await flush(redis);
    const quotaFlags = [...store, '--rate-limit', String(QUOTA_RATE), '--burst', String(QUOTA_BURST), '--max-concurrent-calls', '10000000'];
    const replicas = [await emulator(quotaFlags), await emulator(quotaFlags)];
    let floods: WrkResult[];
    // The two wrk processes neither start nor stop together (each loads the request file first, for
    // a time that varies), so the quota is judged over the union of their sending windows: each
    // wrk's reported duration, ending when it exited.
    try {
      floods = await Promise.all(replicas.map((r) => wrk(r.url, file, { seconds: QUOTA_SECONDS, connections: QUOTA_CONNECTIONS })));
    } finally {
      await Promise.all(replicas.map((r) => r.stop()));
    }
    const floodSeconds = (Math.max(...floods.map((f) => f.endedAt)) - Math.min(...floods.map((f) => f.endedAt - f.seconds * 1000))) / 1000;
    const attempts = floods.reduce((n, f) => n + f.requests, 0);
    const admitted = floods.reduce((n, f) => n + f.requests - f.non2xx, 0);
    const expected = Math.round(QUOTA_RATE * floodSeconds + QUOTA_BURST);
    const accuracy = admitted / expected;

    return {
      title,
      goal,
      met: ratio >= 0.8 && errors === 0 && Math.abs(accuracy - 1) <= 0.1,
      rows: [
        { name: 'memory store (baseline)', value: memoryRps, unit: 'req/s', ratio: 1 },
        { name: 'Redis store', value: redisRps, unit: 'req/s', ratio },
        { name: 'for scale, not judged: emulator CPU per request, memory store', value: memoryCpu, unit: 'µs', ratio: 1 },
        { name: 'for scale, not judged: emulator CPU per request, Redis store', value: redisEmulatorCpu, unit: 'µs', ratio: redisEmulatorCpu / memoryCpu },
        { name: 'for scale, not judged: redis-server CPU per request', value: redisServerCpu, unit: 'µs', ratio: redisServerCpu / memoryCpu },
        { name: `two replicas at --rate-limit ${QUOTA_RATE} --burst ${QUOTA_BURST}: starts admitted while both floods ran, ${floodSeconds.toFixed(2)} s (rate × s + burst = ${expected})`, value: admitted, unit: 'starts', ratio: accuracy },
      ],
      notes: [
        `wrk, 1 thread, ${CONNECTIONS} keep-alive connections, ${SECONDS} s per run, runs in the order memory ${Math.round(memory1.requestsPerSecond)}, Redis ${Math.round(redis1.requestsPerSecond)}, Redis ${Math.round(redis2.requestsPerSecond)}, memory ${Math.round(memory2.requestsPerSecond)} req/s; ${errors} answers not 2xx`,
        `${PRESIGNED.toLocaleString('en-US')} pre-signed starts with distinct ClientTokens, the same for every run; a fresh emulator and an empty Redis for each run; redis-server local, append-only file with fsync every second`,
        `quota: one wrk (${QUOTA_CONNECTIONS} connections) per replica for ${QUOTA_SECONDS} s, ${attempts.toLocaleString('en-US')} attempts in total; each replica alone would admit the whole rate, so two replicas not sharing the bucket would show about 2.0`,
        'emulators, redis-server and wrk share the 2 cores: when other work runs too, the throughputs move with it; the CPU per request (from /proc, ratios against the memory store\'s) moves less',
      ],
    };
  } finally {
    await redis.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
