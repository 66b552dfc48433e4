// Graceful close: under keep-alive load with injected latency, close() (and SIGTERM to the command)
// answers every request received, marks those answers `connection: close`, refuses a request that
// arrives anyway with a retryable 503 (never silence), never cuts a request whose handler has run,
// and the command exits 0. Every start the clients were answered with is a contact the emulator
// holds, and every contact it holds was answered.
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../harness/emulator/server.ts';
import { contactFlowId, instanceId } from '../support/connect-client.ts';
import { startEmulatorProcess } from '../support/emulator-process.ts';
import { expectCondition } from '../support/expect-aws-error.ts';
import { HANG_GUARD_MS, settlesWithin, until } from '../support/hang-guard.ts';
import { httpRequest, jsonOf, RawConnection, responseOf, type RawResponse } from '../support/raw-http.ts';

const json = { 'content-type': 'application/json' };
const start = (token: string) => httpRequest('PUT', '/contact/webrtc', json, JSON.stringify({ InstanceId: instanceId, ContactFlowId: contactFlowId, ParticipantDetails: { DisplayName: 'a' }, ClientToken: token }));

interface Sent {
  readonly sentAt: number;
  answeredAt?: number;
  response?: RawResponse;
  /** What happened instead of an answer. */
  lost?: string;
}

/**
 * `connections` clients, each sending starts one after the other on one keep-alive connection, and
 * opening a new one when the server closes it, until the server refuses connections.
 */
function keepAliveLoad(port: number, connections: number): { sent: Sent[]; done: Promise<void> } {
  const sent: Sent[] = [];
  let next = 0;
  const client = async () => {
    let connection: RawConnection | undefined;
    for (;;) {
      if (!connection) {
        try {
          connection = await RawConnection.open(port);
        } catch {
          return; // no longer listening
        }
      }
      const entry: Sent = { sentAt: performance.now() };
      sent.push(entry);
      const result = await connection.send(start(`drain-${next++}`), { timeoutMs: HANG_GUARD_MS });
      if (result.kind !== 'response') {
        entry.lost = result.kind === 'closed' ? 'connection closed without an answer' : 'no answer';
        connection.close();
        connection = undefined;
        continue;
      }
      entry.answeredAt = performance.now();
      entry.response = result.response;
      if (result.response.headers.connection === 'close') {
        // Said it closes: wait for that instead of racing the next request into it.
        const after = await connection.read({ timeoutMs: HANG_GUARD_MS });
        if (after.kind !== 'closed') entry.lost = `said close, then ${after.kind}`;
        connection.close();
        connection = undefined;
      }
    }
  };
  return { sent, done: Promise.all(Array.from({ length: connections }, client)).then(() => undefined) };
}

/** What every stop must show: all answered, 200 or the 503, and the starts answered are the contacts held. */
function expectAllAnswered(sent: readonly Sent[], closeAt: number): { starts: number; refused: number } {
  expect(sent.filter((s) => s.lost !== undefined).map((s) => s.lost)).toEqual([]);
  let starts = 0;
  let refused = 0;
  for (const { response } of sent) {
    if (response!.status === 200) {
      expect(jsonOf(response!)).toEqual(expect.objectContaining({ ContactId: expect.any(String) }));
      starts++;
    } else {
      expectCondition(response!, 'shutting-down');
      expect(response!.headers.connection).toBe('close');
      refused++;
    }
  }
  // Requests were in flight when the stop began (the latency sees to it), and they were answered,
  // saying that the connection closes.
  const inFlight = sent.filter((s) => s.sentAt < closeAt && s.answeredAt! > closeAt && s.response!.status === 200);
  expect(inFlight.length).toBeGreaterThan(0);
  expect(inFlight.some((s) => s.response!.headers.connection === 'close')).toBe(true);
  return { starts, refused };
}

let emu: RunningEmulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

