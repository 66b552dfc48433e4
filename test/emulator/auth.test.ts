// SigV4 at the emulator's front door, against the specified behaviour (docs/contract.md §4:
// generic AWS errors). Written while auth was being wired (it failed until harness/emulator/auth.ts
// verified SigV4); every case here must pass now.
// Raw requests are signed with @smithy/signature-v4 (the SDK's signer), never the project's own.
import { ConnectServiceException, DescribeContactCommand, StartWebRTCContactCommand } from '@aws-sdk/client-connect';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultProfile, errorCatalogue, quotas } from '../../harness/contract/index.ts';
import { startEmulator, type RunningEmulator } from '../../harness/emulator/server.ts';
import { clientFor, contactFlowId, instanceId, rejectionOf, startInput, UUID } from '../support/connect-client.ts';
import { httpRequest, jsonOf, rawExchange, responseOf, type RawResponse } from '../support/raw-http.ts';
import { sha256Hex, signRequest } from '../support/sign-raw.ts';
import { ManualClock } from '../../harness/emulator/clock.ts';

let emu: RunningEmulator;

beforeAll(async () => {
  emu = await startEmulator({ port: 0, quotas: { preset: 'unlimited' } });
});
afterAll(async () => {
  await emu?.close();
});

const MINUTE = 60_000;
const body = JSON.stringify({ InstanceId: instanceId, ContactFlowId: contactFlowId, ParticipantDetails: { DisplayName: 'signed' } });
const start = (config: Parameters<typeof clientFor>[1] = {}) => {
  const client = clientFor(emu, config);
  return client.send(new StartWebRTCContactCommand(startInput())).finally(() => client.destroy());
};

function expectAuthError(error: ConnectServiceException, names: readonly (keyof typeof errorCatalogue)[]): void {
  expect(names).toContain(error.name);
  expect(error).toBeInstanceOf(ConnectServiceException);
  expect(error.$metadata.httpStatusCode).toBe(403);
  expect(error.$fault).toBe('client');
  expect(error.message.length).toBeGreaterThan(0);
}

function expectRawAuthError(response: RawResponse, names: readonly (keyof typeof errorCatalogue)[]): void {
  expect(response.status, response.text).toBe(403);
  expect(names).toContain(response.headers['x-amzn-errortype']);
  expect(response.headers['x-amzn-requestid']).toMatch(UUID);
  expect((jsonOf(response) as { Message?: unknown }).Message).toEqual(expect.any(String));
}

describe('through the SDK', () => {
  it('the right key and secret are accepted', async () => {
    expect((await start()).ContactId).toMatch(UUID);
  });

  it('a wrong secret → 403 InvalidSignatureException', async () => {
    const error = await rejectionOf(start({ credentials: { accessKeyId: 'test', secretAccessKey: 'wrong' } }));
    expectAuthError(error, ['InvalidSignatureException']);
  });

  it('an unknown access key → 403 UnrecognizedClientException', async () => {
    const error = await rejectionOf(start({ credentials: { accessKeyId: 'nobody', secretAccessKey: 'test' } }));
    expectAuthError(error, ['UnrecognizedClientException']);
  });

  it('a signature for another region → 403 InvalidSignatureException', async () => {
    const client = clientFor({ url: emu.url, options: { region: 'eu-west-1' } });
    const error = await rejectionOf(client.send(new StartWebRTCContactCommand(startInput())).finally(() => client.destroy()));
    expectAuthError(error, ['InvalidSignatureException', 'IncompleteSignatureException']);
  });

  for (const sign of [1, -1]) {
    // AWS words the two directions differently: "Signature expired: ... is now earlier than ..." for
    // a date in the past, "Signature not yet current: ... is still later than ..." for one ahead.
    const wording = sign > 0 ? /Signature expired|Signature not yet current/ : /Signature expired/;
    it(`a client clock ${sign > 0 ? 'ahead' : 'behind'} by 16 minutes → 403 InvalidSignatureException, ${wording}`, async () => {
      const error = await rejectionOf(start({ systemClockOffset: sign * 16 * MINUTE }));
      expectAuthError(error, ['InvalidSignatureException']);
      expect(error.message).toMatch(wording);
    });

    it(`a client clock ${sign > 0 ? 'ahead' : 'behind'} by 14 minutes is accepted`, async () => {
      expect((await start({ systemClockOffset: sign * 14 * MINUTE })).ContactId).toMatch(UUID);
    });
  }

  it('path labels that need encoding verify (double-encoded canonical URI): an unknown contact is 404, not 403', async () => {
    const client = clientFor(emu);
    const error = await rejectionOf(client.send(new DescribeContactCommand({ InstanceId: instanceId, ContactId: 'a b/ü+%~*' })).finally(() => client.destroy()));
    expect(error.name).toBe(defaultProfile.entries['resource-not-found'].error);
  });
});

