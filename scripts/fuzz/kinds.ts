// The hostile requests the fuzz sends, by kind: broken bodies, bad signatures, odd headers, broken
// framing, odd paths, big bodies and slow clients. Each kind builds the bytes of one exchange (a
// few kinds pipeline more than one request) and says how many answers the server owes for it.
// Whatever the kind, the server must answer every request it received, never with a 5xx, and every
// error as JSON with a Message, x-amzn-ErrorType and a request id.
import { randomUUID } from 'node:crypto';
import { DEFAULT_CONTACT_FLOW_ID, DEFAULT_INSTANCE_ID } from '../../harness/contract/defaults.ts';
import { requestBytes, signed, type Headers, type SignOptions } from './request-bytes.ts';

export interface Plan {
  /** Written in order; a number is a pause of that many milliseconds (a slow client). */
  readonly parts: readonly (Buffer | number)[];
  /** Answers the server owes: more than one when requests are pipelined. */
  readonly answers: number;
  /** The request is HEAD: answers carry no body. */
  readonly head?: boolean;
  /** Less is sent than the request declares: the connection cannot carry another request. */
  readonly incomplete?: boolean;
}

export interface Context {
  /** The Host header value, `127.0.0.1:PORT`. */
  readonly host: string;
  /** A number in [0, 1) from the run's seeded generator. */
  readonly random: () => number;
}

export interface Kind {
  readonly name: string;
  readonly group: 'body' | 'auth' | 'headers' | 'framing' | 'path' | 'big-body' | 'slow';
  /** Relative frequency. */
  readonly weight: number;
  build(context: Context): Plan;
}

const json = { 'content-type': 'application/json' };
const START = 'PUT /contact/webrtc HTTP/1.1';
const members = (token: string = randomUUID()) => ({ InstanceId: DEFAULT_INSTANCE_ID, ContactFlowId: DEFAULT_CONTACT_FLOW_ID, ParticipantDetails: { DisplayName: 'Fuzz' }, ClientToken: token });
const validBody = (token?: string) => Buffer.from(JSON.stringify(members(token)));
const one = (bytes: Buffer): Plan => ({ parts: [bytes], answers: 1 });

/** A signed StartWebRTCContact with `body` (signed as sent unless `options` say otherwise). */
function start(context: Context, body: Buffer, options: SignOptions = {}, headers: Headers = json): Buffer {
  return requestBytes(START, signed(context.host, 'PUT', '/contact/webrtc', headers, body, options), body);
}

/** A signed request with any method and target. */
function signedRequest(context: Context, method: string, target: string, body = Buffer.alloc(0)): Buffer {
  return requestBytes(`${method} ${target} HTTP/1.1`, signed(context.host, method, target, json, body), body);
}

const bodyKind = (name: string, body: (context: Context) => Buffer | string, weight = 3): Kind => ({
  name,
  group: 'body',
  weight,
  build: (c) => {
    const b = body(c);
    return one(start(c, typeof b === 'string' ? Buffer.from(b) : b));
  },
});

const rawKind = (name: string, group: Kind['group'], bytes: (context: Context) => string | Buffer, weight = 2, answers = 1): Kind => ({
  name,
  group,
  weight,
  build: (c) => {
    const b = bytes(c);
    return { parts: [typeof b === 'string' ? Buffer.from(b, 'latin1') : b], answers };
  },
});

const valid = JSON.stringify(members('fixed'));
const withValid = (change: (m: Record<string, unknown>) => void) => {
  const m: Record<string, unknown> = members();
  change(m);
  return JSON.stringify(m);
};

const bodies: Kind[] = [
  bodyKind('valid start', () => validBody(), 12),
  bodyKind('replayed ClientToken', () => validBody('fuzz-replayed'), 4),
  bodyKind('malformed JSON', () => '{"InstanceId":'),
  bodyKind('trailing garbage', () => `${valid} x`),
  bodyKind('invalid UTF-8', () => Buffer.concat([Buffer.from(valid.slice(0, -1)), Buffer.from(',"Description":"'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('"}')])),
  bodyKind('lone surrogate escape', () => withValid((m) => (m.ParticipantDetails = { DisplayName: '\ud800' }))),
  bodyKind('100k nested arrays', () => '['.repeat(100_000), 1),
  bodyKind('deep SegmentAttributes', () => withValid((m) => (m.SegmentAttributes = { a: JSON.parse(`${'{"ValueMap":{"a":'.repeat(200)}{}${'}}'.repeat(200)}`) })), 1),
  bodyKind('duplicate keys', () => `{"InstanceId":"x",${valid.slice(1)}`),
  bodyKind('JSON null', () => 'null'),
  bodyKind('JSON array', () => '[1,2,3]'),
  bodyKind('JSON string', () => '"start"'),
  bodyKind('wrong member type', () => withValid((m) => (m.InstanceId = 5))),
  bodyKind('ValueInteger 1e400', () => valid.replace(/}$/, ',"SegmentAttributes":{"a":{"ValueInteger":1e400}}}')),
  bodyKind('byte order mark', () => `\ufeff${valid}`),
  bodyKind('empty body', () => ''),
  bodyKind('900 KB Description', () => withValid((m) => (m.Description = 'd'.repeat(900_000))), 1),
  bodyKind('unknown instance', () => withValid((m) => (m.InstanceId = randomUUID()))),
  bodyKind('attribute budget exceeded', () => withValid((m) => (m.Attributes = { a: 'v'.repeat(40_000) }))),
  bodyKind('__proto__ and constructor keys', () => valid.replace(/}$/, ',"Attributes":{"__proto__":"x","constructor":"y"},"__proto__":{"InstanceId":"z"}}')),
  bodyKind('random bytes', (c) => Buffer.from(Array.from({ length: 1 + Math.floor(c.random() * 300) }, () => Math.floor(c.random() * 256)))),
];

