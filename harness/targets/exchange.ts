// What went over the wire for one SDK call: every attempt's request and response, as recorded by
// the recording HTTP handler. Checks judge these, so they see exactly what an SDK user's code sees
// plus what the SDK hides (headers such as x-amzn-ErrorType, the raw JSON).

export interface WireRequest {
  /** scheme://host[:port] the request went to. */
  readonly origin: string;
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string | readonly string[] | null>>;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export interface WireResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export interface Attempt {
  readonly request: WireRequest;
  readonly response: WireResponse | undefined;
  /** Set when no response came back (connection refused, reset, timed out). */
  readonly networkError: string | undefined;
}

/** An AWS error as the SDK surfaced it. */
export interface SdkError {
  readonly name: string;
  readonly status: number | undefined;
  readonly message: string;
  readonly fault: string | undefined;
}

export interface Exchange {
  readonly operation: string;
  readonly attempts: readonly Attempt[];
  readonly durationMs: number;
}

export type CallResult<T = Record<string, unknown>> =
  | { readonly ok: true; readonly output: T; readonly exchange: Exchange }
  | { readonly ok: false; readonly error: SdkError; readonly exchange: Exchange };

export function lastResponse(exchange: Exchange): WireResponse | undefined {
  return exchange.attempts.at(-1)?.response;
}
