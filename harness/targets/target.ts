// A target is where requests go: the embedded emulator, an endpoint URL, or the real AWS API.
// Everything above this folder talks to a Target and never asks which kind it is, except to print.
import type { ConnectClient } from '@aws-sdk/client-connect';
import { buildClient, withWireOverride, type AuthVariant, type Credentials, type WireOverride } from './connect-client.ts';
import type { CallResult, Exchange, SdkError } from './exchange.ts';
import { HarnessError } from './harness-error.ts';
import { send, type OperationName } from './operations.ts';
import type { Pacer } from './pacer.ts';
import { RecordingHttpHandler } from './recording-http-handler.ts';

export interface CallOptions {
  /** Default 1: conformance judges single attempts; retries would hide what the target answered. */
  readonly maxAttempts?: number;
  readonly auth?: AuthVariant;
  /** Skip the pacer (the throttling probe wants a burst). */
  readonly unpaced?: boolean;
  /**
   * Default true: a 429 is waited out and the call repeated (up to about 15 s), because a quota
   * shared with other traffic must not turn into findings. The throttling probe turns this off.
   */
  readonly retryThrottled?: boolean;
  /**
   * Send these bytes instead of what the SDK would build from `input` (method, path, query, body),
   * signed as usual: how a recorded request is sent again (`conformance --replay-cassette`).
   * `input` must still name the operation's path labels.
   */
  readonly wire?: WireOverride;
}

/** Hears every exchange a target makes (every call, also preflight and cleanup), with how it was signed. */
export type ExchangeListener = (exchange: Exchange, call: { readonly auth: AuthVariant }) => void;

/** Listeners shared by the targets that make up one (the embedded emulator and its throttling probe). */
export class ExchangeListeners {
  private readonly listeners = new Set<ExchangeListener>();
  add(listener: ExchangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  emit(exchange: Exchange, call: { readonly auth: AuthVariant }): void {
    for (const listener of this.listeners) listener(exchange, call);
  }
}

/** Back-off before repeating a throttled call, in milliseconds. */
const THROTTLE_BACKOFF_MS = [250, 500, 1000, 2000, 4000, 8000];

export interface ThrottleProbe {
  readonly target: Target;
  readonly ratePerSecond: number;
  readonly burst: number;
}

export interface Target {
  readonly kind: 'emulator' | 'endpoint' | 'aws';
  /** Safe to print: no secrets. */
  readonly description: string;
  /** The URL requests go to (safe to print). */
  readonly endpoint: string;
  readonly region: string;
  readonly instanceId: string;
  readonly contactFlowId: string;
  /** Whether auth checks make sense (an emulator started with --no-auth accepts anything). */
  readonly authEnforced: boolean;
  /** How many requests at once this target takes without harm (the concurrency checks' width). */
  readonly concurrency: number;
  call(operation: OperationName, input: Record<string, unknown>, options?: CallOptions): Promise<CallResult>;
  /** A target on which a burst must be throttled, and its known rate; undefined when none may be probed. */
  throttleProbe(): Promise<ThrottleProbe | undefined>;
  /** ContactIds started through this target and not yet stopped. */
  startedContacts(): readonly string[];
  /**
   * Stops the contacts started so far, on targets where contacts are stopped at all (real and shared
   * services): between cases, so a run never holds more calls open than one case needs, which on a
   * service with a concurrent-call quota (10 per instance by default) would turn into throttling.
   */
  releaseStarted(): Promise<void>;
  /** Refuse further calls (Ctrl-C): calls in progress finish, new ones throw a HarnessError. */
  interrupt(reason: string): void;
  /** Stops what it started when asked to (even after interrupt), then releases connections. */
  close(): Promise<void>;
  /** Has `listener` hear every exchange from now on, until the returned function is called. */
  onExchange(listener: ExchangeListener): () => void;
}

export interface SdkTargetSettings {
  readonly kind: Target['kind'];
  readonly description: string;
  readonly endpoint: string | undefined;
  readonly region: string;
  readonly credentials: Credentials | undefined;
  readonly instanceId: string;
  readonly contactFlowId: string;
  readonly authEnforced: boolean;
  readonly concurrency: number;
  /** Stop every started contact on close (real contact centres must not be left ringing). */
  readonly stopContactsOnClose: boolean;
  readonly pacer?: Pacer;
  readonly throttleProbe?: () => Promise<ThrottleProbe | undefined>;
  readonly onClose?: () => Promise<void>;
  /** Shared with the targets this one is part of; default its own. */
  readonly exchangeListeners?: ExchangeListeners;
}

function sdkError(error: unknown): SdkError | undefined {
  const e = error as { name?: string; message?: string; $metadata?: { httpStatusCode?: number }; $fault?: string };
  const status = e?.$metadata?.httpStatusCode;
  if (status === undefined) return undefined; // no HTTP answer: not the target's error, ours
  return { name: e.name ?? 'Error', status, message: e.message ?? '', fault: e.$fault };
}

export class SdkTarget implements Target {
  readonly kind: Target['kind'];
  readonly description: string;
  readonly endpoint: string;
  readonly region: string;
  readonly instanceId: string;
  readonly contactFlowId: string;
  readonly authEnforced: boolean;
  readonly concurrency: number;
  private readonly settings: SdkTargetSettings;
  private readonly handler = new RecordingHttpHandler();
  private readonly clients = new Map<string, ConnectClient>();
  private readonly started = new Set<string>();
  private closed = false;
  private interrupted: string | undefined;
  private readonly listeners: ExchangeListeners;

