// A deliberately small HTTP/1.1 client over node:net, for what the SDK and node:http cannot send:
// lowercase or garbage methods, lying Content-Length, bodies that stall, headers sent in pieces,
// keep-alive connections reused across many malformed requests. It parses only what the emulator
// sends back (Content-Length framed responses), and says when the server closed instead of answering.
import { connect, type Socket } from 'node:net';

export interface RawResponse {
  readonly status: number;
  readonly reason: string;
  /** Header names lowercased; repeated headers joined with ", ". */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
  readonly text: string;
}

export type RawResult =
  | { readonly kind: 'response'; readonly response: RawResponse; readonly elapsedMs: number }
  | { readonly kind: 'closed'; readonly partial: Buffer; readonly elapsedMs: number }
  | { readonly kind: 'timeout'; readonly partial: Buffer; readonly elapsedMs: number };

const CRLF2 = Buffer.from('\r\n\r\n');

/**
 * One response from the front of `buf`, or undefined while it is incomplete. `noBody` for answers
 * to HEAD, which carry a Content-Length but no body. Interim 1xx responses are skipped.
 */
export function parseResponse(buf: Buffer, noBody = false): { response: RawResponse; consumed: number } | undefined {
  let offset = 0;
  for (;;) {
    const end = buf.indexOf(CRLF2, offset);
    if (end < 0) return undefined;
    const lines = buf.subarray(offset, end).toString('latin1').split('\r\n');
    const statusLine = /^HTTP\/1\.[01] (\d{3})(?: (.*))?$/.exec(lines[0] ?? '');
    if (!statusLine) throw new Error(`not an HTTP status line: ${JSON.stringify(lines[0])}`);
    const status = Number(statusLine[1]);
    const headers: Record<string, string> = {};
    for (const line of lines.slice(1)) {
      const colon = line.indexOf(':');
      if (colon <= 0) throw new Error(`bad header line: ${JSON.stringify(line)}`);
      const name = line.slice(0, colon).trim().toLowerCase();
      const value = line.slice(colon + 1).trim();
      headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
    }
    const bodyStart = end + CRLF2.length;
    if (status >= 100 && status < 200) {
      offset = bodyStart;
      continue;
    }
    if (headers['transfer-encoding'] !== undefined) throw new Error(`unexpected transfer-encoding ${headers['transfer-encoding']}`);
    const length = noBody || status === 204 || status === 304 ? 0 : Number(headers['content-length'] ?? NaN);
    if (!Number.isInteger(length)) throw new Error(`response without a usable content-length (status ${status})`);
    if (buf.length < bodyStart + length) return undefined;
    const body = Buffer.from(buf.subarray(bodyStart, bodyStart + length));
    return { response: { status, reason: statusLine[2] ?? '', headers, body, text: body.toString('utf8') }, consumed: bodyStart + length };
  }
}

/** One TCP connection on which requests are sent one after the other (keep-alive). */
export class RawConnection {
  private readonly socket: Socket;
  private buffer: Buffer = Buffer.alloc(0);
  private isClosed = false;
  private wake: (() => void) | undefined;

  private constructor(socket: Socket) {
    this.socket = socket;
    socket.on('data', (chunk: Buffer) => {
      this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
      this.wake?.();
    });
    // A reset counts as a close: the caller decides whether a close was acceptable.
    socket.on('error', () => {});
    socket.on('close', () => {
      this.isClosed = true;
      this.wake?.();
    });
  }

  static open(port: number, host = '127.0.0.1'): Promise<RawConnection> {
    return new Promise((resolve, reject) => {
      const socket = connect({ port, host, noDelay: true });
      socket.once('connect', () => resolve(new RawConnection(socket)));
      socket.once('error', reject);
    });
  }

  get closed(): boolean {
    return this.isClosed;
  }

  /** Writes bytes without waiting for an answer (for requests sent in pieces). */
  write(data: Buffer | string): void {
    if (!this.isClosed) this.socket.write(data);
  }

  /** Waits for the next complete response, the server closing, or `timeoutMs`. */
  read(options: { noBody?: boolean; timeoutMs?: number; since?: number } = {}): Promise<RawResult> {
    const started = options.since ?? performance.now();
    const timeoutMs = options.timeoutMs ?? 10_000;
    return new Promise((resolve, reject) => {
      const done = (result: RawResult) => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve(result);
      };
      const check = () => {
        const elapsedMs = performance.now() - started;
        let parsed: ReturnType<typeof parseResponse>;
        try {
          parsed = parseResponse(this.buffer, options.noBody);
        } catch (error) {
          clearTimeout(timer);
          this.wake = undefined;
          return reject(error as Error);
        }
        if (parsed) {
          this.buffer = this.buffer.subarray(parsed.consumed);
          return done({ kind: 'response', response: parsed.response, elapsedMs });
        }
        if (this.isClosed) return done({ kind: 'closed', partial: this.buffer, elapsedMs });
      };
      const timer = setTimeout(() => done({ kind: 'timeout', partial: this.buffer, elapsedMs: performance.now() - started }), timeoutMs);
      this.wake = check;
      check();
    });
  }

  /** Sends one request and reads its response. */
  send(data: Buffer | string, options: { noBody?: boolean; timeoutMs?: number } = {}): Promise<RawResult> {
    const since = performance.now();
    this.write(data);
    return this.read({ ...options, since });
  }

  close(): void {
    this.socket.destroy();
  }
}

/** One request on a fresh connection, closed afterwards. */
export async function rawExchange(port: number, data: Buffer | string, options: { noBody?: boolean; timeoutMs?: number } = {}): Promise<RawResult> {
  const connection = await RawConnection.open(port);
  try {
    return await connection.send(data, options);
  } finally {
    connection.close();
  }
}

/** The bytes of one HTTP/1.1 request; Content-Length is computed unless a header of that name is given. */
export function httpRequest(method: string, path: string, headers: Readonly<Record<string, string>> = {}, body: Buffer | string = ''): Buffer {
  const payload = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  const lines = [`${method} ${path} HTTP/1.1`];
  const names = Object.keys(headers).map((h) => h.toLowerCase());
  if (!names.includes('host')) lines.push('host: 127.0.0.1');
  if (!names.includes('content-length') && !names.includes('transfer-encoding')) lines.push(`content-length: ${payload.length}`);
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), payload]);
}

/** Expects a response and returns it, failing with what happened instead. */
export function responseOf(result: RawResult): RawResponse {
  if (result.kind !== 'response') {
    throw new Error(`expected a response, the server ${result.kind === 'closed' ? 'closed the connection' : 'did not answer'} after ${Math.round(result.elapsedMs)} ms (partial: ${JSON.stringify(result.partial.toString('latin1').slice(0, 200))})`);
  }
  return result.response;
}

/** The parsed JSON body of a response (throws, naming the body, when it is not JSON). */
export function jsonOf(response: RawResponse): unknown {
  try {
    return JSON.parse(response.text) as unknown;
  } catch {
    throw new Error(`status ${response.status}: body is not JSON: ${JSON.stringify(response.text.slice(0, 200))}`);
  }
}
