// The real AWS SDK pointed at an emulator, and the few request builders the emulator suites share.
import { ConnectClient, ConnectServiceException, type ConnectClientConfig, type StartWebRTCContactCommandInput } from '@aws-sdk/client-connect';
import { afterAll, beforeAll } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../harness/emulator/server.ts';
import type { EmulatorOptions } from '../../harness/emulator/options.ts';
import { DEFAULT_CONTACT_FLOW_ID, DEFAULT_CREDENTIALS, DEFAULT_INSTANCE_ID, DEFAULT_REGION } from '../../harness/contract/defaults.ts';

export const instanceId = DEFAULT_INSTANCE_ID;
export const contactFlowId = DEFAULT_CONTACT_FLOW_ID;

/** An SDK client for an emulator (in-process or not): default test credentials, no retries unless asked for. */
export function clientFor(emulator: { readonly url: string; readonly options?: { readonly region: string } }, config: Partial<ConnectClientConfig> = {}): ConnectClient {
  return new ConnectClient({
    endpoint: emulator.url,
    region: emulator.options?.region ?? DEFAULT_REGION,
    credentials: { accessKeyId: DEFAULT_CREDENTIALS.accessKeyId, secretAccessKey: DEFAULT_CREDENTIALS.secretAccessKey },
    maxAttempts: 1,
    ...config,
  });
}

/** A valid StartWebRTCContact input; `overrides` replace members (undefined removes one). */
export function startInput(overrides: Partial<Record<keyof StartWebRTCContactCommandInput, unknown>> = {}): StartWebRTCContactCommandInput {
  const input: Record<string, unknown> = {
    InstanceId: instanceId,
    ContactFlowId: contactFlowId,
    ParticipantDetails: { DisplayName: 'Test Caller' },
  };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) delete input[key];
    else input[key] = value;
  }
  return input as unknown as StartWebRTCContactCommandInput;
}

/** The error a promise rejects with; fails when it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<ConnectServiceException> {
  let value: unknown;
  try {
    value = await promise;
  } catch (error) {
    if (error instanceof ConnectServiceException) return error;
    throw new Error(`expected a service exception, got ${(error as Error)?.name}: ${(error as Error)?.message}`, { cause: error });
  }
  throw new Error(`expected the call to fail, it succeeded: ${JSON.stringify(value).slice(0, 300)}`);
}

/** The SDK output without $metadata (which differs between two answers of one request). */
export function withoutMetadata<T extends { $metadata?: unknown }>(output: T): Omit<T, '$metadata'> {
  const { $metadata: _metadata, ...rest } = output;
  return rest;
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * One emulator (unlimited quotas unless told otherwise) and one SDK client for a whole test file,
 * started before its tests and closed after them; `use` receives both.
 */
export function emulatorForSuite(use: (emulator: RunningEmulator, client: ConnectClient) => void, options: EmulatorOptions = {}): void {
  let emulator: RunningEmulator | undefined;
  let client: ConnectClient | undefined;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, quotas: { preset: 'unlimited' }, ...options });
    client = clientFor(emulator);
    use(emulator, client);
  });
  afterAll(async () => {
    client?.destroy();
    await emulator?.close();
  });
}
