// `emulator --workers 2` against one emulator process, both on the same local Redis store, driven by
// wrk with the same pre-signed StartWebRTCContact requests (distinct ClientTokens, so every request
// is a new contact and a Redis claim). The rounds alternate (1, 2, 1, 2); each fresh emulator is
// warmed up first, then Redis is emptied, so no measured run meets a token already remembered;
// each side's figure is the mean of its rounds.
// The load generator and Redis share the machine with the workers: the question is whether a
// second worker still buys throughput there, not what two free cores would give.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { findRedisServer, startLocalRedis } from '../harness/services/local-redis.ts';
import type { BenchSection } from './section.ts';
import { rawRequests, signedRequests } from './support/signed-requests.ts';
import { spawnServer } from './support/spawn-server.ts';
import { hasWrk, wrk, type WrkResult } from './support/wrk.ts';

const SECONDS = 6;
/** Unmeasured, on every fresh emulator: each worker runs interpreted until its JIT has seen the hot path. */
const WARM_UP_SECONDS = 2;
const CONNECTIONS = 32;
const PRESIGNED = 150_000;
const ROUNDS = 2;

export async function bench(): Promise<BenchSection> {
  const title = 'Emulator workers on one port (Redis store)';
  const goal = 'two workers answer more requests/s than one on the same machine, load generator and Redis beside them';
  if (!(await hasWrk())) return { title, goal, met: false, rows: [], notes: ['wrk is not installed (Debian package wrk): not measured'] };
  if (!findRedisServer()) return { title, goal, met: false, rows: [], notes: ['redis-server is not installed (Debian package redis-server): not measured'] };
  const dir = await mkdtemp(join(tmpdir(), 'workers-bench-'));
  const redis = await startLocalRedis();
  const admin = new Redis(redis.url, { lazyConnect: true });
  try {
    await admin.connect();
    const file = join(dir, 'requests.bin');
    // The host header is signed: every run listens on the same port.
    const first = await spawnServer(['bin/connect-harness.js', 'emulator', '--port', '0', '--quotas', 'unlimited', '--store', redis.url]);
    const port = new URL(first.url).port;
    await first.stop();
    await writeFile(file, rawRequests(signedRequests(PRESIGNED, `127.0.0.1:${port}`)));
    const runs: Record<1 | 2, WrkResult[]> = { 1: [], 2: [] };
    for (let round = 0; round < ROUNDS; round++) {
      for (const workers of [1, 2] as const) {
        // No event-loop bound: on a machine this busy a late turn would shed, and a shed answer is
        // not the throughput compared here (32 connections stay far below the in-flight bound).
        const args = ['bin/connect-harness.js', 'emulator', '--port', port, '--quotas', 'unlimited', '--store', redis.url, '--max-event-loop-delay-ms', '0', ...(workers > 1 ? ['--workers', String(workers)] : [])];
        const emulator = await spawnServer(args);
        try {
          await wrk(emulator.url, file, { seconds: WARM_UP_SECONDS, connections: CONNECTIONS });
          await admin.flushall();
          runs[workers].push(await wrk(emulator.url, file, { seconds: SECONDS, connections: CONNECTIONS }));
        } finally {
          await emulator.stop();
        }
      }
    }
    const mean = (results: readonly WrkResult[]) => results.reduce((sum, r) => sum + r.requestsPerSecond, 0) / results.length;
    const one = mean(runs[1]);
    const two = mean(runs[2]);
    const non2xx = [...runs[1], ...runs[2]].reduce((sum, r) => sum + r.non2xx, 0);
    return {
      title,
      goal,
      met: two > one && non2xx === 0,
      rows: [
        { name: 'one emulator process, --store redis (baseline)', value: one, unit: 'req/s', ratio: 1 },
        { name: '--workers 2, --store redis', value: two, unit: 'req/s', ratio: two / one },
      ],
      notes: [
        `wrk, 1 thread, ${CONNECTIONS} keep-alive connections, ${WARM_UP_SECONDS} s warm-up then ${SECONDS} s measured a run, ${ROUNDS} rounds alternating one process and two workers (Redis emptied after each warm-up; each row is the mean of its runs: ${runs[1].map((r) => Math.round(r.requestsPerSecond)).join(', ')} and ${runs[2].map((r) => Math.round(r.requestsPerSecond)).join(', ')} req/s), ${PRESIGNED.toLocaleString('en-US')} pre-signed requests with distinct ClientTokens; ${non2xx} answers not 2xx`,
        'emulator workers, the cluster primary, redis-server (append-only file on) and wrk share the 2 cores',
      ],
    };
  } finally {
    admin.disconnect();
    await redis.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
