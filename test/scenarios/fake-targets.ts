// Small StartWebRTCContact targets on 127.0.0.1 for the tests that need a target to misbehave in
// one exact way: throttle every call, accept a token's first start and throttle its replays, or
// simply count what reached it. A closed port stands for a target that refuses every connection.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeTarget {
  readonly url: string;
  /** Requests received, by path. */
  readonly received: Map<string, number>;
  readonly close: () => Promise<void>;
}

type Behaviour = 'throttle-all' | 'throttle-replays' | 'accept-all';

function send(res: ServerResponse, status: number, body: unknown, errorType?: string): void {
  res.writeHead(status, { 'content-type': 'application/json', ...(errorType ? { 'x-amzn-errortype': errorType } : {}) });
  res.end(JSON.stringify(body));
}

export async function startFakeTarget(behaviour: Behaviour): Promise<FakeTarget> {
  const received = new Map<string, number>();
  const seenTokens = new Set<string>();
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = (req.url ?? '/').split('?')[0]!;
      received.set(path, (received.get(path) ?? 0) + 1);
      if (path === '/contact/stop') return send(res, 200, {});
      if (behaviour === 'throttle-all') return send(res, 429, { message: 'Rate exceeded' }, 'ThrottlingException');
      let token: unknown;
      try {
        token = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { ClientToken?: unknown }).ClientToken;
      } catch {
        token = undefined;
      }
      if (behaviour === 'throttle-replays' && typeof token === 'string') {
        if (seenTokens.has(token)) return send(res, 429, { message: 'Rate exceeded' }, 'ThrottlingException');
        seenTokens.add(token);
      }
      send(res, 200, { ContactId: randomUUID(), ParticipantId: randomUUID(), ParticipantToken: 'token', ConnectionData: {} });
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: () => new Promise((done) => server.close(() => done())),
  };
}

/** A URL nothing listens on: every connection is refused (k6 status 0, error code 1212). */
export async function refusingUrl(): Promise<string> {
  const probe = createServer();
  await new Promise<void>((done) => probe.listen(0, '127.0.0.1', done));
  const url = `http://127.0.0.1:${(probe.address() as AddressInfo).port}`;
  await new Promise((done) => probe.close(done));
  return url;
}

export const totalReceived = (t: FakeTarget) => [...t.received.values()].reduce((a, b) => a + b, 0);