describe('close() under keep-alive load', () => {
  it('answers every request received, each start it answered is a contact held, and nothing is lost', { timeout: 60_000 }, async () => {
    emu = await startEmulator({ port: 0, noAuth: true, quotas: { preset: 'unlimited' }, faults: { latency: 'fixed:200' } });
    const load = keepAliveLoad(emu.port, 8);
    await until('answers to flow', () => load.sent.filter((s) => s.response).length >= 24);
    const closeAt = performance.now();
    const closing = emu.close();
    await settlesWithin('the clients', load.done);
    await settlesWithin('close()', closing);
    const { starts } = expectAllAnswered(load.sent, closeAt);
    expect(emu.app.service.contacts.activeCalls(instanceId, emu.options.clock.now())).toBe(starts);
  });

  it('a request that arrives on an open connection after close() began → 503 ServiceUnavailableException, connection: close', async () => {
    emu = await startEmulator({ port: 0, noAuth: true, quotas: { preset: 'unlimited' } });
    const connection = await RawConnection.open(emu.port);
    try {
      const first = responseOf(await connection.send(start('before'), { timeoutMs: HANG_GUARD_MS }));
      expect(first.status).toBe(200);
      expect(first.headers.connection).toBe('keep-alive');
      const closing = emu.close();
      // The answer before said keep-alive: this client may well send another at once.
      const second = responseOf(await connection.send(start('after'), { timeoutMs: HANG_GUARD_MS }));
      expectCondition(second, 'shutting-down');
      expect(second.headers.connection).toBe('close');
      expect(second.headers['x-amzn-requestid']).toEqual(expect.any(String));
      expect((await connection.read({ timeoutMs: HANG_GUARD_MS })).kind).toBe('closed');
      await settlesWithin('close()', closing);
      // Refused before anything read it: no contact started for it.
      expect(emu.app.service.contacts.activeCalls(instanceId, emu.options.clock.now())).toBe(1);
    } finally {
      connection.close();
    }
  });

  it('idle keep-alive connections are closed, and close() resolves', async () => {
    emu = await startEmulator({ port: 0, noAuth: true });
    const idle = await RawConnection.open(emu.port);
    const used = await RawConnection.open(emu.port);
    try {
      expect(responseOf(await used.send(httpRequest('GET', '/__emulator/health'), { timeoutMs: HANG_GUARD_MS })).status).toBe(200);
      await settlesWithin('close()', emu.close());
      expect((await idle.read({ timeoutMs: HANG_GUARD_MS })).kind).toBe('closed');
      expect((await used.read({ timeoutMs: HANG_GUARD_MS })).kind).toBe('closed');
    } finally {
      idle.close();
      used.close();
    }
  });

  it('the drain timeout refuses a body still arriving with the 503, and never cuts a request whose handler ran', { timeout: 30_000 }, async () => {
    // Latency far past the drain timeout: the complete request is still waiting when time is up.
    emu = await startEmulator({ port: 0, noAuth: true, quotas: { preset: 'unlimited' }, faults: { latency: 'fixed:1500' } });
    const complete = await RawConnection.open(emu.port);
    const stalled = await RawConnection.open(emu.port);
    try {
      complete.write(start('complete'));
      stalled.write(httpRequest('PUT', '/contact/webrtc', { ...json, 'content-length': '100' }));
      stalled.write('{"InstanceId":');
      const app = emu.app;
      await until('both requests to be in the handler', () => app.inFlight() === 2);
      const closing = emu.close({ timeoutMs: 300 });
      const refused = responseOf(await stalled.read({ timeoutMs: HANG_GUARD_MS }));
      expectCondition(refused, 'shutting-down');
      const answered = responseOf(await complete.read({ timeoutMs: HANG_GUARD_MS }));
      expect(answered.status, answered.text).toBe(200);
      expect(answered.headers.connection).toBe('close');
      await settlesWithin('close()', closing);
      expect(app.service.contacts.activeCalls(instanceId, emu.options.clock.now())).toBe(1);
    } finally {
      complete.close();
      stalled.close();
    }
  });

  it('a client still sending its headers when the stop begins is answered, not dropped', async () => {
    emu = await startEmulator({ port: 0, noAuth: true, headersTimeoutMs: 300, requestTimeoutMs: 600_000 });
    const connection = await RawConnection.open(emu.port);
    try {
      connection.write('PUT /contact/webrtc HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-le');
      const closing = emu.close();
      expectCondition(responseOf(await connection.read({ timeoutMs: HANG_GUARD_MS })), 'request-timeout');
      await settlesWithin('close()', closing);
    } finally {
      connection.close();
    }
  });
});

describe('SIGTERM to `connect-harness emulator` under keep-alive load', () => {
  it('answers every request, every start answered is a contact held, and exits 0', { timeout: 90_000 }, async () => {
    const child = await startEmulatorProcess(['--port', '0', '--no-auth', '--quotas', 'unlimited', '--latency', 'fixed:200']);
    try {
      const port = Number(new URL(child.url).port);
      const load = keepAliveLoad(port, 8);
      await until('answers to flow', () => load.sent.filter((s) => s.response).length >= 24);
      const closeAt = performance.now();
      child.signal('SIGTERM');
      await settlesWithin('the clients', load.done);
      const exit = await settlesWithin('the process to exit', child.exited);
      expect(exit, exit.stderr).toEqual(expect.objectContaining({ code: 0, signal: null }));
      const { starts } = expectAllAnswered(load.sent, closeAt);
      expect(exit.stderr).toContain(`emulator: stopped (${starts} calls active)`);
    } finally {
      await child.stop();
    }
  });
});
