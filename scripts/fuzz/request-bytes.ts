// Raw HTTP/1.1 request bytes for the fuzz kinds, signed with the project's SigV4 signer for the
// emulator's default key (or deliberately signed wrong), so that a hostile body gets past the
// signature and reaches the deeper layers.
import { hash } from 'node:crypto';
import { signRequest } from '../../harness/sigv4/index.ts';
import { nodeCrypto } from '../../harness/platform/node-crypto.ts';
import { DEFAULT_CREDENTIALS, DEFAULT_REGION } from '../../harness/contract/defaults.ts';

export type Headers = Readonly<Record<string, string>>;

export interface SignOptions {
  readonly accessKeyId?: string;
  readonly secretAccessKey?: string;
  readonly region?: string;
  /** Epoch milliseconds; default now. */
  readonly date?: number;
  /** Sign this path instead of the one sent. */
  readonly signedPath?: string;
  /** Sign this body instead of the one sent. */
  readonly signedBody?: Buffer;
}

/** The signing headers for a request to `host`, merged over `headers`. */
export function signed(host: string, method: string, path: string, headers: Headers, body: Buffer, options: SignOptions = {}): Record<string, string> {
  const all: Record<string, string> = { host, ...headers };
  const q = (options.signedPath ?? path).indexOf('?');
  const target = options.signedPath ?? path;
  const signing = signRequest({
    method,
    path: q < 0 ? target : target.slice(0, q),
    query: q < 0 ? '' : target.slice(q + 1),
    headers: all,
    bodySha256: hash('sha256', options.signedBody ?? body, 'hex'),
    region: options.region ?? DEFAULT_REGION,
    service: 'connect',
    credentials: { accessKeyId: options.accessKeyId ?? DEFAULT_CREDENTIALS.accessKeyId, secretAccessKey: options.secretAccessKey ?? DEFAULT_CREDENTIALS.secretAccessKey },
    date: options.date,
    crypto: nodeCrypto,
  });
  return { ...all, ...signing };
}

export type Framing = 'content-length' | 'chunked' | 'none';

/**
 * The bytes of one request. Header lines are written as given (names may repeat through `extra`
 * lines); Content-Length or chunked framing is added unless `framing` is "none".
 */
export function requestBytes(requestLine: string, headers: Headers, body: Buffer = Buffer.alloc(0), framing: Framing = 'content-length', extra: readonly string[] = []): Buffer {
  const lines = [requestLine, ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`), ...extra];
  if (framing === 'content-length') lines.push(`content-length: ${body.length}`);
  if (framing === 'chunked') lines.push('transfer-encoding: chunked');
  const head = Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1');
  if (framing !== 'chunked') return Buffer.concat([head, body]);
  const parts: Buffer[] = [head];
  const size = 64 * 1024;
  for (let offset = 0; offset < body.length; offset += size) {
    const piece = body.subarray(offset, offset + size);
    parts.push(Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from('0\r\n\r\n'));
  return Buffer.concat(parts);
}
