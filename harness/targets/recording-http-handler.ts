// An SDK HTTP handler that sends through the SDK's own Node handler and keeps a copy of each
// attempt. AsyncLocalStorage ties attempts to the call that made them, so concurrent calls on one
// client never mix their records.
import { AsyncLocalStorage } from 'node:async_hooks';
import { Agent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { HttpRequest, HttpResponse } from '@smithy/types';
import type { Attempt } from './exchange.ts';

type Handle = NodeHttpHandler['handle'];

async function readAll(body: unknown): Promise<Buffer> {
  if (body === undefined || body === null) return Buffer.alloc(0);
  if (body instanceof Uint8Array) return Buffer.from(body);
  const chunks: Buffer[] = [];
  for await (const chunk of body as AsyncIterable<Buffer | string>) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}

function headersOf(headers: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) if (v !== undefined) out[k.toLowerCase()] = String(v);
  return out;
}

function requestBody(request: HttpRequest): string {
  const body: unknown = request.body;
  if (body === undefined || body === null) return '';
  if (typeof body === 'string') return body;
  // Views the bytes directly: Buffer.from(view) would call the SDK body's valueOf(), which warns.
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
  return '[stream]';
}

export class RecordingHttpHandler {
  readonly metadata = { handlerProtocol: 'http/1.1' };
  private readonly inner: NodeHttpHandler;
  private readonly slots = new AsyncLocalStorage<Attempt[]>();

  constructor(options: { maxSockets?: number; requestTimeoutMs?: number } = {}) {
    const maxSockets = options.maxSockets ?? 256;
    this.inner = new NodeHttpHandler({
      httpAgent: new Agent({ keepAlive: true, maxSockets }),
      httpsAgent: new HttpsAgent({ keepAlive: true, maxSockets }),
      requestTimeout: options.requestTimeoutMs ?? 30_000,
      connectionTimeout: 5_000,
    });
  }

  /** Runs fn with a fresh record; every attempt fn's SDK calls make lands in the returned array. */
  async record<T>(fn: () => Promise<T>): Promise<{ attempts: Attempt[]; result: PromiseSettledResult<T> }> {
    const attempts: Attempt[] = [];
    const result = await this.slots.run(attempts, async () => {
      try {
        return { status: 'fulfilled', value: await fn() } as const;
      } catch (reason) {
        return { status: 'rejected', reason } as const;
      }
    });
    return { attempts, result };
  }

  handle: Handle = async (request, options) => {
    const slot = this.slots.getStore();
    const wireRequest = {
      origin: `${request.protocol ?? 'https:'}//${request.hostname}${request.port ? `:${request.port}` : ''}`,
      method: request.method,
      path: request.path,
      query: { ...(request.query ?? {}) },
      headers: headersOf(request.headers),
      body: requestBody(request),
    };
    try {
      const { response } = await this.inner.handle(request, options);
      const bytes = await readAll(response.body);
      slot?.push({
        request: wireRequest,
        response: { status: response.statusCode, headers: headersOf(response.headers), body: bytes.toString('utf8') },
        networkError: undefined,
      });
      (response as HttpResponse).body = bytes; // the SDK's body collector takes bytes as they are
      return { response };
    } catch (error) {
      slot?.push({ request: wireRequest, response: undefined, networkError: (error as Error).message || String(error) });
      throw error;
    }
  };

  updateHttpClientConfig(key: never, value: never): void {
    this.inner.updateHttpClientConfig(key, value);
  }

  httpHandlerConfigs() {
    return this.inner.httpHandlerConfigs();
  }

  destroy(): void {
    this.inner.destroy();
  }
}