const hour = 3_600_000;
const auth: Kind[] = [
  rawKind('no Authorization', 'auth', () => requestBytes(START, { host: 'x', ...json }, validBody())),
  rawKind('garbage Authorization', 'auth', () => requestBytes(START, { host: 'x', ...json, authorization: 'AWS4-HMAC-SHA256 nonsense', 'x-amz-date': '20260101T000000Z' }, validBody())),
  { name: 'unknown access key', group: 'auth', weight: 2, build: (c) => one(start(c, validBody(), { accessKeyId: 'AKIDUNKNOWN' })) },
  { name: 'wrong secret', group: 'auth', weight: 2, build: (c) => one(start(c, validBody(), { secretAccessKey: 'not-the-secret' })) },
  { name: 'clock 20 minutes off', group: 'auth', weight: 2, build: (c) => one(start(c, validBody(), { date: Date.now() - hour / 3 })) },
  { name: 'another region', group: 'auth', weight: 2, build: (c) => one(start(c, validBody(), { region: 'eu-west-2' })) },
  { name: 'body not the one signed', group: 'auth', weight: 2, build: (c) => one(start(c, validBody(), { signedBody: Buffer.from('{}') })) },
  { name: 'signed for another path', group: 'auth', weight: 2, build: (c) => one(start(c, validBody(), { signedPath: '/contact/stop' })) },
  {
    name: 'Authorization twice',
    group: 'auth',
    weight: 2,
    build: (c) => {
      const body = validBody();
      const headers = signed(c.host, 'PUT', '/contact/webrtc', json, body);
      return one(requestBytes(START, headers, body, 'content-length', [`authorization: ${headers.authorization}`]));
    },
  },
  rawKind('malformed X-Amz-Date', 'auth', (c) => requestBytes(START, { ...signed(c.host, 'PUT', '/contact/webrtc', json, validBody()), 'x-amz-date': 'yesterday' }, validBody())),
];

const line = (extra: string) => `${START}\r\nhost: x\r\n${extra}content-length: 2\r\n\r\n{}`;
const headerKinds: Kind[] = [
  rawKind('no Host', 'headers', () => `${START}\r\ncontent-length: 2\r\n\r\n{}`),
  rawKind('two Host headers', 'headers', () => line('host: y\r\n')),
  {
    name: 'Expect: 100-continue',
    group: 'headers',
    weight: 2,
    build: (c) => {
      const body = validBody();
      return one(requestBytes(START, signed(c.host, 'PUT', '/contact/webrtc', { ...json, expect: '100-continue' }, body), body));
    },
  },
  rawKind('Expect: something else', 'headers', () => line('expect: 200-ok\r\n')),
  rawKind('a 20 KB header', 'headers', () => line(`x-big: ${'a'.repeat(20_000)}\r\n`)),
  rawKind('300 headers', 'headers', () => line(Array.from({ length: 300 }, (_, i) => `x-h${i}: v\r\n`).join(''))),
  rawKind('folded header', 'headers', () => line('x-a: 1\r\n  folded\r\n')),
  rawKind('NUL in a header', 'headers', () => line('x-a: a\0b\r\n')),
  rawKind('byte 0xff in a header value', 'headers', () => line('x-a: caf\xe9\xff\r\n')),
  rawKind('space in a header name', 'headers', () => line('x a: 1\r\n')),
  rawKind('text/plain body', 'headers', (c) => start(c, validBody(), {}, { 'content-type': 'text/plain' })),
  rawKind('Connection: Upgrade websocket', 'headers', () => `GET /contact/webrtc HTTP/1.1\r\nhost: x\r\nconnection: Upgrade\r\nupgrade: websocket\r\n\r\n`),
  rawKind('Upgrade: h2c', 'headers', () => `GET / HTTP/1.1\r\nhost: x\r\nconnection: Upgrade, HTTP2-Settings\r\nupgrade: h2c\r\nhttp2-settings: AAMAAABkAAQCAAAAAAIAAAAA\r\n\r\n`),
  rawKind('Transfer-Encoding: gzip', 'headers', () => `${START}\r\nhost: x\r\ntransfer-encoding: gzip\r\n\r\n{}`),
];

