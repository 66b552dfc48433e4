// Redis from the local `redis-server` (Debian package redis-server): a free port on 127.0.0.1, no
// persistence, its own temporary working directory.
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnServer, waitUntilReady } from './child-process.ts';
import { findExecutable } from './find-executable.ts';
import { freePort } from './free-port.ts';
import type { RunningService } from './running-service.ts';

export interface LocalRedis extends RunningService {
  readonly port: number;
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

export async function startLocalRedis(options: { binary?: string; port?: number; timeoutMs?: number } = {}): Promise<LocalRedis> {
  const binary = options.binary ?? findRedisServer();
  if (!binary) throw new Error('redis-server is not on PATH (Debian package redis-server)');
  const dir = mkdtempSync(join(tmpdir(), 'harness-redis-'));
  const port = options.port || (await freePort());
  const server = spawnServer(binary, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir]);
  try {
    await waitUntilReady(`redis-server on port ${port}`, server, () => pingRedis(port), options.timeoutMs ?? 10_000);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const stop = async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  return { url: `redis://127.0.0.1:${port}`, port, kind: 'local', stop, [Symbol.asyncDispose]: stop };
}
