// Pre-signed StartWebRTCContact requests with distinct ClientTokens, as raw HTTP/1.1, so the load
// generator spends nothing on signing and every request is a new contact for the emulator.
import { randomUUID } from 'node:crypto';
import { signRequest } from '../../harness/sigv4/index.ts';
import { nodeCrypto } from '../../harness/platform/node-crypto.ts';
import { DEFAULT_CONTACT_FLOW_ID, DEFAULT_CREDENTIALS, DEFAULT_INSTANCE_ID, DEFAULT_REGION } from '../../harness/contract/defaults.ts';

export interface SignedRequest {
  readonly headers: Record<string, string>;
  readonly body: string;
}

export function signedRequests(count: number, host: string): SignedRequest[] {
  const out: SignedRequest[] = [];
  const date = Date.now();
  for (let i = 0; i < count; i++) {
    const body = JSON.stringify({
      InstanceId: DEFAULT_INSTANCE_ID,
      ContactFlowId: DEFAULT_CONTACT_FLOW_ID,
      ParticipantDetails: { DisplayName: `Bench Customer ${i}` },
      ClientToken: randomUUID(),
      Attributes: { customerTier: 'gold', locale: 'en-US', journey: 'mobile-app' },
      AllowedCapabilities: { Customer: { Video: 'SEND' }, Agent: { Video: 'SEND' } },
    });
    const headers: Record<string, string> = { host, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) };
    Object.assign(headers, signRequest({ method: 'PUT', path: '/contact/webrtc', headers, body, region: DEFAULT_REGION, service: 'connect', credentials: DEFAULT_CREDENTIALS, date, crypto: nodeCrypto }));
    out.push({ headers, body });
  }
  return out;
}

function rawText(r: SignedRequest): string {
  return `PUT /contact/webrtc HTTP/1.1\r\n${Object.entries(r.headers).map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\n\r\n${r.body}`;
}

/** Raw requests separated by NUL bytes, for the wrk script and the open-loop generator. */
export function rawRequests(requests: readonly SignedRequest[]): Buffer {
  return Buffer.from(requests.map(rawText).join('\0') + '\0');
}
