// Speed-tuned: guarded by `npm run bench -- emulator`.
// The request handler, built apart from any listening socket so that tests and the main job can
// drive it in-process. A request goes through named stages, in the order `handleRequest` reads;
// each either lets it pass (undefined) or refuses it (a Refusal, answered as an AWS error):
//
//   health → route → admit (admission.ts) → declared size → authenticate headers
//   → read body → body size → authenticate payload → quota → injected fault → parse
//   → handler → latency → answer
//
// Written for speed (guarded by `npm run bench -- emulator`, BENCHMARKS.md): callbacks, not
// async/await, so a request answered from memory allocates no promise; one Exchange object per
// request instead of closures; refusals that do not depend on the request built once.
import { hash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorCatalogue, errorForCondition, type AwsError, type OperationName } from '../contract/index.ts';
import { parseBody } from '../contract/parse-body.ts';
import { Admission, RETRY_AFTER_SECONDS } from './admission.ts';
import type { AuthDecision, Authenticator } from './auth.ts';
import { Faults } from './faults.ts';
import { flatUuid } from './flat-uuid.ts';
import { handlers } from './handlers/index.ts';
import type { RequestEvent } from './observer.ts';
import type { ResolvedOptions } from './options.ts';
import { RateLimiter, type RateTicket } from './quotas.ts';
import { readBody, type BodyRead } from './read-body.ts';
import { route } from './router.ts';
import type { Caller, HandlerResult, Outcome, Service } from './service.ts';
import { outageHealthBody } from './state/store-outage.ts';
import { isAnswered, sendError, sendErrorAndClose, sendJson, type WireError } from './wire.ts';

/** The emulator's own liveness probe: not an AWS route (nothing in the API starts with "/__"). */
export const HEALTH_PATH = '/__emulator/health';

export interface EmulatorApp {
  readonly handle: (req: IncomingMessage, res: ServerResponse) => void;
  readonly service: Service;
  /** Requests being handled now (graceful shutdown waits for zero). */
  readonly inFlight: () => number;
  /** Requests shed by admission control so far. */
  readonly shed: () => number;
}

