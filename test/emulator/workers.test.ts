// `emulator --workers N` (harness/cli/emulator-workers.ts) against a real redis-server: several
// processes answer on one port, share ClientTokens through Redis, stop together on SIGTERM (exit 0,
// no process left, the port free) answering what each holds, and a worker that dies stops the rest
// with exit 2. Which worker
// answered shows in the health answer's x-emulator-worker header (its pid). Skips, saying why,
// without redis-server; fails instead under CI=true.
import { StartWebRTCContactCommand } from '@aws-sdk/client-connect';
import { get } from 'node:http';
import { createServer } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startEmulator } from '../../harness/emulator/server.ts';
import { availability } from '../../harness/services/availability.ts';
import type { RunningService } from '../../harness/services/running-service.ts';
import { startRedis } from '../../harness/services/start-redis.ts';
import { clientFor, contactFlowId, instanceId, startInput } from '../support/connect-client.ts';
import { startEmulatorProcess, type EmulatorProcess } from '../support/emulator-process.ts';
import { settlesWithin, until } from '../support/hang-guard.ts';
import { httpRequest, RawConnection, responseOf } from '../support/raw-http.ts';
import { describeWithService } from '../support/service-guard.ts';

/** GET the health route on a connection of its own (the primary hands each new one to the next worker). */
function health(url: string): Promise<{ status: number; worker: string | undefined }> {
  return new Promise((resolve, reject) => {
    get(`${url}/__emulator/health`, { agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode!, worker: res.headers['x-emulator-worker'] as string | undefined }));
    }).on('error', reject);
  });
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** Every worker pid seen in `connections` health answers on fresh connections. */
async function workerPids(url: string, connections: number): Promise<Set<number>> {
  const answers = await Promise.all(Array.from({ length: connections }, () => health(url)));
  expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
  return new Set(answers.map((a) => Number(a.worker)));
}

it('one process answers health without an x-emulator-worker header', async () => {
  await using emulator = await startEmulator({ port: 0 });
  expect(await health(emulator.url)).toEqual({ status: 200, worker: undefined });
});

describeWithService(await availability('redis'), 'emulator --workers', () => {
  let redis: RunningService;
  const started: EmulatorProcess[] = [];
  const workers = (n: number) => startEmulatorProcess(['--port', '0', '--workers', String(n), '--store', redis.url, '--quotas', 'unlimited']).then((p) => (started.push(p), p));

  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await Promise.allSettled(started.map((p) => p.stop()));
    await redis?.stop();
  });

  it('answers on one port from more than one worker, which share ClientTokens; SIGTERM: exit 0, no process left, the port free', async () => {
    const emulator = await workers(2);
    const pids = await workerPids(emulator.url, 8);
    expect(pids.size).toBe(2);
    for (const pid of pids) expect(pid).not.toBe(emulator.pid);

    // One token through four clients (four connections, so both workers): one contact.
    const ClientToken = `workers-${Date.now()}`;
    const clients = Array.from({ length: 4 }, () => clientFor(emulator));
    try {
      const outputs = await Promise.all(clients.map((c) => c.send(new StartWebRTCContactCommand(startInput({ ClientToken })))));
      expect(new Set(outputs.map((o) => o.ContactId)).size).toBe(1);
    } finally {
      for (const c of clients) c.destroy();
    }

    emulator.signal('SIGTERM');
    const exit = await settlesWithin('the workers to stop after SIGTERM', emulator.exited, 30_000);
    expect(exit.code, exit.stderr).toBe(0);
    expect(exit.stderr).toContain(`workers 2 (pids ${[...pids].sort((a, b) => a - b).join(', ')})`);
    expect(exit.stderr).toMatch(/emulator: worker 1: stopped \(\d+ calls active\)\n/);
    expect(exit.stderr).toMatch(/emulator: stopped \(2 workers\)\n$/);
    for (const pid of [emulator.pid, ...pids]) expect(alive(pid), `pid ${pid} still running`).toBe(false);
    expect(await portIsFree(Number(new URL(emulator.url).port))).toBe(true);
  }, 60_000);

  it('SIGTERM while every worker holds a request (1.5 s of injected latency): each is answered 200, connection: close', async () => {
    const emulator = await startEmulatorProcess(['--port', '0', '--workers', '2', '--store', redis.url, '--quotas', 'unlimited', '--no-auth', '--latency', 'fixed:1500']);
    started.push(emulator);
    const port = Number(new URL(emulator.url).port);
    const connections = await Promise.all(Array.from({ length: 4 }, () => RawConnection.open(port)));
    try {
      // A health answer first: the connection is then a worker's (not waiting in the primary), and which.
      const owners = new Set<string>();
      for (const c of connections) {
        const answer = responseOf(await c.send(httpRequest('GET', '/__emulator/health')));
        owners.add(answer.headers['x-emulator-worker']!);
      }
      expect(owners.size).toBe(2);
      const body = (token: string) => JSON.stringify({ InstanceId: instanceId, ContactFlowId: contactFlowId, ParticipantDetails: { DisplayName: 'a' }, ClientToken: token });
      const answers = connections.map((c, i) => c.send(httpRequest('PUT', '/contact/webrtc', { 'content-type': 'application/json' }, body(`in-flight-${Date.now()}-${i}`)), { timeoutMs: 20_000 }));
      emulator.signal('SIGTERM');
      for (const answer of await Promise.all(answers)) {
        const response = responseOf(answer);
        expect(response.status, response.text).toBe(200);
        expect(response.headers.connection).toBe('close');
      }
      const exit = await settlesWithin('the workers to stop after SIGTERM', emulator.exited, 30_000);
      expect(exit.code, exit.stderr).toBe(0);
    } finally {
      for (const c of connections) c.close();
    }
  }, 60_000);

  it('a worker that dies is reported in one line; the others stop and the command exits 2', async () => {
    const emulator = await workers(2);
    const pids = [...(await workerPids(emulator.url, 4))];
    expect(pids.length).toBe(2);
    process.kill(pids[0]!, 'SIGKILL');
    const exit = await settlesWithin('the workers to stop after one was killed', emulator.exited, 30_000);
    expect(exit.code, exit.stderr).toBe(2);
    expect(exit.stderr).toMatch(new RegExp(`emulator: worker \\d+ \\(pid ${pids[0]}\\) was killed by SIGKILL while serving; stopping the others\\n`));
    await until(`worker ${pids[1]} to exit`, () => !alive(pids[1]!));
  }, 60_000);
});
