// The request handler, built apart from any listening socket so that tests and the main job can
// drive it in-process. One request: route → size check → auth (headers) → body → auth (payload
// hash) → rate quota → injected faults → parse → handler → latency → answer. Callbacks, not
// async/await: a request answered from memory allocates no promise on the way.
import { hash, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorCatalogue, errorForCondition, type OperationName } from '../contract/index.ts';
import type { AuthDecision, Authenticator } from './auth.ts';
import { Faults } from './faults.ts';
import { handlers } from './handlers/index.ts';
import type { RequestEvent } from './observer.ts';
import type { ResolvedOptions } from './options.ts';
import { parseBody } from './parse-body.ts';
import { RateLimiter } from './quotas.ts';
import { route } from './router.ts';
import type { Caller, HandlerResult, Outcome, Service } from './service.ts';
import { outageHealthBody } from './state/store-outage.ts';
import { sendError, sendJson, type WireError } from './wire.ts';

/** The emulator's own liveness probe: not an AWS route (nothing in the API starts with "/__"). */
export const HEALTH_PATH = '/__emulator/health';

export interface EmulatorApp {
  readonly handle: (req: IncomingMessage, res: ServerResponse) => void;
  readonly service: Service;
  /** Requests being handled now (graceful shutdown waits for zero). */
  readonly inFlight: () => number;
}

type BodyRead = { readonly bytes: Buffer } | { readonly tooLarge: true };

/** Reads the body with callbacks rather than a promise: this is on every request's path. */
function readBody(req: IncomingMessage, limit: number, done: (body: BodyRead) => void, failed: (error: unknown) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  const onData = (chunk: Buffer) => {
    size += chunk.length;
    if (size > limit) {
      chunks.length = 0; // stop holding what was read; the rest is discarded unread
      req.off('data', onData);
      req.resume();
      done({ tooLarge: true });
      return;
    }
    chunks.push(chunk);
  };
  req.on('data', onData);
  req.on('end', () => {
    if (size <= limit) done({ bytes: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size) });
  });
  req.on('error', failed);
}