  constructor(settings: SdkTargetSettings) {
    this.settings = settings;
    this.kind = settings.kind;
    this.description = settings.description;
    this.endpoint = settings.endpoint ?? `https://connect.${settings.region}.amazonaws.com`;
    this.region = settings.region;
    this.instanceId = settings.instanceId;
    this.contactFlowId = settings.contactFlowId;
    this.authEnforced = settings.authEnforced;
    this.concurrency = settings.concurrency;
    this.listeners = settings.exchangeListeners ?? new ExchangeListeners();
  }

  onExchange(listener: ExchangeListener): () => void {
    return this.listeners.add(listener);
  }

  private client(maxAttempts: number, variant: AuthVariant): ConnectClient {
    const key = `${maxAttempts}/${variant}`;
    let client = this.clients.get(key);
    if (!client) {
      const { endpoint, region, credentials } = this.settings;
      this.clients.set(key, (client = buildClient({ endpoint, region, credentials, handler: this.handler, maxAttempts, variant })));
    }
    return client;
  }

  call(operation: OperationName, input: Record<string, unknown>, options: CallOptions = {}): Promise<CallResult> {
    return this.waitingOutThrottles(options, () => this.callOnce(operation, input, options));
  }

  private async waitingOutThrottles(options: CallOptions, send: () => Promise<CallResult>): Promise<CallResult> {
    for (const backoff of options.retryThrottled === false ? [] : THROTTLE_BACKOFF_MS) {
      const result = await send();
      if (result.ok || result.error.status !== 429) return result;
      await new Promise((resolve) => setTimeout(resolve, backoff));
    }
    return send();
  }

  interrupt(reason: string): void {
    this.interrupted ??= reason;
  }

  private async callOnce(operation: OperationName, input: Record<string, unknown>, options: CallOptions, cleanup = false): Promise<CallResult> {
    if (this.closed) throw new HarnessError('target is closed');
    if (this.interrupted !== undefined && !cleanup) throw new HarnessError(this.interrupted);
    if (this.settings.pacer && !options.unpaced) await this.settings.pacer.wait();
    const auth = options.auth ?? 'signed';
    const client = this.client(options.maxAttempts ?? 1, auth);
    const started = performance.now();
    const sending = () => send(client, operation, input);
    const { attempts, result } = await this.handler.record(options.wire ? () => withWireOverride(options.wire!, sending) : sending);
    const exchange: Exchange = { operation, attempts, durationMs: performance.now() - started };
    this.listeners.emit(exchange, { auth });
    if (result.status === 'fulfilled') {
      const contactId = operation === 'StartWebRTCContact' ? result.value.ContactId : undefined;
      if (typeof contactId === 'string') this.started.add(contactId);
      if (operation === 'StopContact' && typeof input.ContactId === 'string') this.started.delete(input.ContactId);
      return { ok: true, output: result.value, exchange };
    }
    const error = sdkError(result.reason);
    if (!error) {
      const reason = attempts.at(-1)?.networkError ?? (result.reason as Error)?.message ?? String(result.reason);
      throw new HarnessError(`${operation} to ${this.description} got no HTTP answer: ${reason}`);
    }
    return { ok: false, error, exchange };
  }

  throttleProbe(): Promise<ThrottleProbe | undefined> {
    return this.settings.throttleProbe?.() ?? Promise.resolve(undefined);
  }

  startedContacts(): readonly string[] {
    return [...this.started];
  }

  async releaseStarted(): Promise<void> {
    if (!this.settings.stopContactsOnClose) return;
    for (const contactId of [...this.started]) {
      const input = { InstanceId: this.instanceId, ContactId: contactId };
      const result = await this.call('StopContact', input);
      // Already ended (or never known): nothing left to stop.
      if (!result.ok && (result.error.status === 410 || result.error.status === 404)) this.started.delete(contactId);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    if (this.settings.stopContactsOnClose) {
      for (const contactId of this.started) {
        // Unpaced would be rude to a real quota; paced stops still finish (StopContact has 10/s).
        const input = { InstanceId: this.instanceId, ContactId: contactId };
        await this.waitingOutThrottles({}, () => this.callOnce('StopContact', input, {}, true)).catch(() => undefined);
      }
    }
    this.closed = true;
    for (const client of this.clients.values()) client.destroy();
    this.handler.destroy();
    await this.settings.onClose?.();
  }
}
