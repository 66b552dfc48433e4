// What crosses between the shim's main thread and its HTTP worker: plain, structured-cloneable data.

export interface WireRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | undefined;
  readonly timeoutMs: number;
}

export interface WireResponse {
  /** 0 when no HTTP answer came back, as in k6. */
  readonly status: number;
  readonly statusText: string;
  /** Names as Node gives them (lowercase); the shim canonicalises them the way k6 does. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly durationMs: number;
  /** k6's error code for a network failure (e.g. 1212 connection refused), 0 otherwise. */
  readonly errorCode: number;
  readonly error: string;
}

export interface WorkerJob {
  readonly id: number;
  readonly requests: readonly WireRequest[];
  /** Sync jobs are answered on the sync port and signalled through the shared Int32Array. */
  readonly sync: boolean;
}

export interface WorkerReply {
  readonly id: number;
  readonly responses: readonly WireResponse[];
}
