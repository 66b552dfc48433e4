// Builds @aws-sdk/client-connect clients for a target: one per variant (normal, wrong secret,
// unknown key, unsigned, skewed clock), all sending through one recording handler.
import { AsyncLocalStorage } from 'node:async_hooks';
import { ConnectClient } from '@aws-sdk/client-connect';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider, FinalizeHandler, FinalizeHandlerArguments, MetadataBearer } from '@smithy/types';
import type { RecordingHttpHandler } from './recording-http-handler.ts';

export type Credentials = AwsCredentialIdentity | AwsCredentialIdentityProvider;

export type AuthVariant = 'signed' | 'wrong-secret' | 'unknown-key' | 'unsigned' | 'skewed-clock';

export interface ClientSettings {
  readonly endpoint: string | undefined;
  readonly region: string;
  /** undefined: the AWS default credential provider chain. */
  readonly credentials: Credentials | undefined;
  readonly handler: RecordingHttpHandler;
  readonly maxAttempts: number;
  readonly variant: AuthVariant;
}

/** A request's bytes as they were recorded: sent instead of what the SDK builds, then signed. */
export interface WireOverride {
  readonly method: string;
  /** As it went on the wire (percent-encoded). */
  readonly path: string;
  readonly query: Readonly<Record<string, string | readonly string[] | null>>;
  readonly body: string;
}

const wireOverride = new AsyncLocalStorage<WireOverride>();

/** Runs `fn` with every request its SDK calls build replaced by `wire` (before signing). */
export function withWireOverride<T>(wire: WireOverride, fn: () => Promise<T>): Promise<T> {
  return wireOverride.run(wire, fn);
}

/** Clock skew used by the skewed-clock variant: past the 15 minutes SigV4 allows. */
export const SKEW_MS = 16 * 60 * 1000;

async function resolveCredentials(credentials: Credentials | undefined): Promise<AwsCredentialIdentity> {
  if (credentials === undefined) {
    const { defaultProvider } = await import('@aws-sdk/credential-provider-node');
    return defaultProvider()();
  }
  return typeof credentials === 'function' ? credentials() : credentials;
}

function variantCredentials(settings: ClientSettings): Credentials | undefined {
  switch (settings.variant) {
    case 'wrong-secret':
      return async () => ({ ...(await resolveCredentials(settings.credentials)), secretAccessKey: 'not-the-secret-0000000000000000000000000' });
    case 'unknown-key':
      return { accessKeyId: 'AKIAUNKNOWNHARNESSKEY', secretAccessKey: 'not-the-secret-0000000000000000000000000' };
    default:
      return settings.credentials;
  }
}

export function buildClient(settings: ClientSettings): ConnectClient {
  const credentials = variantCredentials(settings);
  const client = new ConnectClient({
    region: settings.region,
    ...(settings.endpoint === undefined ? {} : { endpoint: settings.endpoint }),
    ...(credentials === undefined ? {} : { credentials }),
    requestHandler: settings.handler,
    maxAttempts: settings.maxAttempts,
    ...(settings.variant === 'skewed-clock' ? { systemClockOffset: SKEW_MS } : {}),
  });
  // A recorded request, re-sent: its method, path, query and body replace the SDK's, and the
  // signature (next) covers them. Every other header (host, dates, user agent) is this client's.
  client.middlewareStack.addRelativeTo(
    (next: FinalizeHandler<object, MetadataBearer>) => async (args: FinalizeHandlerArguments<object>) => {
      const wire = wireOverride.getStore();
      const request = args.request as { method?: string; path?: string; query?: Record<string, unknown>; body?: unknown; headers?: Record<string, string> };
      if (wire && request.headers) {
        request.method = wire.method;
        request.path = wire.path;
        request.query = { ...wire.query };
        request.body = wire.body === '' ? undefined : wire.body;
        for (const name of Object.keys(request.headers)) if (name.toLowerCase() === 'content-length') delete request.headers[name];
        if (wire.body !== '') request.headers['content-length'] = String(Buffer.byteLength(wire.body));
      }
      return next(args);
    },
    { relation: 'before', toMiddleware: 'httpSigningMiddleware', name: 'harnessWireOverride', override: true },
  );
  if (settings.variant === 'skewed-clock') {
    // The SDK corrects its clock from the Date header of every answer, so after the first refusal
    // this client would sign with the right time: skew it again before each signing.
    client.middlewareStack.addRelativeTo(
      (next: FinalizeHandler<object, MetadataBearer>) => async (args: FinalizeHandlerArguments<object>) => {
        client.config.systemClockOffset = SKEW_MS;
        return next(args);
      },
      { relation: 'before', toMiddleware: 'httpSigningMiddleware', name: 'harnessSkewClock', override: true },
    );
  }
  if (settings.variant === 'unsigned') {
    client.middlewareStack.addRelativeTo(
      (next: FinalizeHandler<object, MetadataBearer>) => async (args: FinalizeHandlerArguments<object>) => {
        const request = args.request as { headers?: Record<string, string> };
        if (request.headers) {
          delete request.headers.authorization;
          delete request.headers.Authorization;
        }
        return next(args);
      },
      { relation: 'after', toMiddleware: 'httpSigningMiddleware', name: 'harnessStripAuthorization', override: true },
    );
  }
  return client;
}
