// Redis from the local `redis-server` (Debian package redis-server): a free port on 127.0.0.1, an
// append-only file in its own data directory (redis-durability.ts). Restartable on the same port and
// data directory, which is how the outage tests bring "the same" Redis back with its tokens.
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnServer, waitUntilReady } from './child-process.ts';
import { findExecutable } from './find-executable.ts';
import { freePort } from './free-port.ts';
import { redisDurabilityArgs } from './redis-durability.ts';
import type { RunningService } from './running-service.ts';

export interface LocalRedisOptions {
  /** The data directory; given, it is the caller's (kept at stop), otherwise a temporary one is made and removed. */
  readonly dir?: string;
  /** 0 or absent picks a free one. */
  readonly port?: number;
  readonly binary?: string;
  readonly timeoutMs?: number;
}

export interface LocalRedis extends RunningService {
  readonly port: number;
  readonly dir: string;
  /** The redis-server process (tests stop and continue it to play a hung server). */
  readonly pid: number;
  /** SIGKILL, leaving the data directory as a crash would. */
  kill(): Promise<void>;
}

export function findRedisServer(): string | undefined {
  return findExecutable('redis-server');
}

/** True when a Redis on `port` answers PING with PONG. */
export function pingRedis(port: number, host = '127.0.0.1', timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host });
    let answer = '';
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.on('error', () => done(false));
    socket.on('data', (d) => {
      answer += d.toString();
      if (answer.includes('\r\n')) done(answer.startsWith('+PONG'));
    });
    socket.on('connect', () => socket.write('PING\r\n'));
  });
}

export async function startLocalRedis(options: LocalRedisOptions = {}): Promise<LocalRedis> {
  const binary = options.binary ?? findRedisServer();
  if (!binary) throw new Error('redis-server is not on PATH (Debian package redis-server)');
  const ownsDir = options.dir === undefined;
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'harness-redis-'));
  const port = options.port || (await freePort());
  const server = spawnServer(binary, ['--port', String(port), '--bind', '127.0.0.1', ...redisDurabilityArgs, '--dir', dir]);
  const cleanup = () => {
    if (ownsDir) rmSync(dir, { recursive: true, force: true });
  };
  try {
    // PING answers PONG only once the append-only file is loaded (before that: -LOADING).
    await waitUntilReady(`redis-server on port ${port}`, server, () => pingRedis(port), options.timeoutMs ?? 10_000);
  } catch (error) {
    cleanup();
    throw error;
  }
  const stop = async () => {
    await server.stop();
    cleanup();
  };
  return { url: `redis://127.0.0.1:${port}`, port, dir, pid: server.child.pid!, kind: 'local', stop, kill: () => server.kill(), [Symbol.asyncDispose]: stop };
}
