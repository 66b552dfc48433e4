// ClientToken idempotency (docs/contract.md §6): replays return the original response, concurrency
// yields one contact, failures are not remembered, the 7-day window, strict mode, and the memory
// store's bound.
import { DescribeContactCommand, StartWebRTCContactCommand, StopContactCommand, type ConnectClient } from '@aws-sdk/client-connect';
import { describe, expect, it } from 'vitest';
import { defaultProfile, idempotency } from '../../harness/contract/index.ts';
import { ManualClock } from '../../harness/emulator/clock.ts';
import { startEmulator, type RunningEmulator } from '../../harness/emulator/server.ts';
import { MemoryIdempotencyStore } from '../../harness/emulator/state/memory-idempotency-store.ts';
import { clientFor, emulatorForSuite, contactFlowId, instanceId, rejectionOf, startInput, UUID, withoutMetadata } from '../support/connect-client.ts';
import { httpRequest, rawExchange, responseOf } from '../support/raw-http.ts';

let emu: RunningEmulator;
let client: ConnectClient;

emulatorForSuite((e, c) => {
  emu = e;
  client = c;
});

const start = (c: ConnectClient, overrides: Parameters<typeof startInput>[0] = {}) => c.send(new StartWebRTCContactCommand(startInput(overrides)));
let tokenCounter = 0;
const freshToken = () => `token-${process.pid}-${Date.now()}-${tokenCounter++}`;

describe('replay', () => {
  it('the same token returns the identical response (every member, not only ContactId)', async () => {
    const ClientToken = freshToken();
    const first = await start(client, { ClientToken });
    const second = await start(client, { ClientToken });
    expect(first.ContactId).toMatch(UUID);
    expect(withoutMetadata(second)).toEqual(withoutMetadata(first));
    expect(second.$metadata.requestId).not.toBe(first.$metadata.requestId);
  });

  it('the same token returns byte-identical bodies on the wire', async () => {
    await using open = await startEmulator({ port: 0, noAuth: true, quotas: { preset: 'unlimited' } });
    const body = JSON.stringify({ InstanceId: instanceId, ContactFlowId: contactFlowId, ParticipantDetails: { DisplayName: 'r' }, ClientToken: 'wire-token' });
    const send = async () => responseOf(await rawExchange(open.port, httpRequest('PUT', '/contact/webrtc', { 'content-type': 'application/json' }, body)));
    const a = await send();
    const b = await send();
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    expect(b.body.equals(a.body)).toBe(true);
    expect(b.headers['x-amzn-requestid']).not.toBe(a.headers['x-amzn-requestid']);
  });

  it('a different token starts a different contact', async () => {
    const a = await start(client, { ClientToken: freshToken() });
    const b = await start(client, { ClientToken: freshToken() });
    expect(a.ContactId).not.toBe(b.ContactId);
    expect(a.ParticipantToken).not.toBe(b.ParticipantToken);
  });

  it('tokens are case-sensitive', async () => {
    const token = `Case-${freshToken()}`;
    const a = await start(client, { ClientToken: token });
    const b = await start(client, { ClientToken: token.toLowerCase() });
    expect(a.ContactId).not.toBe(b.ContactId);
  });

  it('ClientToken "" means no deduplication', async () => {
    const a = await start(client, { ClientToken: '' });
    const b = await start(client, { ClientToken: '' });
    expect(a.ContactId).not.toBe(b.ContactId);
  });

  it('an omitted token (the SDK fills a fresh UUID) starts distinct contacts', async () => {
    const a = await start(client);
    const b = await start(client);
    expect(a.ContactId).not.toBe(b.ContactId);
  });

  it('the token is scoped by instance: one token on two instances starts two contacts', async () => {
    const other = '22222222-2222-4333-8444-555555555555';
    await using two = await startEmulator({ port: 0, quotas: { preset: 'unlimited' }, instanceIds: [instanceId, other] });
    const c = clientFor(two);
    const a = await start(c, { ClientToken: 'shared' });
    const b = await start(c, { ClientToken: 'shared', InstanceId: other });
    expect(a.ContactId).not.toBe(b.ContactId);
    expect((await start(c, { ClientToken: 'shared', InstanceId: other })).ContactId).toBe(b.ContactId);
    c.destroy();
  });

  it('the replayed contact is the one DescribeContact knows', async () => {
    const ClientToken = freshToken();
    const first = await start(client, { ClientToken, Attributes: { a: '1' } });
    const again = await start(client, { ClientToken, Attributes: { a: '1' } });
    const { Contact } = await client.send(new DescribeContactCommand({ InstanceId: instanceId, ContactId: again.ContactId }));
    expect(Contact?.Id).toBe(first.ContactId);
  });
});

describe('concurrency', () => {
  it('200 concurrent requests with one token → exactly one ContactId and one new contact', async () => {
    const ClientToken = freshToken();
    const service = emu.app.service;
    const before = service.contacts.activeCalls(instanceId, service.clock.now());
    const outputs = await Promise.all(Array.from({ length: 200 }, () => start(client, { ClientToken })));
    const ids = new Set(outputs.map((o) => o.ContactId));
    expect(ids.size).toBe(1);
    expect([...ids][0]).toMatch(UUID);
    expect(service.contacts.activeCalls(instanceId, service.clock.now()) - before).toBe(1);
    // Every answer is the same response, not only the same id.
    const bodies = new Set(outputs.map((o) => JSON.stringify(withoutMetadata(o))));
    expect(bodies.size).toBe(1);
  });
});

