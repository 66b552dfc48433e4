// Runs the open-model generator (open-loop.ts) in its own process, so that it shares no heap (and
// no garbage collection pauses) with the benchmark that prepared the requests.
import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const script = join(dirname(fileURLToPath(import.meta.url)), 'open-loop.ts');

export interface RateResult {
  readonly sent: number;
  readonly ok: number;
  readonly latenciesMs: number[];
}

/**
 * `requestsFile`: raw requests separated by NUL bytes (rawRequests), used in order, never cycled,
 * enough for `warmUpSeconds + seconds` at the rate. The warm-up's answers are not in the result.
 */
export async function constantRate(url: string, requestsFile: string, ratePerSecond: number, seconds: number, warmUpSeconds: number): Promise<RateResult> {
  const args = [script, requestsFile, url, String(ratePerSecond), String(seconds), String(warmUpSeconds)];
  const { stdout } = await run(process.execPath, ['--import', 'tsx', ...args], { maxBuffer: 64 << 20 });
  return JSON.parse(stdout) as RateResult;
}
