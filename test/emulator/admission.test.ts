// Admission control over real sockets: a flood against a small in-flight bound sheds some requests
// with the AWS-shaped throttle (503 ServiceUnavailableException, Retry-After), answers every one,
// lets every admitted one complete, and counts what it shed; shedding happens before the signature
// and the body are looked at; a late event loop sheds too. Behaviour only: nothing here asserts how
// long anything took.
import { StartWebRTCContactCommand } from '@aws-sdk/client-connect';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../harness/cli/command.ts';
import { emulatorOptionsFromArgs, withCommandLineDefaults } from '../../harness/cli/commands/emulator.ts';
import { defaultProfile } from '../../harness/contract/index.ts';
import { DEFAULT_MAX_EVENT_LOOP_DELAY_MS, DEFAULT_MAX_IN_FLIGHT, DEFAULT_MAX_PER_TURN } from '../../harness/contract/defaults.ts';
import { resolveOptions } from '../../harness/emulator/options.ts';
import type { RequestEvent } from '../../harness/emulator/observer.ts';
import { startEmulator } from '../../harness/emulator/server.ts';
import { clientFor, contactFlowId, instanceId, rejectionOf, startInput, UUID } from '../support/connect-client.ts';
import { settlesWithin, until } from '../support/hang-guard.ts';
import { httpRequest, jsonOf, RawConnection, responseOf, type RawResponse, type RawResult } from '../support/raw-http.ts';
import { signRequest } from '../support/sign-raw.ts';

const overloaded = defaultProfile.entries.overloaded;

/** A signed start with its own ClientToken, as raw bytes. */
async function signedStart(port: number, i: number): Promise<Buffer> {
  const body = JSON.stringify({ InstanceId: instanceId, ContactFlowId: contactFlowId, ParticipantDetails: { DisplayName: `Flood ${i}` }, ClientToken: `flood-${i}` });
  return (await signRequest({ port, method: 'PUT', path: '/contact/webrtc', body })).bytes();
}

/** The shed answer: 503, the profile's error name, Retry-After, a request id and a JSON Message. */
function expectShed(response: RawResponse): void {
  expect(response.status, response.text).toBe(503);
  expect(response.headers['x-amzn-errortype']).toBe(overloaded.error);
  expect(response.headers['retry-after']).toBe('1');
  expect(response.headers['content-type']).toBe('application/json');
  expect(response.headers['x-amzn-requestid']).toMatch(UUID);
  expect((jsonOf(response) as { Message: string }).Message).toMatch(/^Service temporarily overloaded \(.+\); retry after 1 s$/);
}