describe('only successful starts are remembered', () => {
  it('a start refused at the concurrent-call quota is not remembered: after a slot frees, the token starts a contact', async () => {
    await using one = await startEmulator({ port: 0, quotas: { preset: 'unlimited', maxConcurrentCalls: 1 } });
    const c = clientFor(one);
    const occupant = await start(c);
    const refused = await rejectionOf(start(c, { ClientToken: 'retry-me' }));
    expect(refused.name).toBe(defaultProfile.entries['concurrent-calls'].error);
    expect(refused.$metadata.httpStatusCode).toBe(defaultProfile.entries['concurrent-calls'].status);
    await c.send(new StopContactCommand({ InstanceId: instanceId, ContactId: occupant.ContactId }));
    const started = await start(c, { ClientToken: 'retry-me' });
    expect(started.ContactId).toMatch(UUID);
    expect(started.ContactId).not.toBe(occupant.ContactId);
    expect((await start(c, { ClientToken: 'retry-me' })).ContactId).toBe(started.ContactId);
    c.destroy();
  });

  it('a validation failure is not remembered either', async () => {
    const ClientToken = freshToken();
    await rejectionOf(start(client, { ClientToken, ParticipantDetails: { DisplayName: '' } }));
    const ok = await start(client, { ClientToken });
    expect(ok.ContactId).toMatch(UUID);
  });

  it('replays do not take a concurrent-call slot', async () => {
    await using one = await startEmulator({ port: 0, quotas: { preset: 'unlimited', maxConcurrentCalls: 1 } });
    const c = clientFor(one);
    const first = await start(c, { ClientToken: 'only-call' });
    for (let i = 0; i < 5; i++) expect((await start(c, { ClientToken: 'only-call' })).ContactId).toBe(first.ContactId);
    const service = one.app.service;
    expect(service.contacts.activeCalls(instanceId, service.clock.now())).toBe(1);
    // The slot is still the original call's: a new token is refused, so replays were not new calls.
    const refused = await rejectionOf(start(c, { ClientToken: 'another' }));
    expect(refused.name).toBe(defaultProfile.entries['concurrent-calls'].error);
    c.destroy();
  });
});

describe('the 7-day window (ManualClock)', () => {
  it('replays until window - 1 ms; at the window the token starts a new contact', async () => {
    const clock = new ManualClock();
    // Auth off: the signature's date check would read the manual clock too. Calls outlive the test.
    await using timed = await startEmulator({ port: 0, clock, noAuth: true, quotas: { preset: 'unlimited' }, callDurationMs: 30 * 24 * 3600 * 1000 });
    const c = clientFor(timed);
    const first = await start(c, { ClientToken: 'weekly' });
    clock.advance(idempotency.windowMs - 1);
    expect((await start(c, { ClientToken: 'weekly' })).ContactId).toBe(first.ContactId);
    clock.advance(1);
    const renewed = await start(c, { ClientToken: 'weekly' });
    expect(renewed.ContactId).not.toBe(first.ContactId);
    // The new contact is remembered from now on.
    clock.advance(idempotency.windowMs - 1);
    expect((await start(c, { ClientToken: 'weekly' })).ContactId).toBe(renewed.ContactId);
    c.destroy();
  });
});

describe('same token, different parameters', () => {
  it('default mode returns the original response', async () => {
    const ClientToken = freshToken();
    const first = await start(client, { ClientToken, ParticipantDetails: { DisplayName: 'one' } });
    const second = await start(client, { ClientToken, ParticipantDetails: { DisplayName: 'two' }, Attributes: { x: 'y' } });
    expect(withoutMetadata(second)).toEqual(withoutMetadata(first));
  });

  it('strict mode refuses it with the profile error for token-parameter-mismatch, and still replays identical parameters', async () => {
    await using strict = await startEmulator({ port: 0, strictTokens: true, quotas: { preset: 'unlimited' } });
    const c = clientFor(strict);
    const first = await start(c, { ClientToken: 'strict', Attributes: { a: '1', b: '2' } });
    // Key order is not a difference.
    const same = await start(c, { ClientToken: 'strict', Attributes: { b: '2', a: '1' } });
    expect(same.ContactId).toBe(first.ContactId);
    const refused = await rejectionOf(start(c, { ClientToken: 'strict', Attributes: { a: '1', b: '3' } }));
    const entry = defaultProfile.entries['token-parameter-mismatch'];
    expect(refused.name).toBe(entry.error);
    expect(refused.$metadata.httpStatusCode).toBe(entry.status);
    expect(refused.message.length).toBeGreaterThan(0);
    c.destroy();
  });
});

describe('the memory store bound', () => {
  it('maxRememberedTokens: 3 → the 4th token evicts the 1st, which then starts a new contact', async () => {
    await using bounded = await startEmulator({ port: 0, maxRememberedTokens: 3, quotas: { preset: 'unlimited' } });
    const store = bounded.app.service.store;
    expect(store).toBeInstanceOf(MemoryIdempotencyStore);
    const memory = store as MemoryIdempotencyStore;
    const c = clientFor(bounded);
    const ids: string[] = [];
    for (const token of ['t1', 't2', 't3', 't4']) ids.push((await start(c, { ClientToken: token })).ContactId!);
    expect(memory.evictions).toBe(1);
    expect(await memory.size()).toBe(3);
    expect((await start(c, { ClientToken: 't4' })).ContactId).toBe(ids[3]);
    expect((await start(c, { ClientToken: 't2' })).ContactId).toBe(ids[1]);
    const forgotten = await start(c, { ClientToken: 't1' });
    expect(forgotten.ContactId).not.toBe(ids[0]);
    c.destroy();
  });
});
