// The real client: requests sent by @aws-sdk/client-connect to an in-process Node server verify,
// including path labels the SDK percent-encodes (which a non-S3 signer escapes a second time).
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { ConnectClient, DescribeContactCommand, StartWebRTCContactCommand } from '@aws-sdk/client-connect';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeCrypto } from '../platform/node-crypto.ts';
import { verifyRequest } from './verify.ts';
import type { VerifyResult } from './verify-result.ts';

const credentials = { accessKeyId: 'AKIDROUNDTRIP', secretAccessKey: 'round/trip+secret', sessionToken: 'session-token' };
const seen: { request: IncomingMessage; result: VerifyResult }[] = [];
let server: Server;
let client: ConnectClient;

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const result = verifyRequest({
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        bodySha256: createHash('sha256').update(Buffer.concat(chunks)).digest('hex'),
        now: Date.now(),
        lookupSecret: (id) => (id === credentials.accessKeyId ? credentials.secretAccessKey : undefined),
        crypto: nodeCrypto,
        region: 'eu-west-2',
        service: 'connect',
      });
      seen.push({ request: req, result });
      res.writeHead(200, { 'content-type': 'application/json', 'x-amzn-requestid': 'r' });
      res.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  client = new ConnectClient({ region: 'eu-west-2', endpoint: `http://127.0.0.1:${port}`, credentials, maxAttempts: 1 });
});

afterAll(async () => {
  client?.destroy();
  await new Promise((resolve) => server?.close(resolve));
});

describe('requests signed by @aws-sdk/client-connect', () => {
  it('StartWebRTCContact verifies, with the headers the SDK signs', async () => {
    await client.send(
      new StartWebRTCContactCommand({
        InstanceId: '11111111-2222-3333-4444-555555555555',
        ContactFlowId: 'flow',
        ParticipantDetails: { DisplayName: 'Zoë 😀  two  spaces' },
        Attributes: { k: 'v' },
      }),
    );
    const last = seen.at(-1);
    expect(last?.request.url).toBe('/contact/webrtc');
    expect(last?.result).toMatchObject({
      ok: true,
      accessKeyId: credentials.accessKeyId,
      region: 'eu-west-2',
      service: 'connect',
      sessionToken: 'session-token',
      signedHeaders: [
        'amz-sdk-invocation-id', 'amz-sdk-request', 'content-length', 'content-type', 'host',
        'x-amz-content-sha256', 'x-amz-date', 'x-amz-security-token', 'x-amz-user-agent',
      ],
    });
  });

  it.each([
    ['spaces and unicode', 'inst ance', 'ሴ 😀'],
    ['reserved characters', "a/b?c#d&e=f+g!'()*", '%41%zz'],
    ['dot segments', '..', '.'],
  ])('DescribeContact with ids holding %s verifies', async (_name, InstanceId, ContactId) => {
    await client.send(new DescribeContactCommand({ InstanceId, ContactId }));
    const last = seen.at(-1);
    expect(last?.request.url).toMatch(/^\/contacts\//);
    expect(last?.result).toMatchObject({ ok: true });
  });

  it('a request signed with another secret does not', async () => {
    const { port } = server.address() as AddressInfo;
    const stranger = new ConnectClient({
      region: 'eu-west-2',
      endpoint: `http://127.0.0.1:${port}`,
      credentials: { ...credentials, secretAccessKey: 'not the secret' },
      maxAttempts: 1,
    });
    await stranger.send(new DescribeContactCommand({ InstanceId: 'i', ContactId: 'c' }));
    stranger.destroy();
    expect(seen.at(-1)?.result).toMatchObject({ ok: false, reason: 'signature-mismatch' });
  });
});
