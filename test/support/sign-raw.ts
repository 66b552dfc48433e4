// Signs raw requests with the SDK's own SigV4 signer (@smithy/signature-v4), not the project's, so
// that auth tests stay independent of the code under test. SHA-256 comes from node:crypto.
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';

/** The Checksum shape @smithy/signature-v4 expects: HMAC with a secret, plain SHA-256 without. */
export class NodeSha256 {
  private readonly hash: Hash | Hmac;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', typeof secret === 'string' ? secret : Buffer.from(secret as ArrayBuffer));
  }
  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.hash.update(typeof data === 'string' ? data : ArrayBuffer.isView(data) ? Buffer.from(data.buffer, data.byteOffset, data.byteLength) : Buffer.from(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
  reset(): void {
    throw new Error('not needed by the signer');
  }
}

export const sha256Hex = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

export interface SignInput {
  readonly port: number;
  readonly method: string;
  readonly path: string;
  readonly query?: Readonly<Record<string, string>>;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly accessKeyId?: string;
  readonly secretAccessKey?: string;
  readonly region?: string;
  readonly signingDate?: Date;
  /** false: no x-amz-content-sha256 header (the signature still covers the body's hash). */
  readonly applyChecksum?: boolean;
}

/** A signed request: its headers, and its bytes (optionally with a body other than the signed one). */
export async function signRequest(input: SignInput): Promise<{ headers: Record<string, string>; bytes: (body?: string) => Buffer }> {
  const signer = new SignatureV4({
    service: 'connect',
    region: input.region ?? 'us-east-1',
    credentials: { accessKeyId: input.accessKeyId ?? 'test', secretAccessKey: input.secretAccessKey ?? 'test' },
    sha256: NodeSha256,
    applyChecksum: input.applyChecksum ?? true,
  });
  const body = input.body ?? '';
  const host = `127.0.0.1:${input.port}`;
  const signed = await signer.sign(
    {
      method: input.method,
      protocol: 'http:',
      hostname: '127.0.0.1',
      port: input.port,
      path: input.path,
      query: { ...input.query },
      headers: { host, 'content-type': 'application/json', ...input.headers },
      body,
    },
    input.signingDate ? { signingDate: input.signingDate } : {},
  );
  const headers = signed.headers as Record<string, string>;
  const query = Object.entries(input.query ?? {})
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('&');
  return {
    headers,
    bytes: (sent = body) => {
      const payload = Buffer.from(sent, 'utf8');
      const lines = [`${input.method} ${input.path}${query ? `?${query}` : ''} HTTP/1.1`];
      for (const [name, value] of Object.entries(headers)) if (name.toLowerCase() !== 'content-length') lines.push(`${name}: ${value}`);
      lines.push(`content-length: ${payload.length}`);
      return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), payload]);
    },
  };
}
