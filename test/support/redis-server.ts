// A throwaway redis-server for integration tests: a free port, no persistence, its own temp dir.
// Tests decide what a missing binary means (skip locally, fail under CI=true): see redisAvailability().
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

export interface RedisServer extends AsyncDisposable {
  readonly port: number;
  /** redis://127.0.0.1:PORT */
  readonly url: string;
  stop(): Promise<void>;
}

/** The redis-server on PATH (or undefined). */
export function findRedisServer(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, 'redis-server');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/**
 * Whether Redis tests can run: `skip` carries the visible reason when they cannot. Under CI=true a
 * missing redis-server is not a skip but a failure, reported by the caller through `mustFail`.
 */
export function redisAvailability(): { binary: string | undefined; skip: string | undefined; mustFail: boolean } {
  const binary = findRedisServer();
  if (binary) return { binary, skip: undefined, mustFail: false };
  const ci = process.env.CI === 'true';
  return { binary, skip: ci ? undefined : 'redis-server is not on PATH (Debian package redis-server)', mustFail: ci };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    let answer = '';
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.on('error', () => done(false));
    socket.on('data', (d) => {
      answer += d.toString();
      if (answer.includes('\r\n')) done(answer.startsWith('+PONG'));
    });
    socket.on('connect', () => socket.write('PING\r\n'));
  });
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Starts redis-server and resolves once it answers PING. */
export async function startRedisServer(binary = findRedisServer(), timeoutMs = 10_000): Promise<RedisServer> {
  if (!binary) throw new Error('redis-server is not on PATH');
  const dir = mkdtempSync(join(tmpdir(), 'emulator-redis-'));
  const port = await freePort();
  const child = spawn(binary, ['--save', '', '--appendonly', 'no', '--port', String(port), '--bind', '127.0.0.1', '--dir', dir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // A crashed test run must not leave the server behind.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  let output = '';
  child.stdout?.on('data', (d) => (output = (output + d.toString()).slice(-4000)));
  child.stderr?.on('data', (d) => (output = (output + d.toString()).slice(-4000)));
  const stop = async () => {
    process.off('exit', killOnExit);
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited(child);
      clearTimeout(killer);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + timeoutMs;
  while (!(await ping(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`redis-server did not answer PING on port ${port}: ${output.trim().split('\n').slice(-5).join(' | ')}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { port, url: `redis://127.0.0.1:${port}`, stop, [Symbol.asyncDispose]: stop };
}
