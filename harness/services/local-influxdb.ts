// InfluxDB 1.x from the local `influxd` (Debian package influxdb, 1.6): a generated config on a
// temporary directory, free ports on 127.0.0.1, nothing reported home. Restartable on the same port
// and data directory, which is how the outage tests bring "the same" InfluxDB back.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnServer, waitUntilReady } from './child-process.ts';
import { findExecutable } from './find-executable.ts';
import { freePort } from './free-port.ts';
import { pingInflux } from './influx-http.ts';
import type { RunningService } from './running-service.ts';

export interface LocalInfluxOptions {
  /** The data directory; given, it is the caller's (kept at stop), otherwise a temporary one is made and removed. */
  readonly dir?: string;
  /** The HTTP port; 0 or absent picks a free one. */
  readonly port?: number;
  readonly binary?: string;
  readonly timeoutMs?: number;
}

export interface LocalInflux extends RunningService {
  readonly port: number;
  readonly dir: string;
  /** SIGKILL, leaving the data directory as a crash would. */
  kill(): Promise<void>;
}

export function findInfluxd(): string | undefined {
  return findExecutable('influxd');
}

/** The config influxd 1.6 needs to live entirely inside `dir` and on 127.0.0.1. */
export function influxdConfig(dir: string, httpPort: number, rpcPort: number): string {
  const path = (p: string) => JSON.stringify(join(dir, p));
  return [
    'reporting-disabled = true',
    `bind-address = "127.0.0.1:${rpcPort}"`,
    '[meta]',
    `  dir = ${path('meta')}`,
    '[data]',
    `  dir = ${path('data')}`,
    `  wal-dir = ${path('wal')}`,
    '  query-log-enabled = false',
    // wal-fsync-delay stays 0: a write is on disk when acknowledged, so a killed influxd (the
    // outage tests) loses nothing it acknowledged. With a delay it lost up to that much.
    '[monitor]',
    '  store-enabled = false',
    '[http]',
    '  enabled = true',
    `  bind-address = "127.0.0.1:${httpPort}"`,
    '  log-enabled = false',
    '[logging]',
    '  level = "warn"',
    '',
  ].join('\n');
}

export async function startLocalInflux(options: LocalInfluxOptions = {}): Promise<LocalInflux> {
  const binary = options.binary ?? findInfluxd();
  if (!binary) throw new Error('influxd is not on PATH (Debian package influxdb)');
  const ownsDir = options.dir === undefined;
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'harness-influxdb-'));
  const port = options.port || (await freePort());
  const configFile = join(dir, 'influxdb.conf');
  writeFileSync(configFile, influxdConfig(dir, port, await freePort()));
  const server = spawnServer(binary, ['run', '-config', configFile]);
  const url = `http://127.0.0.1:${port}`;
  const cleanup = () => {
    if (ownsDir) rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitUntilReady(`influxd on port ${port}`, server, () => pingInflux(url), options.timeoutMs ?? 20_000);
  } catch (error) {
    cleanup();
    throw error;
  }
  const stop = async () => {
    await server.stop();
    cleanup();
  };
  return { url, port, dir, kind: 'local', stop, kill: () => server.kill(), [Symbol.asyncDispose]: stop };
}
