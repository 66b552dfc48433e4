// verifyRequest() refusals, each at its edge, and its promise never to throw or leak.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nodeCrypto } from '../platform/node-crypto.ts';
import { signRequest, type SignRequestInput } from './sign.ts';
import { verifyRequest, type VerifyRequestInput } from './verify.ts';
import type { VerifyResult } from './verify-result.ts';

const T0 = Date.UTC(2013, 4, 24, 0, 0, 0); // 20130524T000000Z
const MIN = 60 * 1000;
const KEY = 'AKIDEXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
const BODY = '{"InstanceId":"i","ContactFlowId":"f","ParticipantDetails":{"DisplayName":"Zoë 😀"}}';

function signed(overrides: Partial<SignRequestInput> = {}): Record<string, string> {
  const headers = { host: 'connect.us-east-1.amazonaws.com', 'content-type': 'application/json', 'user-agent': 'test' };
  const input: SignRequestInput = {
    method: 'PUT',
    path: '/contact/webrtc',
    headers,
    body: BODY,
    region: 'us-east-1',
    service: 'connect',
    credentials: { accessKeyId: KEY, secretAccessKey: SECRET },
    date: T0,
    crypto: nodeCrypto,
    ...overrides,
  };
  return { ...input.headers, ...signRequest(input) } as Record<string, string>;
}

function verify(headers: Record<string, string | undefined>, overrides: Partial<VerifyRequestInput> = {}): VerifyResult {
  return verifyRequest({
    method: 'PUT',
    path: '/contact/webrtc',
    headers: headers as Record<string, string>,
    bodySha256: nodeCrypto.sha256Hex(BODY),
    now: T0,
    lookupSecret: (id) => (id === KEY ? SECRET : undefined),
    crypto: nodeCrypto,
    ...overrides,
  });
}

function withAuthorization(authorization: string | undefined): Record<string, string | undefined> {
  return { ...signed(), authorization };
}

describe('verifyRequest accepts', () => {
  it('a request signed by signRequest', () => {
    expect(verify(signed())).toEqual({
      ok: true,
      accessKeyId: KEY,
      region: 'us-east-1',
      service: 'connect',
      date: '20130524T000000Z',
      signedAt: T0,
      signedHeaders: ['content-type', 'host', 'x-amz-content-sha256', 'x-amz-date'],
      presigned: false,
    });
  });

  it('an unsigned header changed in transit', () => {
    expect(verify({ ...signed(), 'user-agent': 'proxy rewrote me' }).ok).toBe(true);
  });

  it('a repeated header given as an array, joined with ","', () => {
    const h = signed({ headers: { host: 'h', 'x-thing': 'a,b' } });
    expect(verify({ ...h, 'x-thing': ['a', 'b'] } as never).ok).toBe(true);
  });

  it('the session token, reported back', () => {
    expect(verify(signed({ credentials: { accessKeyId: KEY, secretAccessKey: SECRET, sessionToken: 'tok' } }))).toMatchObject({
      ok: true,
      sessionToken: 'tok',
    });
  });

  it('the request target with its query in `path` when `query` is not given', () => {
    const h = signed({ method: 'GET', path: '/contacts/a%20b', query: 'x=1&y=%7e', body: undefined });
    expect(verify(h, { method: 'GET', path: '/contacts/a%20b?y=~&x=1', bodySha256: nodeCrypto.sha256Hex('') }).ok).toBe(true);
  });
});

