// RSS of the emulator's memory idempotency store holding one million remembered ClientTokens,
// against the same process before it remembered any (measured in a child process, after a GC).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { BenchSection } from './section.ts';

const run = promisify(execFile);
const TOKENS = 1_000_000;
const MB = 1024 * 1024;

export async function bench(): Promise<BenchSection> {
  const { stdout } = await run(process.execPath, ['--expose-gc', '--import', 'tsx', 'bench/support/remember-tokens.ts', String(TOKENS)], { maxBuffer: 1 << 20 });
  const { before, after, size } = JSON.parse(stdout) as { before: number; after: number; size: number };
  return {
    title: 'Memory: one million remembered ClientTokens',
    goal: 'RSS under 500 MB with one million remembered tokens',
    met: after < 500 * MB && size === TOKENS,
    rows: [
      { name: 'RSS before remembering (baseline)', value: before / MB, unit: 'MB', ratio: 1 },
      { name: `RSS with ${size.toLocaleString('en-US')} tokens remembered`, value: after / MB, unit: 'MB', ratio: after / before },
      { name: 'per remembered token', value: (after - before) / size, unit: 'bytes' },
    ],
    notes: ['tokens are UUIDs in one scope (account, region, instance), each holding a ContactId, a time and an empty fingerprint, as a start without --strict-tokens leaves them'],
  };
}