describe('through raw HTTP', () => {
  const json = { 'content-type': 'application/json' };

  it('a request signed by @smithy/signature-v4 is accepted (the raw signer is right)', async () => {
    const signed = await signRequest({ port: emu.port, method: 'PUT', path: '/contact/webrtc', body });
    const response = responseOf(await rawExchange(emu.port, signed.bytes()));
    expect(response.status, response.text).toBe(200);
  });

  it('a signed query string verifies (canonical query order)', async () => {
    const signed = await signRequest({ port: emu.port, method: 'PUT', path: '/contact/webrtc', query: { b: '2', a: '1 2' }, body });
    const response = responseOf(await rawExchange(emu.port, signed.bytes()));
    expect(response.status, response.text).toBe(200);
  });

  it('no Authorization → 403 MissingAuthenticationTokenException', async () => {
    const response = responseOf(await rawExchange(emu.port, httpRequest('PUT', '/contact/webrtc', json, body)));
    expectRawAuthError(response, ['MissingAuthenticationTokenException']);
  });

  it('no Authorization on a read → 403 MissingAuthenticationTokenException', async () => {
    const response = responseOf(await rawExchange(emu.port, httpRequest('GET', `/contacts/${instanceId}/x`)));
    expectRawAuthError(response, ['MissingAuthenticationTokenException']);
  });

  const malformed: readonly { title: string; authorization: (valid: string) => string }[] = [
    { title: 'garbage', authorization: () => 'garbage' },
    { title: 'the scheme alone', authorization: () => 'AWS4-HMAC-SHA256' },
    { title: 'another scheme', authorization: (v) => v.replace('AWS4-HMAC-SHA256', 'AWS4-ECDSA-P256-SHA256') },
    { title: 'missing SignedHeaders', authorization: (v) => v.replace(/SignedHeaders=[^,]*, ?/, '') },
    { title: 'missing Signature', authorization: (v) => v.replace(/, ?Signature=[0-9a-f]*/, '') },
    { title: 'a short Credential scope', authorization: (v) => v.replace(/Credential=([^/]*)\/[^,]*/, 'Credential=$1/20260101') },
    { title: 'a signature of the wrong hex length', authorization: (v) => v.replace(/Signature=([0-9a-f]*)/, (_m, s: string) => `Signature=${s.slice(0, 40)}`) },
    { title: 'a non-hex signature', authorization: (v) => v.replace(/Signature=([0-9a-f]*)/, (_m, s: string) => `Signature=${'z'.repeat(s.length)}`) },
    { title: 'a flipped signature', authorization: (v) => v.replace(/Signature=([0-9a-f])/, (_m, c: string) => `Signature=${c === '0' ? '1' : '0'}`) },
  ];

  it.each(malformed)('malformed Authorization ($title) → 403 Incomplete- or InvalidSignatureException', async ({ authorization }) => {
    const signed = await signRequest({ port: emu.port, method: 'PUT', path: '/contact/webrtc', body });
    const headers = { ...signed.headers, authorization: authorization(signed.headers.authorization!) };
    const response = responseOf(await rawExchange(emu.port, httpRequest('PUT', '/contact/webrtc', headers, body)));
    expectRawAuthError(response, ['IncompleteSignatureException', 'InvalidSignatureException']);
  });

  it('a signed header missing from the request → 403', async () => {
    const signed = await signRequest({ port: emu.port, method: 'PUT', path: '/contact/webrtc', body, headers: { 'x-extra': 'signed' } });
    const headers = Object.fromEntries(Object.entries(signed.headers).filter(([k]) => k !== 'x-extra'));
    const response = responseOf(await rawExchange(emu.port, httpRequest('PUT', '/contact/webrtc', headers, body)));
    expectRawAuthError(response, ['IncompleteSignatureException', 'InvalidSignatureException']);
  });

  it('a signed request replayed to another path → 403', async () => {
    const signed = await signRequest({ port: emu.port, method: 'POST', path: '/contact/stop', body: '{}' });
    const response = responseOf(await rawExchange(emu.port, httpRequest('PUT', '/contact/webrtc', signed.headers, '{}')));
    expectRawAuthError(response, ['InvalidSignatureException']);
  });

  it('the body changed after signing (x-amz-content-sha256 kept) → 403', async () => {
    const signed = await signRequest({ port: emu.port, method: 'PUT', path: '/contact/webrtc', body });
    expect(signed.headers['x-amz-content-sha256']).toBe(sha256Hex(body));
    const tampered = body.replace('signed', 'forged');
    const response = responseOf(await rawExchange(emu.port, signed.bytes(tampered)));
    expectRawAuthError(response, ['InvalidSignatureException']);
  });

  it('a signature valid over a false x-amz-content-sha256 (the hash of another body) → 403', async () => {
    const other = body.replace('signed', 'other');
    const signed = await signRequest({ port: emu.port, method: 'PUT', path: '/contact/webrtc', body, headers: { 'x-amz-content-sha256': sha256Hex(other) } });
    const response = responseOf(await rawExchange(emu.port, signed.bytes()));
    expectRawAuthError(response, ['InvalidSignatureException']);
  });

  it('a signature valid over a non-hex x-amz-content-sha256 → 403', async () => {
    const signed = await signRequest({ port: emu.port, method: 'PUT', path: '/contact/webrtc', body, headers: { 'x-amz-content-sha256': 'not-a-hash' } });
    const response = responseOf(await rawExchange(emu.port, signed.bytes()));
    expectRawAuthError(response, ['InvalidSignatureException', 'IncompleteSignatureException']);
  });

  it('a request without x-amz-content-sha256 is verified over the real body', async () => {
    const signed = await signRequest({ port: emu.port, method: 'PUT', path: '/contact/webrtc', body, applyChecksum: false });
    expect(Object.keys(signed.headers).map((k) => k.toLowerCase())).not.toContain('x-amz-content-sha256');
    // The signature covers the body's real hash...
    const ok = responseOf(await rawExchange(emu.port, signed.bytes()));
    expect(ok.status, ok.text).toBe(200);
    // ...so a changed body no longer verifies.
    const tampered = responseOf(await rawExchange(emu.port, signed.bytes(body.replace('signed', 'forged'))));
    expectRawAuthError(tampered, ['InvalidSignatureException']);
  });

  it('a date 16 minutes old → 403 InvalidSignatureException, "Signature expired"', async () => {
    const signed = await signRequest({ port: emu.port, method: 'PUT', path: '/contact/webrtc', body, signingDate: new Date(Date.now() - 16 * MINUTE) });
    const response = responseOf(await rawExchange(emu.port, signed.bytes()));
    expectRawAuthError(response, ['InvalidSignatureException']);
    expect(response.text).toContain('Signature expired');
  });

  it('noAuth: true accepts unsigned requests', async () => {
    await using open = await startEmulator({ port: 0, noAuth: true });
    const response = responseOf(await rawExchange(open.port, httpRequest('PUT', '/contact/webrtc', json, body)));
    expect(response.status, response.text).toBe(200);
  });
});