export function createApp(options: ResolvedOptions, service: Service, auth: Authenticator): EmulatorApp {
  const limiter = new RateLimiter(options.quotas, options.clock);
  const faults = new Faults(options.faults);
  const admission = new Admission(options.admission, service.profile);
  const observer = options.observer;
  const defaultAccount = options.credentials.values().next().value?.accountId ?? '000000000000';
  /** A store shared by several processes keeps the rate buckets too (withinQuota, settleQuota). */
  const shared = service.store.shared;
  let inFlight = 0;
  let internalErrors = 0;

  /** `closeAfter`: a refusal whose body may still be coming; the connection closes once it is read (wire.ts). */
  function finish(res: ServerResponse, requestId: string, started: number, operation: OperationName | 'unknown', result: HandlerResult | { ok: false; error: WireError & { condition?: string }; outcome: Outcome; instanceId?: string }, closeAfter?: IncomingMessage): void {
    if (result.ok) sendJson(res, 200, result.body, requestId, undefined, result.asciiOnly);
    else if (closeAfter) sendErrorAndClose(closeAfter, res, result.error, requestId);
    else sendError(res, result.error, requestId);
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
  /** Why a stage refused, how the request is counted, and what becomes of a body not yet read. */
  interface Refusal {
    readonly error: Failure;
    readonly outcome: Outcome;
    /** `discard`: read and drop it, the connection stays usable; `close-after`: answer, drain, close (wire.ts). */
    readonly unread?: 'discard' | 'close-after';
  }
  const tooLarge: Refusal = { error: errorForCondition('body-too-large', { limit: options.maxBodyBytes }, service.profile), outcome: 'rejected', unread: 'close-after' };

  /** One request on its way through the stages: what each stage learnt, for the ones after it. */
  class Exchange {
    operation: OperationName | 'unknown' = 'unknown';
    labels: Readonly<Record<string, string>> = {};
    decision: Extract<AuthDecision, { ok: true }> | undefined = undefined;
    caller: Caller | undefined = undefined;
    body: unknown = undefined;
    /** With a shared store: the rate quota still to be charged (quotas.ts RateTicket). */
    quota: RateTicket | undefined = undefined;
    readonly rawPath: string;
    readonly rawQuery: string;
    readonly req: IncomingMessage;
    readonly res: ServerResponse;
    readonly requestId: string;
    readonly started: number;
    readonly failed: (error: unknown) => void;
    constructor(req: IncomingMessage, res: ServerResponse, requestId: string, started: number, failed: (error: unknown) => void) {
      this.req = req;
      this.res = res;
      this.requestId = requestId;
      this.started = started;
      this.failed = failed;
      const url = req.url ?? '/';
      const q = url.indexOf('?');
      this.rawPath = q < 0 ? url : url.slice(0, q);
      this.rawQuery = q < 0 ? '' : url.slice(q + 1);
    }
  }

  // ---- Stages before the body ----

  /** Outside the API, unsigned and unobserved: a health check must neither need keys nor show in the metrics. */
  function answerHealth(x: Exchange): boolean {
    if (x.rawPath !== HEALTH_PATH || x.req.method !== 'GET') return false;
    x.req.resume();
    // Unhealthy (503, naming the store) while the Redis store is unreachable: requests that need it are refused.
    const outage = service.store.outage?.();
    if (outage) sendJson(x.res, 503, outageHealthBody(outage), x.requestId);
    else sendJson(x.res, 200, '{"status":"ok"}', x.requestId);
    return true;
  }

  function routed(x: Exchange): Refusal | undefined {
    const matched = route(x.req.method, x.rawPath);
    if (!matched) return { error: errorForCondition('unknown-operation', { reason: `${x.req.method} ${x.rawPath}` }, service.profile), outcome: 'rejected', unread: 'discard' };
    x.operation = matched.operation;
    x.labels = matched.labels;
    return undefined;
  }

  /** Sheds at once, before auth and body, past the bounds on work in progress. */
  function admitted(x: Exchange): Refusal | undefined {
    const overloaded = admission.check(inFlight, x.started);
    if (!overloaded) return undefined;
    x.res.setHeader('retry-after', RETRY_AFTER_SECONDS);
    return { error: overloaded, outcome: 'shed', unread: 'discard' };
  }

  /** A declared length over the limit is refused before anything reads the body. */
  function declaredSizeFits(x: Exchange): Refusal | undefined {
    return Number(x.req.headers['content-length']) > options.maxBodyBytes ? tooLarge : undefined;
  }

  function headersAuthenticated(x: Exchange): Refusal | undefined {
    const decision = auth.headers(x.req.method ?? '', x.rawPath, x.rawQuery, x.req.headers);
    if (!decision.ok) return { error: decision.error, outcome: 'unauthorized', unread: 'discard' };
    x.decision = decision;
    return undefined;
  }

  // ---- Stages once the body is in ----

  function payloadAuthenticated(x: Exchange, bytes: Buffer): Refusal | undefined {
    const decision = x.decision!;
    let authorized: AuthDecision = decision;
    if (decision.deferred) {
      authorized = auth.full(x.req.method ?? '', x.rawPath, x.rawQuery, x.req.headers, hash('sha256', bytes, 'hex'));
      if (!authorized.ok) return { error: authorized.error, outcome: 'unauthorized' };
    } else if (decision.claimedHash !== undefined) {
      const mismatch = auth.body(decision.claimedHash, hash('sha256', bytes, 'hex'));
      if (mismatch) return { error: mismatch, outcome: 'unauthorized' };
    }
    x.caller = (authorized.ok ? authorized.caller : undefined) ?? { accountId: defaultAccount, region: service.region };
    return undefined;
  }

  function withinQuota(x: Exchange): Refusal | undefined {
    const kind = x.operation === 'StartWebRTCContact' ? 'start' : 'reads';
    // Shared: charged by the handler's own store call (one round trip), or by settleQuota before a
    // refusal decided earlier. The answer is the same as here: a throttle comes first.
    if (shared) x.quota = limiter.ticket(kind, x.caller!.accountId, x.caller!.region);
    else if (!limiter.allow(kind, x.caller!.accountId, x.caller!.region)) return throttled();
    return undefined;
  }

  function throttled(): Refusal {
    return { error: errorForCondition('rate-throttle', {}, service.profile), outcome: 'throttled' };
  }

  /**
   * A request refused before its shared store call still has its rate quota charged first, so that
   * a throttle wins as it does at the door; `then` gets the throttle, or undefined. False when
   * nothing is owed. A store that cannot answer leaves the refusal as it is.
   */
  function settleQuota(x: Exchange, then: (throttle: Refusal | undefined) => void): boolean {
    const quota = x.quota;
    if (!quota || quota.spent) return false;
    shared!
      .take(quota, options.clock.now())
      .catch(() => true)
      .then((passed) => then(passed ? undefined : throttled()))
      .catch(x.failed);
    return true;
  }

  function noInjectedFault(): Refusal | undefined {
    const injected = faults.next();
    if (!injected) return undefined;
    return { error: errorForCondition(injected, {}, service.profile), outcome: injected === 'injected-fault' ? 'fault' : 'throttled' };
  }

  function parsed(x: Exchange, bytes: Buffer): Refusal | undefined {
    if (x.req.method === 'GET') return undefined;
    const result = parseBody(bytes);
    if (!result.ok) return { error: errorForCondition(result.condition, { reason: result.reason }, service.profile), outcome: 'rejected' };
    x.body = result.value;
    return undefined;
  }

  /** The operation's handler, then the injected latency, then the answer. */
  function runHandler(x: Exchange): void {
    const operation = x.operation as OperationName;
    const result = handlers[operation](service, { labels: x.labels, body: x.body, caller: x.caller!, quota: x.quota });
    const answer = (settled: HandlerResult) => {
      if (!settled.ok && settleQuota(x, (throttle) => answer(throttle ? { ok: false, error: throttle.error as AwsError, outcome: throttle.outcome } : settled))) return;
      const delay = faults.latencyMs();
      if (delay > 0) setTimeout(() => finish(x.res, x.requestId, x.started, operation, settled), delay);
      else finish(x.res, x.requestId, x.started, operation, settled);
    };
    if (result instanceof Promise) result.then(answer, x.failed);
    else answer(result);
  }

  function refuse(x: Exchange, refusal: Refusal): void {
    if (settleQuota(x, (throttle) => refuse(x, throttle ?? refusal))) return;
    if (refusal.unread === 'discard') x.req.resume();
    finish(x.res, x.requestId, x.started, x.operation, { ok: false, error: refusal.error, outcome: refusal.outcome }, refusal.unread === 'close-after' ? x.req : undefined);
  }

  // ---- The order ----

  function handleRequest(x: Exchange): void {
    if (answerHealth(x)) return;
    const early = routed(x) ?? admitted(x) ?? declaredSizeFits(x) ?? headersAuthenticated(x);
    if (early) return refuse(x, early);
    readBody(x.req, options.maxBodyBytes, (body) => afterBody(x, body), x.failed);
  }

  function afterBody(x: Exchange, body: BodyRead): void {
    try {
      if ('tooLarge' in body) return refuse(x, tooLarge);
      const refusal = payloadAuthenticated(x, body.bytes) ?? withinQuota(x) ?? noInjectedFault() ?? parsed(x, body.bytes);
      if (refusal) return refuse(x, refusal);
      runHandler(x);
    } catch (error) {
      x.failed(error);
    }
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
    if (isAnswered(res)) return;
    const { status } = errorCatalogue.InternalServiceException;
    finish(res, requestId, started, 'unknown', { ok: false, outcome: 'fault', error: { name: 'InternalServiceException', status, message: 'Internal error' } });
  }

  const requestClosed = () => {
    inFlight--;
  };

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const started = performance.now();
    const requestId = flatUuid();
    inFlight++;
    // `on`, not `once` (which wraps the listener per request): Node emits a response's 'close' once.
    res.on('close', requestClosed);
    const failed = (error: unknown) => internalError(req, res, requestId, started, error);
    try {
      handleRequest(new Exchange(req, res, requestId, started, failed));
    } catch (error) {
      failed(error);
    }
  };

  return { handle, service, inFlight: () => inFlight, shed: () => admission.shed };
}
