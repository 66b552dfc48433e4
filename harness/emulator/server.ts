// startEmulator(): the embedded API. Listens, answers even what Node would answer itself
// (early-answers.ts), and closes gracefully (drain.ts).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { errorForCondition } from '../contract/index.ts';
import { createApp, HEALTH_PATH, type EmulatorApp } from './app.ts';
import { createAuthenticator } from './auth.ts';
import { ConnectionTracker } from './connections.ts';
import { drain } from './drain.ts';
import { answerEarlyRequests, lacksHost, missingHostError } from './early-answers.ts';
import { resolveOptions, type EmulatorOptions, type ResolvedOptions } from './options.ts';
import { Contacts } from './state/contacts.ts';
import { openStore } from './state/open-store.ts';
import { sendErrorAndClose } from './wire.ts';

export interface RunningEmulator extends AsyncDisposable {
  /** http://HOST:PORT */
  readonly url: string;
  readonly port: number;
  readonly options: ResolvedOptions;
  readonly app: EmulatorApp;
  /**
   * Stops gracefully (drain.ts): every request received is answered, requests arriving meanwhile
   * are refused with a retryable 503. `timeoutMs` bounds only requests still being received.
   */
  close(drain?: { timeoutMs?: number }): Promise<void>;
}

/** How long close() waits for requests still being received before refusing them. */
const DRAIN_TIMEOUT_MS = 10_000;
/** How long a connection must be quiet before close() closes it (drain.ts says why). */
const DRAIN_GRACE_MS = 250;

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
    stages: options.stages,
  };
  let app: EmulatorApp;
  try {
    app = createApp(options, service, createAuthenticator(options));
  } catch (error) {
    await store.close();
    throw error;
  }
  const tracker = new ConnectionTracker();
  let draining = false;
  const worker = options.worker;
  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    tracker.request(req, res);
    // Health answers only: which of the processes sharing the port answered (options.ts).
    if (worker !== undefined && req.url === HEALTH_PATH) res.setHeader('x-emulator-worker', worker);
    if (draining) sendErrorAndClose(req, res, errorForCondition('shutting-down', {}, options.profile), randomUUID());
    else if (lacksHost(req)) sendErrorAndClose(req, res, missingHostError(options.profile), randomUUID());
    else app.handle(req, res);
  };
  const server = createServer(
    {
      headersTimeout: options.headersTimeoutMs,
      requestTimeout: options.requestTimeoutMs,
      // How often Node checks those timeouts: often enough that a stalled client is cut near its limit.
      connectionsCheckingInterval: Math.min(1000, options.headersTimeoutMs),
      keepAliveTimeout: 5_000,
      // Node's own refusal is an empty 400; onRequest answers it AWS-shaped.
      requireHostHeader: false,
    },
    onRequest,
  );
  server.on('connection', tracker.connection);
  const refused = answerEarlyRequests(server, options.profile, tracker);

  let address: AddressInfo;
  try {
    address = await listen(server, options.host, options.port);
  } catch (error) {
    await store.close();
    throw new Error(`cannot listen on ${options.host}:${options.port}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  let closing: Promise<void> | undefined;

  const close = (settings: { timeoutMs?: number } = {}) =>
    (closing ??= (async () => {
      draining = true;
      await drain(server, tracker, {
        timeoutMs: settings.timeoutMs ?? DRAIN_TIMEOUT_MS,
        graceMs: DRAIN_GRACE_MS,
        refusal: errorForCondition('shutting-down', {}, options.profile),
      });
      for (const socket of refused) socket.destroy();
      await store.close();
      await options.observer?.close?.();
    })());

  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    options,
    app,
    close,
    [Symbol.asyncDispose]: () => close(),
  };
}
