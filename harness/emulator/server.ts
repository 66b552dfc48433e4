// startEmulator(): the embedded API. Listens, and closes gracefully: stop accepting, let requests in
// flight finish, close idle keep-alive connections, then the stores.
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { randomUUID } from 'node:crypto';
import { errorForCondition } from '../contract/index.ts';
import { createApp, type EmulatorApp } from './app.ts';
import { createAuthenticator } from './auth.ts';
import { resolveOptions, type EmulatorOptions, type ResolvedOptions } from './options.ts';
import { Contacts } from './state/contacts.ts';
import { openStore } from './state/open-store.ts';
import { rawErrorResponse, type WireError } from './wire.ts';

export interface RunningEmulator extends AsyncDisposable {
  /** http://HOST:PORT */
  readonly url: string;
  readonly port: number;
  readonly options: ResolvedOptions;
  readonly app: EmulatorApp;
  close(): Promise<void>;
}

/** How long close() waits for requests in flight before cutting connections. */
const DRAIN_TIMEOUT_MS = 10_000;

function clientErrorResponse(options: ResolvedOptions, code: string | undefined): WireError {
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return errorForCondition('request-timeout', {}, options.profile);
  return errorForCondition('malformed-http', { reason: code ?? 'unknown' }, options.profile);
}

function listen(server: Server, host: string, port: number): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

export async function startEmulator(input: EmulatorOptions = {}): Promise<RunningEmulator> {
  const options = resolveOptions(input);
  const store = await openStore(options);
  const contacts = new Contacts({
    maxConcurrentCalls: options.quotas.maxConcurrentCalls,
    callDurationMs: options.callDurationMs,
    maxRetained: options.maxRetainedContacts,
  });
  const service = {
    region: options.region,
    instances: options.instanceIds,
    flows: options.contactFlowIds,
    profile: options.profile,
    strictTokens: options.strictTokens,
    clock: options.clock,
    contacts,
    store,
    defects: options.defects,
  };
  let app: EmulatorApp;
  try {
    app = createApp(options, service, createAuthenticator(options));
  } catch (error) {
    await store.close();
    throw error;
  }
  const server = createServer(
    {
      headersTimeout: options.headersTimeoutMs,
      requestTimeout: options.requestTimeoutMs,
      // How often Node checks those timeouts: often enough that a stalled client is cut near its limit.
      connectionsCheckingInterval: Math.min(1000, options.headersTimeoutMs),
      keepAliveTimeout: 5_000,
    },
    app.handle,
  );
  // Node's own answer to a request it cannot parse or that timed out is a bare status line: send
  // the AWS-shaped error instead, so SDKs and tests see the same format as everywhere else.
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    if (!socket.writable || error.code === 'ECONNRESET') {
      socket.destroy();
      return;
    }
    socket.end(rawErrorResponse(clientErrorResponse(options, error.code), randomUUID()));
  });

  // CONNECT and protocol upgrades are not part of this API: answer as for any unknown operation and
  // close, rather than letting Node drop the socket or leave the parser in upgrade mode.
  // Such sockets leave the HTTP server's bookkeeping, so closeAllConnections() would not end them.
  const refused = new Set<Duplex>();
  const refuseSocket = (req: { method?: string | undefined; url?: string | undefined }, socket: Duplex) => {
    const error = errorForCondition('unknown-operation', { reason: `${req.method} ${(req.url ?? '').split('?')[0]}` }, options.profile);
    refused.add(socket);
    socket.once('close', () => refused.delete(socket));
    socket.on('error', () => socket.destroy());
    socket.end(rawErrorResponse(error, randomUUID()));
    setTimeout(() => socket.destroy(), 1000).unref(); // a peer that never closes its side
  };
  server.on('connect', refuseSocket);
  server.on('upgrade', refuseSocket);

  let address: AddressInfo;
  try {
    address = await listen(server, options.host, options.port);
  } catch (error) {
    await store.close();
    throw new Error(`cannot listen on ${options.host}:${options.port}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  let closing: Promise<void> | undefined;

  const close = () =>
    (closing ??= (async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const deadline = Date.now() + DRAIN_TIMEOUT_MS;
      while (app.inFlight() > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      // Connections that were busy are idle now; anything still open past the deadline is cut.
      server.closeIdleConnections();
      server.closeAllConnections();
      for (const socket of refused) socket.destroy();
      await closed;
      await store.close();
      await options.observer?.close?.();
    })());

  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    options,
    app,
    close,
    [Symbol.asyncDispose]: close,
  };
}