describe('rate quotas are per account', () => {
  it(`two accounts each get their own burst of ${quotas.startWebRTCContact.burst}; two keys of one account share one`, async () => {
    // A clock that stands still: on a loaded machine the bucket would refill between sends.
    await using accounts = await startEmulator({
      port: 0,
      clock: new ManualClock(Date.now()),
      quotas: { preset: 'aws-default', maxConcurrentCalls: 10_000 },
      credentials: [
        { accessKeyId: 'a', secretAccessKey: 's1', accountId: '111111111111' },
        { accessKeyId: 'b', secretAccessKey: 's2', accountId: '222222222222' },
        { accessKeyId: 'c', secretAccessKey: 's3', accountId: '111111111111' },
      ],
    });
    const { burst } = quotas.startWebRTCContact;
    const throttle = defaultProfile.entries['rate-throttle'];
    const clientA = clientFor(accounts, { credentials: { accessKeyId: 'a', secretAccessKey: 's1' } });
    const clientB = clientFor(accounts, { credentials: { accessKeyId: 'b', secretAccessKey: 's2' } });
    const clientC = clientFor(accounts, { credentials: { accessKeyId: 'c', secretAccessKey: 's3' } });
    try {
      for (let i = 0; i < burst; i++) await clientA.send(new StartWebRTCContactCommand(startInput()));
      const throttledA = await rejectionOf(clientA.send(new StartWebRTCContactCommand(startInput())));
      expect(throttledA.name).toBe(throttle.error);
      expect(throttledA.$metadata.httpStatusCode).toBe(throttle.status);
      for (let i = 0; i < burst; i++) await clientB.send(new StartWebRTCContactCommand(startInput()));
      expect((await rejectionOf(clientB.send(new StartWebRTCContactCommand(startInput())))).name).toBe(throttle.error);
      // Key c belongs to account 111111111111, whose bucket key a has just emptied.
      expect((await rejectionOf(clientC.send(new StartWebRTCContactCommand(startInput())))).name).toBe(throttle.error);
    } finally {
      for (const c of [clientA, clientB, clientC]) c.destroy();
    }
  });

  it('the token scope is per account: one token under two accounts starts two contacts', async () => {
    await using accounts = await startEmulator({
      port: 0,
      quotas: { preset: 'unlimited' },
      credentials: [
        { accessKeyId: 'a', secretAccessKey: 's1', accountId: '111111111111' },
        { accessKeyId: 'b', secretAccessKey: 's2', accountId: '222222222222' },
      ],
    });
    const clientA = clientFor(accounts, { credentials: { accessKeyId: 'a', secretAccessKey: 's1' } });
    const clientB = clientFor(accounts, { credentials: { accessKeyId: 'b', secretAccessKey: 's2' } });
    try {
      const a = await clientA.send(new StartWebRTCContactCommand(startInput({ ClientToken: 'same' })));
      const b = await clientB.send(new StartWebRTCContactCommand(startInput({ ClientToken: 'same' })));
      expect(a.ContactId).not.toBe(b.ContactId);
      expect((await clientA.send(new StartWebRTCContactCommand(startInput({ ClientToken: 'same' })))).ContactId).toBe(a.ContactId);
    } finally {
      clientA.destroy();
      clientB.destroy();
    }
  });
});
