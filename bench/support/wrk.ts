// Runs wrk with the replay script and reads its summary.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const script = join(dirname(fileURLToPath(import.meta.url)), 'replay-requests.lua');

export interface WrkResult {
  readonly requestsPerSecond: number;
  readonly non2xx: number;
  readonly requests: number;
  /** How long wrk sent for, as it reports it ("N requests in 6.00s"). */
  readonly seconds: number;
  /** performance.now() when wrk exited: its sending window is the `seconds` before, give or take its summary. */
  readonly endedAt: number;
}

export async function hasWrk(): Promise<boolean> {
  try {
    await run('wrk', ['--version']).catch((e: { stdout?: string }) => {
      if (!e.stdout?.includes('wrk')) throw e;
    });
    return true;
  } catch {
    return false;
  }
}

export async function wrk(url: string, requestsFile: string, options: { seconds: number; connections: number }): Promise<WrkResult> {
  const { stdout } = await run('wrk', ['-t1', `-c${options.connections}`, `-d${options.seconds}s`, '-s', script, url, '--', requestsFile], { maxBuffer: 1 << 20 });
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(stdout)?.[1] ?? NaN);
  const non2xx = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(stdout)?.[1] ?? 0);
  const endedAt = performance.now();
  const requests = Number(/(\d+) requests in/.exec(stdout)?.[1] ?? NaN);
  const took = /requests in ([\d.]+)(ms|s|m)\b/.exec(stdout);
  const seconds = took ? Number(took[1]) * (took[2] === 'ms' ? 0.001 : took[2] === 'm' ? 60 : 1) : Number.NaN;
  return { requestsPerSecond: rps, non2xx, requests, seconds, endedAt };
}
