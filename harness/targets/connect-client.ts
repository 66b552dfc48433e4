// Builds @aws-sdk/client-connect clients for a target: one per variant (normal, wrong secret,
// unknown key, unsigned, skewed clock), all sending through one recording handler.
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
