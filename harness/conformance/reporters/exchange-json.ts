// One exchange as the JSON reports write it (conformance and diff alike): every attempt's request
// and answer redacted, a curl line to resend it, durations rounded. The types are what
// `connect-harness report` reads back (harness/report/inputs.ts), so the writer and the reader
// share one statement of the shape.
import type { Exchange } from '../../targets/exchange.ts';
import { curlFor, redactRequest, redactResponse } from '../redact.ts';
import { roundMs } from './round.ts';

export interface JsonAttempt {
  readonly request?: { readonly method?: string; readonly origin?: string; readonly path?: string; readonly headers?: Record<string, string>; readonly body?: string };
  readonly curl?: string;
  readonly response?: { readonly status?: number; readonly headers?: Record<string, string>; readonly body?: string };
  readonly networkError?: string;
}

export interface JsonExchange {
  readonly operation?: string;
  readonly durationMs?: number;
  readonly attempts?: readonly JsonAttempt[];
}

export function exchangeJson(exchange: Exchange) {
  return {
    operation: exchange.operation,
    durationMs: roundMs(exchange.durationMs),
    attempts: exchange.attempts.map((a) => ({
      request: redactRequest(a.request),
      curl: curlFor(a.request),
      response: a.response && redactResponse(a.response),
      networkError: a.networkError,
    })),
  } satisfies JsonExchange;
}
