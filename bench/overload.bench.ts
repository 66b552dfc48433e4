// The emulator far past saturation: 2,000 keep-alive connections, each sending its next signed
// start as soon as the last is answered, against the command-line emulator with its default
// admission bounds and with them off. The baseline is the same emulator's p99 at saturation (32
// connections, the emulator benchmark's load). With admission control the excess is shed at once
// (503 ServiceUnavailableException, Retry-After: 1). Clients that wait as Retry-After asks, as the
// AWS SDKs' retry strategies do, then leave the emulator the load it can serve, and admitted starts
// keep a latency near the saturation p99. Clients that ignore it (a hostile flood) keep every
// connection busy: shedding then saves only the part of a request's cost after the HTTP parsing,
// and admitted latency improves less. Both are measured; the goal is judged on the first.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { summarise } from '../harness/conformance/probes/latency-summary.ts';
import type { BenchSection } from './section.ts';
import { rawRequests, signedRequests } from './support/signed-requests.ts';
import { spawnServer } from './support/spawn-server.ts';

const run = promisify(execFile);
const generator = join(dirname(fileURLToPath(import.meta.url)), 'support', 'closed-loop.ts');

const FLOOD_CONNECTIONS = 2_000;
const SATURATION_CONNECTIONS = 32;
const SECONDS = 6;
const WARM_UP_SECONDS = 2;
const PRESIGNED = 150_000;
/** The goal's "a few times": admitted p99 under overload against p99 at saturation. */
const GOAL_FACTOR = 5;
const NO_ADMISSION = ['--max-per-turn', '0', '--max-in-flight', '0', '--max-event-loop-delay-ms', '0'];

interface LoopResult {
  readonly sent: number;
  readonly answered: number;
  readonly unanswered: number;
  readonly byStatus: Record<string, number>;
  readonly latenciesMs: Record<string, number[]>;
}

/** A fresh emulator for each run: tokens and contacts left by one run are not the next one's load. */
async function measure(emulatorFlags: readonly string[], file: string, connections: number, retryAfter: 'honour' | 'ignore'): Promise<LoopResult> {
  const server = await spawnServer(['bin/connect-harness.js', 'emulator', '--port', '0', '--quotas', 'unlimited', ...emulatorFlags], { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' });
  try {
    const args = [generator, file, server.url, String(connections), String(SECONDS), String(WARM_UP_SECONDS), retryAfter];
    const { stdout } = await run(process.execPath, ['--import', 'tsx', ...args], { maxBuffer: 256 << 20 });
    return JSON.parse(stdout) as LoopResult;
  } finally {
    await server.stop();
  }
}

const p99 = (values: readonly number[] | undefined) => (values && values.length > 0 ? summarise(values).p99 : Number.NaN);
const count = (r: LoopResult, status: number) => r.byStatus[status] ?? 0;
const others = (r: LoopResult) => r.answered - count(r, 200) - count(r, 503);
const perSecond = (r: LoopResult, status: number) => count(r, status) / SECONDS;
const tally = (r: LoopResult) => `${r.answered} answered (${count(r, 200)} 200, ${count(r, 503)} 503, ${others(r)} other), ${r.unanswered} unanswered after a 10 s grace`;

export async function bench(): Promise<BenchSection> {
  const title = 'Emulator overload: 2,000 connections with and without admission control';
  const goal = `under ${FLOOD_CONNECTIONS.toLocaleString('en-US')} connections of clients that honour Retry-After, with the default admission bounds: some starts shed, admitted p99 within ${GOAL_FACTOR}× the p99 at saturation (${SATURATION_CONNECTIONS} connections), 0 unanswered`;
  const dir = await mkdtemp(join(tmpdir(), 'overload-bench-'));
  try {
    // Signed once for any port: the emulator does not check the Host header against its socket.
    const file = join(dir, 'requests.bin');
    await writeFile(file, rawRequests(signedRequests(PRESIGNED, '127.0.0.1')));
    const saturation = await measure([], file, SATURATION_CONNECTIONS, 'ignore');
    const polite = await measure([], file, FLOOD_CONNECTIONS, 'honour');
    const hostile = await measure([], file, FLOOD_CONNECTIONS, 'ignore');
    const unbounded = await measure(NO_ADMISSION, file, FLOOD_CONNECTIONS, 'ignore');
    const base = p99(saturation.latenciesMs['200']);
    const row = (name: string, r: LoopResult) => ({ name, value: p99(r.latenciesMs['200']), unit: 'ms', ratio: p99(r.latenciesMs['200']) / base });
    return {
      title,
      goal,
      met: count(polite, 503) > 0 && p99(polite.latenciesMs['200']) <= GOAL_FACTOR * base && polite.unanswered === 0 && others(polite) === 0 && hostile.unanswered === 0,
      rows: [
        { name: `p99 of starts at saturation, ${SATURATION_CONNECTIONS} connections (baseline)`, value: base, unit: 'ms', ratio: 1 },
        row(`admitted p99, ${FLOOD_CONNECTIONS} connections honouring Retry-After, admission on (defaults)`, polite),
        row(`admitted p99, ${FLOOD_CONNECTIONS} connections ignoring Retry-After, admission on (defaults)`, hostile),
        row(`p99, ${FLOOD_CONNECTIONS} connections, admission off`, unbounded),
        { name: 'honouring Retry-After: admitted starts/s', value: perSecond(polite, 200), unit: 'req/s' },
        { name: 'honouring Retry-After: shed starts/s', value: perSecond(polite, 503), unit: 'req/s' },
        { name: 'ignoring Retry-After: admitted starts/s', value: perSecond(hostile, 200), unit: 'req/s' },
        { name: 'ignoring Retry-After: shed starts/s', value: perSecond(hostile, 503), unit: 'req/s' },
        { name: 'ignoring Retry-After: p99 of a shed answer', value: p99(hostile.latenciesMs['503']), unit: 'ms' },
        { name: 'admission off: starts/s', value: perSecond(unbounded, 200), unit: 'req/s' },
      ],
      notes: [
        `closed model: each connection sends its next pre-signed start (distinct ClientTokens, ${PRESIGNED.toLocaleString('en-US')} cycled) when its last is answered (honouring: after the Retry-After a 503 carries); ${WARM_UP_SECONDS} s warm-up, ${SECONDS} s measured; a fresh emulator (--quotas unlimited) per run; the generator in its own process; emulator and generator share the 2 cores`,
        `saturation: ${tally(saturation)}`,
        `honouring Retry-After, admission on: ${tally(polite)}`,
        `ignoring Retry-After, admission on: ${tally(hostile)}`,
        `admission off (${NO_ADMISSION.join(' ')}): ${tally(unbounded)}`,
      ],
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