const framing: Kind[] = [
  rawKind('Content-Length and chunked', 'framing', () => `${START}\r\nhost: x\r\ncontent-length: 5\r\ntransfer-encoding: chunked\r\n\r\n0\r\n\r\n`),
  rawKind('negative Content-Length', 'framing', () => `${START}\r\nhost: x\r\ncontent-length: -1\r\n\r\n`),
  rawKind('non-numeric Content-Length', 'framing', () => `${START}\r\nhost: x\r\ncontent-length: 1x\r\n\r\n`),
  rawKind('two Content-Lengths', 'framing', () => `${START}\r\nhost: x\r\ncontent-length: 2\r\ncontent-length: 3\r\n\r\n{}`),
  rawKind('bad chunk size', 'framing', () => `${START}\r\nhost: x\r\ntransfer-encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n`),
  rawKind('chunk without CRLF', 'framing', () => `${START}\r\nhost: x\r\ntransfer-encoding: chunked\r\n\r\n2\r\n{}XX0\r\n\r\n`),
  rawKind('20 KB chunk extension', 'framing', () => `${START}\r\nhost: x\r\ntransfer-encoding: chunked\r\n\r\n2;${'e'.repeat(20_000)}\r\n{}\r\n0\r\n\r\n`),
  rawKind('lowercase method', 'framing', () => 'put /contact/webrtc HTTP/1.1\r\nhost: x\r\ncontent-length: 2\r\n\r\n{}'),
  rawKind('garbage method', 'framing', () => 'FR@B /contact/webrtc HTTP/1.1\r\nhost: x\r\n\r\n'),
  rawKind('HTTP/1.7', 'framing', () => 'GET / HTTP/1.7\r\nhost: x\r\n\r\n'),
  rawKind('HTTP/1.0 without Host', 'framing', () => 'PUT /contact/webrtc HTTP/1.0\r\ncontent-length: 2\r\n\r\n{}'),
  rawKind('HTTP/0.9-style request', 'framing', () => 'GET /\r\n\r\n'),
  rawKind('bare LF line endings', 'framing', () => 'GET / HTTP/1.1\nhost: x\n\n'),
  rawKind('HTTP/2 preface', 'framing', () => 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n'),
  rawKind('TLS ClientHello', 'framing', () => Buffer.from('160301020001000100fc0303', 'hex')),
  rawKind('CONNECT', 'framing', () => 'CONNECT 127.0.0.1:443 HTTP/1.1\r\nhost: 127.0.0.1:443\r\n\r\n'),
  rawKind('body longer than Content-Length', 'framing', () => `${START}\r\nhost: x\r\ncontent-length: 2\r\n\r\n{}GARBAGE\r\n\r\n`, 2, 2),
  { name: 'three pipelined starts', group: 'framing', weight: 2, build: (c) => ({ parts: [Buffer.concat([start(c, validBody()), start(c, validBody()), start(c, validBody())])], answers: 3 }) },
  { name: 'a start, then garbage, pipelined', group: 'framing', weight: 2, build: (c) => ({ parts: [Buffer.concat([start(c, validBody()), Buffer.from('FR@B / HTTP/1.1\r\n\r\n')])], answers: 2 }) },
];

const paths: Kind[] = [
  { name: 'unknown path', group: 'path', weight: 2, build: (c) => one(signedRequest(c, 'PUT', '/contact/webrtcx', validBody())) },
  rawKind('path traversal', 'path', () => 'GET /../../etc/passwd HTTP/1.1\r\nhost: x\r\n\r\n'),
  { name: 'undecodable percent-escape', group: 'path', weight: 2, build: (c) => one(signedRequest(c, 'GET', `/contacts/${DEFAULT_INSTANCE_ID}/%zz`)) },
  rawKind('8 KB path', 'path', () => `GET /contacts/${'c'.repeat(8192)}/x HTTP/1.1\r\nhost: x\r\n\r\n`),
  rawKind('byte 0xff in the path', 'path', () => 'GET /contact/\xff HTTP/1.1\r\nhost: x\r\n\r\n'),
  { name: 'odd query string', group: 'path', weight: 2, build: (c) => one(requestBytes('PUT /contact/webrtc?a=%zz&&=&b HTTP/1.1', signed(c.host, 'PUT', '/contact/webrtc', json, validBody()), validBody())) },
  rawKind('fragment in the target', 'path', () => 'GET /contact/webrtc#frag HTTP/1.1\r\nhost: x\r\n\r\n'),
  rawKind('double slash', 'path', () => 'PUT //contact/webrtc HTTP/1.1\r\nhost: x\r\ncontent-length: 2\r\n\r\n{}'),
  rawKind('absolute-form target', 'path', () => 'GET http://127.0.0.1/contact/webrtc HTTP/1.1\r\nhost: x\r\n\r\n'),
  rawKind('OPTIONS *', 'path', () => 'OPTIONS * HTTP/1.1\r\nhost: x\r\n\r\n'),
  { name: 'HEAD', group: 'path', weight: 2, build: () => ({ parts: [Buffer.from('HEAD /contact/webrtc HTTP/1.1\r\nhost: x\r\n\r\n')], answers: 1, head: true }) },
  { name: 'DescribeContact of an unknown contact', group: 'path', weight: 2, build: (c) => one(signedRequest(c, 'GET', `/contacts/${DEFAULT_INSTANCE_ID}/${randomUUID()}`)) },
  { name: 'StopContact of an unknown contact', group: 'path', weight: 2, build: (c) => one(signedRequest(c, 'POST', '/contact/stop', Buffer.from(JSON.stringify({ InstanceId: DEFAULT_INSTANCE_ID, ContactId: randomUUID() })))) },
  rawKind('health probe', 'path', () => 'GET /__emulator/health HTTP/1.1\r\nhost: x\r\n\r\n'),
];

const filler = (size: number) => Buffer.alloc(size, 0x20);
const bigBodies: Kind[] = [
  rawKind('2 MB body, Content-Length', 'big-body', () => requestBytes(START, { host: 'x', ...json }, filler(2_000_000)), 0.4),
  rawKind('20 MB body, Content-Length', 'big-body', () => requestBytes(START, { host: 'x', ...json }, filler(20_000_000)), 0.04),
  // Signed, so that it is the size that refuses it (the length is not declared: it is counted).
  rawKind('3 MB body, chunked', 'big-body', (c) => requestBytes(START, signed(c.host, 'PUT', '/contact/webrtc', json, filler(3_000_000)), filler(3_000_000), 'chunked'), 0.3),
  { name: '10 GB declared, 1 KB sent', group: 'big-body', weight: 0.5, build: () => ({ parts: [requestBytes(START, { host: 'x', ...json, 'content-length': String(10 * 1024 ** 3) }, filler(1024), 'none')], answers: 1, incomplete: true }) },
  rawKind('body just over the limit', 'big-body', () => requestBytes(START, { host: 'x', ...json }, filler(1024 * 1024 + 1)), 0.5),
];

/** Pieces of `bytes` with `pause` ms between them. */
function trickle(bytes: Buffer, pieces: number, pause: number): (Buffer | number)[] {
  const parts: (Buffer | number)[] = [];
  const size = Math.ceil(bytes.length / pieces);
  for (let offset = 0; offset < bytes.length; offset += size) {
    if (offset > 0) parts.push(pause);
    parts.push(bytes.subarray(offset, offset + size));
  }
  return parts;
}

const slow: Kind[] = [
  { name: 'headers in 6 pieces', group: 'slow', weight: 0.5, build: (c) => ({ parts: trickle(start(c, validBody()), 6, 20), answers: 1 }) },
  {
    name: 'body in 6 pieces',
    group: 'slow',
    weight: 0.5,
    build: (c) => {
      const bytes = start(c, validBody());
      const split = bytes.indexOf('\r\n\r\n') + 4;
      return { parts: [bytes.subarray(0, split), ...trickle(bytes.subarray(split), 6, 20)], answers: 1 };
    },
  },
  rawKind('headers that stop halfway', 'slow', () => `${START}\r\nhost: x\r\ncontent-le`, 0.2),
  {
    name: 'a body that stops halfway',
    group: 'slow',
    weight: 0.2,
    build: (c) => {
      // Signed for the whole body, so that the emulator waits for it (an unsigned one is refused first).
      const bytes = start(c, validBody());
      return { parts: [bytes.subarray(0, bytes.length - 10)], answers: 1, incomplete: true };
    },
  },
  { name: 'one byte every 100 ms', group: 'slow', weight: 0.1, build: () => ({ parts: trickle(Buffer.from(`${START}\r\nhost: x\r\ncontent-length: 2\r\n\r\n{}`), 40, 100), answers: 1 }) },
];

export const kinds: readonly Kind[] = [...bodies, ...auth, ...headerKinds, ...framing, ...paths, ...bigBodies, ...slow];