describe('admission control', () => {
  it('a flood of 400 connections against a bound of 20 with added latency: some shed with 503 + Retry-After, every request answered, every admitted one completes, the shed counted', async () => {
    const events: RequestEvent[] = [];
    await using emu = await startEmulator({
      port: 0,
      quotas: { preset: 'unlimited' },
      faults: { latency: 'fixed:300' }, // admitted requests stay in progress, so work piles up
      admission: { maxInFlight: 20 },
      observer: { request: (e) => events.push(e) },
    });
    const count = 400;
    const requests = await Promise.all(Array.from({ length: count }, (_, i) => signedStart(emu.port, i)));
    const connections = await Promise.all(requests.map(() => RawConnection.open(emu.port)));
    try {
      // Every request written before any answer is read: they arrive together.
      const results: RawResult[] = await settlesWithin('every flood request answered', Promise.all(connections.map((c, i) => c.send(requests[i]!, { timeoutMs: 60_000 }))), 90_000);
      const unanswered = results.filter((r) => r.kind !== 'response');
      expect(unanswered.map((r) => r.kind)).toEqual([]);
      const responses = results.map(responseOf);
      const shed = responses.filter((r) => r.status === 503);
      const admitted = responses.filter((r) => r.status !== 503);
      expect(shed.length).toBeGreaterThan(0);
      expect(admitted.length).toBeGreaterThanOrEqual(20);
      for (const response of shed) expectShed(response);
      // Admitted requests were served in full: each started a contact.
      for (const response of admitted) {
        expect(response.status, response.text).toBe(200);
        expect((jsonOf(response) as { ContactId?: string }).ContactId).toMatch(UUID);
      }
      // Counted where the metrics exporter counts: one event each, outcome "shed", the condition as rule.
      const shedEvents = events.filter((e) => e.outcome === 'shed');
      expect(shedEvents).toHaveLength(shed.length);
      for (const e of shedEvents) expect(e).toMatchObject({ operation: 'StartWebRTCContact', errorName: overloaded.error, condition: 'overloaded' });
      expect(events.filter((e) => e.outcome === 'accepted')).toHaveLength(admitted.length);
      expect(emu.app.shed()).toBe(shed.length);
    } finally {
      for (const c of connections) c.close();
    }
  });

  it('a burst arriving in one event-loop turn beyond maxPerTurn: the excess shed with 503 + Retry-After, every request answered, the admitted ones served in full', async () => {
    await using emu = await startEmulator({ port: 0, quotas: { preset: 'unlimited' }, admission: { maxPerTurn: 5 } });
    const count = 200;
    const requests = await Promise.all(Array.from({ length: count }, (_, i) => signedStart(emu.port, 1_000 + i)));
    const connections = await Promise.all(requests.map(() => RawConnection.open(emu.port)));
    try {
      // Every connection accepted and read from first (one health request each), then the burst is
      // written in one tick of this process: the server's next poll reads it in one turn.
      await Promise.all(connections.map((c) => c.send(httpRequest('GET', '/__emulator/health'), { timeoutMs: 60_000 })));
      const results = await settlesWithin('every burst request answered', Promise.all(connections.map((c, i) => c.send(requests[i]!, { timeoutMs: 60_000 }))), 90_000);
      const responses = results.map(responseOf);
      const shed = responses.filter((r) => r.status === 503);
      const admitted = responses.filter((r) => r.status !== 503);
      expect(shed.length).toBeGreaterThan(0);
      expect(admitted.length).toBeGreaterThanOrEqual(5);
      for (const response of shed) expectShed(response);
      for (const response of admitted) expect((jsonOf(response) as { ContactId?: string }).ContactId).toMatch(UUID);
      expect(emu.app.shed()).toBe(shed.length);
    } finally {
      for (const c of connections) c.close();
    }
  });

  it('sheds before the signature and the body are looked at, keeps the connection usable, and admits again once work is done', async () => {
    await using emu = await startEmulator({ port: 0, quotas: { preset: 'unlimited' }, admission: { maxInFlight: 1 } });
    // A signed request whose body has not all arrived holds the one place.
    const held = await RawConnection.open(emu.port);
    const heldBytes = await signedStart(emu.port, 0);
    held.write(heldBytes.subarray(0, heldBytes.length - 5));
    await until('the held request to be in progress', () => emu.app.inFlight() === 1);
    const other = await RawConnection.open(emu.port);
    try {
      // Unsigned, with a body that is not JSON: shed (503), not refused (403 or 400).
      expectShed(responseOf(await other.send(httpRequest('PUT', '/contact/webrtc', { 'content-type': 'application/json' }, '{not json'))));
      // Signed and valid: shed too, on the same keep-alive connection.
      expectShed(responseOf(await other.send(await signedStart(emu.port, 1))));
      // Through the SDK: the error it parses is the profile's, with its status.
      const client = clientFor(emu);
      const error = await rejectionOf(client.send(new StartWebRTCContactCommand(startInput())));
      expect(error.name).toBe(overloaded.error);
      expect(error.$metadata.httpStatusCode).toBe(503);
      client.destroy();
      // The held request completes, and the place is free again.
      held.write(heldBytes.subarray(heldBytes.length - 5));
      expect(responseOf(await held.read()).status).toBe(200);
      await until('the held request to be done', () => emu.app.inFlight() === 0);
      const unsigned = responseOf(await other.send(httpRequest('PUT', '/contact/webrtc', { 'content-type': 'application/json' }, '{}')));
      expect(unsigned.status).toBe(403);
      expect(responseOf(await other.send(await signedStart(emu.port, 2))).status).toBe(200);
      expect(emu.app.shed()).toBe(3);
    } finally {
      held.close();
      other.close();
    }
  });

  it('sheds what arrives in a turn that has run past the event-loop bound, then admits again', async () => {
    let block = false;
    const events: RequestEvent[] = [];
    await using emu = await startEmulator({
      port: 0,
      noAuth: true,
      quotas: { preset: 'unlimited' },
      admission: { maxInFlight: 0, maxEventLoopDelayMs: 100 },
      observer: {
        request(event) {
          events.push(event);
          if (!block) return;
          // The first answer of the burst holds the event loop for 400 ms, as an overloaded emulator's
          // long turn would: the requests read after it in the same turn find the loop late.
          block = false;
          const until = performance.now() + 400;
          while (performance.now() < until);
        },
      },
    });
    const body = JSON.stringify({ InstanceId: instanceId, ContactFlowId: contactFlowId, ParticipantDetails: { DisplayName: 'Late' } });
    const put = () => httpRequest('PUT', '/contact/webrtc', { 'content-type': 'application/json' }, body);
    const connections = await Promise.all(Array.from({ length: 4 }, () => RawConnection.open(emu.port)));
    try {
      // One request on each connection first, so that the server reads all four: the burst below is
      // written before the server next polls (client and server share this thread), and the server
      // reads it in one turn.
      for (const c of connections) expect(responseOf(await c.send(put())).status).toBe(200);
      block = true;
      const responses = (await Promise.all(connections.map((c) => c.send(put())))).map(responseOf);
      const statuses = responses.map((r) => r.status).sort();
      expect(statuses).toEqual([200, 503, 503, 503]);
      for (const response of responses.filter((r) => r.status === 503)) {
        expectShed(response);
        expect((jsonOf(response) as { Message: string }).Message).toMatch(/event loop \d+ ms late, bound 100 ms/);
      }
      // A later turn starts on time: requests are admitted again (polled: on a loaded machine a turn
      // may itself run late).
      await until('a request admitted again', async () => responseOf(await connections[0]!.send(put())).status === 200);
      expect(events.filter((e) => e.outcome === 'shed').length).toBeGreaterThanOrEqual(3);
      expect(emu.app.shed()).toBe(events.filter((e) => e.outcome === 'shed').length);
    } finally {
      for (const c of connections) c.close();
    }
  });
});