describe('verifyRequest refuses', () => {
  it('a request with neither Authorization nor a presigned query: missing-authorization', () => {
    expect(verify(withAuthorization(undefined))).toEqual({
      ok: false,
      reason: 'missing-authorization',
      message: 'Missing Authentication Token',
    });
    expect(verify(withAuthorization(undefined), { query: 'a=b' })).toMatchObject({ reason: 'missing-authorization' });
  });

  const good = signed().authorization as string;
  const [, credential, signedHeaders, signature] = /^AWS4-HMAC-SHA256 (Credential=\S+), (SignedHeaders=\S+), (Signature=\S+)$/.exec(good) ?? [];
  const malformed: [string, string, RegExp][] = [
    ['empty', '', /algorithm/],
    ['the algorithm alone', 'AWS4-HMAC-SHA256', /algorithm/],
    ['a lowercase algorithm', good.toLowerCase(), /algorithm/],
    ['another scheme', 'Bearer abc', /algorithm/],
    ['garbage', '\u0000💥,,==;', /algorithm/],
    ['no Credential', `AWS4-HMAC-SHA256 ${signedHeaders}, ${signature}`, /requires 'Credential' parameter/],
    ['no SignedHeaders', `AWS4-HMAC-SHA256 ${credential}, ${signature}`, /requires 'SignedHeaders' parameter/],
    ['no Signature', `AWS4-HMAC-SHA256 ${credential}, ${signedHeaders}`, /requires 'Signature' parameter/],
    ['nothing after the algorithm', 'AWS4-HMAC-SHA256 ', /requires 'Credential'.*requires 'Signature'.*requires 'SignedHeaders'/],
    ['a part without "="', `AWS4-HMAC-SHA256 ${credential}, ${signedHeaders}, Signature`, /missing equal-sign/],
    ['Credential twice', `${good}, ${credential}`, /more than one 'Credential'/],
    ['63 hex digits', good.slice(0, -1), /64 lowercase hexadecimal/],
    ['65 hex digits', good + 'a', /64 lowercase hexadecimal/],
    ['uppercase hex', good.replace(/Signature=(\w+)/, (_m, s: string) => `Signature=${s.toUpperCase()}`), /64 lowercase hexadecimal/],
    ['non-hex', good.replace(/.$/, 'g'), /64 lowercase hexadecimal/],
    ['a four-part credential', good.replace('/us-east-1/', '/'), /Credential must have the form/],
    ['an empty access key id', good.replace(`Credential=${KEY}/`, 'Credential=/'), /access key id/],
    ['a bad terminator', good.replace('aws4_request', 'aws4_requests'), /valid terminator/],
    ['a bad scope date', good.replace('/20130524/', '/2013-05-24/'), /YYYYMMDD/],
    ['a bad region', good.replace('/us-east-1/', '/us east 1/'), /valid region/],
    ['SignedHeaders without host', good.replace('SignedHeaders=content-type;host;', 'SignedHeaders=content-type;'), /must include 'host'/],
    ['SignedHeaders in uppercase', good.replace('SignedHeaders=content-type;host', 'SignedHeaders=content-type;Host'), /lowercase header names/],
    ['empty SignedHeaders', good.replace(/SignedHeaders=\S+,/, 'SignedHeaders=,'), /lowercase header names/],
  ];
  it.each(malformed)('an Authorization header with %s: malformed-authorization', (_name, header, message) => {
    const result = verify(withAuthorization(header));
    expect(result).toMatchObject({ ok: false, reason: 'malformed-authorization' });
    expect(result.ok === false && result.message).toMatch(message);
  });

  it.each([
    ['missing', undefined, /requires existence of a 'X-Amz-Date'/],
    ['extended ISO 8601', '2013-05-24T00:00:00Z', /ISO8601 Long Format/],
    ['month 13', '20131324T000000Z', /ISO8601 Long Format/],
    ['February 30', '20130230T000000Z', /ISO8601 Long Format/],
    ['hour 24', '20130524T240000Z', /ISO8601 Long Format/],
    ['another day than the scope', '20130525T000000Z', /Date in Credential scope does not match.*'20130524' != '20130525'/],
  ])('an x-amz-date %s: malformed-authorization', (_name, date, message) => {
    const result = verify({ ...signed(), 'x-amz-date': date });
    expect(result).toMatchObject({ ok: false, reason: 'malformed-authorization' });
    expect(result.ok === false && result.message).toMatch(message);
  });

  it('an Authorization header and a presigned query at once: malformed-authorization', () => {
    expect(verify(signed(), { query: 'X-Amz-Algorithm=AWS4-HMAC-SHA256' })).toMatchObject({
      reason: 'malformed-authorization',
      message: expect.stringMatching(/Only one auth mechanism/),
    });
  });

  it('a presigned query missing parameters, or with a bad X-Amz-Expires: malformed-authorization', () => {
    expect(verify(withAuthorization(undefined), { query: 'X-Amz-Signature=abc' })).toMatchObject({
      reason: 'malformed-authorization',
      message: expect.stringMatching(/must include 'X-Amz-Algorithm'/),
    });
    const q = `X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=${KEY}%2F20130524%2Fus-east-1%2Fconnect%2Faws4_request` +
      `&X-Amz-Date=20130524T000000Z&X-Amz-SignedHeaders=host&X-Amz-Signature=${'0'.repeat(64)}&X-Amz-Expires=604801`;
    expect(verify(withAuthorization(undefined), { query: q })).toMatchObject({
      reason: 'malformed-authorization',
      message: expect.stringMatching(/X-Amz-Expires/),
    });
  });

  it('an access key it does not know: unknown-access-key', () => {
    expect(verify(signed(), { lookupSecret: () => undefined })).toEqual({
      ok: false,
      reason: 'unknown-access-key',
      message: 'The security token included in the request is invalid.',
    });
  });

  it('a wrong secret: signature-mismatch', () => {
    expect(verify(signed(), { lookupSecret: () => SECRET + 'x' })).toEqual({
      ok: false,
      reason: 'signature-mismatch',
      message:
        'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key ' +
        'and signing method. Consult the service documentation for details.',
    });
  });

  it.each([
    ['a signed header value', { headers: { ...signed(), 'content-type': 'text/plain' } }],
    ['a signed header removed', { headers: { ...signed(), 'content-type': undefined } }],
    ['the method', { method: 'POST' }],
    ['the path', { path: '/contact/webrtc2' }],
    ['the path encoding', { path: '/contact/web%72tc' }],
    ['the query', { query: 'a=1' }],
    ['the declared body hash', { headers: { ...signed(), 'x-amz-content-sha256': nodeCrypto.sha256Hex('{}') }, bodySha256: nodeCrypto.sha256Hex('{}') }],
  ])('%s changed: signature-mismatch', (_name, change) => {
    const { headers, ...rest } = change as Partial<VerifyRequestInput> & { headers?: Record<string, string | undefined> };
    expect(verify(headers ?? signed(), rest)).toMatchObject({ ok: false, reason: 'signature-mismatch' });
  });

  it('a body changed when the hash was signed directly (no x-amz-content-sha256): signature-mismatch', () => {
    const h = signed({ applyChecksum: false });
    expect(verify(h).ok).toBe(true);
    expect(verify(h, { bodySha256: nodeCrypto.sha256Hex(BODY + ' ') })).toMatchObject({ reason: 'signature-mismatch' });
  });

  it('a credential scoped to another region or service, when told which to expect: signature-mismatch', () => {
    expect(verify(signed(), { region: 'eu-west-2' })).toMatchObject({
      reason: 'signature-mismatch',
      message: "Credential should be scoped to a valid region, not 'us-east-1'.",
    });
    expect(verify(signed(), { service: 'execute-api' })).toMatchObject({
      reason: 'signature-mismatch',
      message: "Credential should be scoped to correct service: 'execute-api'.",
    });
    expect(verify(signed(), { region: 'us-east-1', service: 'connect' }).ok).toBe(true);
  });

  it('a body that does not match a signed x-amz-content-sha256: content-hash-mismatch', () => {
    expect(verify(signed(), { bodySha256: nodeCrypto.sha256Hex(BODY + ' ') })).toEqual({
      ok: false,
      reason: 'content-hash-mismatch',
      message: "The provided 'x-amz-content-sha256' header does not match what was computed.",
    });
  });

  it('UNSIGNED-PAYLOAD only when allowUnsignedPayload is false', () => {
    const h = signed({ headers: { host: 'h', 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' } });
    expect(h['x-amz-content-sha256']).toBe('UNSIGNED-PAYLOAD');
    expect(verify(h, { bodySha256: nodeCrypto.sha256Hex('anything') }).ok).toBe(true);
    expect(verify(h, { allowUnsignedPayload: false })).toMatchObject({ reason: 'content-hash-mismatch' });
  });

  describe('a signing date too far from the clock: expired', () => {
    const h = signed();
    it('accepts exactly 15 minutes either way', () => {
      expect(verify(h, { now: T0 + 15 * MIN }).ok).toBe(true);
      expect(verify(h, { now: T0 - 15 * MIN }).ok).toBe(true);
    });
    it('refuses 15 minutes and 1 second late, in AWS words', () => {
      expect(verify(h, { now: T0 + 15 * MIN + 1000 })).toEqual({
        ok: false,
        reason: 'expired',
        message: 'Signature expired: 20130524T000000Z is now earlier than 20130524T000001Z (20130524T001501Z - 15 min.)',
      });
    });
    it('refuses 15 minutes and 1 second early, in AWS words', () => {
      expect(verify(h, { now: T0 - 15 * MIN - 1000 })).toEqual({
        ok: false,
        reason: 'expired',
        message: 'Signature not yet current: 20130524T000000Z is still later than 20130523T235959Z (20130523T234459Z + 15 min.)',
      });
    });
    it('takes the window as a parameter', () => {
      expect(verify(h, { now: T0 + 5 * MIN, maxSkewMs: 5 * MIN }).ok).toBe(true);
      expect(verify(h, { now: T0 + 5 * MIN + 1, maxSkewMs: 5 * MIN })).toMatchObject({
        reason: 'expired',
        message: expect.stringMatching(/- 5 min\.\)$/),
      });
    });
  });
});

describe('verifyRequest never throws and never leaks', () => {
  const text = fc.oneof(fc.string({ unit: 'binary' }), fc.string(), fc.constantFrom('', ' ', '%', '%zz', '%C3', '\ud800'));
  const authorization = fc.oneof(
    text,
    fc
      .tuple(fc.array(fc.constantFrom('Credential=', 'SignedHeaders=', 'Signature=', ',', ' ', '/', ';', 'host', 'constructor', '__proto__', KEY, '20130524', 'aws4_request', 'a'.repeat(64)), { maxLength: 12 }), text)
      .map(([parts, tail]) => 'AWS4-HMAC-SHA256 ' + parts.join('') + tail),
  );
  const headers = fc.record(
    {
      authorization,
      'x-amz-date': fc.oneof(text, fc.constant('20130524T000000Z')),
      'x-amz-content-sha256': text,
      host: text,
      constructor: text,
    },
    { requiredKeys: [] },
  );

  it('answers every input with a result whose message holds no secret', () => {
    fc.assert(
      fc.property(headers, text, text, text, fc.boolean(), (h, path, query, method, withQuery) => {
        const result = verifyRequest({
          method,
          path,
          query: withQuery ? query : undefined,
          headers: h,
          bodySha256: nodeCrypto.sha256Hex(''),
          now: T0,
          lookupSecret: (id) => (id === KEY ? SECRET : undefined),
          crypto: nodeCrypto,
        });
        expect(typeof result.ok).toBe('boolean');
        if (!result.ok) {
          expect(['missing-authorization', 'malformed-authorization', 'unknown-access-key', 'signature-mismatch', 'expired', 'content-hash-mismatch']).toContain(result.reason);
          expect(result.message).not.toContain(SECRET);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('puts neither the signature nor the Authorization header into any message', () => {
    const h = signed();
    const sig = (h.authorization as string).slice(-64);
    const results = [
      verify(h, { lookupSecret: () => 'wrong' }),
      verify(h, { now: T0 + 60 * MIN }),
      verify({ ...h, authorization: (h.authorization as string).replace('Signature=', 'Signature=0') }),
      verify({ ...h, authorization: (h.authorization as string).replace('host;', 'Host;') }),
      verify(h, { bodySha256: 'x' }),
    ];
    for (const r of results) {
      expect(r.ok).toBe(false);
      expect(r.ok === false && r.message).not.toContain(sig);
      expect(r.ok === false && r.message).not.toContain('Credential=');
    }
  });
});
