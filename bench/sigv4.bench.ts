// Signing and verification throughput of harness/sigv4 (Node adapter) on a typical
// StartWebRTCContact request, against @smithy/signature-v4 (what the AWS SDK v3 signs with)
// measured in the same run. smithy's sign() is async, so it is driven by an awaiting loop; our
// signer is also timed in such a loop, to show how much of the gap is the promise overhead.
import { Sha256 } from '@smithy/core/checksum';
import { SignatureV4 } from '@smithy/signature-v4';
import { nodeCrypto } from '../harness/platform/node-crypto.ts';
import { signRequest, verifyRequest } from '../harness/sigv4/index.ts';
import { opsPerSecond, type BenchSection } from './section.ts';

const MS = 1500;
const region = 'us-east-1';
const credentials = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const body = JSON.stringify({
  InstanceId: '6a1f5c2e-8a5d-4f4e-9d43-3f0a9b8e7c21',
  ContactFlowId: 'b7e3c1d2-4f5a-4b6c-8d7e-9f0a1b2c3d4e',
  ParticipantDetails: { DisplayName: 'Load test participant 0042' },
  Attributes: { customerId: 'cust-000042', queue: 'video-support', priority: 'high', locale: 'en-GB' },
  ClientToken: '0f8fad5b-d9cb-469f-a165-70867728950e',
  AllowedCapabilities: { Customer: { Video: 'SEND', ScreenShare: 'SEND' }, Agent: { Video: 'SEND', ScreenShare: 'SEND' } },
});
// The headers the v3 SDK sends before signing (observed on the wire).
const headers = {
  'content-type': 'application/json',
  'content-length': String(Buffer.byteLength(body)),
  'x-amz-user-agent': 'aws-sdk-js/3.1136.0',
  'user-agent': 'aws-sdk-js/3.1136.0 ua/2.1 os/linux lang/js md/nodejs#20.19.0 api/connect#3.1136.0',
  host: `connect.${region}.amazonaws.com`,
  'amz-sdk-invocation-id': '7b1f3f0e-1c3e-4a8e-9b0e-2f6f5d1c9a11',
  'amz-sdk-request': 'attempt=1; max=1',
};
const signingDate = new Date();

const ours = () =>
  signRequest({ method: 'PUT', path: '/contact/webrtc', headers, body, region, service: 'connect', credentials, date: signingDate, crypto: nodeCrypto });

const smithySigner = new SignatureV4({ service: 'connect', region, credentials, sha256: Sha256, uriEscapePath: true });
const smithyRequest = { method: 'PUT', protocol: 'https:', hostname: headers.host, path: '/contact/webrtc', query: {}, headers, body };
const smithy = () => smithySigner.sign(smithyRequest, { signingDate });

async function asyncOpsPerSecond(fn: () => Promise<unknown>, ms: number): Promise<number> {
  for (let i = 0; i < 1000; i++) await fn();
  let ops = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < ms) {
    for (let i = 0; i < 256; i++) await fn();
    ops += 256;
    elapsed = performance.now() - start;
  }
  return (ops * 1000) / elapsed;
}

export async function bench(): Promise<BenchSection> {
  // Same bytes out of both signers, or the race means nothing.
  const theirs = (await smithy()) as { headers: Record<string, string> };
  if (theirs.headers.authorization !== ours().authorization) throw new Error('sigv4 bench: signers disagree');

  const received = { ...headers, ...ours() };
  const bodySha256 = nodeCrypto.sha256Hex(body);
  const now = signingDate.getTime();
  const lookupSecret = (id: string) => (id === credentials.accessKeyId ? credentials.secretAccessKey : undefined);
  const verify = () =>
    verifyRequest({ method: 'PUT', path: '/contact/webrtc', headers: received, bodySha256, now, lookupSecret, crypto: nodeCrypto, region, service: 'connect' });
  if (!verify().ok) throw new Error('sigv4 bench: verifier refuses the signed request');

  const smithyOps = await asyncOpsPerSecond(smithy, MS);
  const oursOps = opsPerSecond(ours, MS);
  const oursAwaited = await asyncOpsPerSecond(async () => ours(), MS);
  const verifyOps = opsPerSecond(verify, MS);
  const verifyWithHashOps = opsPerSecond(() => {
    nodeCrypto.sha256Hex(body); // the emulator hashes the received body itself
    return verify();
  }, MS);
  const row = (name: string, value: number, unit: string) => ({ name, value, unit, ratio: value / smithyOps });
  return {
    title: 'SigV4 signing and verification (harness/sigv4, Node adapter)',
    goal: 'signatures per second at least those of @smithy/signature-v4 on the same request (ratio >= 1)',
    rows: [
      row('@smithy/signature-v4 sign() (baseline, awaited)', smithyOps, 'signatures/s'),
      row('signRequest()', oursOps, 'signatures/s'),
      row('signRequest() in an awaiting loop', oursAwaited, 'signatures/s'),
      row('verifyRequest() (body hash given)', verifyOps, 'verifications/s'),
      row('verifyRequest() + hashing the body', verifyWithHashOps, 'verifications/s'),
    ],
    met: oursOps >= smithyOps,
    notes: [
      `PUT /contact/webrtc, ${Buffer.byteLength(body)}-byte JSON body, the SDK's seven request headers, one credential, signing key cached.`,
      'Both signers hash the body on every call; verifyRequest() takes the body hash from the caller, as the emulator computes it from the raw bytes.',
    ],
  };
}