describe('admission settings', () => {
  it('--max-per-turn, --max-in-flight and --max-event-loop-delay-ms set the bounds; 0 switches one off', async () => {
    const options = await emulatorOptionsFromArgs(['--max-per-turn', '8', '--max-in-flight', '20', '--max-event-loop-delay-ms', '0'], {});
    expect(resolveOptions(options).admission).toEqual({ maxPerTurn: 8, maxInFlight: 20, maxEventLoopDelayMs: 0 });
  });

  it.each(['-1', '1.5', 'many'])('--max-in-flight %s is a usage error', async (value) => {
    await expect(emulatorOptionsFromArgs([`--max-in-flight=${value}`], {})).rejects.toThrow(UsageError);
    await expect(emulatorOptionsFromArgs([`--max-per-turn=${value}`], {})).rejects.toThrow(/--max-per-turn .*, got/);
    await expect(emulatorOptionsFromArgs([`--max-event-loop-delay-ms=${value}`], {})).rejects.toThrow(/--max-event-loop-delay-ms .*, got/);
  });

  it('the command line, by default: every bound; a flag replaces its own', async () => {
    expect(resolveOptions(withCommandLineDefaults(await emulatorOptionsFromArgs([], {}))).admission).toEqual({ maxPerTurn: DEFAULT_MAX_PER_TURN, maxInFlight: DEFAULT_MAX_IN_FLIGHT, maxEventLoopDelayMs: DEFAULT_MAX_EVENT_LOOP_DELAY_MS });
    expect(resolveOptions(withCommandLineDefaults(await emulatorOptionsFromArgs(['--max-in-flight', '0'], {}))).admission).toEqual({ maxPerTurn: DEFAULT_MAX_PER_TURN, maxInFlight: 0, maxEventLoopDelayMs: DEFAULT_MAX_EVENT_LOOP_DELAY_MS });
  });

  it('embedded, by default: no bound (its caller sets the load and shares its event loop)', () => {
    expect(resolveOptions({}).admission).toEqual({ maxPerTurn: 0, maxInFlight: 0, maxEventLoopDelayMs: 0 });
    expect(() => resolveOptions({ admission: { maxInFlight: -1 } })).toThrow(/max in flight must be a whole number, 0 for no bound/);
  });
});
