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
  const requests = Number(/(\d+) requests in/.exec(stdout)?.[1] ?? NaN);
  return { requestsPerSecond: rps, non2xx, requests };
}
