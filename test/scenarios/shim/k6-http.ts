// Shim of `k6/http`: real requests (through the synchronous worker client), responses shaped like
// k6's (header names canonicalised as Go does, status 0 and error_code on network failure), and the
// built-in http_* samples with k6's tags. Plain http only; string bodies only.
import { emit, systemTags } from './state.ts';
import { sendAsync, sendSync } from './sync-http.ts';
import type { WireRequest, WireResponse } from './wire.ts';

interface Params {
  headers?: Record<string, string>;
  tags?: Record<string, string>;
  timeout?: string | number;
  responseCallback?: ResponseCallback;
}

type Body = string | null | undefined;
type ResponseCallback = (res: { status: number }) => boolean;
type BatchEntry = readonly [string, string, Body?, (Params | null)?] | { method: string; url: string; body?: Body; params?: Params | null };

const DEFAULT_TIMEOUT_MS = 60_000;
let defaultCallback: ResponseCallback = (res) => res.status >= 200 && res.status < 400;

/** Go's textproto.CanonicalMIMEHeaderKey: `x-amzn-errortype` becomes `X-Amzn-Errortype`. */
export function canonicalHeaderName(name: string): string {
  return name
    .split('-')
    .map((part) => (part.length === 0 ? part : part[0]!.toUpperCase() + part.slice(1).toLowerCase()))
    .join('-');
}

function timeoutMs(timeout: string | number | undefined): number {
  if (timeout === undefined) return DEFAULT_TIMEOUT_MS;
  if (typeof timeout === 'number') return timeout;
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)$/.exec(timeout);
  if (!m) throw new Error(`k6 shim: unsupported timeout "${timeout}"`);
  return Number(m[1]) * (m[2] === 'ms' ? 1 : m[2] === 's' ? 1000 : 60_000);
}

function wireRequest(method: string, url: string, body: Body, params: Params | null | undefined): WireRequest {
  if (body !== null && body !== undefined && typeof body !== 'string') throw new Error('k6 shim: only string bodies are supported');
  return {
    method: method.toUpperCase(),
    url,
    headers: { 'user-agent': 'k6-shim (test code)', ...params?.headers },
    body: body ?? undefined,
    timeoutMs: timeoutMs(params?.timeout),
  };
}

export class ShimResponse {
  readonly status: number;
  readonly status_text: string;
  readonly headers: Record<string, string>;
  readonly body: string;
  readonly error: string;
  readonly error_code: number;
  readonly url: string;
  readonly timings: { duration: number; waiting: number; blocked: 0; connecting: 0; tls_handshaking: 0; sending: 0; receiving: 0 };
  readonly request: { method: string; url: string; headers: Record<string, string[]>; body: string };

  constructor(req: WireRequest, wire: WireResponse) {
    this.status = wire.status;
    this.status_text = wire.statusText;
    this.headers = Object.fromEntries(Object.entries(wire.headers).map(([k, v]) => [canonicalHeaderName(k), v]));
    this.body = wire.body;
    this.error = wire.error;
    this.error_code = wire.errorCode;
    this.url = req.url;
    this.timings = { duration: wire.durationMs, waiting: wire.durationMs, blocked: 0, connecting: 0, tls_handshaking: 0, sending: 0, receiving: 0 };
    this.request = {
      method: req.method,
      url: req.url,
      headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [canonicalHeaderName(k), [v]])),
      body: req.body ?? '',
    };
  }

  json(selector?: string): unknown {
    if (selector !== undefined) throw new Error('k6 shim: json(selector) is not supported');
    return JSON.parse(this.body);
  }
}

function record(req: WireRequest, res: ShimResponse, params: Params | null | undefined): void {
  const expected = (params?.responseCallback ?? defaultCallback)(res);
  const tags: Record<string, string> = {
    ...systemTags(),
    method: req.method,
    url: req.url,
    name: req.url,
    status: String(res.status),
    expected_response: String(expected),
    ...(res.error_code ? { error_code: String(res.error_code) } : {}),
    ...params?.tags,
  };
  emit('http_reqs', 1, tags);
  emit('http_req_duration', res.timings.duration, tags);
  emit('http_req_failed', expected ? 0 : 1, tags);
}

export function request(method: string, url: string, body?: Body, params?: Params | null): ShimResponse {
  const req = wireRequest(method, url, body, params);
  const res = new ShimResponse(req, sendSync([req])[0]!);
  record(req, res, params);
  return res;
}

export const get = (url: string, params?: Params | null) => request('GET', url, null, params);
export const head = (url: string, params?: Params | null) => request('HEAD', url, null, params);
export const post = (url: string, body?: Body, params?: Params | null) => request('POST', url, body, params);
export const put = (url: string, body?: Body, params?: Params | null) => request('PUT', url, body, params);
export const patch = (url: string, body?: Body, params?: Params | null) => request('PATCH', url, body, params);
export const del = (url: string, body?: Body, params?: Params | null) => request('DELETE', url, body, params);
export const options = (url: string, body?: Body, params?: Params | null) => request('OPTIONS', url, body, params);

export async function asyncRequest(method: string, url: string, body?: Body, params?: Params | null): Promise<ShimResponse> {
  const req = wireRequest(method, url, body, params);
  const res = new ShimResponse(req, await sendAsync(req));
  record(req, res, params);
  return res;
}

/** All requests in flight at once; the answers in the order (or under the keys) of the requests. */
export function batch(requests: readonly BatchEntry[] | Record<string, BatchEntry>): unknown {
  const entries = Object.entries(requests as Record<string, BatchEntry>);
  const prepared = entries.map(([, entry]) => {
    const [method, url, body, params] = Array.isArray(entry) ? entry : [(entry as { method: string }).method, (entry as { url: string }).url, (entry as { body?: Body }).body, (entry as { params?: Params | null }).params];
    return { req: wireRequest(method, url, body, params), params };
  });
  const answers = sendSync(prepared.map((p) => p.req));
  const responses = prepared.map(({ req, params }, i) => {
    const res = new ShimResponse(req, answers[i]!);
    record(req, res, params);
    return res;
  });
  return Array.isArray(requests) ? responses : Object.fromEntries(entries.map(([key], i) => [key, responses[i]]));
}

export function expectedStatuses(...statuses: (number | { min: number; max: number })[]): ResponseCallback {
  return (res) => statuses.some((s) => (typeof s === 'number' ? res.status === s : res.status >= s.min && res.status <= s.max));
}

export function setResponseCallback(callback: ResponseCallback): void {
  defaultCallback = callback;
}

export default { request, get, head, post, put, patch, del, options, asyncRequest, batch, expectedStatuses, setResponseCallback };
