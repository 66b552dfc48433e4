// What an SDK cannot send: malformed bodies, unknown routes, oversized and slow requests, over raw
// HTTP/1.1. Every refusal must be AWS-shaped (status, x-amzn-errortype, JSON body with Message) and
// never a 5xx. Auth is off here; signing is tested in auth.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Condition } from '../../harness/contract/index.ts';
import type { RequestEvent } from '../../harness/emulator/observer.ts';
import { startEmulator, type RunningEmulator } from '../../harness/emulator/server.ts';
import { contactFlowId, instanceId } from '../support/connect-client.ts';
import { expectAwsError, expectCondition } from '../support/expect-aws-error.ts';
import { HANG_GUARD_MS, until } from '../support/hang-guard.ts';
import { httpRequest, RawConnection, rawExchange, responseOf } from '../support/raw-http.ts';

const events: RequestEvent[] = [];
let emu: RunningEmulator;

beforeAll(async () => {
  emu = await startEmulator({ port: 0, noAuth: true, quotas: { preset: 'unlimited' }, observer: { request: (e) => events.push(e) } });
});
afterAll(async () => {
  await emu?.close();
});

const json = { 'content-type': 'application/json' };
const validMembers = `"InstanceId":"${instanceId}","ContactFlowId":"${contactFlowId}","ParticipantDetails":{"DisplayName":"a"}`;
const put = (body: string | Buffer, headers: Record<string, string> = json) => rawExchange(emu.port, httpRequest('PUT', '/contact/webrtc', headers, body));

