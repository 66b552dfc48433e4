// The published command never leaves a server behind, however it is stopped. Started the way a
// script starts it (`npx connect-harness emulator … &`, then `kill $!`), the signal goes to npm, not
// to the emulator: npm passes SIGTERM to its shell, which dies without passing it on, and SIGKILL
// reaches no one. The emulator must notice and stop: its port free, its process gone.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brokenLink, isNpm, wrapperChain, type ProcessTable } from '../../harness/platform/orphan-guard.ts';
import { settlesWithin, until } from '../support/hang-guard.ts';

const root = join(import.meta.dirname, '..', '..');
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'signals-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Processes whose command line holds every one of `words`, in order (Linux /proc). */
function processesWith(words: readonly string[]): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
        return argv.join('\0').includes(words.join('\0'));
      } catch {
        return false;
      }
    })
    .map(Number);
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** Runs the script a user would write; resolves with what the emulator printed once the script has killed npm. */
async function startThenKill(signal: string, seed: number): Promise<{ port: number; output: string }> {
  const out = join(dir, `emulator-${signal}.out`);
  const script = [
    `npx connect-harness emulator --port 0 --seed ${seed} > '${out}' 2>&1 &`,
    'pid=$!',
    'i=0',
    `until grep -q 'emulator listening' '${out}'; do i=$((i+1)); [ $i -gt 600 ] && exit 3; sleep 0.1; done`,
    `kill -s ${signal} $pid`,
  ].join('\n');
  // A shell that is no part of this test's npm, as a user's terminal or CI step would be.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('npm_')));
  const child = spawn('sh', ['-c', script], { cwd: root, env, stdio: 'ignore' });
  const code = await settlesWithin('the start-then-kill script', new Promise<number | null>((resolve) => child.once('exit', resolve)), 90_000);
  expect(code).toBe(0);
  const output = readFileSync(out, 'utf8');
  const port = Number(/emulator listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(output)?.[1]);
  expect(port).toBeGreaterThan(0);
  return { port, output };
}

describe.skipIf(process.platform !== 'linux')('npx connect-harness emulator … & kill $!', () => {
  it.each(['TERM', 'KILL'])('SIG%s to npm: the emulator stops, its port is free and no process is left', async (signal) => {
    const seed = 1_000_000 + Math.floor(Math.random() * 8_000_000);
    const mark = ['emulator', '--port', '0', '--seed', String(seed)];
    const { port } = await startThenKill(signal, seed);
    try {
      await until(`the emulator on port ${port} to stop after SIG${signal} to npm`, async () => processesWith(mark).length === 0, 30_000);
      expect(await portIsFree(port)).toBe(true);
      // It stopped as on SIGTERM: requests in flight finished, then it said so.
      expect(readFileSync(join(dir, `emulator-${signal}.out`), 'utf8')).toMatch(/stopping as on SIGTERM\n(.*\n)*emulator: stopped \(\d+ calls? active\)\n$/);
    } finally {
      for (const pid of processesWith(mark)) process.kill(pid, 'SIGKILL');
    }
  }, 120_000);

  it('Ctrl-C (SIGINT to the whole foreground process group, as a terminal sends it): the emulator stops too', async () => {
    const seed = 1_000_000 + Math.floor(Math.random() * 8_000_000);
    const mark = ['emulator', '--port', '0', '--seed', String(seed)];
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('npm_')));
    // Its own process group, as a terminal gives the job it runs in the foreground.
    const npx = spawn('npx', ['connect-harness', ...mark], { cwd: root, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    npx.stdout.on('data', (d: Buffer) => (output += d.toString()));
    npx.stderr.on('data', (d: Buffer) => (output += d.toString()));
    try {
      await until('the emulator to listen', () => /emulator listening on http:\/\/127\.0\.0\.1:(\d+)/.test(output), 60_000);
      const port = Number(/127\.0\.0\.1:(\d+)/.exec(output)![1]);
      process.kill(-npx.pid!, 'SIGINT');
      await until(`the emulator on port ${port} to stop after Ctrl-C`, async () => processesWith(mark).length === 0, 30_000);
      expect(await portIsFree(port), `port ${port} after Ctrl-C; the emulator said: ${output}`).toBe(true);
      expect(output).toContain('emulator: SIGINT: answering the requests received');
    } finally {
      for (const pid of processesWith(mark)) process.kill(pid, 'SIGKILL');
    }
  }, 120_000);
});

describe('the wrapper chain', () => {
  /** A fake process table: pid → [parent, command line]. */
  const table = (rows: Record<number, [number, string[]]>): ProcessTable => ({
    readable: true,
    parentOf: (pid) => (pid === process.pid ? rows[0]![0] : rows[pid]?.[0]),
    commandLine: (pid) => rows[pid]?.[1] ?? [],
  });

  it('runs from this process up to npm, through its shell and launchers', () => {
    const chain = wrapperChain(table({ 0: [500, []], 500: [400, ['sh', '-c', 'connect-harness emulator']], 400: [300, ['npm exec connect-harness emulator']], 300: [1, ['bash']] }));
    expect(chain).toEqual([
      { pid: process.pid, parent: 500 },
      { pid: 500, parent: 400 },
    ]);
  });

  it('is empty when no npm is near: run by node itself, or as PID 1 in a container', () => {
    expect(wrapperChain(table({ 0: [500, []], 500: [1, ['bash']] }))).toEqual([]);
    expect(wrapperChain(table({ 0: [0, []] }))).toEqual([]);
  });

  it('without /proc, watches the direct parent only when npm started us', () => {
    const blind: ProcessTable = { readable: false, parentOf: () => undefined, commandLine: () => [] };
    expect(wrapperChain(blind, { npm_command: 'exec' })).toEqual([{ pid: process.pid, parent: process.ppid }]);
    expect(wrapperChain(blind, {})).toEqual([]);
  });

  it('breaks when a wrapper is gone or its child has another parent', () => {
    const links = [{ pid: 10, parent: 9 }, { pid: 9, parent: 8 }];
    expect(brokenLink(links, (pid) => ({ 10: 9, 9: 8 })[pid])).toBeUndefined();
    expect(brokenLink(links, (pid) => ({ 10: 9, 9: 1 })[pid])).toEqual({ pid: 9, parent: 8 });
    expect(brokenLink(links, (pid) => ({ 10: 1 })[pid])).toEqual({ pid: 10, parent: 9 });
  });

  it('knows npm by its script, its binary or the title it gives itself', () => {
    expect(isNpm(['node', '/usr/lib/node_modules/npm/bin/npx-cli.js', 'connect-harness'])).toBe(true);
    expect(isNpm(['/usr/bin/npm', 'start'])).toBe(true);
    expect(isNpm(['npm exec connect-harness emulator --port 0'])).toBe(true);
    expect(isNpm(['npm run stack'])).toBe(true);
    expect(isNpm(['node', 'bin/connect-harness.js', 'emulator'])).toBe(false);
    expect(isNpm(['sh', '-c', 'npm start'])).toBe(false);
  });
});