export function createApp(options: ResolvedOptions, service: Service, auth: Authenticator): EmulatorApp {
  const limiter = new RateLimiter(options.quotas, options.clock);
  const faults = new Faults(options.faults);
  const observer = options.observer;
  const defaultAccount = options.credentials.values().next().value?.accountId ?? '000000000000';
  let inFlight = 0;
  let internalErrors = 0;

  function finish(res: ServerResponse, requestId: string, started: number, operation: OperationName | 'unknown', result: HandlerResult | { ok: false; error: WireError & { condition?: string }; outcome: Outcome; instanceId?: string }, closeConnection = false): void {
    const extra = closeConnection ? { connection: 'close' } : undefined;
    if (result.ok) sendJson(res, 200, result.body, requestId, extra, result.asciiOnly);
    else sendError(res, result.error, requestId, extra);
    if (observer) {
      const event: RequestEvent = {
        operation,
        outcome: result.outcome,
        errorName: result.ok ? undefined : result.error.name,
        condition: result.ok ? undefined : result.error.condition,
        instanceId: result.instanceId !== undefined && service.instances.has(result.instanceId) ? result.instanceId : undefined,
        durationMs: performance.now() - started,
      };
      observer.request(event);
    }
  }

  type Failure = WireError & { condition?: string };

  function handleRequest(req: IncomingMessage, res: ServerResponse, requestId: string, started: number, failed: (error: unknown) => void): void {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const rawPath = q < 0 ? url : url.slice(0, q);
    const rawQuery = q < 0 ? '' : url.slice(q + 1);
    if (rawPath === HEALTH_PATH && req.method === 'GET') {
      // Outside the API, unsigned and unobserved: a container health check every few seconds must
      // neither need credentials nor show up in the request metrics. Unhealthy (503, naming the
      // store) while the ClientToken store is unreachable, since starts with a token are refused.
      req.resume();
      const outage = service.store.outage?.();
      if (outage) sendJson(res, 503, outageHealthBody(outage), requestId);
      else sendJson(res, 200, '{"status":"ok"}', requestId);
      return;
    }
    const matched = route(req.method, rawPath);
    if (!matched) {
      req.resume();
      const error = errorForCondition('unknown-operation', { reason: `${req.method} ${rawPath}` }, service.profile);
      return finish(res, requestId, started, 'unknown', { ok: false, error, outcome: 'rejected' });
    }
    const operation = matched.operation;
    const fail = (error: Failure, outcome: Outcome, closeConnection = false) => finish(res, requestId, started, operation, { ok: false, error, outcome }, closeConnection);
    const tooLarge = () => {
      res.once('finish', () => req.socket.destroySoon());
      fail(errorForCondition('body-too-large', { limit: options.maxBodyBytes }, service.profile), 'rejected', true);
    };
    // A declared length over the limit is refused before anything else reads the body.
    if (Number(req.headers['content-length']) > options.maxBodyBytes) return tooLarge();
    const decision = auth.headers(req.method ?? '', rawPath, rawQuery, req.headers);
    if (!decision.ok) {
      req.resume();
      return fail(decision.error, 'unauthorized');
    }
    // The rest runs once the body is in: payload hash, quotas, faults, parsing, the handler.
    const withBody = (body: BodyRead): void => {
      if ('tooLarge' in body) return tooLarge();
      let authorized: AuthDecision = decision;
      if (decision.deferred) {
        authorized = auth.full(req.method ?? '', rawPath, rawQuery, req.headers, hash('sha256', body.bytes, 'hex'));
        if (!authorized.ok) return fail(authorized.error, 'unauthorized');
      } else if (decision.claimedHash !== undefined) {
        const mismatch = auth.body(decision.claimedHash, hash('sha256', body.bytes, 'hex'));
        if (mismatch) return fail(mismatch, 'unauthorized');
      }
      const caller: Caller = (authorized.ok ? authorized.caller : undefined) ?? { accountId: defaultAccount, region: service.region };
      if (!limiter.allow(operation === 'StartWebRTCContact' ? 'start' : 'reads', caller.accountId, caller.region)) {
        return fail(errorForCondition('rate-throttle', {}, service.profile), 'throttled');
      }
      const injected = faults.next();
      if (injected) return fail(errorForCondition(injected, {}, service.profile), injected === 'injected-fault' ? 'fault' : 'throttled');
      const parsed = req.method === 'GET' ? { ok: true as const, value: undefined } : parseBody(body.bytes);
      if (!parsed.ok) return fail(errorForCondition(parsed.condition, { reason: parsed.reason }, service.profile), 'rejected');
      const result = handlers[operation](service, { labels: matched.labels, body: parsed.value, caller });
      const answer = (settled: HandlerResult) => {
        const delay = faults.latencyMs();
        if (delay > 0) setTimeout(() => finish(res, requestId, started, operation, settled), delay);
        else finish(res, requestId, started, operation, settled);
      };
      if (result instanceof Promise) result.then(answer, failed);
      else answer(result);
    };
    readBody(
      req,
      options.maxBodyBytes,
      (body) => {
        try {
          withBody(body);
        } catch (error) {
          failed(error);
        }
      },
      failed,
    );
  }

  /** Whatever escaped a request's handling: a client gone away, or a bug answered as a 500. */
  function internalError(req: IncomingMessage, res: ServerResponse, requestId: string, started: number, error: unknown): void {
    // The client went away mid-request (aborted, reset, timed out): nobody is left to answer, and
    // it is not the service's fault.
    // (Not req.destroyed: a request whose body has been read to the end is destroyed too.)
    if (req.socket?.destroyed || (error as NodeJS.ErrnoException)?.code === 'ECONNRESET' || (error as Error)?.message === 'aborted') {
      if (!res.headersSent) res.destroy();
      return;
    }
    // A bug, not the client's fault: answer as the service would and say what broke, without
    // anything from the request (it may carry secrets). The first few get a stack trace. (If the
    // answer had already gone out, there is nothing left to answer or count as a request.)
    internalErrors++;
    if (internalErrors <= 3) process.stderr.write(`emulator: internal error on ${req.method} ${(req.url ?? '').split('?')[0]}: ${(error as Error)?.stack ?? String(error)}\n`);
    else if (internalErrors === 4) process.stderr.write('emulator: further internal errors are counted, not printed\n');
    if (res.headersSent) return;
    const { status } = errorCatalogue.InternalServiceException;
    finish(res, requestId, started, 'unknown', { ok: false, outcome: 'fault', error: { name: 'InternalServiceException', status, message: 'Internal error' } });
  }

  const requestClosed = () => {
    inFlight--;
  };

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const started = performance.now();
    const requestId = randomUUID();
    inFlight++;
    res.once('close', requestClosed);
    const failed = (error: unknown) => internalError(req, res, requestId, started, error);
    try {
      handleRequest(req, res, requestId, started, failed);
    } catch (error) {
      failed(error);
    }
  };

  return { handle, service, inFlight: () => inFlight };
}