describe('bodies that are not a StartWebRTCContact request → 400, never 5xx', () => {
  const cases: readonly { title: string; body: string | Buffer; condition: Condition }[] = [
    { title: 'malformed JSON', body: '{"InstanceId":', condition: 'malformed-json' },
    { title: 'trailing garbage', body: `{${validMembers}} x`, condition: 'malformed-json' },
    { title: 'JSON null', body: 'null', condition: 'type' },
    { title: 'JSON []', body: '[]', condition: 'type' },
    { title: 'JSON "x"', body: '"x"', condition: 'type' },
    { title: 'JSON 42', body: '42', condition: 'type' },
    { title: '{"InstanceId": 5}', body: '{"InstanceId": 5}', condition: 'type' },
    { title: 'a number where a structure belongs', body: `{${validMembers.replace('{"DisplayName":"a"}', '7')}}`, condition: 'type' },
    { title: 'invalid UTF-8 bytes', body: Buffer.concat([Buffer.from(`{${validMembers},"Description":"`), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('"}')]), condition: 'invalid-utf8' },
    { title: 'overlong UTF-8 encoding of "/"', body: Buffer.concat([Buffer.from(`{${validMembers},"Description":"`), Buffer.from([0xc0, 0xaf]), Buffer.from('"}')]), condition: 'invalid-utf8' },
    { title: 'UTF-16 surrogate encoded as UTF-8 (CESU)', body: Buffer.concat([Buffer.from(`{${validMembers},"Description":"`), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('"}')]), condition: 'invalid-utf8' },
    { title: 'lone surrogate escape "\\ud800" in a member', body: `{${validMembers.replace('"a"}', '"\\ud800"}')}}`, condition: 'well-formed-unicode' },
    { title: 'lone surrogate escape in an attribute key', body: `{${validMembers},"Attributes":{"\\udc00":"x"}}`, condition: 'well-formed-unicode' },
    { title: '100k nested [', body: '['.repeat(100_000), condition: 'malformed-json' },
    { title: '100k nested [ ... ] (balanced)', body: '['.repeat(100_000) + ']'.repeat(100_000), condition: 'type' },
    { title: '100k nested objects in an attribute value', body: `{${validMembers},"Attributes":{"a":${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}}}`, condition: 'type' },
    { title: 'SegmentAttributes nested 5,000 deep', body: `{${validMembers},"SegmentAttributes":{"a":${'{"ValueMap":{"a":'.repeat(5000)}{}${'}}'.repeat(5000)}}}`, condition: 'nesting-depth' },
    { title: 'a non-int32 ValueInteger (1e400)', body: `{${validMembers},"SegmentAttributes":{"a":{"ValueInteger":1e400}}}`, condition: 'type' },
    { title: 'empty body (an empty input structure)', body: '', condition: 'required' },
    { title: 'whitespace-only body', body: ' \r\n\t ', condition: 'required' },
  ];

  it.each(cases)('$title → $condition', async ({ body, condition }) => {
    const response = responseOf(await put(body));
    expectCondition(response, condition);
  });

  it('the refusals above never count as faults', () => {
    expect(events.filter((e) => e.outcome === 'fault')).toEqual([]);
  });

  it('100k nested arrays in an unknown member are ignored like any unknown member', async () => {
    const response = responseOf(await put(`{${validMembers},"Extra":${'['.repeat(100_000)}${']'.repeat(100_000)}}`));
    expect(response.status, response.text).toBeLessThan(500);
  });

  // Strict mode fingerprints the parameters; an unknown member nested 100k deep must not reach it.
  it('strict token mode + 100k nested arrays in an unknown member → not 5xx', async () => {
    await using strict = await startEmulator({ port: 0, noAuth: true, strictTokens: true, quotas: { preset: 'unlimited' } });
    const body = `{${validMembers},"ClientToken":"deep","Extra":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    const response = responseOf(await rawExchange(strict.port, httpRequest('PUT', '/contact/webrtc', json, body)));
    expect(response.status, response.text).toBeLessThan(500);
  });

  // docs/contract.md §1: duplicate keys get a clean 400 (JSON.parse alone would keep the last one).
  it('duplicate keys → 400', async () => {
    const response = responseOf(await put(`{"InstanceId":"not-this-one",${validMembers}}`));
    expectAwsError(response, 400);
  });

  it('duplicate keys never produce a 5xx', async () => {
    const response = responseOf(await put(`{"InstanceId":"x",${validMembers},"Attributes":{"a":"1","a":"2"}}`));
    expect(response.status).toBeLessThan(500);
  });
});

describe('no operation here → 404 UnknownOperationException, JSON, not HTML', () => {
  const cases: readonly { title: string; method: string; path: string }[] = [
    { title: 'unknown path', method: 'PUT', path: '/contact/webrtcx' },
    { title: 'root', method: 'GET', path: '/' },
    { title: 'wrong method for StartWebRTCContact', method: 'POST', path: '/contact/webrtc' },
    { title: 'GET on StartWebRTCContact', method: 'GET', path: '/contact/webrtc' },
    { title: 'wrong method for StopContact', method: 'PUT', path: '/contact/stop' },
    { title: 'DescribeContact with a missing label', method: 'GET', path: `/contacts/${instanceId}` },
    { title: 'DescribeContact with an extra segment', method: 'GET', path: `/contacts/${instanceId}/c/x` },
    { title: 'undecodable percent-escape in a label', method: 'GET', path: `/contacts/${instanceId}/%zz` },
    { title: 'DELETE', method: 'DELETE', path: '/contact/webrtc' },
    { title: 'OPTIONS *', method: 'OPTIONS', path: '*' },
    { title: 'absolute-form URL', method: 'GET', path: 'http://127.0.0.1/contact/webrtc' },
  ];

  it.each(cases)('$title: $method $path', async ({ method, path }) => {
    const response = responseOf(await rawExchange(emu.port, httpRequest(method, path, json, method === 'GET' ? '' : '{}')));
    expectCondition(response, 'unknown-operation');
    expect(response.text).not.toMatch(/<html/i);
  });

  it('the query string does not change the route', async () => {
    const response = responseOf(await rawExchange(emu.port, httpRequest('PUT', '/contact/webrtc?x=1', json, `{${validMembers}}`)));
    expect(response.status).toBe(200);
  });
});

describe('bodies over the limit → 413 before they are read, and the connection closed after them', () => {
  const limit = () => emu.options.maxBodyBytes;

  it('a declared Content-Length over the limit is refused from the headers alone, and closed once the body has been sent', async () => {
    const connection = await RawConnection.open(emu.port);
    try {
      // Headers only: an answer before the body proves the emulator did not wait for it.
      const result = await connection.send(httpRequest('PUT', '/contact/webrtc', { ...json, 'content-length': String(2 * limit()) }), { timeoutMs: HANG_GUARD_MS });
      const response = responseOf(result);
      expectCondition(response, 'body-too-large');
      expect(response.headers.connection).toBe('close');
      // Still reading (a close now would reset a client that is uploading): it closes once the
      // declared body has been sent and thrown away.
      expect((await connection.read({ timeoutMs: 200 })).kind).toBe('timeout');
      connection.write(Buffer.alloc(2 * limit(), 0x20));
      expect((await connection.read({ timeoutMs: HANG_GUARD_MS })).kind).toBe('closed');
    } finally {
      connection.close();
    }
  });

  it('exactly the limit is read (and then refused for its content, not its size)', async () => {
    const body = Buffer.alloc(limit(), 0x20);
    const response = responseOf(await put(body));
    expect(response.status).not.toBe(413);
    expectAwsError(response, 400);
  });

  it('a chunked body that grows past the limit → 413 before it ends', async () => {
    const connection = await RawConnection.open(emu.port);
    try {
      connection.write(httpRequest('PUT', '/contact/webrtc', { ...json, 'transfer-encoding': 'chunked' }));
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const frame = Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]);
      let sent = 0;
      let result = await connection.read({ timeoutMs: 1 });
      // Never sends the terminating 0-chunk: the answer must come from crossing the limit alone.
      while (result.kind === 'timeout' && sent < 4 * limit()) {
        connection.write(frame);
        sent += chunk.length;
        result = await connection.read({ timeoutMs: 5 });
      }
      if (result.kind === 'timeout') result = await connection.read({ timeoutMs: 5000 });
      const response = responseOf(result);
      expectCondition(response, 'body-too-large');
      expect(sent).toBeGreaterThan(limit());
    } finally {
      connection.close();
    }
  });

  it('a smaller configured limit applies to chunked bodies too', async () => {
    await using small = await startEmulator({ port: 0, noAuth: true, maxBodyBytes: 1000 });
    const body = `{${validMembers},"Description":"${'d'.repeat(2000)}"}`;
    const response = responseOf(await rawExchange(small.port, httpRequest('PUT', '/contact/webrtc', { ...json, 'transfer-encoding': 'chunked' }, `${body.length.toString(16)}\r\n${body}\r\n0\r\n\r\n`)));
    expectCondition(response, 'body-too-large');
  });
});

describe('slow clients are cut off with an AWS-shaped 408', () => {
  // Which timeout cut the client is told by what it sent, not by the clock: with a request timeout
  // far beyond the hang guard, only the headers timeout can produce the 408.
  it('headers sent partially, then nothing → 408 from the headers timeout', async () => {
    await using slow = await startEmulator({ port: 0, noAuth: true, headersTimeoutMs: 300, requestTimeoutMs: 600_000 });
    const connection = await RawConnection.open(slow.port);
    try {
      connection.write('PUT /contact/webrtc HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-le');
      const response = responseOf(await connection.read({ timeoutMs: HANG_GUARD_MS }));
      expectCondition(response, 'request-timeout');
      expect((await connection.read({ timeoutMs: HANG_GUARD_MS })).kind).toBe('closed');
    } finally {
      connection.close();
    }
  });

  it('headers complete, then a body that stalls → 408 from the request timeout', async () => {
    await using slow = await startEmulator({ port: 0, noAuth: true, headersTimeoutMs: 500, requestTimeoutMs: 1000 });
    const connection = await RawConnection.open(slow.port);
    try {
      connection.write(httpRequest('PUT', '/contact/webrtc', { ...json, 'content-length': '100' }));
      connection.write('{"InstanceId":');
      const response = responseOf(await connection.read({ timeoutMs: HANG_GUARD_MS }));
      expectCondition(response, 'request-timeout');
      expect((await connection.read({ timeoutMs: HANG_GUARD_MS })).kind).toBe('closed');
    } finally {
      connection.close();
    }
  });

  it('a connection that sends nothing at all is closed after headersTimeoutMs', async () => {
    await using slow = await startEmulator({ port: 0, noAuth: true, headersTimeoutMs: 300, requestTimeoutMs: 10_000 });
    const connection = await RawConnection.open(slow.port);
    try {
      const result = await connection.read({ timeoutMs: HANG_GUARD_MS });
      expect(result.kind).not.toBe('timeout');
      if (result.kind === 'response') expectCondition(result.response, 'request-timeout');
    } finally {
      connection.close();
    }
  });

  // A client that disconnects mid-body is the client's doing: no 500 logged, no fault counted.
  it('a client that disconnects mid-body is not counted as a service fault', async () => {
    const seen: RequestEvent[] = [];
    await using watched = await startEmulator({ port: 0, noAuth: true, observer: { request: (e) => seen.push(e) } });
    const connection = await RawConnection.open(watched.port);
    connection.write(httpRequest('PUT', '/contact/webrtc', { ...json, 'content-length': '100' }));
    connection.write('{"InstanceId":');
    await until('the emulator to receive the request', () => watched.app.inFlight() === 1);
    connection.close();
    await until('the emulator to let the request go', () => watched.app.inFlight() === 0);
    expect(seen.filter((e) => e.outcome === 'fault' || e.errorName === 'InternalServiceException')).toEqual([]);
  });
});

describe('HTTP the parser refuses is still answered AWS-shaped', () => {
  const cases: readonly { title: string; bytes: string }[] = [
    { title: 'lowercase method', bytes: 'put /contact/webrtc HTTP/1.1\r\nhost: x\r\ncontent-length: 2\r\n\r\n{}' },
    { title: 'garbage method', bytes: 'FR@B /contact/webrtc HTTP/1.1\r\nhost: x\r\n\r\n' },
    { title: 'non-numeric Content-Length', bytes: 'PUT /contact/webrtc HTTP/1.1\r\nhost: x\r\ncontent-length: 1x\r\n\r\n' },
    { title: 'two different Content-Lengths', bytes: 'PUT /contact/webrtc HTTP/1.1\r\nhost: x\r\ncontent-length: 2\r\ncontent-length: 3\r\n\r\n{}' },
    { title: 'bad chunk size', bytes: 'PUT /contact/webrtc HTTP/1.1\r\nhost: x\r\ntransfer-encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n' },
    { title: 'header without a colon', bytes: 'PUT /contact/webrtc HTTP/1.1\r\nhost x\r\n\r\n' },
    { title: 'not HTTP at all', bytes: '\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03 hello\r\n\r\n' },
  ];

  it.each(cases)('$title → 400 JSON', async ({ bytes }) => {
    const response = responseOf(await rawExchange(emu.port, Buffer.from(bytes, 'latin1')));
    expectAwsError(response, 400);
  });

  // An Upgrade request is refused as an unknown operation and the connection closed: left to Node,
  // the parser would stay in upgrade mode and the connection would hang until keepAliveTimeout.
  it('an Upgrade request is answered and its connection closed, not left hanging', async () => {
    const connection = await RawConnection.open(emu.port);
    try {
      const first = responseOf(await connection.send(httpRequest('GET', '/x', { connection: 'Upgrade', upgrade: 'websocket' })));
      expectCondition(first, 'unknown-operation');
      const second = await connection.send('get / HTTP/1.1\r\nhost: x\r\n\r\n', { timeoutMs: 1500 });
      expect(second.kind).toBe('closed');
    } finally {
      connection.close();
    }
  });

  it('the health probe answers 200 without a signature, and only to GET', async () => {
    await using signed = await startEmulator({ port: 0 });
    const ok = responseOf(await rawExchange(signed.port, httpRequest('GET', '/__emulator/health')));
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.text)).toEqual({ status: 'ok' });
    expectCondition(responseOf(await rawExchange(signed.port, httpRequest('PUT', '/__emulator/health'))), 'unknown-operation');
  });

  // Node hands CONNECT to a 'connect' event; without a listener it would drop the socket unanswered.
  it('CONNECT gets an AWS-shaped answer, not a dropped connection', async () => {
    const response = responseOf(await rawExchange(emu.port, httpRequest('CONNECT', '127.0.0.1:443')));
    expectAwsError(response);
  });
});
